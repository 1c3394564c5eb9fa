"""/compare: why LSTM. Gradient flow, memory and cost of a vanilla RNN, a GRU and an LSTM, computed by the engine."""
import streamlit as st

from app_pages.common import T, keep, option_labels, per_view
from lessons import demos
from lessons.cells import CELLS, KINDS
from viz import teaching_figures as tf

LIVE_GAPS = [5, 10, 20]
LIVE_STEPS = [100, 200, 300, 400, 500]
LIVE_CHUNK = 10            # optimiser steps between two progress updates (where a Stop click is honoured)


def cell_labels():
    return {cell: T(f"compare_cell_{cell}") for cell in CELLS}


@st.cache_data(max_entries=1, show_spinner=False)
def memory_results():
    return demos.memory_results()


def gradient_flow():
    st.markdown(T("compare_grad_intro"))
    c1, c2 = st.columns(2)
    length = c1.slider(T("compare_length"), 30, 100, 60, step=10, key="compare_length")
    seed = c2.number_input(T("compare_seed"), 0, 99, 0, key="compare_seed", help=T("compare_seed_help"))
    reach = per_view("compare_reach", (length, seed), lambda: demos.reach_settings(length, seed), shared=True)
    means = per_view("compare_forget", (length, seed), lambda: demos.forget_means(length, seed), shared=True)
    labels = cell_labels()
    titles = {s: T(f"compare_setting_{s}") for s in ("default", "forget1")}
    titles["trained"] = T("compare_setting_trained_at", length=demos.trained_length())
    panels = [(f'{titles[s]}<br>{T("compare_mean_f", f=means[s])}', reach[s])
              for s in ("default", "forget1", "trained")]
    st.plotly_chart(tf.reach_panels(panels, labels, T("compare_distance"), T("compare_grad_norm"),
                                    dotted={(2, "rnn"), (2, "gru")}), key="compare_reach_fig")
    rows = []
    for setting in ("default", "forget1", "trained"):
        for cell, values in reach[setting].items():
            far = demos.far_distance(len(values))
            rows.append({T("compare_col_setting"): T(f"compare_short_{setting}"), T("compare_col_cell"): labels[cell],
                         T("compare_col_factor"): f"{demos.decay_per_step(values, 1, far):.3f}",
                         T("compare_col_distance"): far, T("compare_col_left_at"): f"{values[far] / values[0]:.1e}"})
    st.table(rows, hide_index=True, border="horizontal")
    st.caption(T("compare_grad_caption", trained=demos.trained_length(), length=length))
    st.subheader(T("compare_latch_title"))
    st.markdown(T("compare_latch", **per_view("compare_latch", (), demos.latch, shared=True)))

    st.subheader(T("compare_explode_title"))
    onset = demos.explode_onset(length, seed)
    st.markdown(T("compare_explode_intro", onset=onset_text(onset)))
    c1, c2 = st.columns(2)
    scale = c1.slider(T("compare_scale"), 1.0, 8.0, 6.0, step=0.5, key="compare_scale")
    c1.markdown(criterion_text(demos.explode_criterion(scale, length, seed), scale))
    max_norm = c2.select_slider(T("compare_max_norm"), [0.1, 0.5, 1.0, 5.0, 10.0, 100.0], value=1.0,
                                key="compare_max_norm")
    exploding = demos.rnn_reach(scale, length, seed)["reach"]
    st.plotly_chart(tf.reach_lines({"rnn": exploding, "default": reach["default"]["rnn"]},
                                   {"rnn": T("compare_rnn_scaled", scale=scale), "default": labels["rnn"]},
                                   T("compare_explode_fig"), T("compare_distance"), T("compare_grad_norm")),
                    key="compare_explode_fig")
    clip = demos.clipping(scale, max_norm, length, seed)
    m1, m2, m3 = st.columns(3)
    m1.metric(T("compare_norm_before"), f"{clip['norm_before']:.3g}")
    m2.metric(T("compare_norm_after"), f"{clip['norm_after']:.3g}")
    m3.metric(T("compare_cosine"), f"{clip['cosine']:.6f}")
    st.plotly_chart(tf.clip_bars(clip["names"], clip["before"], clip["after"],
                                 {"before": T("compare_before"), "after": T("compare_after")}, T("compare_clip_fig")),
                    key="compare_clip_fig")
    st.caption(T("compare_clip_caption"))


def onset_text(onset):
    return f"×{onset:g}" if onset is not None else T("compare_onset_none")


