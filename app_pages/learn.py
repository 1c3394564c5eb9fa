"""/learn: a guided lesson from "why a plain RNN forgets" to a trained model, interview questions answered by live
demonstrations, common mistakes corrected, and a glossary. The text is lessons/<lang>/*.md; this page fills its
placeholders ({{figure:...}}, {{try:...}}, {{predict:...}}, {{demo:...}}, {{link:...}}) with live results."""
import html
from pathlib import Path

import numpy as np
import streamlit as st

from app_pages.common import (
    T,
    bundled_model,
    keep,
    kept,
    option_labels,
    per_view,
    translated_labels,
)
from app_pages.strings import t
from lessons import content, demos
from lessons.glossary import TERMS
from viz import figures
from viz import teaching_figures as tf
from viz import why_figures as wf
from viz.text_view import prepare_text, tokens_for_display

LESSON_MODEL = demos.lesson_model_name()
LESSON_TEXT, LESSON_PROMPT = demos.LESSON_TEXT, demos.LESSON_PROMPT
MAX_LESSON_CHARS = 300          # the lesson's figures draw one column per character
PARTS = ["lesson", "interview", "mistakes", "glossary"]
PAGES = {"cell": ("app_pages/cell.py", "🔬"), "compare": ("app_pages/compare.py", "⚖️"),
         "sentence": ("app_pages/sentence.py", "🔤")}


def lang():
    return st.session_state.get("lang", "en")


# ---------------------------------------------------------------------------------------------- try widgets
# Each reads a widget and puts what it chose into ctx, the values the step's figures and answers are computed from.

def try_text(ctx):
    keep("learn_text", LESSON_TEXT)                  # Streamlit forgets a widget's value on steps without it
    raw = st.text_input(T("learn_try_text"), key="learn_text",
                        help=T("learn_try_text_help", limit=MAX_LESSON_CHARS))
    text, cut = prepare_text(raw, MAX_LESSON_CHARS)
    if cut:
        st.warning(T("learn_text_cut", limit=MAX_LESSON_CHARS))
    known = known_text(ctx["model"], text)
    if len(known) < len(text):
        st.warning(T("learn_text_unknown", count=len(text) - len(known)))
    ctx["text"] = known


def known_text(model, text, fallback=LESSON_TEXT):
    """The characters of `text` the model knows (the lesson reads only those); `fallback` if fewer than two are
    left."""
    known = "".join(ch for ch in prepare_text(text, MAX_LESSON_CHARS)[0] if ch in model.vocab.index)
    return known if len(known) >= 2 else fallback


def try_prompt(ctx):
    raw = st.text_input(T("learn_try_prompt"), LESSON_PROMPT, key="learn_prompt",
                        help=T("learn_try_text_help", limit=MAX_LESSON_CHARS))
    ctx["prompt"] = known_text(ctx["model"], raw, LESSON_PROMPT)


def try_rnn_scale(ctx):
    c1, c2 = st.columns(2)
    ctx["scale"] = c1.slider(T("learn_try_scale"), 0.5, 8.0, 1.0, step=0.5, key="learn_scale")
    r = demos.explode_criterion(ctx["scale"])                   # the criterion beside the slider (Pascanu et al.)
    onset = f"×{r['onset']:g}" if r["onset"] is not None else T("compare_onset_none")
    grows = r["sigma_scaled"] >= 1 / r["gamma"]
    c2.markdown(T("compare_criterion", sigma=r["sigma"], scale=ctx["scale"], scaled=r["sigma_scaled"],
                  cmp=">" if grows else "<") + " " +
                T("compare_criterion_may_grow" if grows else "compare_criterion_vanish", far=r["far"],
                  bound=r["bound"], left=r["left"], onset=onset))


def try_unit(ctx):
    units = demos.cell_states(ctx["model"], ctx["text"], 8)["units"]
    ctx["unit"] = st.selectbox(T("learn_try_unit"), units, key="learn_unit")


def try_forget_bias(ctx):
    ctx["forget_bias"] = st.slider(T("learn_try_forget_bias"), -2.0, 10.0, 3.0, step=0.5, key="learn_forget_bias")


def try_forget_bias_reach(ctx):
    ctx["fb_reach"] = st.slider(T("learn_try_forget_bias"), 0.0, 4.0, 1.0, step=0.5, key="learn_fb_reach")


