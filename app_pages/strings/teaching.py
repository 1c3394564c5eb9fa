"""UI strings for the teaching pages /cell, /compare, /learn and lesson links
in English and 简体中文 (merged into app_pages.strings)."""

EN = {
    "share_title": "Share this view",
    "share_hide": "Hide in the link",
    "share_sidebar": "sidebar",
    "share_input": "text box and model",
    "share_controls": "step controls and gate picker",
    "share_button": "Make the link",
    "share_copied": "Copied.",
    # /cell (branch cell): keep this block contiguous and at the top
    "cell_nav": "One cell",
    "cell_page_title": "One cell, by hand",
    "cell_intro": "Set the inputs, the previous state and the weights of a single cell, and watch every value "
                  "flow through it. The numbers are computed by the code shown further down "
                  "(lstm_core/textbook.py), with PyTorch's equations.",
    "cell_kind": "Cell",
    "cell_size": "Units and inputs",
    "cell_units": "Units",
    "cell_inputs": "Inputs",
    "cell_unit_shown": "Unit shown",
    "cell_presets": "Presets",
    "cell_preset_lstm_remember": "Remember",
    "cell_preset_lstm_overwrite": "Overwrite",
    "cell_preset_lstm_read": "Read out",
    "cell_preset_lstm_forget": "Forget everything",
    "cell_preset_gru_keep": "Keep",
    "cell_preset_gru_overwrite": "Overwrite",
    "cell_preset_gru_reset": "Reset",
    "cell_preset_rnn_echo": "Echo",
    "cell_preset_rnn_fade": "Fade fast",
    "cell_preset_rnn_explode": "Explode (ReLU)",
    "cell_says_lstm_remember": r"**Remember**: the forget gate $f \approx 1$ keeps the old memory and the input "
                               r"gate $i \approx 0$ blocks the candidate, so $c_t \approx c_{t-1}$ (below, the "
                               "memory holds for the whole sequence).",
    "cell_says_lstm_overwrite": r"**Overwrite**: $f \approx 0$ drops the old memory and $i \approx 1$ writes the "
                                r"candidate, so $c_t \approx g_t$ whatever $c_{t-1}$ was (below, the memory follows "
                                "the input).",
    "cell_says_lstm_read": r"**Read out**: the memory is kept ($f \approx 1$, $i \approx 0$) and the output gate "
                           r"opens only when $x_t = 1$ ($o = \sigma(10 x_t - 5)$), so $h_t$ shows $\tanh(c_t)$ now "
                           "and stays near 0 at the other steps below.",
    "cell_says_lstm_forget": r"**Forget everything**: $f \approx 0$ and $i \approx 0$ empty the memory cell, so "
                             r"$c_t \approx 0$ and $h_t \approx 0$ whatever $c_{t-1}$ held.",
    "cell_says_gru_keep": r"**Keep**: the update gate $z \approx 1$ keeps the old state, $h_t \approx h_{t-1}$, "
                          r"whatever the candidate $n_t$ says (PyTorch's convention; in Olah's figure this is "
                          r"$z \approx 0$).",
    "cell_says_gru_overwrite": r"**Overwrite**: $z \approx 0$ replaces the state with the candidate, "
                               r"$h_t \approx n_t$.",
    "cell_says_gru_reset": r"**Reset**: $r \approx 0$ hides $W_{hn} h_{t-1} + b_{hn}$ from the candidate, so "
                           r"$n_t = \tanh(W_{in} x_t + b_{in})$ ignores the old state (and $z \approx 0$ writes it).",
    "cell_says_rnn_echo": r"**Echo**: $W_{hh} = 0.95$ carries a pulse forward, but it shrinks a little at every "
                          "step (below, it fades slowly over the whole sequence).",
    "cell_says_rnn_fade": r"**Fade fast**: $W_{hh} = 0.3$ keeps only 30% of the state per step, so a pulse is "
                          "gone after three or four steps.",
    "cell_says_rnn_explode": r"**Explode**: with ReLU and $W_{hh} = 1.2$ the state grows by 20% at every step, "
                             "without bound (gradients through time grow the same way).",
    "cell_this_step": "This step's inputs",
    "cell_weights": "Weights and biases of unit {unit}",
    "cell_help_x": "The input at this step.",
    "cell_help_h": "The hidden state the cell received from the previous step.",
    "cell_help_c": "The memory cell the LSTM received from the previous step.",
    "cell_bias_note": r"PyTorch keeps two bias vectors ($b_{i\cdot}$ and $b_{h\cdot}$) and only their sum "
                      r"matters, so the sliders set $b_{i\cdot}$ and this page keeps $b_{h\cdot} = 0$.",
    "cell_bias_note_gru": r"PyTorch keeps two bias vectors; for $r$ and $z$ only their sum matters (the sliders "
                          r"set $b_{ir}$, $b_{iz}$, and $b_{hr} = b_{hz} = 0$), but $b_{hn}$ is scaled by the reset "
                          "gate, so it has a slider of its own.",
    "cell_nonlinearity": "Nonlinearity",
    "cell_part": "Equation of",
    "cell_colours": "Wires are coloured by their value: gates (0..1) from purple (closed) to yellow (open); "
                    "signed values from blue (−1) through white (0) to red (+1). Grey wires carry vectors.",
    "cell_diagram_title": "{kind} cell, unit {unit}",
    "cell_unit_row": "Numbers for unit {unit}: row {unit} of each W, entry {unit} of each b.",
    "cell_all_equations": "Every equation of this step",
    "cell_code": "The code that computes these numbers (lstm_core/textbook.py)",
    "cell_code_caption": "The page calls this function with its sliders as PyTorch-shaped weights; each name "
                         "in it is a symbol of the equations.",
    "cell_gru_convention": r"This page uses PyTorch's GRU: **$z = 1$ keeps the old state**, "
                           r"$h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}$, and the reset gate scales "
                           r"$W_{hn} h_{t-1} + b_{hn}$ after the product, inside the tanh. Olah's well-known figure "
                           r"uses the opposite $z$, $h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$: its $z$ "
                           r"is this page's $1 - z$. d2l.ai uses PyTorch's $z$ but resets before the product, "
                           r"$(r_t \odot h_{t-1}) W_{hh}$.",
    "cell_rnn_note": r"A vanilla RNN has no gates: it rewrites its whole state at every step, so what it keeps "
                     r"depends on $W_{hh}$ alone.",
    "cell_sequence": "The same cell over a short sequence",
    "cell_sequence_intro": r"The first input follows the shape chosen here (a second input stays at its slider "
                           r"value); the cell starts from the $h_{t-1}$ and $c_{t-1}$ set above and uses the same "
                           "weights at every step (a loop over the same function).",
    "cell_seq_shape": "Input",
    "cell_shape_pulse": "pulse (1 at step 3)",
    "cell_shape_step": "step (1 from step 5)",
    "cell_shape_sine": "sine",
    "cell_seq_length": "Steps",
    "cell_seq_states": "states",
    "cell_seq_gates": "gates (0..1)",
    "cell_seq_step": "step t",
    "cell_glossary": "Terms (English / 中文)",
    "cell_term_x": "input",
    "cell_term_f": "forget gate",
    "cell_term_i": "input gate",
    "cell_term_o": "output gate",
    "cell_term_g": "candidate memory cell",
    "cell_term_c": "memory cell (cell state)",
    "cell_term_h": "hidden state",
    "cell_term_r": "reset gate",
    "cell_term_z": "update gate",
    "cell_term_n": "candidate hidden state",
    # /cell block ends here
    # --- /compare and /learn (branch learn): begin
    # keys compare_* and learn_*
    "compare_nav": "Why LSTM",
    "compare_title": "Why LSTM? RNN, GRU and LSTM compared",
    "compare_intro": "Everything on this page is computed by the app's own engine: how far back the gradient "
                     "reaches, how long each cell learnt to remember in training runs with a stated budget, and "
                     "what each costs, by arithmetic and by a measured time.",
    "compare_tab_gradient": "Gradient flow",
    "compare_tab_memory": "Memory",
    "compare_tab_cost": "Cost",
    "compare_cell_rnn": "vanilla RNN",
    "compare_cell_gru": "GRU",
    "compare_cell_lstm": "LSTM",
    "compare_cell_lstm_forget1": "LSTM, forget-gate bias 1",
    "compare_grad_intro": "Training learns from the gradient. To link step t to the last output, the gradient must "
                          "travel back from step T-1 to step t. Below: the size of the gradient of Σ h(T-1) with "
                          "respect to h(t), against the distance T-1-t, for networks of 16 hidden units reading "
                          "sequences of symbols. A straight line falling on this log scale means the gradient "
                          "shrinks by the same factor every step: it *vanishes*.",
    "compare_length": "Sequence length T",
    "compare_seed": "Seed (initialisation and sequence)",
    "compare_seed_help": "Another seed draws other initial weights and another input sequence.",
    "compare_setting_default": "PyTorch's default initialisation",
    "compare_setting_forget1": "forget-gate bias set to 1",
    "compare_setting_trained": "trained to remember",
    "compare_mean_f": "LSTM's mean f = {f:.2f}",
    "compare_col_reached_first_symbol": "first symbol: learnt up to gap (median / every seed)",
    "compare_col_reached_adding": "adding problem: learnt up to gap (median / every seed)",
    "compare_short_default": "default initialisation",
    "compare_short_forget1": "forget-gate bias 1",
    "compare_short_trained": "trained",
    "compare_distance": "distance T-1-t (steps back)",
    "compare_grad_norm": "‖∂ Σ h(T-1) / ∂ h(t)‖",
    "compare_col_setting": "setting",
    "compare_col_cell": "cell",
    "compare_col_factor": "factor per step",
    "compare_grad_caption": "Left: with PyTorch's default initialisation every weight and bias is drawn from "
                            "U(-1/√H, 1/√H), so the forget gate sits near σ(0) = 0.5 and the LSTM forgets about as "
                            "fast as the RNN. Middle: the forget-gate bias set to 1 (Gers, Schmidhuber and Cummins "
                            "2000; Jozefowicz et al. 2015), f ≈ 0.73: the LSTM's gradient falls much more slowly "
                            "(RNN and GRU unchanged, dotted). Left and middle read the sequence of length T = "
                            "{length} of the slider. Right: the cells trained by tools/compare_memory.py to "
                            "remember the first of {trained} symbols, read on a sequence of {trained}, the length "
                            "they were trained on; on longer sequences these networks no longer name the first "
                            "symbol, so their gradient there would describe something they never learnt. 'Factor "
                            "per step' is the average factor from distance 1 to distance d: 1 keeps the gradient, "
                            "0.5 halves it at every step.",
    "compare_explode_title": "Exploding gradients, and what clipping does",
    "compare_explode_intro": "The same RNN with its recurrent weights multiplied by a factor. Backward, every step "
                             "multiplies the gradient by W_hhᵀ diag(tanh′), and |tanh′| ≤ γ = 1, so the gradient d "
                             "steps back is at most (γ σ_max)^d times what it was, σ_max the largest singular value "
                             "of W_hh (Pascanu, Mikolov and Bengio 2013). Below σ_max = 1/γ = 1 it must vanish; "
                             "above, it *can* grow, and for this network and sequence it does from a factor of "
                             "{onset} on. A gated cell does not prevent this (see the lesson's interview "
                             "questions); what is used in practice is **gradient clipping**: when the gradient's "
                             "norm exceeds a threshold, the whole gradient is scaled down to it.",
    "compare_scale": "Recurrent weights × factor",
    "compare_max_norm": "Clipping threshold (max norm)",
    "compare_rnn_scaled": "vanilla RNN, recurrent weights × {scale}",
    "compare_explode_fig": "Gradient reach of an RNN with large recurrent weights",
    "compare_norm_before": "gradient norm before clipping",
    "compare_norm_after": "after clipping",
    "compare_cosine": "cosine(before, after)",
    "compare_before": "before",
    "compare_after": "after clipping",
    "compare_clip_fig": "Norm of each parameter's gradient (loss Σ h(T-1))",
    "compare_clip_caption": "Clipping multiplies every parameter's gradient by the same number (threshold / norm), so "
                            "the update keeps its direction (cosine 1) and only its length changes. Below the "
                            "threshold nothing changes. Computed with lstm_core.optim.clip_grad_norm, as in training.",
    "compare_memory_intro": "Each cell trained on two tasks that need memory over a gap of N steps. **First "
                            "symbol**: read N random symbols, then name the first one. **Adding problem**: read N "
                            "pairs (a number, a marker); output the sum of the two marked numbers, one in each "
                            "half. The LSTM runs twice: at PyTorch's default initialisation, and with its "
                            "forget-gate bias at 1, the usual practice. Scores on held-out sequences, from "
                            "`tools/compare_memory.py` (NumPy engine).",
    "compare_task_first_symbol": "First symbol: accuracy on held-out sequences",
    "compare_task_adding": "Adding problem: mean squared error (log scale)",
    "compare_metric_first_symbol": "accuracy",
    "compare_metric_adding": "MSE",
    "compare_gap": "gap N (steps)",
    "compare_chance": "knowing nothing (chance; always answering 1)",
    "compare_memory_caption": "Lines: the median of the {seeds} seeds; dots: every seed, spread a little sideways "
                              "so equal scores stay visible. 'Learnt up to gap': the largest gap up to which the "
                              "median (and, second number, every seed) reached accuracy 0.9 (MSE 0.01) at that gap "
                              "and every shorter one.",
    "compare_settings": "Settings and how to reproduce",
    "compare_setting_trained_at": "trained to remember, T = {length}",
    "compare_col_distance": "distance d",
    "compare_col_left_at": "left at distance d",
    "compare_latch_title": "Gradient size is not memory",
    "compare_latch": "A large gradient makes a link easy to *learn*; it does not mean the network *keeps* anything, "
                     "and a small one does not mean it forgets. One tanh unit with recurrent weight 3, h(t) = "
                     "tanh(3 h(t-1) + x(t)), stores a bit: it reads +2 or -2, then {length} steps of noise between "
                     "-1 and 1. Its state falls into one of two stable points (h near ±0.995) and stays there: the "
                     "last h has the first input's sign on {kept:.0%} of 1,000 sequences. The stability that keeps "
                     "the bit is what kills the gradient: near a stable point each step multiplies it by 3 (1 - "
                     "h²), about {factor:.3f}, so the last step sends {left:.0e} of its gradient back to the first. "
                     "Bengio, Simard and Frasconi (1994) proved it in general: a network that stores information "
                     "robustly against noise has vanishing gradients by construction. That is why long gaps are "
                     "hard to *learn*, even for cells that could *hold* the value.",
    "compare_onset_none": "none on the slider",
    "compare_criterion": "σ_max(W_hh × {scale:g}) = {sigma:.2f} × {scale:g} = **{scaled:.2f}** {cmp} 1/γ = 1 (tanh: "
                         "γ = 1).",
    "compare_criterion_vanish": "Below 1 the gradient must vanish: {far} steps back it is at most {bound:.1e} of "
                                "the last step's (here {left:.1e}).",
    "compare_criterion_may_grow": "Above 1 it may grow but need not (tanh′ < 1 where h saturates): {far} steps back "
                                  "it is {left:.1e} of the last step's. On this sequence it grows from {onset} on.",
    "compare_budget": "**The same budget for every cell and gap:** {steps} Adam steps of {batch} sequences, "
                      "learning rate {lr:g}, gradients clipped to norm {clip:g}, {hidden} hidden units; {seeds} "
                      "seeds per point, each with its own data, initialisation and batches (in all {cpu:.0f} "
                      "minutes of one core, single-threaded; {seconds:.0f} minutes of wall-clock time on a shared "
                      "2-core machine). A cell that fails at a gap has not learnt it *within this budget*.",
    "compare_seed_word": "seed",
    "compare_reached": "{median} / {every}",
    "compare_memory_shows": "**What the data shows.** Every cell learns both tasks on every seed at gap {short}, "
                            "and by the median up to gap {short_median}. Beyond, learning gets harder as the gap "
                            "grows: of all the runs on the first-symbol task (every cell and seed), {shares} learnt "
                            "it; at gap {longest} the best median accuracy is {best_long:.2f} (chance "
                            "{chance:.2f}). At gaps of {long_from} and more, runs that learnt the first symbol (of "
                            "{long_runs} per cell): RNN: {rnn}, GRU: {gru}, LSTM: {lstm}, LSTM with forget-gate "
                            "bias 1: {lstm_forget1}. On the adding problem the gates make the difference: every "
                            "seed of the GRU and of both LSTMs learns every gap up to {adding_gated}, every seed of "
                            "the RNN only up to {adding_rnn}. A failed run did not *find* the solution within the "
                            "budget; it is no proof that the cell *cannot* hold a value that long, and where the "
                            "dots of one cell spread from chance to 1, the seed decides, not the cell. So a plain "
                            "RNN is not unable to learn a long link, and a gated cell is no guarantee: the gates "
                            "make a lasting gradient *possible* (Gradient flow tab), and training still has to find "
                            "it.",
    "compare_memory_numbers": "Every number: median [lowest – highest] and seeds that learnt it",
    "compare_cell_stats": "{median} [{low} – {high}], {solved}/{seeds}",
    "compare_macs_intro": "**Cost by arithmetic.** Per step and sequence, each block multiplies W_ih by x(t) and "
                          "W_hh by h(t-1): H·D + H² multiply-adds. The gates' element-wise work (a few times H per "
                          "block) is small beside it unless H is tiny. So an LSTM step costs 4 times an RNN step "
                          "and a GRU step 3 times, whatever D and H: a property of the cells.",
    "compare_col_macs_formula": "multiply-adds per step",
    "compare_macs_rnn": "1 · (HD + H²)",
    "compare_macs_gru": "3 · (HD + H²)",
    "compare_macs_lstm": "4 · (HD + H²)",
    "compare_col_macs": "for these D and H",
    "compare_col_ratio": "× RNN",
    "compare_time_intro": "**A measured time** is a property of an implementation on a machine, not of the cells. "
                          "Below, this app's NumPy engine, on this server, now.",
    "compare_live_title": "Run it yourself",
    "compare_live_intro": "Train one cell to remember the first symbol, live, on this server (a few seconds). Stop "
                          "whenever you like; the accuracy is measured on 256 sequences it never saw.",
    "compare_live_cell": "Cell",
    "compare_live_gap": "Gap N",
    "compare_live_steps": "Training steps",
    "compare_live_train": "Train",
    "compare_live_stop": "Stop",
    "compare_live_progress": "step {step} of {steps}, loss {loss}",
    "compare_live_stopped": "Stopped at step {step} of {steps}.",
    "compare_live_accuracy": "{cell}, gap {gap}: accuracy on held-out sequences",
    "compare_live_loss": "loss",
    "compare_live_loss_title": "Training loss (cross-entropy, nats)",
    "compare_live_step": "step",
    "compare_cost_intro": "One layer, one direction. Each gate (and the candidate) has its own input weights (H×D), "
                          "recurrent weights (H×H) and, as in PyTorch, two bias vectors (b_ih and b_hh): an LSTM "
                          "has four such blocks, a GRU three, a vanilla RNN one.",
    "compare_input_size": "Input size D",
    "compare_hidden_size": "Hidden size H",
    "compare_col_formula": "formula",
    "compare_col_by_formula": "by the formula",
    "compare_col_by_arrays": "counted in the arrays",
    "compare_col_equal": "equal",
    "compare_formula_rnn": "1 · (HD + H² + 2H)",
    "compare_formula_gru": "3 · (HD + H² + 2H)",
    "compare_formula_lstm": "4 · (HD + H² + 2H)",
    "compare_cost_caption": "The arrays are those RecurrentNet.create makes, named and shaped as PyTorch's "
                            "(weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0).",
    "compare_time_fig": "Time per step, forward, one sequence (D = {D}, H = {H})",
    "compare_microseconds": "µs per step",
    "compare_time_caption": "What is measured: a forward run of one sequence of 100 steps (float32, batch 1) by "
                            "this NumPy engine, {repeats} times per cell, the cells taking turns; bars: the median, "
                            "whiskers: the fastest and the slowest run. Here the LSTM took {lstm:.1f}× and the GRU "
                            "{gru:.1f}× the RNN's median time (LSTM against RNN anywhere from {lstm_low:.1f}× to "
                            "{lstm_high:.1f}× between runs). At these sizes most of a step is NumPy's fixed cost "
                            "per call, and an LSTM step makes more calls than an RNN step, so the ratio is not the "
                            "4× of the arithmetic; other work on the server moves it too. A library that fuses a "
                            "step into few calls (cuDNN, oneDNN) comes closer to the arithmetic.",
    "learn_nav": "Learn",
    "learn_title": "Learn the LSTM, one step at a time",
    "learn_intro": "Every figure and every answer on this page is computed now by the app's engine (the character "
                   "model: {model}). Guess before you reveal; then change the example and watch the answer change.",
    "learn_part": "Part",
    "learn_part_lesson": "Lesson",
    "learn_part_interview": "Interview questions",
    "learn_part_mistakes": "Common mistakes",
    "learn_part_glossary": "Glossary",
    "learn_step_pick": "Step",
    "learn_prev": "Previous step",
    "learn_next": "Next step",
    "learn_progress": "Step {step} of {steps}",
    "learn_pick_interview": "Question",
    "learn_pick_mistake": "Mistake",
    "learn_your_guess": "Your guess",
    "learn_reveal": "Reveal the answer",
    "learn_guess_first": "Pick a guess, then reveal: the answer is computed when you ask for it.",
    "learn_rest_hidden": "The rest of this step appears once you have revealed the answer.",
    "learn_right": "Right: {answer}.",
    "learn_not_quite": "Not quite: the answer is {answer}.",
    "learn_no_answer": "This text has nothing this question can measure (no space, no letter, or no |c| beyond "
                       "±10): type another sentence.",
    "learn_opt_rnn_left20_over10": "more than 10%",
    "learn_opt_rnn_left20_mid": "between 0.1% and 10%",
    "learn_opt_rnn_left20_under01": "less than 0.1%",
    "learn_why_rnn_left20": "{left:.3%} of it is left 20 steps back: every step multiplies it by about {factor:.2f}.",
    "learn_opt_c_exceeds_one_yes": "yes",
    "learn_opt_c_exceeds_one_no": "no",
    "learn_why_c_exceeds_one": "On this sentence the largest |c| is {max_c:.2f}, while the largest |h| is {max_h:.4f}.",
    "learn_opt_c_holds_more": "yes, more than half",
    "learn_opt_c_holds_less": "no, less than half",
    "learn_why_c_holds": "f = {f:.4f}, and after 30 steps c = f³⁰ = {left:.3f}.",
    "learn_opt_forget1_vs_rnn_under100": "less than 100 times",
    "learn_opt_forget1_vs_rnn_mid": "100 to 10,000 times",
    "learn_opt_forget1_vs_rnn_over10000": "more than 10,000 times",
    "learn_why_forget1_vs_rnn": "At distance 40 the LSTM keeps {ratio:,.0f} times the RNN's gradient.",
    "learn_opt_gru_reset_no": "no: the reset wiped it",
    "learn_opt_gru_reset_yes": "yes",
    "learn_why_gru_reset": "With r at most {r_max:.0e}, the candidate n no longer reads h₀, but h₁ = (1 − z) n + z h₀ "
                           "still keeps z h₀ (z is {z_mean:.2f} on average here): a change of h₀ of size 1 moves h₁ by "
                           "{carried:.2f}. Only the update gate z decides what is kept.",
    "learn_question_text": "The text the question is about:",
    "learn_ask_erase_at_lowest_f": "The lowest forget gate in this text (after the first character) is f = {f:.4f}: "
                                   "unit {unit}, at `{char}` (step {step}).",
    "learn_opt_erase_at_lowest_f_yes": "yes, there",
    "learn_opt_erase_at_lowest_f_no": "no, somewhere else",
    "learn_why_erase_at_lowest_f": "What a forget gate erases is (1 − f)·|c(t−1)|: there it erased only "
                                   "{low_erased:.3f}, as unit {low_unit} held little. Unit {top_unit} erased the most, "
                                   "at `{top_char}` (step {top_step}): f = {top_f:.2f} on |c(t−1)| = {top_c_prev:.1f} "
                                   "erased {top_erased:.2f}, {ratio:,.0f} times as much.",
    "learn_ask_build_up": "The largest |c| in this text is {max_c:.1f}: unit {unit}, at `{char}` (step {step}).",
    "learn_opt_build_up_one": "one character wrote it",
    "learn_opt_build_up_few": "a few (2 to 10)",
    "learn_opt_build_up_many": "more than 10",
    "learn_why_build_up": "Each step adds i·g to c, and |i·g| < 1 (its largest here is {max_write:.3f}): reaching "
                          "{max_c:.1f} takes at least {fewest} steps. Unit {unit} built it up over {run_up} "
                          "characters, since its |c| was last below 1.",
    "learn_opt_o_where_c_large_open": "mostly open (o > 0.5): a large c shows",
    "learn_opt_o_where_c_large_shut": "mostly shut (o < 0.5)",
    "learn_why_o_where_c_large": "{count} values of c are beyond ±{large:g}; at {shut:.0%} of them the output gate is "
                                 "below 0.5 (mean o = {mean_o:.2f}, mean |h| = {mean_h:.2f}). Where these units hold "
                                 "the most, they show little: the memory is kept for later.",
    "learn_opt_clip_value_direction_same": "yes, only shorter",
    "learn_opt_clip_value_direction_changed": "no, it turns",
    "learn_why_clip_value_direction": "{share:.0%} of the entries are beyond ±1 and are cut to ±1: what is left is "
                                      "mostly their signs. The cosine between the gradient before and after is "
                                      "{cosine:.2f} (clipping by the norm keeps it at 1).",
    "learn_opt_trained_median_f_near1": "near 1 (above 0.9)",
    "learn_opt_trained_median_f_between": "between 0.5 and 0.9",
    "learn_opt_trained_median_f_below_half": "below 0.5",
    "learn_why_trained_median_f": "The median unit's mean forget gate is {trained:.2f} after training ({fresh:.2f} at "
                                  "initialisation); the most open one reaches {top:.2f}. Training opens a few gates "
                                  "wide and leaves most in between: not every unit has to hold the symbol.",
    "learn_opt_surer_where_inside": "after a letter (inside or at the end of a word)",
    "learn_opt_surer_where_after_space": "after a space (a word begins)",
    "learn_why_surer_where": "Its top probability averages {after_letter:.0%} after letters and {after_space:.0%} "
                             "after spaces ({ratio:.1f} times as sure): once a word has begun, its letters narrow the "
                             "choice; after a space any word can come.",
    "learn_opt_bi_last_step_both": "both halves",
    "learn_opt_bi_last_step_forward": "only the forward half",
    "learn_opt_bi_last_step_backward": "only the backward half",
    "learn_why_bi_last_step": "Gradient of each half of the output at step {at} on the input at step {first}: forward "
                              "{forward:.3f}, backward exactly {backward:g}. The backward LSTM starts at the last "
                              "step, so there it has read that one input only.",
    "learn_fig_output_c": "c (its own axis)",
    "learn_fig_output_bound": "−o (h stays within ±o)",
    "learn_exercise": "Exercise.",
    "learn_ex_answer": "Your answer",
    "learn_ex_check": "Check",
    "learn_ex_right": "Correct: {answer:.4g}. ",
    "learn_ex_wrong": "Not yet: {value:.4g} is not it. Try again, or open the worked answer below.",
    "learn_ex_show": "Worked answer",
    "learn_ex_ex_write_sum": "A unit starts with c = 0. Its forget gate is 1 and it writes i·g = {write:g} at each of "
                             "{steps} steps. What is c after the last one?",
    "learn_ex_why_ex_write_sum": "c adds up: {steps} × {write:g} = {answer:.4g} (the engine's one-unit LSTM gives "
                                 "{answer:.6f}). No squashing stops it: c can pass 1.",
    "learn_ex_ex_erase": "A unit holds c = {c_prev:g}; its forget gate is f = {f:g} and its input gate is shut. "
                         "How much does this step erase from its cell?",
    "learn_ex_why_ex_erase": "(1 − f)·|c(t−1)| = {answer:.4g}: c goes from {c_prev:g} to {c:.4g}. The same f = 0.9 on "
                             "a cell holding 0.1 would erase 0.01.",
    "learn_ex_ex_one_write": "At one step f = 1, c(t−1) = {c_prev:g}, i = {i:g} and g = {g:g}. What is c(t)?",
    "learn_ex_why_ex_one_write": "c = f·c(t−1) + i·g = {c_prev:g} + {i:g} × ({g:g}) = {answer:.4g}: a negative "
                                 "candidate subtracts.",
    "learn_ex_ex_h_of_c": "A unit's new cell state is c = {c:g} and its output gate is o = {o:g}. What is h? (3 "
                          "decimals)",
    "learn_ex_why_ex_h_of_c": "h = o·tanh(c) = {o:g} × tanh({c:g}) = {answer:.3f}: at most o, whatever c is.",
    "learn_ex_ex_bias_for_90": "With the input gate shut, what is the smallest forget-gate bias b_f that keeps at "
                               "least {keep:.0%} of c after {steps} steps? (2 decimals; the slider above helps)",
    "learn_ex_why_ex_bias_for_90": "f³⁰ ≥ {keep:g} needs f ≥ {keep:g}^(1/{steps}) = {f:.5f}, so b_f = ln(f / (1 − f)) "
                                   "= {answer:.2f} (found by bisection on the engine's unit).",
    "learn_ex_ex_gru_keep": "A GRU unit's update gate is z = {z:g} at every step and its candidate is n = 0. "
                            "What share of h₀ is left after {steps} steps? (3 decimals)",
    "learn_ex_why_ex_gru_keep": "h_t = (1 − z)·0 + z·h(t−1), so h = z^{steps}·h₀ = {answer:.3f}: the engine's GRU "
                                "unit gives the same.",
    "learn_ex_ex_trained_f20": "The trained LSTM's most open forget gate averages f = {top:.3f}. If it stayed at that "
                               "value, what share of c would be left after {steps} steps? (input gate shut, 3 "
                               "decimals)",
    "learn_ex_why_ex_trained_f20": "f^{steps} = {top:.3f}^{steps} = {answer:.3f}: even the most open trained gate "
                                   "keeps a memory for tens of steps, not hundreds.",
    "learn_ex_ex_loss": "After “{prompt}” the model gives `{char}` a probability of {p:.3f}. If `{char}` comes next, "
                        "what is the cross-entropy loss −ln p of this step? (2 decimals)",
    "learn_ex_why_ex_loss": "−ln {p:.3f} = {answer:.2f}. A sure right guess (p = 1) costs 0; p = 1/V for V characters "
                            "costs ln V.",
    "learn_ex_ex_second_layer": "A 2-layer bidirectional LSTM has input size 10 and hidden size 20, with PyTorch's two "
                                "bias vectors. How many parameters has its second layer, both directions together?",
    "learn_ex_why_ex_second_layer": "The second layer reads 2H = {input} inputs: 2 directions × 4 gates × (20·{input} "
                                    "+ 20·20 + 2·20) = {answer:,.0f}.",
    "learn_ex_ex_rnn_one_percent": "With the weights PyTorch starts from (factor 1), the gradient shrinks by a factor "
                                   "of about {factor:.2f} per step back (the mean between distances 1 and 20). At that "
                                   "rate, how many steps does it take to fall below 1% of its starting size? (a whole "
                                   "number)",
    "learn_ex_why_ex_rnn_one_percent": "{factor:.2f}ⁿ < 0.01 needs n > ln 0.01 / ln {factor:.2f} = {exact:.2f}, so "
                                       "{answer:.0f} steps. On the measured curve it falls below 1% of its value at "
                                       "distance 1 after {measured} steps: the factor is an average, not the same at "
                                       "every step.",
    "learn_ex_ex_half_life_c": "With b_f = {b:g}, f = σ({b:g}) = {f:.4f} at every step. Along the cell state alone "
                               "(input gate shut), after how many steps is c halved, and with it the gradient that "
                               "flows back along c? (1 decimal)",
    "learn_ex_why_ex_half_life_c": "fⁿ = 0.5 gives n = ln 0.5 / ln {f:.4f} = {answer:.1f}. The engine's one unit "
                                   "agrees: c = {c_before:.3f} after {before} steps and {c_after:.3f} after {after}. "
                                   "Going back along c, each step multiplies the gradient by the same f, so it halves "
                                   "just as fast.",
    "learn_ex_ex_clip_entry": "A gradient g = ({g1:g}, {g2:g}) is clipped by its norm to θ = {theta:g} "
                              "(`clip_grad_norm_`). What does its first entry become?",
    "learn_ex_why_ex_clip_entry": "‖g‖ = √({g1:g}² + ({g2:g})²) = {norm:g} > θ, so g is multiplied by θ / ‖g‖ = "
                                  "{factor:g}: ({answer:g}, {second:g}), the same direction with norm {theta:g} "
                                  "(computed by `lstm_core.optim.clip_grad_norm`).",
    "learn_try_context_at": "Prediction after character",
    "learn_try_context_at_help": "The step whose guess of the next character is explained, counted from 0. It goes "
                                 "back to the last character when the text changes.",
    "learn_unrolled_forward": "forward: x in, c and h carried right, the last h into the loss L",
    "learn_unrolled_backward": "backward: the gradient of L (shade, width and number: its measured size)",
    "learn_unrolled_skipped": "{n} steps not drawn",
    "learn_fig_unrolled": "Both networks unrolled over T = {length} steps: the gradient that reaches each carried "
                          "state",
    "learn_unrolled_caption": "Each number is the size of the gradient that reaches the state (c or h) one step hands "
                              "to the next, as a share of what the loss hands to the last h; the arrows on h carry "
                              "the values of the chart above at the distances drawn. 40 steps back: RNN, h: "
                              "{rnn:.1e}; LSTM (b_f = {b:g}), c: {c:.1e}, h: {h:.1e}. On c the LSTM gets {ratio} times "
                              "the RNN's gradient.",
    "learn_fig_context": "What moved the guess after character {at}, “{char}” (p = {p:.2f})",
    "learn_context_axis": "character (the step that read it)",
    "learn_context_band": "90%: the last {k}",
    "learn_context_caption": "Bar k: the size of the gradient of log p(`{char}`) with respect to the input at step k "
                             "(`lstm_core.analysis.prediction_connectivity`, the engine's backward); the text above "
                             "is shaded by the same numbers. Half of their sum lies in the last {k50} characters and "
                             "90% in the last {k90} of {length}; the first character moves the guess by "
                             "{first:.1%} of the strongest.",
    "learn_ask_context_reach": "After this text ({length} characters) the model's top guess for the next character is "
                               "`{char}` (p = {p:.2f}).",
    "learn_opt_context_reach_few": "the last 1 to 3 (the end of the word)",
    "learn_opt_context_reach_words": "the last 4 to 20 (a few words)",
    "learn_opt_context_reach_most": "more than 20 (most of the text)",
    "learn_why_context_reach": "90% of the summed gradient sizes lie in the last {k90} characters, half in the last "
                               "{k50}. The first character moves the guess by {first_share:.1%} of the strongest "
                               "one.",
    "learn_try_text": "Sentence",
    "learn_try_text_help": "Up to {limit} characters; characters the model does not know are left out.",
    "learn_try_prompt": "Text to continue",
    "learn_text_cut": "Only the first {limit} characters are used.",
    "learn_text_unknown": "{count} character(s) the model does not know were left out.",
    "learn_try_scale": "Recurrent weights × factor",
    "learn_try_unit": "Unit",
    "learn_try_forget_bias": "Forget-gate bias b_f",
    "learn_try_max_norm": "Clipping threshold",
    "learn_try_sequence": "Sequence (seed)",
    "learn_try_bidirectional": "Two directions (bidirectional)",
    "learn_try_at": "Output at step t",
    "learn_rnn_scaled": "vanilla RNN, recurrent weights × {scale}",
    "learn_fig_rnn_reach": "Gradient that reaches h(t) from the last step",
    "learn_left_caption": "Left {d} steps back: {left:.1e} of the gradient at the last step.",
    "learn_fig_cell_lines": "Cell state c of four units, character by character",
    "learn_fig_forget": "Forget gate f (yellow = keep, dark = forget)",
    "learn_fig_write": "What each character writes into the cell: i·g (red adds, blue subtracts)",
    "learn_fig_output": "Unit {unit}: c, tanh(c), the output gate o and h = o·tanh(c)",
    "learn_fig_hold": "c over 30 steps with the input gate shut (your b_f: f = {f:.4f}, {left:.3f} left)",
    "learn_step_axis": "step",
    "learn_lstm_bias": "LSTM, forget-gate bias {b} (f = {f:.2f})",
    "learn_fig_lstm_reach": "Gradient that reaches h(t): LSTM against the vanilla RNN",
    "learn_ratio_caption": "At distance 40, the LSTM keeps {ratio:.3g} times the RNN's gradient.",
    "learn_fig_clip": "Gradient norm per parameter: {before:.3g} before, {after:.3g} after (cosine {cosine:.6f})",
    "learn_fig_gru_z": "Update gate z (1 keeps the old state)",
    "learn_fig_gru_r": "Reset gate r",
    "learn_gru_caption": "Largest error of h = (1 − z)·n + z·h_prev over the sequence: {error:.1e}. Parameters of "
                         "this 16-unit layer over 4 inputs: GRU {gru:,}, LSTM {lstm:,}.",
    "learn_fig_fresh": "Forget gate, freshly initialised",
    "learn_fig_trained": "Forget gate, trained to remember",
    "learn_fig_next": "Most likely next characters",
    "learn_probability": "probability",
    "learn_fig_dependence": "How much the output at step {at} depends on each input",
    "learn_gradient_size": "gradient size",
    "learn_fig_trained_reach": "Trained to remember, read at T = {length} (as trained): gradient that reaches h(t)",
    "learn_demo_reach_caption": "{d} steps back (the first step): RNN {rnn:.1e}, GRU {gru:.1e}, LSTM {lstm:.1e} of "
                                "the gradient at the last step. Trained nets do not simply let the gradient vanish: "
                                "the first symbol is what their output depends on.",
    "learn_demo_one_step": "Unit {unit} at step {step} (character “{char}”):",
    "learn_demo_one_step_caption": "Checked on the model's own values: |f·c_prev + i·g − c| = {c_error:.1e}, "
                                   "|o·tanh(c) − h| = {h_error:.1e} (float32 rounding).",
    "learn_lstm_large": "LSTM, forget-gate bias 3, recurrent weights × 16",
    "learn_fig_lstm_explodes": "An LSTM whose gradient explodes",
    "learn_demo_explodes_caption": "The gradient grows to {growth:,.0f} times its size at the last step. Clipping an "
                                   "exploding RNN update: norm {before:.3g} → {after:.3g}, cosine {cosine:.6f} (same "
                                   "direction).",
    "learn_demo_gru": "Largest error of h = (1 − z)·n + z·h_prev over every unit and step of the trained GRU: "
                      "**{error:.1e}**. Parameters of a 16-unit layer over 4 inputs: GRU **{gru:,}**, LSTM "
                      "**{lstm:,}** (3/4).",
    "learn_fig_dep_uni": "One direction (output {size} wide)",
    "learn_fig_dep_bi": "Two directions (output {size} wide)",
    "learn_col_layer": "layer",
    "learn_col_input": "input size",
    "learn_col_params": "parameters",
    "learn_demo_stack_caption": "The output of the stack is {out} wide (2H).",
    "learn_demo_batching": "16 sequences of 50 steps as one batch and one by one: largest difference in the outputs "
                           "**{difference:.1e}** (float32 rounding). Measured just now on this server, {repeats} "
                           "times each, the two ways taking turns (this app's NumPy engine, forward only): median "
                           "**{batched:.1f} ms** as a batch ({batched_low:.1f}–{batched_high:.1f}), **{alone:.1f} "
                           "ms** one by one ({alone_low:.1f}–{alone_high:.1f}). The spread is other work on the "
                           "server; the difference between the two ways is the per-call cost a batch pays once per "
                           "step instead of once per sequence.",
    "learn_full_bptt": "full BPTT",
    "learn_truncated_bptt": "truncated BPTT",
    "learn_fig_truncated": "Gradient of the last output on each input: truncated BPTT stops at step {start}",
    "learn_col_weights": "weights",
    "learn_relu_seed": "initialisation, seed {seed}",
    "learn_relu_trained": "trained model, lesson's sentence",
    "learn_relu_stopped": "{c} (stopped after {step} steps)",
    "learn_col_gate_sigmoid": "largest gate, σ",
    "learn_col_gate_relu": "largest gate, ReLU",
    "learn_col_gate_hard_sigmoid": "largest gate, hard σ",
    "learn_col_c_sigmoid": "largest |c|, σ",
    "learn_col_c_relu": "largest |c|, ReLU",
    "learn_col_c_hard_sigmoid": "largest |c|, hard σ",
    "learn_demo_relu_caption": "Initialisation rows: 4 inputs, 8 units, {steps} standard-normal inputs, PyTorch's "
                               "weights as drawn. A run stops once |c| passes 10¹². One step of the trained model "
                               "({H} units): {macs:,} multiply-adds in the recurrent product (4H × H) against {acts:,} "
                               "function evaluations (three gates, tanh of g and of c), {ratio:.0f} to 1.",
    "learn_col_seed": "seed",
    "learn_col_corr_article": "corr(f, i), article",
    "learn_col_corr_own": "corr(f, i), own weights",
    "learn_col_diff_article": "mean |f − i|, article",
    "learn_col_diff_own": "mean |f − i|, own weights",
    "learn_col_first_article": "|f − i| at step 0, article",
    "learn_col_first_own": "|f − i| at step 0, own weights",
    "learn_demo_wiring_caption": "{steps} characters, {units} inputs and {units} units. corr: the correlation of f "
                                 "and i over every unit and step. The article's input gate recomputed from h + x "
                                 "alone differs from it by at most {sum_error:.0e} (rounding): it sees only the sum.",
    "learn_col_gate": "gate",
    "learn_col_article_update": "article: change of the input weights",
    "learn_col_true_norm": "true gradient of the input weights (norm)",
    "learn_demo_backward_caption": "The article's change is −Σ x_t, the same for every gate and for any loss. The true "
                                   "gradients differ from gate to gate (the closest two are {between:.0%} apart) and "
                                   "from loss to loss (cosine between the two losses' gradients: {cosine:.2f}).",
    "learn_demo_unsquashed": "On the lesson's sentence ({steps} characters): the largest |c| is **{max_c:.1f}**, and "
                             "**{share:.0%}** of all values of c lie beyond ±1, where no tanh can reach. Largest "
                             "error of c = f·c_prev + i·g: **{c_error:.1e}** (float32 rounding).",
    "learn_demo_open_gate": "**{count:,}** of the {total:,} values of o are above {at}. There, h is not 1: its median "
                            "|h| is **{median:.2f}**, **{below:.0%}** have |h| below 0.5, **{negative:.0%}** are "
                            "negative, and the largest |h| is {top:.3f}.",
    "learn_demo_output_is_h": "Largest |output − h|: **{vs_h:g}** (the output is h). Largest |output − c|: "
                              "**{vs_c:.1f}**. |h| stays below 1 (largest {max_h:.3f}); |c| reaches {max_c:.1f}.",
    "learn_cec_own": "its own forget gate",
    "learn_cec_fixed": "f held at 1 (1997)",
    "learn_fig_cec": "Mean |c| over the 256 units, {steps:,} characters of held-out text",
    "learn_cec_axis": "mean |c|",
    "learn_demo_cec_caption": "Mean |c| over the last tenth: {own:.1f} with the forget gate, {fixed:.0f} with f = 1 "
                              "(largest |c|: {own_max:.0f} against {fixed_max:.0f}). With nothing to reset it, the "
                              "cell state adds up whatever the input gate lets in.",
    "learn_col_entry": "entry of c₀",
    "learn_col_numeric": "finite differences",
    "learn_col_engine": "engine's backward",
    "learn_col_wrong": "along c only (truncated, as in 1997)",
    "learn_demo_gradcheck_caption": "Relative error against finite differences: engine {engine:.1e}; the gradient "
                                    "truncated to c's path {wrong:.1e} (an approximation by design, not the gradient).",
    "learn_demo_causal_caption": "Largest gradient on the inputs after step 5: {later:g}.",
    "learn_demo_output_gate": "Largest |o·tanh(c) − h|: **{h_error:.1e}**; largest |f·c_prev + i·g − c|: "
                              "**{c_error:.1e}** (float32 rounding). And |o + c − h| reaches **{far:.2f}**: h is not "
                              "o + c.",
    "learn_demo_pipeline": "On the lesson's sentence: {vocab} characters in the vocabulary, x {x}, y {y}; decoding "
                           "the ids gives the text back {ok}.",
    "learn_link_cell": "See it live on the One cell page (/cell)",
    "learn_link_compare": "See it live on the Why LSTM page (/compare)",
    "learn_link_sentence": "See it live on the Sentence page (/sentence)",
    "learn_glossary_intro": "The terms used on every page, with the Chinese terms of d2l.ai's Chinese edition "
                            "(《动手学深度学习》).",
    "learn_col_symbol": "symbol",
    # --- /compare and /learn (branch learn): end
}

