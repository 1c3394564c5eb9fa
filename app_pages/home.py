"""/: what an LSTM is, one live example, where to go next."""
import numpy as np
import streamlit as st

from app_pages.common import T, bundled_model
from lstm_core.bundled import DEFAULT_TEXT_MODEL
from viz import figures
from viz.text_view import tokens_for_display

# One line of each language's default model (the model's card has the longer default text).
EXAMPLE = {"en": "ROMEO:\nBut, soft! what light through yonder window breaks?\n", "zh": "床前明月光，疑是地上霜。"}

st.title(T("home_title"))
st.markdown(T("home_intro"))

left, right = st.columns([3, 2])
with left:
    st.subheader(T("home_equations"))
    st.latex(r"""\begin{aligned}
i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \\
f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\
g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \tanh(c_t)
\end{aligned}""")
    st.caption(T("home_equations_caption"))
with right:
    st.subheader(T("home_gates"))
    for gate in ("f", "i", "g", "o", "c", "h"):
        st.markdown(f"- **{gate}** — {T(f'explain_{gate}')}")

lang = st.session_state.get("lang", "en")
example = EXAMPLE[lang]
st.subheader(T("home_live", text=example.strip().replace("\n", " ")))
model = bundled_model(DEFAULT_TEXT_MODEL[lang])
trace, _, _ = model.run_text(example)
forget = trace.gates()["f"]
units = np.argsort(forget.var(axis=0))[::-1][:12]
st.plotly_chart(figures.single_heatmap(forget[:, units].T, tokens_for_display(example), "f",
                                       T("home_live_title"), units=units, unit_title=T("unit")),
                key="home_heatmap")
st.caption(T("home_live_caption"))

st.subheader(T("home_next"))
c1, c2 = st.columns(2)
c1.page_link("app_pages/sentence.py", label=T("nav_sentence"), icon="🔤")
c1.caption(T("home_sentence_blurb"))
c2.page_link("app_pages/series.py", label=T("nav_series"), icon="📈")
c2.caption(T("home_series_blurb"))
