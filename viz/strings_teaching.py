"""UI strings for the teaching pages /cell, /compare, /learn and lesson links
in English and 简体中文 (merged into viz.i18n)."""

EN = {
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
}

ZH = {
    # /cell (branch cell): keep this block contiguous and at the top
    "cell_nav": "单个细胞",
    "cell_page_title": "亲手调一个细胞",
    "cell_intro": "设置单个细胞的输入、上一步的状态和权重，看每个数值如何流过它。这些数由下方展示的代码"
                  "（lstm_core/textbook.py）按 PyTorch 的公式计算。",
    "cell_kind": "细胞",
    "cell_size": "单元数和输入数",
    "cell_units": "单元数",
    "cell_inputs": "输入数",
    "cell_unit_shown": "显示的单元",
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
    "cell_says_rnn_echo": r"**回声**：$W_{hh} = 0.95$ 把一个脉冲向后传递，但每一步都缩小一点"
                          "（下方序列中，它在整个序列里慢慢变弱）。",
    "cell_says_rnn_fade": r"**快速衰减**：$W_{hh} = 0.3$ 每步只保留 30% 的状态，脉冲三四步后就消失了。",
    "cell_says_rnn_explode": r"**爆炸**：使用 ReLU 且 $W_{hh} = 1.2$ 时，状态每步增长 20%，没有上限"
                             "（随时间反向传播的梯度也同样增长）。",
    "cell_this_step": "这一步的输入",
    "cell_weights": "单元 {unit} 的权重和偏置",
    "cell_help_x": "这一时间步的输入。",
    "cell_help_h": "细胞从上一步得到的隐状态。",
    "cell_help_c": "LSTM 从上一步得到的记忆元。",
    "cell_bias_note": r"PyTorch 保存两组偏置（$b_{i\cdot}$ 和 $b_{h\cdot}$），只有它们的和起作用，所以滑块设置 "
                      r"$b_{i\cdot}$，本页令 $b_{h\cdot} = 0$。",
    "cell_bias_note_gru": r"PyTorch 保存两组偏置；对 $r$ 和 $z$ 只有和起作用（滑块设置 $b_{ir}$、$b_{iz}$，"
                          r"$b_{hr} = b_{hz} = 0$），但 $b_{hn}$ 会被重置门缩放，所以它有自己的滑块。",
    "cell_nonlinearity": "非线性函数",
    "cell_part": "查看公式",
    "cell_colours": "连线按数值着色：门（0..1）从紫色（关闭）到黄色（打开）；有正负的量从蓝色（−1）经白色（0）"
                    "到红色（+1）。灰色连线传递的是向量。",
    "cell_diagram_title": "{kind} 细胞，单元 {unit}",
    "cell_unit_row": "单元 {unit} 的数值：取每个 W 的第 {unit} 行、每个 b 的第 {unit} 个元素。",
    "cell_all_equations": "这一步的全部公式",
    "cell_code": "计算这些数值的代码（lstm_core/textbook.py）",
    "cell_code_caption": "本页把滑块的值按 PyTorch 的形状组成权重后调用这个函数；其中每个变量名都是公式里的符号。",
    "cell_gru_convention": r"本页使用 PyTorch 的 GRU：**$z = 1$ 保留旧状态**，"
                           r"$h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}$，并且重置门在矩阵乘法之后、tanh 之内"
                           r"缩放 $W_{hn} h_{t-1} + b_{hn}$。Olah 那张著名的图使用相反的 $z$："
                           r"$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$，它的 $z$ 就是本页的 $1 - z$。"
                           r"d2l.ai 使用与 PyTorch 相同的 $z$，但在矩阵乘法之前重置：$(r_t \odot h_{t-1}) W_{hh}$。",
    "cell_rnn_note": r"普通 RNN 没有门：它每一步都重写整个状态，所以能保留多少只取决于 $W_{hh}$。",
    "cell_sequence": "同一个细胞读一小段序列",
    "cell_sequence_intro": r"第一个输入按这里选择的形状变化（第二个输入保持滑块的值）；细胞从上方设置的 "
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
}
