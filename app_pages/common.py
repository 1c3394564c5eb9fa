"""What every page shares: the language, cached models, per-view results, URL query parameters, housekeeping."""
import ctypes
import gc
import threading
import time

import streamlit as st

from lstm_core.bundled import load_bundled
from viz.i18n import LANGUAGES, t


def T(key, **fmt):
    """The string `key` in the user's language."""
    return t(key, st.session_state.get("lang", "en"), **fmt)


def option_labels(prefix, key):
    """format_func for the radio or selectbox `key` whose options are string keys `prefix + option`."""
    return translated_labels(key, lambda option, lang: t(f"{prefix}{option}", lang))


def translated_labels(key, label):
    """format_func for the widget `key` whose option labels depend on the language: label(option, lang).

    Streamlit keeps a keyed widget's identity when its labels change, and a browser holds a radio's or
    selectbox's value as the label it shows. After a language switch the server reads that old label
    correctly (with the previous run's labels) but the browser, told nothing, would show no selection (a
    radio) or the old label (a selectbox) until a reload. So every widget made through here is registered, and
    init_language hands its value back to it once when the language changes: Streamlit then sends the value in
    the new labels. The language is fixed when the widget is made (AppTest formats options again later,
    outside the script run)."""
    st.session_state.setdefault("_translated_widgets", set()).add(key)
    lang = st.session_state.get("lang", "en")
    return lambda option: label(option, lang)


@st.cache_resource(show_spinner=False)
def collect_garbage_every(seconds=60):
    """Once per server: a thread that runs Python's cyclic garbage collector every `seconds`.
    Streamlit's collection after every rerun is off (.streamlit/config.toml: it took 56% of the CPU under load),
    and a closed session is a cycle of objects (session, script runner, fragments holding its traces) that
    only the cyclic collector frees. On a quiet server it might not run for hours; this bounds the wait."""
    def loop():
        while True:
            time.sleep(seconds)
            gc.collect()
            release_free_memory()

    limit_malloc_arenas()
    threading.Thread(target=loop, name="collect-garbage", daemon=True).start()
    return seconds


def glibc():
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:                                         # not glibc: these tunings do not apply
        return None


def release_free_memory():
    """Hand memory the allocator holds free back to the system (glibc's malloc_trim; elsewhere nothing):
    after a class leaves, freed objects otherwise keep the server's resident size at its peak."""
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)


def limit_malloc_arenas(arenas=2):
    """glibc gives concurrent threads (Streamlit runs each rerun in a thread of its own) separate malloc
    arenas, up to 8 per core, and each keeps freed memory of its own. After a class of 40 left, the server
    stayed 30-40 MB above its baseline with the default and 26-28 MB with this call; MALLOC_ARENA_MAX=2 in
    the environment, read before the first allocation, gave 19-20 MB (tools/memory_check.py, README)."""
    libc = glibc()
    if libc is not None:
        libc.mallopt(-8, arenas)                            # -8: M_ARENA_MAX in glibc's malloc.h


def init_language():
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "en")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else "en"
    lang = st.session_state["lang"]
    if st.session_state.get("_drawn_lang", lang) != lang:
        for key in st.session_state.get("_translated_widgets", ()):
            if key in st.session_state:                 # read with the old labels, sent out in the new ones
                st.session_state[key] = st.session_state[key]
    st.session_state["_drawn_lang"] = lang
    st.query_params["lang"] = lang


@st.cache_resource(max_entries=16)
def bundled_model(name):
    """Loaded once per server, shared by every session (models are never modified)."""
    return load_bundled(name)


def per_view(kind, key, build, shared=False):
    """build() once per view. `key` names everything the result depends on.
    shared: the view is the same for every session (a bundled model on its bundled input), so one copy in a
    bounded server cache serves a whole class. Otherwise the copy lives in this session, one view per kind,
    and goes with the session (see collect_garbage_every): what one user typed never stays on the server.
    Results are shared, never copied: callers must not modify them."""
    if shared:
        return _shared_view(kind, repr(key), build)     # one string: Streamlit hashes a tuple item by item
    views = st.session_state.setdefault("_views", {})
    if kind not in views or views[kind][0] != key:
        views.pop(kind, None)                   # drop the old view before building the new one
        views[kind] = (key, build())
    return views[kind][1]


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)
def _shared_view(kind, key, _build):
    return _build()


def from_url(key, parse=str, default=None, url_key=None, valid=None):
    """A session value seeded once from the URL's query parameter `url_key` (default: `key`), so a link
    reopens a view; else from what this page last showed in this session (see remember); else `default`.
    `valid` filters candidates (a model name the page does not offer, a unit out of range)."""
    if key not in st.session_state:
        raw = st.query_params.get(url_key or key)
        kept = st.session_state.get("_kept", {}).get((st.session_state.get("_page"), key))
        st.session_state[key] = default
        for candidate in (raw, kept):
            try:
                value = None if candidate is None else parse(candidate)
            except (TypeError, ValueError):
                continue
            if value is not None and (valid is None or valid(value)):
                st.session_state[key] = value
                break
    return st.session_state[key]


def remember(*keys):
    """Keep these session values for this page: Streamlit drops a widget's value when another page runs,
    and the URL loses its parameters, so coming back would otherwise reset the view."""
    kept = st.session_state.setdefault("_kept", {})
    for key in keys:
        if key in st.session_state:
            kept[(st.session_state.get("_page"), key)] = st.session_state[key]


def to_url(**values):
    for key, value in values.items():
        if value is None:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = str(value)


def explain_error(err):
    """An UploadError or ValueError as a message in the user's language."""
    key = getattr(err, "key", None)
    if key:
        return T(key, **getattr(err, "details", {}))
    return T("err_generic", detail=str(err))
