"""What every page shares: the language, cached models, per-view results, URL query parameters, housekeeping."""
import asyncio
import asyncio.base_events
import ctypes
import gc
import json
import socket
import threading
import time

import streamlit as st
import streamlit.components.v1 as components

from app_pages.strings import LANGUAGES, t
from lstm_core.bundled import load_bundled
from viz import figures

_RUN = threading.local()        # the language of the script run on this thread (init_language sets it)


def T(key, **fmt):
    """The string `key` in the user's language. A page run asks for a few hundred strings (the cell panel of every
    step of the window): the language is read once per run (init_language, on the run's own thread: Streamlit
    runs each script run on a new thread), not through the session state's proxies on every call: 1 µs a call
    instead of 4 (1,000 calls in a script run under AppTest, 0.9-1.5 ms against 3.9-6.1 ms)."""
    return t(key, getattr(_RUN, "lang", None) or st.session_state.get("lang", "en"), **fmt)


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


_NODELAY = threading.Lock()


def send_without_delay():
    """Once per server: TCP_NODELAY on every connection to a browser.

    Streamlit's server makes its listening socket with socket.socket(family) (protocol number 0), and asyncio
    turns Nagle's algorithm off only for sockets whose protocol number says TCP, so it stays on. A reply
    smaller than one segment (64 KB on loopback) that follows another write then waits for the browser's
    delayed ACK: 40 ms on Linux. A step move, whose figure the browser already has, took 48 ms instead of 9
    (tools/interaction_cost.py, wall column). Turned off here for the listening socket (Linux hands the option
    on to connections it accepts), the connections already open, and those asyncio makes from now on. Finding the
    open ones scans the heap once per server: 45 ms on the first page run."""
    with _NODELAY:
        if getattr(send_without_delay, "done", False):
            return
        send_without_delay.done = True

        def nodelay(sock):
            if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6) \
                    and sock.type == socket.SOCK_STREAM:
                try:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                except OSError:
                    pass

        asyncio.base_events._set_nodelay = nodelay
        for obj in gc.get_objects():
            if isinstance(obj, asyncio.base_events.Server):
                for sock in obj.sockets:
                    nodelay(sock)
            elif isinstance(obj, asyncio.Transport):
                nodelay(obj.get_extra_info("socket"))


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
    _RUN.lang = lang


def projector_toggle():
    """The sidebar's projector switch, seeded from the link (view=projector) and written back to it on every run,
    so it survives page switches and shared links as the language does. Then the view is applied (apply_view)."""
    if "projector" not in st.session_state:
        st.session_state["projector"] = st.query_params.get("view") == "projector"
    st.toggle(T("projector"), key="projector", help=T("projector_help"))
    if projector():
        st.query_params["view"] = "projector"
    else:
        st.query_params.pop("view", None)
    apply_view()


def projector():
    return bool(st.session_state.get("projector", False))


def role_text(feature, limit=26):
    """What a named unit tracks, in the user's language: the card's feature is a key of the role_* strings;
    a feature the tables do not know (a card from elsewhere) is shown as written, cut to `limit` characters."""
    key = f"role_{feature}"
    text = T(key)
    if text == key:
        text = str(feature)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def role_with_evidence(card, unit, layer=0, direction=0):
    """The unit picker's role of a named unit: what it tracks, its score on held-out text of the model's corpus
    and on a text from outside it (tools/name_units.py), and "holds on both" when the card says so. None for a
    unit the card does not name here."""
    entry = card.named(unit, layer, direction)      # card: lstm_core.card.ModelCard
    if entry is None:
        return None
    text = role_text(entry.feature)
    if entry.score is None:
        return text
    metric = "AUC" if entry.metric == "auc" else "r"
    if entry.outside_score is not None:
        text += T("role_scores", metric=metric, held=entry.score, outside=entry.outside_score)
    else:
        text += T("role_scores_held", metric=metric, held=entry.score)
    return text + (T("role_holds_both") if entry.holds_on_both else "")


def heatmap_style():
    """The step-through figure's sizes in the current view."""
    return figures.PROJECTOR if projector() else figures.NORMAL