def try_clip(ctx):
    ctx["max_norm"] = st.select_slider(T("learn_try_max_norm"), [0.1, 1.0, 10.0, 100.0, 1e4, 1e6], value=1.0,
                                       key="learn_max_norm")


def try_sequence_seed(ctx):
    ctx["seq_seed"] = int(st.number_input(T("learn_try_sequence"), 0, 99, 0, key="learn_seq_seed"))


def try_direction(ctx):
    c1, c2 = st.columns(2)
    ctx["bidirectional"] = c1.toggle(T("learn_try_bidirectional"), key="learn_bidirectional")
    ctx["at"] = c2.slider(T("learn_try_at"), 0, 11, 5, key="learn_at")


def try_context_at(ctx):
    """The step whose prediction step 11's connectivity figure explains, on the prompt: back to its last character
    whenever the prompt changes."""
    last = len(ctx["prompt"]) - 1
    if st.session_state.get("_learn_context_prompt") != ctx["prompt"] or \
            st.session_state.get("learn_context_at", last) > last:
        st.session_state["learn_context_at"] = last
        st.session_state["_learn_context_prompt"] = ctx["prompt"]
    ctx["context_at"] = st.slider(T("learn_try_context_at"), 0, last, key="learn_context_at",
                                  help=T("learn_try_context_at_help"))


TRIES = {"text": try_text, "prompt": try_prompt, "rnn_scale": try_rnn_scale, "unit": try_unit,
         "forget_bias": try_forget_bias, "forget_bias_reach": try_forget_bias_reach, "clip": try_clip,
         "sequence_seed": try_sequence_seed, "direction": try_direction, "context_at": try_context_at}
DEFAULTS = {"text": LESSON_TEXT, "prompt": LESSON_PROMPT, "scale": 1.0, "forget_bias": 3.0, "fb_reach": 1.0,
            "max_norm": 1.0, "seq_seed": 0, "bidirectional": False, "at": 5, "context_at": None}


# --------------------------------------------------------------------------------------------------- figures

def show(fig, key):
    st.plotly_chart(fig, key=key)


def fig_rnn_reach(ctx):
    r = demos.rnn_reach(ctx["scale"])
    show(tf.reach_lines({"rnn": r["reach"]}, {"rnn": T("learn_rnn_scaled", scale=ctx["scale"])},
                        T("learn_fig_rnn_reach"), T("compare_distance"), T("compare_grad_norm")), "learn_fig_rnn_reach")
    st.caption(T("learn_left_caption", left=r["left20"], d=20))


def text_figure(ctx, values, name, title, n=16):
    units = demos.varied_units(values, n)
    tokens = tokens_for_display(ctx["text"])
    return figures.single_heatmap(values[:, units].T, tokens, name, title, units=units, unit_title=T("unit"))


def fig_cell_lines(ctx):
    r = demos.cell_states(ctx["model"], ctx["text"])
    tokens = tokens_for_display(ctx["text"])
    show(tf.lines(list(range(len(tokens))), {f"c[{u}]": r["c"][:, k] for k, u in enumerate(r["units"])},
                  T("learn_fig_cell_lines"), ticktext=tokens), "learn_fig_cell_lines")


def fig_forget_heatmap(ctx):
    gates, _, _ = demos.run_text(ctx["model"], ctx["text"])
    reset = demos.reset_unit(ctx["model"], ctx["text"])          # the unit that resets at spaces, on top
    units = demos.varied_units(gates["f"], 16)
    if reset is not None:
        units = [reset["unit"]] + [u for u in units if u != reset["unit"]][:15]
    show(figures.single_heatmap(gates["f"][:, units].T, tokens_for_display(ctx["text"]), "f", T("learn_fig_forget"),
                                units=units, unit_title=T("unit")), "learn_fig_forget")


def fig_write_heatmap(ctx):
    r = demos.writes(ctx["model"], ctx["text"])
    show(text_figure(ctx, r["ig"], "i·g", T("learn_fig_write")), "learn_fig_write")


def fig_output_unit(ctx):
    r = demos.output_unit(ctx["model"], ctx["text"], ctx["unit"])
    tokens = tokens_for_display(ctx["text"])
    show(tf.output_bound(list(range(len(tokens))), r["c"], r["tanh_c"], r["o"], r["h"],
                         T("learn_fig_output", unit=ctx["unit"]),
                         {"c": T("learn_fig_output_c"), "bound": T("learn_fig_output_bound")}, ticktext=tokens),
         "learn_fig_output")