def criterion_text(r, scale):
    """The exploding-gradient criterion beside the factor's slider (Pascanu, Mikolov and Bengio 2013)."""
    head = T("compare_criterion", sigma=r["sigma"], scale=scale, scaled=r["sigma_scaled"],
             cmp="<" if r["sigma_scaled"] < 1 / r["gamma"] else ">")
    if r["sigma_scaled"] < 1 / r["gamma"]:
        verdict = T("compare_criterion_vanish", far=r["far"], bound=r["bound"], left=r["left"])
    else:
        verdict = T("compare_criterion_may_grow", far=r["far"], left=r["left"], onset=onset_text(r["onset"]))
    return f"{head} {verdict}"


def memory_panels(data, labels):
    s = data["settings"]
    panels = []
    for task, log_y in (("first_symbol", False), ("adding", True)):
        scores = {cell: [data["results"][task][cell][str(g)] for g in s["gaps"]] for cell in data["cells"]}
        panels.append((T(f"compare_task_{task}"), T(f"compare_metric_{task}"), scores,
                       data["tasks"][task]["chance"], log_y))
    return tf.memory_panels(panels, s["gaps"], labels, T("compare_gap"), T("compare_chance"), T("compare_seed_word"))


def memory():
    data = memory_results()
    s, labels = data["settings"], cell_labels()
    seeds = data.get("seeds_done", len(s["seeds"]))
    st.markdown(T("compare_memory_intro"))
    st.info(T("compare_budget", steps=s["steps"], batch=s["batch_size"], lr=s["lr"], clip=s["clip"],
              hidden=s["hidden_size"], seeds=seeds, seconds=data["seconds"] / 60,
              cpu=data.get("cpu_seconds", data["seconds"]) / 60))
    st.plotly_chart(memory_panels(data, labels), key="compare_memory_fig")
    st.table([{T("compare_col_cell"): labels[cell],
               **{T(f"compare_col_reached_{task}"): reached_text(task, cell, data) for task in data["tasks"]}}
              for cell in data["cells"]], hide_index=True, border="horizontal")
    st.caption(T("compare_memory_caption", seeds=seeds))
    st.markdown(T("compare_memory_shows", **demos.memory_story(data)))
    with st.expander(T("compare_memory_numbers")):
        table = demos.memory_table(data)
        for task in data["tasks"]:
            fmt = (lambda v: f"{v:.2f}") if task == "first_symbol" else (lambda v: f"{v:.1e}")
            st.markdown(f"**{T(f'compare_task_{task}')}**")
            st.table([{T("compare_col_cell"): labels[cell],
                       **{f"N = {g}": T("compare_cell_stats", median=fmt(r["median"]), low=fmt(r["low"]),
                                        high=fmt(r["high"]), solved=r["solved"], seeds=r["seeds"])
                          for g, r in table[task][cell].items()}}
                      for cell in data["cells"]], hide_index=True, border="horizontal")
    with st.expander(T("compare_settings")):
        st.code(data["made_by"], language="bash")
        st.json(s, expanded=True)
    st.subheader(T("compare_live_title"))
    st.markdown(T("compare_live_intro"))
    live_training()


def reached_text(task, cell, data):
    """'up to gap N' by the median of the seeds, and by every seed; a dash where not even the shortest gap."""
    median, every = (demos.learnt_up_to(task, cell, data, rule) for rule in ("median", "every"))
    return T("compare_reached", median=median if median else "–", every=every if every else "–")


def live_training():
    c1, c2, c3 = st.columns(3)
    cell = c1.selectbox(T("compare_live_cell"), CELLS, index=2, key="compare_live_cell",
                        format_func=option_labels("compare_cell_", "compare_live_cell"))
    gap = c2.select_slider(T("compare_live_gap"), LIVE_GAPS, value=10, key="compare_live_gap")
    steps = c3.select_slider(T("compare_live_steps"), LIVE_STEPS, value=300, key="compare_live_steps")
    b1, b2, _ = st.columns([1, 1, 4])
    if b1.button(T("compare_live_train"), key="compare_live_train", type="primary"):
        st.session_state["compare_live"] = demos.LiveRun(cell, gap, steps)      # one run per session
        st.session_state["compare_live_stopped"] = False
    if b2.button(T("compare_live_stop"), key="compare_live_stop"):
        st.session_state["compare_live_stopped"] = True
    run = st.session_state.get("compare_live")
    if run is None:
        return
    stopped = st.session_state.get("compare_live_stopped", False)
    bar = st.progress(len(run.losses) / run.steps, text=progress_text(run))
    # Another click reruns the page and interrupts this loop at a progress update; the rerun resumes training
    # unless the click was Stop. A run is at most 500 steps of 20 symbols: a few seconds of one core.
    while not run.done and not stopped:
        run.advance(LIVE_CHUNK)
        bar.progress(len(run.losses) / run.steps, text=progress_text(run))
    if stopped and not run.done:
        st.info(T("compare_live_stopped", step=len(run.losses), steps=run.steps))
    if run.losses:
        st.metric(T("compare_live_accuracy", cell=T(f"compare_cell_{run.cell}"), gap=run.gap), f"{run.accuracy():.0%}")
        st.plotly_chart(tf.lines(list(range(1, len(run.losses) + 1)), {T("compare_live_loss"): run.losses},
                                 T("compare_live_loss_title"), T("compare_live_step"), "", height=260),
                        key="compare_live_fig")