# Projector mode for every page: the page's own layout stays; this makes text large, removes what a class does not
# need to read (the page's title and introduction, Streamlit's menu) and tightens the spacing so the step-through view
# fits a 1280x720 screen with the sidebar collapsed. Pages leave out what only a reader at a desk needs (introduction,
# explanations the figure already shows) when projector() is on, or mark it in their HTML with the class lx-desk,
# and mark rows of controls whose labels the projector drops (values and placeholders say enough) with
# key="lx_bar...".
PROJECTOR_CSS = """<style>
[data-testid=stHeader] { height: 2.25rem; background: transparent; }
[data-testid=stDecoration], [data-testid=stToolbarActions], [data-testid=stMainMenu] { display: none; }
.stMain .block-container { padding: 2.25rem 1.25rem 1rem 1.25rem; max-width: none; }
.stMain [data-testid=stVerticalBlock] { gap: .3rem; }
.stMain h1 { display: none; }
[class*="st-key-lx_bar"] [data-testid=stWidgetLabel] { display: none; }
/* a bar of controls wraps rather than cut its labels ("Continue th...") when the sidebar is open: each control as
   wide as its label, the text box taking what is left, down to 16rem */
[class*="st-key-lx_bar"] [data-testid=stHorizontalBlock] { flex-wrap: wrap; row-gap: .3rem; }
[class*="st-key-lx_bar"] [data-testid=stColumn] { flex: 0 1 auto !important; width: auto !important;
  min-width: max-content !important; }
[class*="st-key-lx_bar_input"] [data-testid=stColumn]:first-child { flex: 1 1 16rem !important;
  min-width: 16rem !important; }
.stMain h3 { font-size: 1.2rem; padding: 0; }
.stMain [data-testid=stHeading] [data-testid=stMarkdownContainer] { margin-bottom: 0; }  /* its -1rem met h3's 1rem */
.stMain .lx-desk { display: none; }
.stMain p, .stMain li, .stMain label p, .stMain [data-testid=stCaptionContainer],
.stMain [data-testid=stCaptionContainer] p, .stMain [data-testid=stWidgetLabel] p,
.stMain input, .stMain button p { font-size: 1rem; }
.stMain [data-testid=stMarkdownContainer] p { font-size: 1.05rem; }
.stMain .lx-panel, .stMain .lx-panel div, .stMain .lx-panel span, .stMain .lx-panel code,
.stMain .lx-panel td, .stMain .lx-panel th { font-size: 1rem !important; }
.stMain .st-key-text textarea { height: 2.6rem !important; min-height: 2.6rem !important; }
.stMain svg.lx-cell-diagram { max-height: calc(100vh - 17.5rem); }
.stMain .lx-shaded { font-size: 1.35rem !important; line-height: 1.75 !important; max-height: 3.6em;
  overflow-y: auto; }
</style>"""


# What a lesson link (hide=sidebar,controls,...) can hide, as TensorFlow Playground's classroom links do.
HIDE_CSS = {
    "sidebar": "[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], [data-testid=stExpandSidebarButton]",
    "input": "[class*='st-key-lx_bar_input']",
    "controls": "[class*='st-key-lx_bar_steps'], [class*='st-key-lx_bar_view']",
}


def hidden_parts():
    """The parts a lesson link hides: read once per session from the link (hide=a,b), kept on every page and
    written back to the URL, so the view a teacher shared stays as chosen; unknown names are ignored."""
    if "_hide" not in st.session_state:
        asked = (st.query_params.get("hide") or "").split(",")
        st.session_state["_hide"] = [part for part in HIDE_CSS if part in asked]
    return st.session_state["_hide"]


def apply_view():
    """Projector mode's CSS and the sidebar folded away on a fresh page load, and what a lesson link hides (one
    call for every page)."""
    if projector():
        st.set_page_config(initial_sidebar_state="collapsed")
        st.html(PROJECTOR_CSS)
    hide = hidden_parts()
    if hide:
        st.query_params["hide"] = ",".join(hide)
        st.html("<style>" + ", ".join(HIDE_CSS[part] for part in hide) + " { display: none !important; }</style>")
    else:
        st.query_params.pop("hide", None)


