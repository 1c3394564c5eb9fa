"""LSTM Explorer: `streamlit run app.py`. Sidebar (language), navigation; pages live in app_pages/."""
import os

# Before NumPy loads OpenBLAS: the server answers many small requests, and BLAS worker threads only spin
# on the other core between them (an Enter cost 100-105 ms of server CPU with two threads, 23-24 ms with
# one, tools/interaction_cost.py). Set OPENBLAS_NUM_THREADS yourself to override.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from app_pages.common import (  # noqa: E402
    T,
    collect_garbage_every,
    init_language,
    projector_toggle,
    send_without_delay,
    share_view,
)

st.set_page_config(page_title="LSTM Explorer", page_icon="🧠", layout="wide")
collect_garbage_every(60)
send_without_delay()
init_language()

pages = [
    st.Page("app_pages/home.py", title=T("nav_home"), icon="🏠", default=True),
    st.Page("app_pages/sentence.py", title=T("nav_sentence"), icon="🔤", url_path="sentence"),
    st.Page("app_pages/series.py", title=T("nav_series"), icon="📈", url_path="series"),
    st.Page("app_pages/models.py", title=T("nav_model"), icon="📦", url_path="models"),
    st.Page("app_pages/cell.py", title=T("cell_nav"), icon="🔬", url_path="cell"),
    st.Page("app_pages/compare.py", title=T("compare_nav"), icon="⚖️", url_path="compare"),
    st.Page("app_pages/learn.py", title=T("learn_nav"), icon="🎓", url_path="learn"),
]
page = st.navigation(pages)
st.session_state["_came_from"] = st.session_state.get("_page")   # the page of the last run (None on the first)
st.session_state["_page"] = page.url_path or "home"         # pages remember their own view (common.remember)
with st.sidebar:
    st.radio(T("language"), ["en", "zh"], key="lang", horizontal=True,
             format_func=lambda code: {"en": "English", "zh": "简体中文"}[code])
    projector_toggle()
    share_view()
page.run()
