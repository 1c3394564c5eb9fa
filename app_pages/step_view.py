"""Stepping in the browser: a Streamlit custom component (components v2: HTML, CSS and JavaScript in the page, no
iframe, no build step; the JavaScript and CSS sit beside this file and are read at import).

The server sends the frames of the visible window once per view and window (app_pages/stepper.py step_frames: the
chosen unit's numbers, the page's context per step, the heatmap cursor's geometry); arrow keys, Home/End, the
buttons, the slider and Play move the heatmap cursor, the framed character and the cell panel in the browser with no
message to the server. The step comes back (the component's state "step") when stepping pauses, when Play stops,
or when the step needs another window of frames; then the cursor takes it (Cursor.take_browser_step) and the script (the
step fragment) runs once, so the URL, shared links and the why-tools follow.

The server moves the step itself now and then (a continuation starts at its first new character, a shorter text
clamps it): `jump` tells the browser to take the server's step then, and only then, so a rerun for any other
reason never pulls the reader back while they step.
"""
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app_pages.cursor import Cursor

KEY = "stepper"
HERE = Path(__file__).parent

_component = st.components.v2.component(
    "lx_stepper", html='<div class="lx-step-root"></div>', css=(HERE / "step_view.css").read_text(encoding="utf-8"),
    js=(HERE / "step_view.js").read_text(encoding="utf-8"), isolate_styles=False)


def _took_step():
    """The browser's step, when stepping paused: the one value the rest of the page reads."""
    state = st.session_state.get(KEY) or {}
    if state.get("step") is not None:
        Cursor.take_browser_step(state["step"])


def browser_step():
    """The step the component last sent (None before it is drawn)."""
    state = st.session_state.get(KEY) or {}
    step = state.get("step")
    return None if step is None else int(step)


def mount(frames, step, eager=False):
    """Draw the stepper with this window's frames (Frames, see stepper.step_frames) at `step`.
    eager: a view below follows the step (a why-tool): the first step after a pause goes to the server at once
    (then the rest when stepping pauses), so that view follows as fast as a rerun allows."""
    sent = browser_step()
    jump = st.session_state.get("_step_jump", [step, 0, False])
    if sent is None:                            # a new mount (this page was not drawn on the last run)
        jump = [step, jump[1] + 1, False]
    elif sent != step:                          # the server moved the step: the browser takes it and says so
        jump = [step, jump[1] + 1, True]
    st.session_state["_step_jump"] = jump
    head = json.dumps({"id": frames.id, "jump": jump, "eager": bool(eager)}, separators=(",", ":"))
    _component(data=head.encode() + b"\n" + frames.body, key=KEY, default={"step": step}, on_step_change=_took_step)


@dataclass(frozen=True)
class Frames:
    """A window's frames as the browser reads them: their JSON (UTF-8, no raw newline) and an id that changes
    with them. Sent as bytes: a dict holding the same JSON as a string was encoded twice more on every run that
    draws the stepper (Streamlit's json.dumps for the message and again, sorted, for the element's identity), 1.5-3
    ms a run for the 100 KB of a 148-character text."""
    id: str
    body: bytes


def frames_payload(frames):
    body = json.dumps(frames, ensure_ascii=False, separators=(",", ":")).encode()
    return Frames(hashlib.sha1(body).hexdigest()[:16], body)