def share_view():
    """'Share this view': a link to exactly what the page shows now (page, model, text, step, unit, language,
    projector mode; the URL the pages keep up to date), with the parts the teacher chooses hidden. Made in the
    browser when asked, so it carries the step the reader moved to since the page last ran."""
    keep("share_hide", [], list, every_page=True)   # kept while the expander is closed (its content is not drawn then)
    box = st.expander(T("share_title"), key="share_open", on_change="rerun")
    if not box.open:                            # drawn only when asked: it costs every rerun of every page otherwise
        return
    with box:
        hide = st.multiselect(T("share_hide"), list(HIDE_CSS), key="share_hide",
                              format_func=translated_labels("share_hide", lambda part, lang: t(f"share_{part}", lang)))
        components.html(share_widget(hide, T("share_button"), T("share_copied")), height=96)


def share_widget(hide, button, copied):
    """HTML and script of the share button: the current address with hide=... set (or removed), in a box to
    copy. Every text reaches the script as JSON ("</" written "<\\/" so no text can end the script)."""
    def js(value):
        return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")

    return f"""<div style="font-family:sans-serif">
<button id="b" style="padding:.35rem .8rem;border-radius:.4rem;border:1px solid #ccc;background:#fff;cursor:pointer">
</button>
<input id="u" readonly style="width:100%;margin-top:.4rem;font-size:.8rem;padding:.25rem" aria-label="link">
<span id="c" style="font-size:.8rem;color:#15803d"></span></div>
<script>
const hide = {js(list(hide))}, button = document.getElementById("b"), box = document.getElementById("u");
button.textContent = {js(button)};
button.onclick = () => {{
  const url = new URL(window.parent.location.href);
  if (hide.length) url.searchParams.set("hide", hide.join(",")); else url.searchParams.delete("hide");
  box.value = url.toString(); box.select();
  navigator.clipboard?.writeText(box.value).then(
    () => {{ document.getElementById("c").textContent = {js(copied)}; }}, () => {{}});
}};
</script>"""


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


def keep(key, default=None, parse=str, link=None, valid=None, to_link=str, link_default=True, every_page=False):
    """A value of this page that outlives its widget, the page and the session's other pages, and reopens from a
    link: the one way pages keep their inputs (the view's step, unit, layer, direction, shading and gates are the
    Cursor's: app_pages/cursor.py). Call it where the value is read, before its widget. -> the value.

    Seeded once, when the session has none: the link's parameter `link`, else what this page last had (a widget
    off the page for a run loses its value: an empty text stopped the page, a popover was closed, the reader was
    on another page), else `default`; `valid` filters the candidates (a model the page does not offer) and
    drops a kept value that no longer fits. Then it is handed back to its widget (Streamlit would otherwise draw a
    widget that was off the page with its own default while the session keeps the value), kept for this page,
    and written to the link as to_link(value) (link_default=False: left out when it is the default).
    every_page: one value for the whole session (a choice in the sidebar, a why-tool's), not one per page."""
    state, page = st.session_state, None if every_page else st.session_state.get("_page")
    kept = state.setdefault("_kept", {})
    if key not in state or state[key] is None or (valid is not None and not valid(state[key])):
        state[key] = default
        for candidate in (st.query_params.get(link) if link else None, kept.get((page, key))):
            try:
                value = None if candidate is None else parse(candidate)
            except (TypeError, ValueError):
                continue
            if value is not None and (valid is None or valid(value)):
                state[key] = value
                break
    else:
        state[key] = state[key]
    value = kept[(page, key)] = state[key]
    if link:
        shown = None if value is None or (not link_default and value == default) else to_link(value)
        if shown is None:
            st.query_params.pop(link, None)
        else:
            st.query_params[link] = str(shown)
    return value


def kept(key, default=None):
    """This page's value of `key` when its widget may be off the page: the session's, else what keep() last kept
    for this page, else `default`."""
    state = st.session_state
    if state.get(key) is not None:
        return state[key]
    return state.get("_kept", {}).get((state.get("_page"), key), default)


def set_kept(key, value):
    """Set a kept value from a callback (a preset that moves sliders, some of them off the page)."""
    st.session_state[key] = value
    st.session_state.setdefault("_kept", {})[(st.session_state.get("_page"), key)] = value


def drop_link(*names):
    """Take these parameters out of the link (a value the page does not show now, such as the bundled model while
    an upload is shown)."""
    for name in names:
        st.query_params.pop(name, None)


def explain_error(err):
    """An UploadError or ValueError as a message in the user's language."""
    key = getattr(err, "key", None)
    if key:
        return T(key, **getattr(err, "details", {}))
    return T("err_generic", detail=str(err))