def fig_hold_c(ctx):
    series = {f"b_f = {b:g}": demos.hold_c(b)["c"] for b in sorted({0.0, ctx["forget_bias"], 10.0})}
    r = demos.hold_c(ctx["forget_bias"])
    show(tf.lines(list(range(1, 31)), series, T("learn_fig_hold", f=r["f"], left=r["left"]), T("learn_step_axis"),
                  "c", y_range=[0, 1.05]), "learn_fig_hold")


def fig_lstm_reach(ctx):
    r = demos.lstm_reach(ctx["fb_reach"])
    show(tf.reach_lines({"lstm": r["lstm"], "rnn": r["rnn"]},
                        {"lstm": T("learn_lstm_bias", b=ctx["fb_reach"], f=r["f"]), "rnn": T("compare_cell_rnn")},
                        T("learn_fig_lstm_reach"), T("compare_distance"), T("compare_grad_norm")),
         "learn_fig_lstm_reach")
    st.caption(T("learn_ratio_caption", ratio=r["ratio40"]))


def fig_unrolled(ctx):
    r = demos.bptt_paths(ctx["fb_reach"])
    rows = [("rnn", T("compare_cell_rnn"), {"h": r["rnn"]["h"]}),
            ("lstm", T("learn_lstm_bias", b=ctx["fb_reach"], f=r["f"]), r["lstm"])]
    labels = {"loss": "L", "forward": T("learn_unrolled_forward"), "backward": T("learn_unrolled_backward"),
              "skipped": T("learn_unrolled_skipped")}
    show(tf.unrolled_bptt(rows, demos.UNROLLED_DISTANCES, r["length"], labels,
                          T("learn_fig_unrolled", length=r["length"])), "learn_fig_unrolled")
    st.caption(T("learn_unrolled_caption", rnn=r["rnn"]["h"][40], c=r["lstm"]["c"][40], h=r["lstm"]["h"][40],
                 b=ctx["fb_reach"], ratio=times(r["lstm"]["c"][40] / r["rnn"]["h"][40])))


def times(ratio):
    """A ratio as a reader reads it: 2,754 or 0.0028, never 2.75e+03."""
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2g}"


def fig_context(ctx):
    r = demos.effective_context(ctx["model"], ctx["prompt"], ctx["context_at"])
    text = ctx["prompt"][:r["at"] + 1]
    st.html(wf.connectivity_html(text, r["norms"], r["at"]))                     # the text is escaped there
    char = figures.token_label(r["char"])
    show(tf.context_bars(tokens_for_display(text), r["norms"], r["k90"],
                         T("learn_fig_context", at=r["at"], char=char, p=r["p"]), T("learn_context_axis"),
                         T("learn_gradient_size"), T("learn_context_band", k=r["k90"])), "learn_fig_context")
    st.caption(T("learn_context_caption", at=r["at"], char=char_label(r["char"]), p=r["p"], k50=r["k50"],
                 k90=r["k90"], first=r["first_share"], length=r["length"]))


def fig_clip_bars(ctx):
    r = demos.clipping(6.0, ctx["max_norm"])
    show(tf.clip_bars(r["names"], r["before"], r["after"], {"before": T("compare_before"),
                                                              "after": T("compare_after")},
                      T("learn_fig_clip", before=r["norm_before"], after=r["norm_after"], cosine=r["cosine"])),
         "learn_fig_clip")


def fig_gru_gates(ctx):
    r = demos.gru_equation(seed=ctx["seq_seed"])
    c1, c2 = st.columns(2)
    with c1:
        show(tf.gate_grid(r["z"].T, T("learn_fig_gru_z"), "z", T("learn_step_axis"), T("unit")), "learn_fig_gru_z")
    with c2:
        show(tf.gate_grid(r["r"].T, T("learn_fig_gru_r"), "r", T("learn_step_axis"), T("unit")), "learn_fig_gru_r")
    st.caption(T("learn_gru_caption", error=r["error"], gru=r["gru"], lstm=r["lstm"]))