ZH = {
    "share_title": "分享当前视图",
    "share_hide": "链接中隐藏",
    "share_sidebar": "侧边栏",
    "share_input": "文本框和模型",
    "share_controls": "时间步控件和门选择",
    "share_button": "生成链接",
    "share_copied": "已复制。",
    # /cell (branch cell): keep this block contiguous and at the top
    "cell_nav": "单个循环单元",
    "cell_page_title": "亲手调一个循环单元",
    "cell_intro": "设置单个循环单元的输入、上一步的状态和权重，看每个数值如何在其中流动。这些数由下方展示的代码"
                  "（lstm_core/textbook.py）按 PyTorch 的公式计算。",
    "cell_kind": "单元类型",
    "cell_size": "隐藏单元数和输入数",
    "cell_units": "隐藏单元数",
    "cell_inputs": "输入数",
    "cell_unit_shown": "显示的隐藏单元",
    "cell_presets": "预设",
    "cell_preset_lstm_remember": "记住",
    "cell_preset_lstm_overwrite": "覆盖",
    "cell_preset_lstm_read": "读出",
    "cell_preset_lstm_forget": "全部遗忘",
    "cell_preset_gru_keep": "保持",
    "cell_preset_gru_overwrite": "覆盖",
    "cell_preset_gru_reset": "重置",
    "cell_preset_rnn_echo": "回声",
    "cell_preset_rnn_fade": "快速衰减",
    "cell_preset_rnn_explode": "爆炸（ReLU）",
    "cell_says_lstm_remember": r"**记住**：遗忘门 $f \approx 1$ 保留旧的记忆，输入门 $i \approx 0$ 挡住候选记忆元，"
                               r"所以 $c_t \approx c_{t-1}$（下方序列中，记忆一直保持）。",
    "cell_says_lstm_overwrite": r"**覆盖**：$f \approx 0$ 丢掉旧的记忆，$i \approx 1$ 写入候选记忆元，所以无论 "
                                r"$c_{t-1}$ 是多少，$c_t \approx g_t$（下方序列中，记忆跟随输入）。",
    "cell_says_lstm_read": r"**读出**：记忆被保留（$f \approx 1$，$i \approx 0$），输出门只在 $x_t = 1$ 时打开"
                           r"（$o = \sigma(10 x_t - 5)$），所以此刻 $h_t$ 显示 $\tanh(c_t)$，而在下方序列的其他"
                           "时间步接近 0。",
    "cell_says_lstm_forget": r"**全部遗忘**：$f \approx 0$ 且 $i \approx 0$ 清空记忆元，无论 $c_{t-1}$ 存了什么，"
                             r"$c_t \approx 0$，$h_t \approx 0$。",
    "cell_says_gru_keep": r"**保持**：更新门 $z \approx 1$ 保留旧状态，$h_t \approx h_{t-1}$，无论候选隐状态 "
                          r"$n_t$ 是多少（PyTorch 的约定；在 Olah 的图中对应 $z \approx 0$）。",
    "cell_says_gru_overwrite": r"**覆盖**：$z \approx 0$ 用候选隐状态替换旧状态，$h_t \approx n_t$。",
    "cell_says_gru_reset": r"**重置**：$r \approx 0$ 让候选隐状态看不到 $W_{hn} h_{t-1} + b_{hn}$，所以 "
                           r"$n_t = \tanh(W_{in} x_t + b_{in})$ 与旧状态无关（$z \approx 0$ 再把它写入）。",
    "cell_says_rnn_echo": r"**回声**：$W_{hh} = 0.95$ 把一个脉冲传给后面的时间步，但每一步都缩小一点"
                          "（下方序列中，它在整个序列里慢慢变弱）。",
    "cell_says_rnn_fade": r"**快速衰减**：$W_{hh} = 0.3$ 每步只保留 30% 的状态，脉冲三四步后就消失了。",
    "cell_says_rnn_explode": r"**爆炸**：使用 ReLU 且 $W_{hh} = 1.2$ 时，状态每步增长 20%，没有上限"
                             "（通过时间反向传播的梯度也同样增长）。",
    "cell_this_step": "这一步的输入",
    "cell_weights": "单元 {unit} 的权重和偏置",
    "cell_help_x": "这一时间步的输入。",
    "cell_help_h": "上一步传来的隐状态。",
    "cell_help_c": "上一步传来的记忆元（只有 LSTM 有）。",
    "cell_bias_note": r"PyTorch 保存两组偏置（$b_{i\cdot}$ 和 $b_{h\cdot}$），只有它们的和起作用，所以滑块设置 "
                      r"$b_{i\cdot}$，本页令 $b_{h\cdot} = 0$。",
    "cell_bias_note_gru": r"PyTorch 保存两组偏置；对 $r$ 和 $z$ 只有和起作用（滑块设置 $b_{ir}$、$b_{iz}$，"
                          r"$b_{hr} = b_{hz} = 0$），但 $b_{hn}$ 会被重置门缩放，所以它有自己的滑块。",
    "cell_nonlinearity": "非线性函数",
    "cell_part": "查看公式",
    "cell_colours": "连线按数值着色：门（0..1）从紫色（关闭）到黄色（打开）；有正负的量从蓝色（−1）经白色（0）"
                    "到红色（+1）。灰色连线传递的是向量。",
    "cell_diagram_title": "{kind} 单元，隐藏单元 {unit}",
    "cell_unit_row": "单元 {unit} 的数值：取每个 W 的第 {unit} 行、每个 b 的第 {unit} 个元素。",
    "cell_all_equations": "这一步的全部公式",
    "cell_code": "计算这些数值的代码（lstm_core/textbook.py）",
    "cell_code_caption": "本页把滑块的值按 PyTorch 的形状组成权重后调用这个函数；其中每个变量名都是公式里的符号。",
    "cell_gru_convention": r"本页使用 PyTorch 的门控循环单元（GRU）：**$z = 1$ 保留旧状态**，"
                           r"$h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}$，并且重置门在矩阵乘法之后、tanh 之内"
                           r"缩放 $W_{hn} h_{t-1} + b_{hn}$。Olah 那张著名的图使用相反的 $z$："
                           r"$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$，它的 $z$ 就是本页的 $1 - z$。"
                           r"d2l.ai 使用与 PyTorch 相同的 $z$，但在矩阵乘法之前重置：$(r_t \odot h_{t-1}) W_{hh}$。",
    "cell_rnn_note": r"普通 RNN 没有门：它每一步都重写整个状态，所以能保留多少只取决于 $W_{hh}$。",
    "cell_sequence": "同一个循环单元读一小段序列",
    "cell_sequence_intro": r"第一个输入按这里选择的形状变化（第二个输入保持滑块的值）；循环单元从上方设置的 "
                           r"$h_{t-1}$ 和 $c_{t-1}$ 出发，每一步使用相同的权重（对同一个函数循环调用）。",
    "cell_seq_shape": "输入",
    "cell_shape_pulse": "脉冲（第 3 步为 1）",
    "cell_shape_step": "阶跃（从第 5 步起为 1）",
    "cell_shape_sine": "正弦",
    "cell_seq_length": "步数",
    "cell_seq_states": "状态",
    "cell_seq_gates": "门（0..1）",
    "cell_seq_step": "时间步 t",
    "cell_glossary": "术语（English / 中文）",
    "cell_term_x": "输入",
    "cell_term_f": "遗忘门",
    "cell_term_i": "输入门",
    "cell_term_o": "输出门",
    "cell_term_g": "候选记忆元",
    "cell_term_c": "记忆元",
    "cell_term_h": "隐状态",
    "cell_term_r": "重置门",
    "cell_term_z": "更新门",
    "cell_term_n": "候选隐状态",
    # /cell block ends here
    # --- /compare and /learn (branch learn): begin
    # keys compare_* and learn_*
    "compare_nav": "为什么用 LSTM",
    "compare_title": "为什么用 LSTM？RNN、GRU 与 LSTM 对比",
    "compare_intro": "本页的一切都由应用自己的引擎计算：梯度能往回传多远；在预算明确的训练中，每种循环单元学会了记"
                     "住多久；以及各自的代价——先按算术，再看实测时间。",
    "compare_tab_gradient": "梯度流动",
    "compare_tab_memory": "记忆",
    "compare_tab_cost": "代价",
    "compare_cell_rnn": "普通 RNN",
    "compare_cell_gru": "GRU",
    "compare_cell_lstm": "LSTM",
    "compare_cell_lstm_forget1": "LSTM（遗忘门偏置为 1）",
    "compare_grad_intro": "训练靠梯度学习。要把第 t 步与最后的输出联系起来，梯度必须从第 T-1 步一路传回第 t "
                          "步。下图：Σ h(T-1) 对 h(t) 的梯度大小，横轴是距离 T-1-t；网络都有 16 "
                          "个隐藏单元，读符号序列。在对数坐标上呈直线下降，表示梯度每一步都缩小同样的倍数：这就是梯"
                          "度*消失*。",
    "compare_length": "序列长度 T",
    "compare_seed": "随机种子（初始化与序列）",
    "compare_seed_help": "换一个种子，就换一组初始权重和另一条输入序列。",
    "compare_setting_default": "PyTorch 默认初始化",
    "compare_setting_forget1": "遗忘门偏置设为 1",
    "compare_setting_trained": "训练后能记忆",
    "compare_mean_f": "LSTM 的 f 均值 = {f:.2f}",
    "compare_col_reached_first_symbol": "第一个符号：学会的最大间隔（中位数 / 每个种子）",
    "compare_col_reached_adding": "加法问题：学会的最大间隔（中位数 / 每个种子）",
    "compare_short_default": "默认初始化",
    "compare_short_forget1": "遗忘门偏置 1",
    "compare_short_trained": "训练后",
    "compare_distance": "距离 T-1-t（往回的步数）",
    "compare_grad_norm": "‖∂ Σ h(T-1) / ∂ h(t)‖",
    "compare_col_setting": "设置",
    "compare_col_cell": "循环单元",
    "compare_col_factor": "每步倍数",
    "compare_grad_caption": "左：PyTorch 默认初始化时，每个权重和偏置都取自 U(-1/√H, 1/√H)，所以遗忘门约为 σ(0) = "
                            "0.5，LSTM 遗忘得和 RNN 差不多快。中：把遗忘门偏置设为 1（Gers、Schmidhuber 和 Cummins "
                            "2000；Jozefowicz 等 2015），f ≈ 0.73：LSTM 的梯度下降得慢得多（RNN 和 GRU "
                            "不变，画成虚线）。左图和中图读的是滑块所选长度 T = {length} 的序列。右：由 "
                            "tools/compare_memory.py 训练、要记住 {trained} 个符号中第一个的循环单元，在长度为 "
                            "{trained} "
                            "的序列上测量，也就是训练时的长度；在更长的序列上，这些网络已经说不出第一个符号，那里的"
                            "梯度描述的是它们从未学过的东西。“每步倍数”是从距离 "
                            "1 到距离 d 的平均倍数：1 表示梯度保持不变，0.5 表示每步减半。",
    "compare_explode_title": "梯度爆炸，以及梯度裁剪的作用",
    "compare_explode_intro": "同一个 RNN，把循环权重乘以一个倍数。反向传播时，每一步把梯度乘以 W_hhᵀ "
                             "diag(tanh′)，而 |tanh′| ≤ γ = 1，所以往回 d 步的梯度至多是原来的 (γ σ_max)^d "
                             "倍，σ_max 是 W_hh 的最大奇异值（Pascanu、Mikolov 和 Bengio 2013）。σ_max 低于 1/γ = 1 "
                             "时梯度必然消失；高于 1 时梯度*可能*增长，对这个网络和这条序列，从倍数 {onset} "
                             "起确实增长。门控循环单元并不能阻止这种情况（见课程中的面试题）；实践中用的是**梯度裁"
                             "剪**：当梯度的范数超过阈值时，把整个梯度按比例缩小到阈值。",
    "compare_scale": "循环权重 × 倍数",
    "compare_max_norm": "裁剪阈值（最大范数）",
    "compare_rnn_scaled": "普通 RNN，循环权重 × {scale}",
    "compare_explode_fig": "循环权重很大的 RNN 的梯度传播",
    "compare_norm_before": "裁剪前的梯度范数",
    "compare_norm_after": "裁剪后",
    "compare_cosine": "余弦（裁剪前，裁剪后）",
    "compare_before": "裁剪前",
    "compare_after": "裁剪后",
    "compare_clip_fig": "每个参数的梯度范数（损失 Σ h(T-1)）",
    "compare_clip_caption": "裁剪把每个参数的梯度都乘以同一个数（阈值 / 范数），所以更新的方向不变（余弦为 "
                            "1），只改变长度。低于阈值时什么都不变。用 lstm_core.optim.clip_grad_norm "
                            "计算，与训练时相同。",
    "compare_memory_intro": "每种循环单元都在两个需要跨越 N 步记忆的任务上训练。**第一个符号**：读 N "
                            "个随机符号，然后说出第一个。**加法问题**：读 N "
                            "对（一个数，一个标记），输出两个被标记的数之和，前后两半各有一个。LSTM "
                            "训练两种：PyTorch 默认初始化，以及常用做法——遗忘门偏置设为 "
                            "1。分数在未见过的序列上评估，来自 `tools/compare_memory.py`（NumPy 引擎）。",
    "compare_task_first_symbol": "第一个符号：未见过序列上的准确率",
    "compare_task_adding": "加法问题：均方误差（对数坐标）",
    "compare_metric_first_symbol": "准确率",
    "compare_metric_adding": "均方误差",
    "compare_gap": "间隔 N（步）",
    "compare_chance": "什么也没记住（随机猜；总回答 1）",
    "compare_memory_caption": "折线：{seeds} "
                              "个随机种子的中位数；圆点：每个种子，稍微横向错开，使相同的分数都能看见。“学会的最大"
                              "间隔”：在该间隔及所有更短的间隔上，中位数（第二个数：每个种子）都达到准确率 "
                              "0.9（均方误差 0.01）的最大间隔。",
    "compare_settings": "设置与复现方法",
    "compare_setting_trained_at": "训练后能记忆，T = {length}",
    "compare_col_distance": "距离 d",
    "compare_col_left_at": "距离 d 处剩余",
    "compare_latch_title": "梯度大小不等于记忆",
    "compare_latch": "梯度大，说明一个联系容易*学到*；并不说明网络*保存*了什么；梯度小，也不说明它忘了。一个 tanh "
                     "隐藏单元，循环权重为 3，h(t) = tanh(3 h(t-1) + x(t))，就能存住一个比特：先读 +2 或 -2，再读 "
                     "{length} 步 -1 到 1 之间的噪声。它的状态落入两个稳定点之一（h 约为 ±0.995）并停在那里：在 "
                     "1,000 条序列中，最后一步 h 的符号与第一个输入相同的比例为 "
                     "{kept:.0%}。正是保存这个比特的稳定性让梯度消失：在稳定点附近，每一步把梯度乘以 3 (1 - "
                     "h²)，约为 {factor:.3f}，所以最后一步传回第一步的梯度只剩 {left:.0e}。Bengio、Simard 和 "
                     "Frasconi（1994）证明了一般情形：能抵抗噪声、稳定地保存信息的网络，其梯度必然消失。这就是长间"
                     "隔难以*学会*的原因，即使循环单元本可以*保持*这个值。",
    "compare_onset_none": "滑块范围内没有",
    "compare_criterion": "σ_max(W_hh × {scale:g}) = {sigma:.2f} × {scale:g} = **{scaled:.2f}** {cmp} 1/γ = "
                         "1（tanh：γ = 1）。",
    "compare_criterion_vanish": "低于 1 时梯度必然消失：往回 {far} 步至多剩最后一步的 {bound:.1e}（这里是 "
                                "{left:.1e}）。",
    "compare_criterion_may_grow": "高于 1 时梯度可能增长，但不一定（h 饱和处 tanh′ < 1）：往回 {far} 步是最后一步的 "
                                  "{left:.1e}。在这条序列上，从 {onset} 起增长。",
    "compare_budget": "**每种循环单元、每个间隔的预算都相同**：{steps} 步 Adam，每批 {batch} 条序列，学习率 "
                      "{lr:g}，梯度裁剪到范数 {clip:g}，{hidden} 个隐藏单元；每个点 {seeds} "
                      "个随机种子，各有自己的数据、初始化和批次（总计单核单线程 {cpu:.0f} "
                      "分钟；在一台共用的双核机器上耗时 {seconds:.0f} "
                      "分钟）。某个间隔上失败的循环单元，是在*这个预算内*没有学会。",
    "compare_seed_word": "种子",
    "compare_reached": "{median} / {every}",
    "compare_memory_shows": "**数据说明了什么**。在间隔 {short} "
                            "上，每种循环单元在每个种子上都学会了两个任务；按中位数，直到间隔 {short_median} "
                            "都学会了。间隔再长，就越来越难学：在第一个符号任务的全部训练（每种循环单元、每个种子）"
                            "中，学会的比例依次为 "
                            "{shares}；间隔 {longest} 时，最好的中位数准确率是 {best_long:.2f}（随机猜为 "
                            "{chance:.2f}）。在 {long_from} "
                            "及以上的间隔中，学会第一个符号的训练次数（每种循环单元共 {long_runs} "
                            "次）：RNN：{rnn}，GRU：{gru}，LSTM：{lstm}，遗忘门偏置为 1 的 "
                            "LSTM：{lstm_forget1}。在加法问题上，门起了决定作用：GRU 和两种 LSTM "
                            "的每个种子都学会了直到间隔 {adding_gated} 的每个间隔，RNN 的每个种子只到间隔 "
                            "{adding_rnn}。失败的训练只是在预算内没有*找到*解，并不证明循环单元*不能*把一个值保持那"
                            "么久；同一种循环单元的圆点从随机水平散布到 "
                            "1 时，起决定作用的是种子，而不是循环单元。所以，普通 RNN "
                            "并非学不会长程联系，门控循环单元也不能保证学会：门让持久的梯度成为*可能*（见“梯度流动”"
                            "标签），训练仍然要去找到它。",
    "compare_memory_numbers": "全部数字：中位数 [最低 – 最高]，以及学会的种子数",
    "compare_cell_stats": "{median} [{low} – {high}]，{solved}/{seeds}",
    "compare_macs_intro": "**按算术算代价**。每一步、每条序列，每组权重都要把 W_ih 乘以 x(t)、把 W_hh 乘以 "
                          "h(t-1)：H·D + H² 次乘加。门的逐元素运算（每组几倍于 H）与之相比很小，除非 H 非常小。所以 "
                          "LSTM 一步的代价是 RNN 的 4 倍，GRU 是 3 倍，与 D 和 H 无关：这是循环单元本身的性质。",
    "compare_col_macs_formula": "每步乘加次数",
    "compare_macs_rnn": "1 · (HD + H²)",
    "compare_macs_gru": "3 · (HD + H²)",
    "compare_macs_lstm": "4 · (HD + H²)",
    "compare_col_macs": "在这组 D 和 H 下",
    "compare_col_ratio": "× RNN",
    "compare_time_intro": "**实测时间**是某个实现在某台机器上的性质，而不是循环单元的性质。下面是本应用的 NumPy "
                          "引擎，在这台服务器上，此刻的测量。",
    "compare_live_title": "自己动手训练",
    "compare_live_intro": "在这台服务器上现场训练一个循环单元去记住第一个符号（几秒钟）。随时可以停止；准确率在它从"
                          "未见过的 "
                          "256 条序列上测量。",
    "compare_live_cell": "循环单元",
    "compare_live_gap": "间隔 N",
    "compare_live_steps": "训练步数",
    "compare_live_train": "训练",
    "compare_live_stop": "停止",
    "compare_live_progress": "第 {step} / {steps} 步，损失 {loss}",
    "compare_live_stopped": "已在第 {step} / {steps} 步停止。",
    "compare_live_accuracy": "{cell}，间隔 {gap}：未见过序列上的准确率",
    "compare_live_loss": "损失",
    "compare_live_loss_title": "训练损失（交叉熵，奈特）",
    "compare_live_step": "步",
    "compare_cost_intro": "一层、一个方向。每个门（以及候选记忆元）都有自己的输入权重（H×D）、循环权重（H×H），并且"
                          "和 "
                          "PyTorch 一样有两个偏置向量（b_ih 和 b_hh）：LSTM 有四组，GRU 三组，普通 RNN 一组。",
    "compare_input_size": "输入维度 D",
    "compare_hidden_size": "隐藏单元数 H",
    "compare_col_formula": "公式",
    "compare_col_by_formula": "按公式",
    "compare_col_by_arrays": "数组中实际数出",
    "compare_col_equal": "相等",
    "compare_formula_rnn": "1 · (HD + H² + 2H)",
    "compare_formula_gru": "3 · (HD + H² + 2H)",
    "compare_formula_lstm": "4 · (HD + H² + 2H)",
    "compare_cost_caption": "数组由 RecurrentNet.create 生成，名称和形状与 PyTorch "
                            "相同（weight_ih_l0、weight_hh_l0、bias_ih_l0、bias_hh_l0）。",
    "compare_time_fig": "每步时间，前向，一条序列（D = {D}，H = {H}）",
    "compare_microseconds": "微秒 / 步",
    "compare_time_caption": "测量的是：本 NumPy 引擎对一条 100 步序列的前向计算（float32，批量 1），每种循环单元 "
                            "{repeats} 次，轮流进行；柱子是中位数，误差线是最快和最慢的一次。这里 LSTM 的中位时间是 "
                            "RNN 的 {lstm:.1f} 倍，GRU 是 {gru:.1f} 倍（各次之间，LSTM 与 RNN 之比从 {lstm_low:.1f} "
                            "倍到 {lstm_high:.1f} 倍不等）。在这样的规模下，一步的大部分时间是 NumPy "
                            "每次调用的固定开销，而 LSTM 一步的调用次数比 RNN 多，所以比值不是算术给出的 4 "
                            "倍；服务器上的其他任务也会改变它。把一步融合成少数几次调用的库（cuDNN、oneDNN）更接近"
                            "算术给出的比值。",
    "learn_nav": "学习",
    "learn_title": "一步一步学 LSTM",
    "learn_intro": "本页的每一幅图、每一个答案都由应用的引擎现场计算，所用模型：{model}。先猜，再揭晓答案；"
                   "然后换一个例子，看答案如何变化。",
    "learn_part": "部分",
    "learn_part_lesson": "课程",
    "learn_part_interview": "面试题",
    "learn_part_mistakes": "常见错误",
    "learn_part_glossary": "术语表",
    "learn_step_pick": "步骤",
    "learn_prev": "上一步",
    "learn_next": "下一步",
    "learn_progress": "第 {step} / {steps} 步",
    "learn_pick_interview": "问题",
    "learn_pick_mistake": "错误",
    "learn_your_guess": "你的猜测",
    "learn_reveal": "揭晓答案",
    "learn_guess_first": "先选一个猜测，再揭晓：答案在你点击时才计算。",
    "learn_rest_hidden": "揭晓答案后，这一步的其余内容才会出现。",
    "learn_right": "答对了：“{answer}”。",
    "learn_not_quite": "不太对：答案是“{answer}”。",
    "learn_no_answer": "这段文本没有这个问题可以测量的内容（没有空格、没有字母，或者没有超出 ±10 的 |c|）："
                       "请换一句话。",
    "learn_opt_rnn_left20_over10": "超过 10%",
    "learn_opt_rnn_left20_mid": "0.1% 到 10% 之间",
    "learn_opt_rnn_left20_under01": "不到 0.1%",
    "learn_why_rnn_left20": "往回 20 步只剩 {left:.3%}：每一步大约乘以 {factor:.2f}。",
    "learn_opt_c_exceeds_one_yes": "能",
    "learn_opt_c_exceeds_one_no": "不能",
    "learn_why_c_exceeds_one": "在这句话上，|c| 最大为 {max_c:.2f}，而 |h| 最大为 {max_h:.4f}。",
    "learn_opt_c_holds_more": "会，超过一半",
    "learn_opt_c_holds_less": "不会，不到一半",
    "learn_why_c_holds": "f = {f:.4f}，30 步后 c = f³⁰ = {left:.3f}。",
    "learn_opt_forget1_vs_rnn_under100": "不到 100 倍",
    "learn_opt_forget1_vs_rnn_mid": "100 到 10,000 倍",
    "learn_opt_forget1_vs_rnn_over10000": "超过 10,000 倍",
    "learn_why_forget1_vs_rnn": "在距离 40 处，LSTM 保留的梯度是 RNN 的 {ratio:,.0f} 倍。",
    "learn_opt_gru_reset_no": "不依赖：重置门把它清掉了",
    "learn_opt_gru_reset_yes": "依赖",
    "learn_why_gru_reset": "r 至多为 {r_max:.0e} 时，候选隐状态 n 不再读取 h₀，但 h₁ = (1 − z) n + z h₀ 仍然保留 z h₀"
                           "（这里 z 的平均值为 {z_mean:.2f}）：h₀ 改变大小为 1 的量，h₁ 随之改变 {carried:.2f}。"
                           "决定保留多少的只有更新门 z。",
    "learn_question_text": "问题所针对的文本：",
    "learn_ask_erase_at_lowest_f": "这段文本中（第一个字符之后）最小的遗忘门是 f = {f:.4f}：隐藏单元 {unit}，"
                                   "在 `{char}` 处（第 {step} 步）。",
    "learn_opt_erase_at_lowest_f_yes": "是，就在那里",
    "learn_opt_erase_at_lowest_f_no": "不是，在别处",
    "learn_why_erase_at_lowest_f": "遗忘门擦除的量是 (1 − f)·|c(t−1)|：那一步只擦除了 {low_erased:.3f}，因为隐藏单元 "
                                   "{low_unit} 本来就没存多少。擦除最多的是隐藏单元 {top_unit}，在 `{top_char}` 处"
                                   "（第 {top_step} 步）：f = {top_f:.2f}，|c(t−1)| = {top_c_prev:.1f}，擦除了 "
                                   "{top_erased:.2f}，是前者的 {ratio:,.0f} 倍。",
    "learn_ask_build_up": "这段文本中最大的 |c| 是 {max_c:.1f}：隐藏单元 {unit}，在 `{char}` 处（第 {step} 步）。",
    "learn_opt_build_up_one": "一个字符就写到了",
    "learn_opt_build_up_few": "几个字符（2 到 10 个）",
    "learn_opt_build_up_many": "超过 10 个字符",
    "learn_why_build_up": "每一步往 c 里加上 i·g，而 |i·g| < 1（这里最大为 {max_write:.3f}）：要达到 {max_c:.1f}，"
                          "至少需要 {fewest} 步。隐藏单元 {unit} 从它的 |c| 上一次低于 1 起，经过 {run_up} 个字符"
                          "才累积到这个值。",
    "learn_opt_o_where_c_large_open": "大多是开的（o > 0.5）：大的 c 会显示出来",
    "learn_opt_o_where_c_large_shut": "大多是关的（o < 0.5）",
    "learn_why_o_where_c_large": "有 {count} 个 c 值超出 ±{large:g}；其中 {shut:.0%} 处输出门低于 0.5（o 的平均值为 "
                                 "{mean_o:.2f}，|h| 的平均值为 {mean_h:.2f}）。这些隐藏单元存得最多的地方，显示得很少："
                                 "记忆留着以后用。",
    "learn_opt_clip_value_direction_same": "相同，只是变短了",
    "learn_opt_clip_value_direction_changed": "不同，方向变了",
    "learn_why_clip_value_direction": "{share:.0%} 的分量超出 ±1，被截成 ±1：剩下的主要是它们的符号。裁剪前后梯度的"
                                      "余弦为 {cosine:.2f}（按范数裁剪时余弦保持为 1）。",
    "learn_opt_trained_median_f_near1": "接近 1（高于 0.9）",
    "learn_opt_trained_median_f_between": "在 0.5 和 0.9 之间",
    "learn_opt_trained_median_f_below_half": "低于 0.5",
    "learn_why_trained_median_f": "训练后，居中的隐藏单元（中位数）的平均遗忘门为 {trained:.2f}（初始化时为 "
                                  "{fresh:.2f}）；开得最大的达到 {top:.2f}。训练把少数门开得很大，多数留在中间："
                                  "并不是每个隐藏单元都要记住那个符号。",
    "learn_opt_surer_where_inside": "在字母之后（词的中间或末尾）",
    "learn_opt_surer_where_after_space": "在空格之后（一个新词开始）",
    "learn_why_surer_where": "最高概率的平均值：字母之后 {after_letter:.0%}，空格之后 {after_space:.0%}（前者是后者的 "
                             "{ratio:.1f} 倍）：一个词开了头，已有的字母缩小了选择范围；空格之后什么词都可能出现。",
    "learn_opt_bi_last_step_both": "两半都依赖",
    "learn_opt_bi_last_step_forward": "只有正向的一半",
    "learn_opt_bi_last_step_backward": "只有反向的一半",
    "learn_why_bi_last_step": "第 {at} 步输出的两半对第 {first} 步输入的梯度：正向 {forward:.3f}，反向恰好为 "
                              "{backward:g}。反向的 LSTM 从最后一步开始读，所以在最后一步它只读过那一个输入。",
    "learn_fig_output_c": "c（单独的纵轴）",
    "learn_fig_output_bound": "−o（h 始终在 ±o 之内）",
    "learn_exercise": "练习。",
    "learn_ex_answer": "你的答案",
    "learn_ex_check": "检查",
    "learn_ex_right": "正确：{answer:.4g}。",
    "learn_ex_wrong": "还不对：{value:.4g} 不是答案。再试一次，或者展开下面的解答。",
    "learn_ex_show": "解答",
    "learn_ex_ex_write_sum": "一个隐藏单元从 c = 0 开始。它的遗忘门为 1，在 {steps} 步中每一步都写入 i·g = {write:g}。"
                             "最后一步之后 c 是多少？",
    "learn_ex_why_ex_write_sum": "c 逐步累加：{steps} × {write:g} = {answer:.4g}（引擎中单个隐藏单元的 LSTM 算出 "
                                 "{answer:.6f}）。没有任何压缩限制它：c 可以超过 1。",
    "learn_ex_ex_erase": "一个隐藏单元存着 c = {c_prev:g}；它的遗忘门 f = {f:g}，输入门关闭。"
                         "这一步从它的记忆元中擦除了多少？",
    "learn_ex_why_ex_erase": "(1 − f)·|c(t−1)| = {answer:.4g}：c 从 {c_prev:g} 变为 {c:.4g}。同样 f = 0.9 的门作用在"
                             "只存着 0.1 的记忆元上，只擦除 0.01。",
    "learn_ex_ex_one_write": "某一步 f = 1，c(t−1) = {c_prev:g}，i = {i:g}，g = {g:g}。c(t) 是多少？",
    "learn_ex_why_ex_one_write": "c = f·c(t−1) + i·g = {c_prev:g} + {i:g} × ({g:g}) = {answer:.4g}：候选记忆元为负时，"
                                 "写入就是减去。",
    "learn_ex_ex_h_of_c": "一个隐藏单元新的记忆元为 c = {c:g}，输出门 o = {o:g}。h 是多少？（保留 3 位小数）",
    "learn_ex_why_ex_h_of_c": "h = o·tanh(c) = {o:g} × tanh({c:g}) = {answer:.3f}：无论 c 多大，都不超过 o。",
    "learn_ex_ex_bias_for_90": "输入门关闭时，遗忘门偏置 b_f 至少要多大，{steps} 步后 c 才能保留至少 {keep:.0%}？"
                               "（保留 2 位小数；上面的滑块可以帮忙）",
    "learn_ex_why_ex_bias_for_90": "f³⁰ ≥ {keep:g} 要求 f ≥ {keep:g}^(1/{steps}) = {f:.5f}，所以 b_f = ln(f / (1 − f)) "
                                   "= {answer:.2f}（在引擎的单个隐藏单元上用二分法求得）。",
    "learn_ex_ex_gru_keep": "一个 GRU 隐藏单元的更新门在每一步都是 z = {z:g}，候选隐状态 n = 0。"
                            "{steps} 步后 h₀ 还剩多少比例？（保留 3 位小数）",
    "learn_ex_why_ex_gru_keep": "h_t = (1 − z)·0 + z·h(t−1)，所以 h = z^{steps}·h₀ = {answer:.3f}：引擎中的 GRU "
                                "隐藏单元给出相同的结果。",
    "learn_ex_ex_trained_f20": "训练后 LSTM 开得最大的遗忘门平均为 f = {top:.3f}。如果它一直保持这个值（输入门关闭），"
                               "{steps} 步后 c 还剩多少比例？（保留 3 位小数）",
    "learn_ex_why_ex_trained_f20": "f^{steps} = {top:.3f}^{steps} = {answer:.3f}：即使是训练后开得最大的门，记忆也只能"
                                   "保持几十步，而不是几百步。",
    "learn_ex_ex_loss": "在“{prompt}”之后，模型给 `{char}` 的概率是 {p:.3f}。如果下一个字符确实是 `{char}`，这一步的"
                        "交叉熵损失 −ln p 是多少？（保留 2 位小数）",
    "learn_ex_why_ex_loss": "−ln {p:.3f} = {answer:.2f}。完全确定且猜对（p = 1）的损失为 0；在 V 个字符中平均猜"
                            "（p = 1/V）的损失为 ln V。",
    "learn_ex_ex_second_layer": "一个 2 层的双向 LSTM，输入维度为 10，隐藏单元数为 20，按 PyTorch 的做法有两个"
                                "偏置向量。它的第二层（两个方向合计）有多少个参数？",
    "learn_ex_why_ex_second_layer": "第二层的输入维度为 2H = {input}：2 个方向 × 4 个门 × (20·{input} + 20·20 + "
                                    "2·20) = {answer:,.0f}。",
    "learn_ex_ex_rnn_one_percent": "在 PyTorch 初始化的权重下（倍数为 1），梯度每往回一步大约乘以 {factor:.2f}（距离 1 "
                                   "到 20 之间的平均值）。按这个速度，要经过多少步，梯度才会降到起始大小的 1% 以下？"
                                   "（整数）",
    "learn_ex_why_ex_rnn_one_percent": "{factor:.2f}ⁿ < 0.01 要求 n > ln 0.01 / ln {factor:.2f} = {exact:.2f}，所以是 "
                                       "{answer:.0f} 步。在实测曲线上，从距离 1 起往回 {measured} 步后才低于"
                                       "距离 1 处的 1%：这个倍数是平均值，并非每一步都一样。",
    "learn_ex_ex_half_life_c": "b_f = {b:g} 时，每一步 f = σ({b:g}) = {f:.4f}。只沿记忆元这条通路（输入门关闭），"
                               "经过多少步后 c 减半，沿 c 传回的梯度也随之减半？（保留 1 位小数）",
    "learn_ex_why_ex_half_life_c": "由 fⁿ = 0.5 得 n = ln 0.5 / ln {f:.4f} = {answer:.1f}。引擎中的单个隐藏单元给出"
                                   "同样的结果：{before} 步后 c = {c_before:.3f}，{after} 步后 c = {c_after:.3f}。沿 c "
                                   "往回传时，梯度每一步乘以同一个 f，所以减半的速度也一样。",
    "learn_ex_ex_clip_entry": "梯度 g = ({g1:g}, {g2:g}) 按范数裁剪到 θ = {theta:g}（`clip_grad_norm_`）。它的第一个"
                              "分量变成多少？",
    "learn_ex_why_ex_clip_entry": "‖g‖ = √({g1:g}² + ({g2:g})²) = {norm:g} > θ，所以 g 乘以 θ / ‖g‖ = {factor:g}，"
                                  "得到 ({answer:g}, {second:g})：方向不变，范数为 {theta:g}（由 "
                                  "`lstm_core.optim.clip_grad_norm` 计算）。",
    "learn_try_context_at": "预测位置：第几个字符之后",
    "learn_try_context_at_help": "要解释的是这一步对下一个字符的预测，从 0 开始数。文本改变后回到最后一个字符。",
    "learn_unrolled_forward": "前向：x 输入，c 和 h 向右传递，最后的 h 进入损失 L",
    "learn_unrolled_backward": "反向：L 的梯度（颜色深浅、线宽和数字表示实测的大小）",
    "learn_unrolled_skipped": "省略了 {n} 步",
    "learn_fig_unrolled": "两个网络沿时间展开（T = {length} 步）：到达每个传递状态的梯度",
    "learn_unrolled_caption": "每个数字是 L 传回到某一步所传出状态（c 或 h）的梯度大小，以损失传给最后一个 h 的梯度"
                              "为 1；h 上的箭头就是上图曲线在所画距离处的值。往回 40 步：RNN 的 h 为 {rnn:.1e}；"
                              "LSTM（b_f = {b:g}）的 c 为 {c:.1e}，h 为 {h:.1e}。到达 LSTM 的 c 的梯度是 RNN 的 "
                              "{ratio} 倍。",
    "learn_fig_context": "第 {at} 个字符之后的预测“{char}”（p = {p:.2f}）受哪些输入影响",
    "learn_context_axis": "字符（读入它的时间步）",
    "learn_context_band": "90%：最后 {k} 个",
    "learn_context_caption": "第 k 根柱子：log p(`{char}`) 对第 k 步输入的梯度大小（"
                             "`lstm_core.analysis.prediction_connectivity`，引擎自己的反向传播）；上方文本的底色"
                             "按同样的数值着色。这些梯度大小之和的一半来自最后 {k50} 个字符，90% 来自最后 {k90} 个"
                             "（共 {length} 个）；第一个字符对预测的影响是最大值的 {first:.1%}。",
    "learn_ask_context_reach": "读完这段文本（{length} 个字符）后，模型对下一个字符最有把握的猜测是 `{char}`"
                               "（p = {p:.2f}）。",
    "learn_opt_context_reach_few": "最后 1 到 3 个（单词的结尾）",
    "learn_opt_context_reach_words": "最后 4 到 20 个（几个单词）",
    "learn_opt_context_reach_most": "20 个以上（大半段文本）",
    "learn_why_context_reach": "梯度大小之和的 90% 来自最后 {k90} 个字符，一半来自最后 {k50} 个。"
                               "第一个字符的影响是最大值的 {first_share:.1%}。",
    "learn_try_text": "句子",
    "learn_try_text_help": "最多 {limit} 个字符；模型不认识的字符会被略去。",
    "learn_try_prompt": "要续写的文本",
    "learn_text_cut": "只使用前 {limit} 个字符。",
    "learn_text_unknown": "略去了 {count} 个模型不认识的字符。",
    "learn_try_scale": "循环权重 × 倍数",
    "learn_try_unit": "单元",
    "learn_try_forget_bias": "遗忘门偏置 b_f",
    "learn_try_max_norm": "裁剪阈值",
    "learn_try_sequence": "序列（随机种子）",
    "learn_try_bidirectional": "两个方向（双向）",
    "learn_try_at": "第 t 步的输出",
    "learn_rnn_scaled": "普通 RNN，循环权重 × {scale}",
    "learn_fig_rnn_reach": "从最后一步传到 h(t) 的梯度",
    "learn_left_caption": "往回 {d} 步，只剩最后一步梯度的 {left:.1e}。",
    "learn_fig_cell_lines": "四个单元的记忆元 c，逐字符",
    "learn_fig_forget": "遗忘门 f（黄色 = 保留，深色 = 遗忘）",
    "learn_fig_write": "每个字符写入记忆元的内容：i·g（红色表示增加，蓝色表示减少）",
    "learn_fig_output": "单元 {unit}：c、tanh(c)、输出门 o 与 h = o·tanh(c)",
    "learn_fig_hold": "输入门关闭时 30 步内的 c（你的 b_f：f = {f:.4f}，剩余 {left:.3f}）",
    "learn_step_axis": "时间步",
    "learn_lstm_bias": "LSTM，遗忘门偏置 {b}（f = {f:.2f}）",
    "learn_fig_lstm_reach": "传到 h(t) 的梯度：LSTM 与普通 RNN",
    "learn_ratio_caption": "在距离 40 处，LSTM 保留的梯度是 RNN 的 {ratio:.3g} 倍。",
    "learn_fig_clip": "每个参数的梯度范数：裁剪前 {before:.3g}，裁剪后 {after:.3g}（余弦 {cosine:.6f}）",
    "learn_fig_gru_z": "更新门 z（1 保留旧状态）",
    "learn_fig_gru_r": "重置门 r",
    "learn_gru_caption": "h = (1 − z)·n + z·h_prev 在序列上的最大误差：{error:.1e}。这一层（4 个输入，16 "
                         "个隐藏单元）的参数量：GRU {gru:,}，LSTM {lstm:,}。",
    "learn_fig_fresh": "遗忘门，刚初始化",
    "learn_fig_trained": "遗忘门，训练后能记忆",
    "learn_fig_next": "最可能的下一个字符",
    "learn_probability": "概率",
    "learn_fig_dependence": "第 {at} 步的输出对每个输入的依赖程度",
    "learn_gradient_size": "梯度大小",
    "learn_fig_trained_reach": "训练后能记忆，在 T = {length}（训练时的长度）上测量：传到 h(t) 的梯度",
    "learn_demo_reach_caption": "往回 {d} 步（第一步）：RNN 剩 {rnn:.1e}，GRU 剩 {gru:.1e}，LSTM 剩 "
                                "{lstm:.1e}（相对于最后一步的梯度）。训练后的网络并不只是让梯度消失：它们的输出依赖"
                                "的正是第一个符号。",
    "learn_demo_one_step": "单元 {unit}，第 {step} 步（字符“{char}”）：",
    "learn_demo_one_step_caption": "用模型自己的值检验：|f·c_prev + i·g − c| = {c_error:.1e}，|o·tanh(c) − h| = "
                                   "{h_error:.1e}（float32 舍入）。",
    "learn_lstm_large": "LSTM，遗忘门偏置 3，循环权重 × 16",
    "learn_fig_lstm_explodes": "梯度爆炸的 LSTM",
    "learn_demo_explodes_caption": "梯度增长到最后一步的 {growth:,.0f} 倍。对一个梯度爆炸的 RNN "
                                   "的更新做梯度裁剪：范数 {before:.3g} → {after:.3g}，余弦 {cosine:.6f}（方向相同）。",
    "learn_demo_gru": "训练后的 GRU 在所有单元和时间步上，h = (1 − z)·n + z·h_prev 的最大误差：**{error:.1e}**。"
                      "一层（4 个输入，16 个隐藏单元）的参数量：GRU **{gru:,}**，LSTM **{lstm:,}**（3/4）。",
    "learn_fig_dep_uni": "单向（输出维度为 {size}）",
    "learn_fig_dep_bi": "双向（输出维度为 {size}）",
    "learn_col_layer": "层",
    "learn_col_input": "输入维度",
    "learn_col_params": "参数量",
    "learn_demo_stack_caption": "整个堆叠的输出维度为 {out}（2H）。",
    "learn_demo_batching": "16 条 50 步的序列，作为一个批次运行与逐条运行：输出的最大差别 "
                           "**{difference:.1e}**（float32 舍入）。刚刚在这台服务器上测得，两种方式轮流各测 "
                           "{repeats} 次（本应用的 NumPy 引擎，只有前向）：中位数为批次 **{batched:.1f} "
                           "毫秒**（{batched_low:.1f}–{batched_high:.1f}），逐条 **{alone:.1f} "
                           "毫秒**（{alone_low:.1f}–{alone_high:.1f}）。波动来自服务器上的其他任务；两种方式的差别"
                           "是每次调用的开销：批次每一步付一次，逐条则每条序列付一次。",
    "learn_full_bptt": "完整的通过时间反向传播",
    "learn_truncated_bptt": "截断的通过时间反向传播",
    "learn_fig_truncated": "最后一个输出对每个输入的梯度：截断的版本在第 {start} 步截止",
    "learn_col_weights": "权重",
    "learn_relu_seed": "初始化，随机种子 {seed}",
    "learn_relu_trained": "训练好的模型，本课句子",
    "learn_relu_stopped": "{c}（运行 {step} 步后停止）",
    "learn_col_gate_sigmoid": "最大门值，sigmoid",
    "learn_col_gate_relu": "最大门值，ReLU",
    "learn_col_gate_hard_sigmoid": "最大门值，hard sigmoid",
    "learn_col_c_sigmoid": "最大 |c|，sigmoid",
    "learn_col_c_relu": "最大 |c|，ReLU",
    "learn_col_c_hard_sigmoid": "最大 |c|，hard sigmoid",
    "learn_demo_relu_caption": "初始化的各行：4 个输入，8 个隐藏单元，{steps} 个标准正态分布的输入，权重即 PyTorch "
                               "抽取的原值。|c| 超过 10¹² 时停止运行。训练好的模型（{H} 个隐藏单元）的一步：循环权重"
                               "的矩阵乘法（4H × H）有 {macs:,} 次乘加，而函数求值（三个门，以及 g 和 c 的 tanh）只"
                               "有 {acts:,} 次，约为 {ratio:.0f} 比 1。",
    "learn_col_seed": "随机种子",
    "learn_col_corr_article": "f 与 i 的相关系数（文章）",
    "learn_col_corr_own": "f 与 i 的相关系数（各自的权重）",
    "learn_col_diff_article": "平均 |f − i|（文章）",
    "learn_col_diff_own": "平均 |f − i|（各自的权重）",
    "learn_col_first_article": "第 0 步的 |f − i|（文章）",
    "learn_col_first_own": "第 0 步的 |f − i|（各自的权重）",
    "learn_demo_wiring_caption": "{steps} 个字，{units} 个输入，{units} 个隐藏单元。相关系数按所有隐藏单元和时间步计"
                                 "算。仅用 h + x 重新算出的输入门与文章的输入门最多相差 {sum_error:.0e}（舍入误差）"
                                 "：它只看得到这个和。",
    "learn_col_gate": "门",
    "learn_col_article_update": "文章：输入权重的改变量",
    "learn_col_true_norm": "输入权重的真实梯度（范数）",
    "learn_demo_backward_caption": "文章的改变量是 −Σ x_t，对每个门、每个损失都一样。真实梯度则因门而异（最接近的两"
                                   "个门也相差 {between:.0%}），也因损失而异（两个损失的梯度之间的余弦：{cosine:.2f}"
                                   "）。",
    "learn_demo_unsquashed": "在本课句子上（{steps} 个字符）：最大的 |c| 为 **{max_c:.1f}**，c 的所有取值中有 **{sha"
                             "re:.0%}** 超出 ±1，是任何 tanh 都达不到的。c = f·c_prev + i·g 的最大误差：**{c_error:."
                             "1e}**（float32 舍入误差）。",
    "learn_demo_open_gate": "o 的 {total:,} 个取值中有 **{count:,}** 个大于 {at}。在这些位置上 h 并不是 1：|h| 的中"
                            "位数为 **{median:.2f}**，**{below:.0%}** 的 |h| 小于 0.5，**{negative:.0%}** 为负，最大"
                            "的 |h| 为 {top:.3f}。",
    "learn_demo_output_is_h": "最大的 |output − h|：**{vs_h:g}**（输出就是 h）。最大的 |output − c|：**{vs_c:.1f}**"
                              "。|h| 始终小于 1（最大 {max_h:.3f}）；|c| 达到 {max_c:.1f}。",
    "learn_cec_own": "模型自己的遗忘门",
    "learn_cec_fixed": "f 固定为 1（1997 年）",
    "learn_fig_cec": "256 个隐藏单元的平均 |c|，未参与训练的文本共 {steps:,} 个字符",
    "learn_cec_axis": "平均 |c|",
    "learn_demo_cec_caption": "最后十分之一的平均 |c|：有遗忘门时为 {own:.1f}，f = 1 时为 {fixed:.0f}（最大的 |c|：{"
                              "own_max:.0f} 对 {fixed_max:.0f}）。没有东西能把它清零，记忆元就把输入门放进来的一切都"
                              "累加起来。",
    "learn_col_entry": "c₀ 的分量",
    "learn_col_numeric": "有限差分",
    "learn_col_engine": "引擎的反向传播",
    "learn_col_wrong": "只沿 c（截断，同 1997 年）",
    "learn_demo_gradcheck_caption": "与有限差分相比的相对误差：引擎 {engine:.1e}；截断到 c 这条通路的梯度 {wrong:.1e}"
                                    "（这是有意选择的近似，不是梯度本身）。",
    "learn_demo_causal_caption": "第 5 步之后的输入上最大的梯度：{later:g}。",
    "learn_demo_output_gate": "最大的 |o·tanh(c) − h|：**{h_error:.1e}**；最大的 |f·c_prev + i·g − "
                              "c|：**{c_error:.1e}**（float32 舍入）。而 |o + c − h| 达到 **{far:.2f}**：h 不是 o + "
                              "c。",
    "learn_demo_pipeline": "在课程的句子上：词表有 {vocab} 个字符，x {x}，y {y}；把编号解码后得回原文 {ok}。",
    "learn_link_cell": "在“单个循环单元”页面（/cell）现场查看",
    "learn_link_compare": "在“为什么用 LSTM”页面（/compare）现场查看",
    "learn_link_sentence": "在“句子”页面（/sentence）现场查看",
    "learn_glossary_intro": "每个页面使用的术语，中文采用 d2l.ai 中文版（《动手学深度学习》）的译名。",
    "learn_col_symbol": "符号",
    # --- /compare and /learn (branch learn): end
}
