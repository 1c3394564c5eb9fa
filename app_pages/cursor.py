"""The Cursor: the one writer of what the step-through view shows (the step, the unit, the layer and direction, the
state the text is shaded by, the gates drawn). Playing is the browser's (app_pages/step_view.js).

Every page that steps through a run makes one Cursor per script run, after it knows its model: the cursor seeds
its values once (from the link, else from what this page last showed in the session, else the page's defaults),
starts the view of another model afresh (a unit number means nothing in another network), clamps each value when
the page tells it the range, draws the widgets that choose them, moves on the user's actions (a unit clicked on
the heatmaps or followed from a why-tool, a button that jumps to a step, the browser's step when stepping pauses)
and publishes the URL and the kept values in one place (publish).

No other module assigns these keys in st.session_state: tests/test_cursor.py reads the source to make sure.
A widget bound to one of them is made here too, so Streamlit's own write (the user's choice) is the only other.
"""
import streamlit as st

from app_pages.common import T, option_labels

# key in st.session_state -> its name in the link
URL_NAMES = {"step": "step", "unit": "unit", "layer": "layer", "direction": "dir", "shade_by": "shade",
             "gates_shown": "gates"}
KEYS = tuple(URL_NAMES)
AFRESH = ("unit", "layer", "direction", "shade_by")       # what a view of another model starts again
_MODEL = "_cursor_model"      # {page: the model its view shows}
ALWAYS = ("step", "unit")       # in the link even at their defaults
_KEPT = "_kept"                 # {(page, key): value}: common.keep's store, which holds the page's view too


def _page():
    return st.session_state.get("_page")


class Cursor:
    """Made once per page run: Cursor(model_id). model_id names the network the view shows (a bundled model's
    name, an upload's digest): when it changes, the unit, layer, direction and shading start afresh."""

    def __init__(self, model_id):
        state, page = st.session_state, _page()
        self.defaults, self.kept = {}, state.get(_KEPT, {})
        if state.get("_came_from") != page:         # arrived (a link, another page): the link, else the kept view
            for key in KEYS:
                raw = st.query_params.get(URL_NAMES[key])
                state[key] = raw if raw is not None else self.kept.get((page, key))
        models = state.setdefault(_MODEL, {})
        self.afresh = models.get(page, model_id) != model_id
        if self.afresh:
            for key in AFRESH:
                state[key] = None
        models[page] = model_id

    # ---------------------------------------------------------------------------------- seeding and clamping
    def _clamp(self, key, options, default, parse=int):
        """The value of `key` if it parses to one of `options`, else `default`; handed back to its widget (a
        widget that was off the page comes back in the browser with its own default otherwise)."""
        state = st.session_state
        raw = state.get(key)
        if raw is None and not (self.afresh and key in AFRESH):
            raw = self.kept.get((_page(), key))     # its widget was off the page on the last run (an empty text)
        try:
            value = parse(raw)
        except (TypeError, ValueError):
            value = None
        state[key] = value if value in options else default
        self.defaults[key] = default
        return state[key]

    def layers(self, cfg, default=0):
        """Layer and direction pickers, shown only when the model has several; a view opens on layer `default`
        (the layer of the card's named units). -> (layer, direction)."""
        layer = self._clamp("layer", range(cfg.num_layers), default)
        direction = self._clamp("direction", range(cfg.directions), 0)
        if cfg.num_layers > 1 or cfg.bidirectional:
            c1, c2 = st.columns(2)
            if cfg.num_layers > 1:
                layer = c1.selectbox(T("layer"), range(cfg.num_layers), key="layer")
            if cfg.bidirectional:
                direction = c2.radio(T("direction"), [0, 1], key="direction", horizontal=True,
                                     format_func=option_labels("direction_", "direction"))
        return layer, direction

    def unit_box(self, n_units, default, roles=None):
        """The unit box. roles: {unit: what it tracks}, shown beside the unit's number. -> the unit."""
        self._clamp("unit", range(n_units), default)
        roles = roles or {}
        template = T("unit_option", unit="\0", role="\1")
        return st.selectbox(T("unit"), range(n_units), key="unit", help=T("unit_help"),
                            format_func=lambda u: template.replace("\0", str(u)).replace("\1", roles[u])
                            if u in roles else str(u))

    def shading(self, states, default):
        """Which state the text is shaded by: one of `states`, the card's first named unit's by default."""
        return self._clamp("shade_by", states, default, parse=str)

    def shading_radio(self, states):
        return st.radio(T("shade_by"), states, key="shade_by", horizontal=True)

    def gates(self, options, default):
        """Which heatmaps are drawn: the segmented control's choice among `options` (names, and "all")."""
        self._clamp("gates_shown", options, default, parse=str)
        all_label = T("gates_all")
        return st.segmented_control(T("gates_shown"), options, key="gates_shown", required=True,
                                    format_func=lambda n: all_label if n == "all" else n)

    def steps(self, n_steps):
        """The step, clamped to 0 .. n_steps - 1 (a shorter text, a link to a step past the end)."""
        state = st.session_state
        try:
            step = int(state.get("step"))
        except (TypeError, ValueError):
            step = 0
        state["step"] = min(max(step, 0), n_steps - 1)
        self.defaults["step"] = 0
        return state["step"]

    @property
    def step(self):
        return st.session_state["step"]

    @property
    def unit(self):
        return st.session_state["unit"]

    # ---------------------------------------------------------------------------------- the user's actions
    # Callbacks (they run before the script, when a widget's value may still change) and the browser's step.
    @staticmethod
    def move_to(step, unit=None, layer=None, direction=None):
        """Jump to a step (and a unit, in a layer and direction): the erase box's button, a continuation's first
        new character."""
        st.session_state["step"] = int(step)
        for key, value in (("unit", unit), ("layer", layer), ("direction", direction)):
            if value is not None:
                st.session_state[key] = int(value)

    @staticmethod
    def follow(unit, state=None):
        """Make `unit` the view's unit (a unit clicked on the heatmaps, or ranked by a why-tool), and the text
        shaded by the state it was found in."""
        st.session_state["unit"] = int(unit)
        if state in ("c", "h"):
            st.session_state["shade_by"] = state

    @staticmethod
    def take_browser_step(step):
        """The browser's step, sent when stepping paused (app_pages/step_view.py)."""
        st.session_state["step"] = int(step)

    # ---------------------------------------------------------------------------------- publishing
    def publish(self, keys=KEYS):
        """The link and the kept view, in one place: every value this run set, in the URL unless it is the
        default (the step always), and kept for this page for when the reader comes back."""
        state, kept = st.session_state, st.session_state.setdefault(_KEPT, {})
        for key in keys:
            if key not in self.defaults:
                continue                            # not part of this page's view on this run
            value, name = state.get(key), URL_NAMES[key]
            kept[(_page(), key)] = value
            if value is None or (value == self.defaults[key] and key not in ALWAYS):
                st.query_params.pop(name, None)
            else:
                st.query_params[name] = str(value)