def fig_trained_forget(ctx):
    r = demos.trained_vs_fresh(seed=ctx["seq_seed"])
    c1, c2 = st.columns(2)
    with c1:
        show(tf.gate_grid(r["fresh"].T, T("learn_fig_fresh"), "f", T("learn_step_axis"), T("unit")),
             "learn_fig_fresh")
    with c2:
        show(tf.gate_grid(r["trained"].T, T("learn_fig_trained"), "f", T("learn_step_axis"), T("unit")),
             "learn_fig_trained")


def fig_next_chars(ctx):
    top = demos.next_chars(ctx["model"], ctx["prompt"], 8)
    show(tf.bars([figures.token_label(ch) for ch, _ in top], [p for _, p in top], T("learn_fig_next"),
                 T("learn_probability"), highlight=0), "learn_fig_next")


def fig_dependence(ctx):
    r = demos.dependence(ctx["bidirectional"], ctx["at"])
    show(tf.bars([str(t) for t in range(len(r["norm"]))], r["norm"],
                 T("learn_fig_dependence", at=ctx["at"]), T("learn_gradient_size"), highlight=ctx["at"]),
         "learn_fig_dependence")


FIGURES = {"rnn_reach": fig_rnn_reach, "cell_lines": fig_cell_lines, "forget_heatmap": fig_forget_heatmap,
           "write_heatmap": fig_write_heatmap, "output_unit": fig_output_unit, "hold_c": fig_hold_c,
           "lstm_reach": fig_lstm_reach, "clip_bars": fig_clip_bars, "gru_gates": fig_gru_gates,
           "trained_forget": fig_trained_forget, "next_chars": fig_next_chars, "dependence": fig_dependence,
           "unrolled": fig_unrolled, "context": fig_context}


# ----------------------------------------------------------------------------------------- predict, reveal

def char_label(ch):
    """A character for the question texts, which put it in backticks (Markdown code): whitespace made visible."""
    label = html.unescape(figures.token_label(ch))
    return "U+0060" if label == "`" else label


def option_label(question, option, language=None):
    return t(f"learn_opt_{question}_{option}", language or lang())


def predict(question, ctx):
    """The question's input (the text it is about, and the numbers it states), a guess (radio) and a reveal button;
    once revealed, the computed answer and its numbers. Returns whether the answer is revealed (what follows in the
    step stays hidden until then)."""
    text = ctx["prompt"] if demos.QUESTION_INPUT.get(question) == "prompt" else ctx["text"]
    if question in demos.QUESTION_INPUT:                # what the question is about, before any guess
        st.caption(T("learn_question_text"))
        st.code(text, language=None, wrap_lines=True)
    asked = demos.ASKS[question](ctx["model"], text) if question in demos.ASKS else None
    if asked is not None:
        st.markdown(T(f"learn_ask_{question}", **{**asked, "char": char_label(asked["char"])}))
    options = demos.OPTIONS[question]
    revealed_key = f"_learn_revealed_{question}"
    key = f"learn_guess_{question}"
    guess = st.radio(T("learn_your_guess"), options, index=None, key=key, horizontal=True,
                     format_func=translated_labels(key, lambda o, language: option_label(question, o, language)))
    if st.button(T("learn_reveal"), key=f"learn_reveal_{question}", disabled=guess is None):
        st.session_state[revealed_key] = True
    if not st.session_state.get(revealed_key):
        st.caption(T("learn_guess_first"))
        return False
    result = demos.ANSWERS[question](ctx["model"], text)
    answer = result["answer"]
    if answer is None or (question in demos.ASKS and asked is None):
        st.info(T("learn_no_answer"))
        return True
    verdict = "learn_right" if guess == answer else "learn_not_quite"
    numbers = {k: char_label(v) if k.endswith("char") else v for k, v in result.items() if k != "answer"}
    verdict = T(verdict, answer=option_label(question, answer))
    gap = "" if verdict.endswith("。") else " "            # Chinese sentences follow each other without a space
    message = verdict + gap + T(f"learn_why_{question}", **numbers)
    (st.success if guess == answer else st.warning)(message)
    return True


# --------------------------------------------------------------------------------------------- exercises

