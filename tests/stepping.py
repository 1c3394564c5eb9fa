"""Stepping in AppTest: the step-through view's stepper is a custom component (app_pages/step_view.py) that AppTest
knows only as an element. These helpers do what the browser does: send the component's state (the step, as the
browser sends it when stepping pauses) and read the window's frames the browser draws the panel from."""
import html
import json
import re

from app_pages.step_view import KEY


def stepper(at):
    """The stepper element of the page's last run, or None."""
    found = [node for node in at.get("bidi_component") if getattr(node, "key", None) == KEY]
    return found[0] if found else None


def sent(at):
    """(head, frames): what the server sent the stepper (app_pages/step_view.py mount): the line {id, jump, eager}
    and the window's frames (app_pages/stepper.py step_frames)."""
    head, body = stepper(at).proto.bytes.split(b"\n", 1)
    return json.loads(head), json.loads(body)


def frames(at):
    """The window's frames the server sent with the stepper (see app_pages/stepper.py step_frames)."""
    return sent(at)[1]


def step_to(at, step):
    """Run the app as after the reader stepped to `step` in the browser and paused."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = stepper(at).proto.id
    state.json_value = json.dumps({"step": int(step)})
    return at._run(states)


def text_context(f, k):
    """The text around step first + k, as step_view.js writes it from the frames' characters."""
    text, at = f["text"], f["first"] + k - f["text"]["from"]
    before = "".join(text["chars"][max(0, at - text["before"]):at])
    after = "".join(text["chars"][at + 1:at + 1 + text["after"]])
    caption = text["caption"].replace("\0", str(f["first"] + k)).replace("\1", text["tokens"][k])
    return f"{before}<mark>{text['tokens'][k]}</mark>{after}\n{caption}"


def panel_html(at, step=None):
    """The panel the browser shows at `step` (default: the session's step), as one display-safe HTML string with
    the parts step_view.js puts in it: the page's context, the guesses, the cell panel's title, x_t, bars, the
    update's numbers, the sentence and the table."""
    f = frames(at)
    step = at.session_state["step"] if step is None else step
    k = step - f["first"]
    assert 0 <= k < f["count"], f"step {step} is outside the window the server sent ({f['first']}+{f['count']})"
    cell = f["cell"]["frames"][k]
    parts = [text_context(f, k) if f.get("text") else f["context"][k]]
    if f.get("guesses"):
        parts += [f["guess_title"]] + [f"{label} {text}" for label, text in f["guesses"][k]]
    parts += [cell["t"], cell["x"]]
    parts += [f"{label} {text}" for label, text in zip(f["cell"]["labels"], cell["b"], strict=True)]
    if cell.get("e"):
        parts.append(" ".join(cell["e"]))
    if cell.get("n"):
        parts.append(cell["n"])
    if cell.get("r"):
        head = "".join(f"<th>{h}</th>" for h in f["cell"]["table_head"])
        body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in cell["r"])
        parts += [f["cell"]["table_title"], f'<table class="lx-table"><tr>{head}</tr>{body}</table>']
    return "\n".join(parts)


def panel_text(at, step=None):
    """panel_html as the reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", panel_html(at, step)))
