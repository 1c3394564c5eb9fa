"""What every page shares: the language, cached models, and URL query parameters."""
import streamlit as st

from lstm_core.bundled import load_bundled
from viz.i18n import LANGUAGES, t


def T(key, **fmt):
    """The string `key` in the user's language."""
    return t(key, st.session_state.get("lang", "en"), **fmt)


def init_language():
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "en")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else "en"
    st.query_params["lang"] = st.session_state["lang"]


@st.cache_resource(max_entries=16)
def bundled_model(name):
    """Loaded once per server, shared by every session (models are never modified)."""
    return load_bundled(name)


def from_url(key, parse=str, default=None):
    """A session value seeded once from the URL's query parameter of the same name (links reopen a view)."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        try:
            st.session_state[key] = default if raw is None else parse(raw)
        except (TypeError, ValueError):
            st.session_state[key] = default
    return st.session_state[key]


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