def exercise(name, ctx):
    """A short exercise at the end of a step: its statement, a number to type and a check against the answer the
    engine computes (lessons/demos.py: EXERCISES), then the worked answer."""
    r = demos.EXERCISES[name](ctx["model"])
    numbers = {k: char_label(v) if k == "char" else v for k, v in r.items()}
    st.markdown(f"**{T('learn_exercise')}** " + T(f"learn_ex_{name}", **numbers))
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    value = c1.number_input(T("learn_ex_answer"), value=None, format="%g", step=0.01, key=f"learn_ex_{name}")
    if c2.button(T("learn_ex_check"), key=f"learn_ex_check_{name}", disabled=value is None):
        st.session_state[f"_learn_ex_checked_{name}"] = value
    checked = st.session_state.get(f"_learn_ex_checked_{name}")
    if checked is None:
        return
    why = T(f"learn_ex_why_{name}", **numbers)
    if abs(checked - r["answer"]) <= r["tolerance"] + 1e-12:
        st.success(T("learn_ex_right", answer=r["answer"]) + why)
    else:
        st.warning(T("learn_ex_wrong", value=checked))
        with st.expander(T("learn_ex_show")):
            st.markdown(why)


# ----------------------------------------------------------------------------------------------- demos

def demo_reach_trained(ctx):
    reach = per_view("compare_reach", (60, 0), lambda: demos.reach_settings(60, 0), shared=True)
    labels = {c: T(f"compare_cell_{c}") for c in ("rnn", "gru", "lstm")}
    show(tf.reach_lines(reach["trained"], labels, T("learn_fig_trained_reach", length=demos.trained_length()),
                        T("compare_distance"), T("compare_grad_norm")), "learn_demo_reach_trained")
    far = demos.trained_length() - 1
    left = {k: v[far] / v[0] for k, v in reach["trained"].items()}
    st.caption(T("learn_demo_reach_caption", d=far, **left))
    st.markdown(T("compare_latch", **per_view("compare_latch", (), demos.latch, shared=True)))


def demo_one_step(ctx):
    step = min(10, len(ctx["text"]) - 1)
    unit = demos.cell_states(ctx["model"], ctx["text"], 1)["units"][0]
    v = demos.one_step(ctx["model"], ctx["text"], step, unit)
    char = figures.token_label(ctx["text"][step])
    st.markdown(T("learn_demo_one_step", step=step, char=char, unit=unit))
    st.latex(rf"c_t = f_t c_{{t-1}} + i_t g_t = {v['f']:.3f} \times {v['c_prev']:.3f} + {v['i']:.3f} \times "
             rf"{v['g']:.3f} = {v['c']:.3f}")
    st.latex(rf"h_t = o_t \tanh(c_t) = {v['o']:.3f} \times \tanh({v['c']:.3f}) = {v['h']:.3f}")
    st.caption(T("learn_demo_one_step_caption", c_error=v["c_error"], h_error=v["h_error"]))


def demo_lstm_explodes(ctx):
    r = demos.lstm_explodes()
    show(tf.reach_lines({"lstm": r["reach"]}, {"lstm": T("learn_lstm_large")}, T("learn_fig_lstm_explodes"),
                        T("compare_distance"), T("compare_grad_norm")), "learn_demo_lstm_explodes")
    c = demos.clipping(6.0, 1.0)
    st.caption(T("learn_demo_explodes_caption", growth=r["growth"], before=c["norm_before"], after=c["norm_after"],
                 cosine=c["cosine"]))


def demo_gru_equation(ctx):
    r = demos.gru_equation()
    st.markdown(T("learn_demo_gru", error=r["error"], gru=r["gru"], lstm=r["lstm"]))


def demo_param_count(ctx):
    c1, c2 = st.columns(2)
    D = int(c1.number_input(T("compare_input_size"), 1, 512, 10, key="learn_demo_D"))
    H = int(c2.number_input(T("compare_hidden_size"), 1, 512, 20, key="learn_demo_H"))
    counts = demos.parameter_counts(D, H)
    st.table([{T("compare_col_cell"): T(f"compare_cell_{k}"), T("compare_col_formula"): T(f"compare_formula_{k}"),
                   T("compare_col_by_formula"): counts[k]["formula"], T("compare_col_by_arrays"): counts[k]["arrays"]}
                  for k in ("rnn", "gru", "lstm")], hide_index=True, border="horizontal")


def demo_dependence(ctx):
    c1, c2 = st.columns(2)
    for col, bidirectional in ((c1, False), (c2, True)):
        r = demos.dependence(bidirectional, 5)
        with col:
            show(tf.bars([str(t) for t in range(len(r["norm"]))], r["norm"],
                         T("learn_fig_dep_bi" if bidirectional else "learn_fig_dep_uni", size=r["output_size"]),
                         T("learn_gradient_size"), highlight=5), f"learn_demo_dep_{int(bidirectional)}")


