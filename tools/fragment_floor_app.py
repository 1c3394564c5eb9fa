"""The least a Streamlit step move can cost: one slider and one HTML element in a fragment, served as the app is
(the same config, TCP_NODELAY). tools/why_cost.py --browser times a step move here in the same run as the app's,
so the app's figures can be read against what the framework itself takes on this machine."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from app_pages.common import send_without_delay  # noqa: E402

send_without_delay()


@st.fragment
def stepper():
    step = st.slider("Step t", 0, 1999, key="step")
    st.html(f'<div class="lx-cell-panel">at step {step}</div>')


stepper()