def progress_text(run):
    loss = f"{run.losses[-1]:.3f}" if run.losses else "-"
    return T("compare_live_progress", step=len(run.losses), steps=run.steps, loss=loss)


def cost():
    st.markdown(T("compare_cost_intro"))
    c1, c2 = st.columns(2)
    D = c1.number_input(T("compare_input_size"), 1, 512, 64, key="compare_D")
    H = c2.number_input(T("compare_hidden_size"), 1, 512, 128, key="compare_H")
    labels = cell_labels()
    counts = demos.parameter_counts(D, H)
    st.table([{T("compare_col_cell"): labels[k], T("compare_col_formula"): T(f"compare_formula_{k}"),
                   T("compare_col_by_formula"): f"{counts[k]['formula']:,}",
                   T("compare_col_by_arrays"): f"{counts[k]['arrays']:,}",
                   T("compare_col_equal"): "✓" if counts[k]["formula"] == counts[k]["arrays"] else "✗"}
                  for k in KINDS], hide_index=True, border="horizontal")
    st.caption(T("compare_cost_caption"))
    st.markdown(T("compare_macs_intro"))
    macs = demos.arithmetic_cost(D, H)
    st.table([{T("compare_col_cell"): labels[k], T("compare_col_macs_formula"): T(f"compare_macs_{k}"),
               T("compare_col_macs"): f"{macs[k]['macs']:,}", T("compare_col_ratio"): f"{macs[k]['ratio']:g}×"}
              for k in KINDS], hide_index=True, border="horizontal")
    st.markdown(T("compare_time_intro"))
    timing = per_view("compare_timing", (D, H), lambda: demos.time_per_step(D, H))
    us = {k: timing[k]["median"] * 1e6 for k in KINDS}
    st.plotly_chart(tf.cell_bars(us, labels, T("compare_time_fig", D=D, H=H), T("compare_microseconds"),
                                 low={k: timing[k]["low"] * 1e6 for k in KINDS},
                                 high={k: timing[k]["high"] * 1e6 for k in KINDS}), key="compare_time_fig")
    st.caption(T("compare_time_caption", repeats=len(timing["rnn"]["times"]),
                 lstm=us["lstm"] / us["rnn"], gru=us["gru"] / us["rnn"],
                 lstm_low=timing["lstm"]["low"] / timing["rnn"]["high"],
                 lstm_high=timing["lstm"]["high"] / timing["rnn"]["low"]))


TABS = ("gradient", "memory", "cost")


def chosen_tabs():
    """The three tabs, opening on the one the reader chose last (kept across a language switch, a page round trip
    and in the link: tab=memory). Streamlit keeps a tab bar's choice as its label, which a language switch
    changes, so the choice is kept by name and the bar has a key per language."""
    keep("compare_tab", TABS[0], link="tab", valid=lambda name: name in TABS, link_default=False)
    labels = {name: T(f"compare_tab_{name}") for name in TABS}
    key = f"compare_tabs_{st.session_state.get('lang', 'en')}"
    tabs = st.tabs(list(labels.values()), key=key, default=labels[st.session_state["compare_tab"]],
                   on_change=_tab_chosen, args=(key, labels))
    return tabs


def _tab_chosen(key, labels):
    st.session_state["compare_tab"] = next((name for name, label in labels.items()
                                            if label == st.session_state.get(key)), TABS[0])


st.title(T("compare_title"))
st.markdown(T("compare_intro"))
grad_tab, memory_tab, cost_tab = chosen_tabs()
with grad_tab:
    gradient_flow()
with memory_tab:
    memory()
with cost_tab:
    cost()