def demo_stack_shapes(ctx):
    r = demos.stack_shapes(10, 20, 2, True)
    st.table([{T("learn_col_layer"): row["layer"], T("learn_col_input"): row["input"],
               T("learn_col_params"): row["params"]} for row in r["layers"]], hide_index=True, border="horizontal")
    st.caption(T("learn_demo_stack_caption", out=r["output_size"]))


def demo_speed(ctx):
    b = demos.batching()
    tb = demos.truncated_bptt()
    st.markdown(T("learn_demo_batching", difference=b["difference"], batched=b["batched_s"] * 1e3,
                  alone=b["one_by_one_s"] * 1e3, repeats=b["repeats"], batched_low=b["batched_range"][0] * 1e3,
                  batched_high=b["batched_range"][1] * 1e3, alone_low=b["one_by_one_range"][0] * 1e3,
                  alone_high=b["one_by_one_range"][1] * 1e3))
    show(tf.lines(list(range(len(tb["full"]))), {T("learn_full_bptt"): tb["full"],
                                                 T("learn_truncated_bptt"): tb["truncated"]},
                  T("learn_fig_truncated", start=tb["start"]), T("learn_step_axis"), T("learn_gradient_size")),
         "learn_demo_truncated")
    demo_relu_gates(ctx)


def demo_relu_gates(ctx):
    # always the lesson's sentence (the claims are about it), so one result serves every session
    r = per_view("learn_relu", (LESSON_MODEL,), lambda: demos.relu_gates(ctx["model"]), shared=True)

    def c_cell(run, steps):
        c = f"{run['max_abs_c']:.3g}"
        return c if run["steps"] >= steps else T("learn_relu_stopped", c=c, step=run["steps"])

    def gate_cell(value):                          # 0.99996 is not 1: only a bounded gate's exact 1 shows as 1
        return f"{value:,.0f}" if value >= 10 else f"{value:.3f}" if round(value, 3) < 1 or value >= 1 else \
            f"{value:.5f}"

    rows = [(T("learn_relu_seed", seed=row["seed"]), row, r["steps"]) for row in r["rows"]]
    rows.append((T("learn_relu_trained"), r["trained"], r["text_steps"]))
    table = [{T("learn_col_weights"): label,
              **{T(f"learn_col_gate_{k}"): gate_cell(row[k]["max_gate"]) for k in demos.GATE_FUNCTIONS},
              **{T(f"learn_col_c_{k}"): c_cell(row[k], steps) for k in demos.GATE_FUNCTIONS}}
             for label, row, steps in rows]
    st.table(table, hide_index=True, border="horizontal")
    st.caption(T("learn_demo_relu_caption", steps=r["steps"], macs=r["macs"], acts=r["activations"],
                 H=r["hidden"], ratio=r["macs"] / r["activations"]))


def demo_article_wiring(ctx):
    r = per_view("learn_wiring", (), demos.article_wiring, shared=True)
    st.table([{T("learn_col_seed"): row["seed"], T("learn_col_corr_article"): f"{row['article']['corr']:.3f}",
               T("learn_col_corr_own"): f"{row['own']['corr']:.3f}",
               T("learn_col_diff_article"): f"{row['article']['mean_diff']:.3f}",
               T("learn_col_diff_own"): f"{row['own']['mean_diff']:.3f}",
               T("learn_col_first_article"): f"{row['article']['first_step_diff']:g}",
               T("learn_col_first_own"): f"{row['own']['first_step_diff']:.3f}"} for row in r["rows"]],
             hide_index=True, border="horizontal")
    st.caption(T("learn_demo_wiring_caption", steps=r["steps"], units=r["units"],
                 sum_error=max(row["input_gate_from_sum"] for row in r["rows"])))


def demo_article_backward(ctx):
    r = demos.article_backward()
    update = "[" + ", ".join(f"{v:.3f}" for v in r["article_update"]) + "]"
    st.table([{T("learn_col_gate"): gate, T("learn_col_article_update"): update,
               T("learn_col_true_norm"): f"{r['true_gate_norms'][k]:.3f}"} for k, gate in enumerate("ifgo")],
             hide_index=True, border="horizontal")
    st.caption(T("learn_demo_backward_caption", between=r["true_between_gates"], cosine=r["true_cosine_losses"]))


def demo_cell_state_unsquashed(ctx):
    r = demos.cell_state_unsquashed(ctx["model"])
    st.markdown(T("learn_demo_unsquashed", max_c=r["max_abs_c"], share=r["share_above_1"], c_error=r["c_error"],
                  steps=r["steps"]))


def demo_output_gate_open(ctx):
    r = demos.output_gate_open(ctx["model"])
    st.markdown(T("learn_demo_open_gate", count=r["count"], total=r["total"], median=r["median_abs_h"],
                  below=r["share_below_half"], negative=r["share_negative"], top=r["max_abs_h"], at=r["open_at"]))


def demo_output_is_h(ctx):
    r = demos.output_is_h(ctx["model"])
    st.markdown(T("learn_demo_output_is_h", vs_h=r["output_minus_h"], vs_c=r["output_minus_c"], max_c=r["max_abs_c"],
                  max_h=r["max_abs_h"]))


def demo_cec_drift(ctx):
    r = per_view("learn_cec", (LESSON_MODEL,), lambda: demos.cec_drift(ctx["model"]), shared=True)
    steps = list(range(r["steps"]))
    show(tf.lines(steps, {T("learn_cec_own"): r["own"]["curve"], T("learn_cec_fixed"): r["fixed1"]["curve"]},
                  T("learn_fig_cec", steps=r["steps"]), T("learn_step_axis"), T("learn_cec_axis")), "learn_demo_cec")
    st.caption(T("learn_demo_cec_caption", own=r["own"]["tail_mean_abs_c"], fixed=r["fixed1"]["tail_mean_abs_c"],
                 own_max=r["own"]["max_abs_c"], fixed_max=r["fixed1"]["max_abs_c"]))


def demo_gradcheck(ctx):
    r = demos.gradcheck()
    st.table([{T("learn_col_entry"): k, T("learn_col_numeric"): f"{r['numeric'][k]:.8f}",
                   T("learn_col_engine"): f"{r['engine'][k]:.8f}", T("learn_col_wrong"): f"{r['wrong'][k]:.8f}"}
                  for k in range(len(r["numeric"]))], hide_index=True, border="horizontal")
    st.caption(T("learn_demo_gradcheck_caption", engine=r["engine_error"], wrong=r["wrong_error"]))


def demo_causal(ctx):
    r = demos.causal()
    show(tf.bars([str(t) for t in range(len(r["norm"]))], r["norm"], T("learn_fig_dep_uni", size=r["output_size"]),
                 T("learn_gradient_size"), highlight=5), "learn_demo_causal")
    st.caption(T("learn_demo_causal_caption", later=r["later"]))


def demo_output_gate(ctx):
    r = demos.output_gate_identity(ctx["model"], ctx["text"])
    st.markdown(T("learn_demo_output_gate", h_error=r["h_error"], c_error=r["c_error"], far=r["h_vs_o_plus_c"]))


PIPELINE_CODE = '''vocab = sorted(set(text))                       # the characters
index = {ch: k for k, ch in enumerate(vocab)}
ids = np.array([index[ch] for ch in text])
starts = rng.integers(0, len(ids) - T, size=B)  # B random windows of T + 1 characters
window = ids[starts[None, :] + np.arange(T + 1)[:, None]]
x = np.eye(len(vocab))[window[:-1]]             # (T, B, V) one-hot inputs
y = window[1:]                                   # (T, B) the next character of each'''


def demo_plain_pipeline(ctx):
    r = demos.plain_pipeline(ctx["text"])
    st.code(PIPELINE_CODE, language="python")
    st.caption(T("learn_demo_pipeline", vocab=r["vocab_size"], x=str(r["x_shape"]), y=str(r["y_shape"]),
                 ok="✓" if r["round_trip"] else "✗"))


DEMOS = {"reach_trained": demo_reach_trained, "one_step": demo_one_step, "lstm_explodes": demo_lstm_explodes,
         "gru_equation": demo_gru_equation, "param_count": demo_param_count, "dependence": demo_dependence,
         "stack_shapes": demo_stack_shapes, "speed": demo_speed, "relu_gates": demo_relu_gates,
         "article_wiring": demo_article_wiring, "article_backward": demo_article_backward,
         "gradcheck": demo_gradcheck, "causal": demo_causal, "output_gate": demo_output_gate,
         "output_gate_open": demo_output_gate_open, "cell_state_unsquashed": demo_cell_state_unsquashed,
         "output_is_h": demo_output_is_h, "cec_drift": demo_cec_drift, "plain_pipeline": demo_plain_pipeline}


def link(name):
    """A link to another page of the app. A page that is not (yet) in this app's navigation gets a plain link."""
    path, icon = PAGES[name]
    label = T(f"learn_link_{name}")
    if Path(path).exists():
        try:
            st.page_link(path, label=label, icon=icon)
            return
        except st.errors.StreamlitAPIException:          # the file exists but the navigation does not list it
            pass
    st.markdown(f"{icon} [{label}](/{name})")


# --------------------------------------------------------------------------------------------- rendering

def render(stem, ctx):
    """One lesson file: its text, with every placeholder filled. Widgets first (they decide what the figures
    show), then figures, guesses and demonstrations in their places; everything after a guess not yet revealed
    stays hidden."""
    title, body = content.read(stem, lang())
    st.subheader(title)
    pieces = content.segments(body)
    slots = []
    hidden = False
    for kind, value in pieces:
        if hidden:
            break
        if kind == "text":
            st.markdown(value)
            continue
        slot = st.container()
        if kind == "try":
            with slot:
                TRIES[value](ctx)
        elif kind == "predict":
            with slot:
                hidden = not predict(value, ctx)
        else:
            slots.append((slot, kind, value))
    if hidden:
        st.info(T("learn_rest_hidden"))
    for slot, kind, value in slots:
        with slot:
            if kind == "exercise":
                exercise(value, ctx)
            else:
                {"figure": FIGURES, "demo": DEMOS}.get(kind, {}).get(value, lambda c, v=value: link(v))(ctx)


def lesson(ctx):
    stems = content.files("step", lang())
    titles = dict(enumerate(stems, start=1))
    keep("learn_step", 1, int, link="lesson", valid=lambda n: n in titles)
    c_prev, c_pick, c_next = st.columns([1, 6, 1], vertical_alignment="bottom")
    c_prev.button("◀", key="learn_prev", on_click=move, args=(-1, len(stems)), help=T("learn_prev"),
                  disabled=st.session_state["learn_step"] <= 1)
    c_next.button("▶", key="learn_next", on_click=move, args=(1, len(stems)), help=T("learn_next"),
                  disabled=st.session_state["learn_step"] >= len(stems))
    step = c_pick.selectbox(T("learn_step_pick"), list(titles), key="learn_step",
                            format_func=translated_labels("learn_step", lambda k, language:
                                                          f"{k}. {title(stems[k - 1], language)}"))
    st.progress(step / len(stems), text=T("learn_progress", step=step, steps=len(stems)))
    render(stems[step - 1], ctx)


def move(delta, n):
    st.session_state["learn_step"] = int(np.clip(st.session_state["learn_step"] + delta, 1, n))


def chooser(part, key):
    stems = content.files(part, lang())
    keep(key, stems[0], valid=lambda s: s in stems)
    return st.selectbox(T(f"learn_pick_{part}"), stems, key=key, format_func=translated_labels(key, title))


def title(stem, language):
    return content.read(stem, language)[0]


def glossary():
    st.markdown(T("learn_glossary_intro"))
    st.table([{T("learn_col_symbol"): s, "English": en, "中文": zh} for s, en, zh in TERMS], hide_index=True,
             border="horizontal")


st.title(T("learn_title"))
st.caption(T("learn_intro", model=T(f"model_{LESSON_MODEL}")))
keep("learn_part", "lesson", link="part", valid=lambda p: p in PARTS)
part = st.segmented_control(T("learn_part"), PARTS, key="learn_part", label_visibility="collapsed",
                            format_func=option_labels("learn_part_", "learn_part")) or "lesson"
ctx = {"model": bundled_model(LESSON_MODEL), **DEFAULTS}
ctx["text"] = known_text(ctx["model"], kept("learn_text", LESSON_TEXT))
if part == "lesson":
    lesson(ctx)
elif part == "interview":
    render(chooser("interview", "learn_question"), ctx)
elif part == "mistakes":
    render(chooser("mistake", "learn_mistake"), ctx)
else:
    glossary()
