"""UI strings for the teaching pages /cell, /compare, /learn and lesson links
in English and 简体中文 (merged into viz.i18n)."""

EN = {
    # --- /compare and /learn (branch learn): begin
    # keys compare_* and learn_*
    "compare_nav": "Why LSTM",
    "compare_title": "Why LSTM? A vanilla RNN, a GRU and an LSTM side by side",
    "compare_intro": "Everything on this page is computed now by the app's own engine: how far back the gradient "
                     "reaches, how long each cell can remember after training, and what each costs.",
    "compare_tab_gradient": "Gradient flow",
    "compare_tab_memory": "Memory",
    "compare_tab_cost": "Cost",
    "compare_cell_rnn": "vanilla RNN",
    "compare_cell_gru": "GRU",
    "compare_cell_lstm": "LSTM",
    "compare_cell_lstm_forget1": "LSTM, forget-gate bias 1",
    "compare_grad_intro": "Training learns from the gradient. To link step t to the last output, the gradient must "
                          "travel back from step T-1 to step t. Below: the size of the gradient of Σ h(T-1) with "
                          "respect to h(t), against the distance T-1-t, for three networks of 16 units reading the "
                          "same sequence of symbols. A straight line falling on this log scale means the gradient "
                          "shrinks by the same factor every step: it *vanishes*.",
    "compare_length": "Sequence length T",
    "compare_seed": "Seed (initialisation and sequence)",
    "compare_seed_help": "Another seed draws other initial weights and another input sequence.",
    "compare_setting_default": "PyTorch's default initialisation (mean f = {f:.2f})",
    "compare_setting_forget1": "forget-gate bias set to 1 (mean f = {f:.2f})",
    "compare_setting_trained": "trained to remember (LSTM mean f = {f:.2f})",
    "compare_short_default": "default initialisation",
    "compare_short_forget1": "forget-gate bias 1",
    "compare_short_trained": "trained",
    "compare_distance": "distance T-1-t (steps back)",
    "compare_grad_norm": "‖∂ Σ h(T-1) / ∂ h(t)‖",
    "compare_col_setting": "setting",
    "compare_col_cell": "cell",
    "compare_col_factor": "factor per step",
    "compare_col_left": "left at distance {d}",
    "compare_grad_caption": "Left: with PyTorch's default initialisation every weight and bias is drawn from U(-1/√H, "
                            "1/√H), so the forget gate sits near σ(0) = 0.5 and the LSTM forgets about as fast as the "
                            "RNN. Middle: the forget-gate bias set to 1 (Gers et al. 2000; Jozefowicz et al. 2015), f "
                            "≈ 0.73: the LSTM's gradient falls much more slowly (RNN and GRU unchanged, dotted). "
                            "Right: the cells trained by tools/compare_memory.py to remember the first of 20 symbols. "
                            "'Factor per step' is the average factor from distance 1 to the last distance in the "
                            "table: 1 keeps the gradient, 0.5 halves it at every step.",
    "compare_explode_title": "Exploding gradients, and what clipping does",
    "compare_explode_intro": "The same RNN with its recurrent weights multiplied by a factor: above about 3 the "
                             "gradient *grows* with distance instead. A gated cell does not prevent this (see the "
                             "lesson's interview questions); what is used in practice is **gradient clipping**: when "
                             "the gradient's norm exceeds a threshold, the whole gradient is scaled down to it.",
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
    "compare_memory_intro": "Each cell trained on two tasks that need memory over a gap of N steps. **First symbol**: "
                            "read N random symbols, then name the first one. **Adding problem**: read N pairs (a "
                            "number, a marker); output the sum of the two marked numbers, one in each half. Results "
                            "from `tools/compare_memory.py` (NumPy engine, fixed seeds), held-out sequences.",
    "compare_task_first_symbol": "First symbol: accuracy on held-out sequences",
    "compare_task_adding": "Adding problem: mean squared error (log scale)",
    "compare_metric_first_symbol": "accuracy",
    "compare_metric_adding": "MSE",
    "compare_gap": "gap N (steps)",
    "compare_chance": "knowing nothing (chance; always answering 1)",
    "compare_memory_caption": "Lines: mean of {seeds} seeds; open circles: each seed. Every run: {hidden} units, "
                              "{steps} Adam steps, the same budget for every cell and gap (total run time of the "
                              "script {seconds:.0f} s). With more steps or other settings the limits move; a cell "
                              "that fails at a gap here has not learnt it within this budget.",
    "compare_settings": "Settings and how to reproduce",
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
                          "recurrent weights (H×H) and, as in PyTorch, two bias vectors (b_ih and b_hh): an LSTM has "
                          "four such blocks, a GRU three, a vanilla RNN one.",
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
    "compare_time_caption": "Measured on this server just now: median of 5 runs of 100 steps (float32, NumPy engine). "
                            "The LSTM took {lstm:.1f}× and the GRU {gru:.1f}× the RNN's time. Other work on the "
                            "server changes these numbers; the parameter counts above do not change.",
    # --- /compare and /learn (branch learn): end
}

ZH = {
    # --- /compare and /learn (branch learn): begin
    # keys compare_* and learn_*
    "compare_nav": "为什么用 LSTM",
    "compare_title": "为什么用 LSTM？普通 RNN、GRU 与 LSTM 并排比较",
    "compare_intro": "本页的一切都由应用自己的引擎现场计算：梯度能向前传多远、训练后每种单元能记住多久、各自的代价是多"
                     "少。",
    "compare_tab_gradient": "梯度流动",
    "compare_tab_memory": "记忆",
    "compare_tab_cost": "代价",
    "compare_cell_rnn": "普通 RNN",
    "compare_cell_gru": "GRU",
    "compare_cell_lstm": "LSTM",
    "compare_cell_lstm_forget1": "LSTM（遗忘门偏置为 1）",
    "compare_grad_intro": "训练靠梯度学习。要把第 t 步与最后的输出联系起来，梯度必须从第 T-1 步一路传回第 t "
                          "步。下图：Σ h(T-1) 对 h(t) 的梯度大小，横轴是距离 T-1-t；三个网络都有 16 "
                          "个单元，读同一串符号。在对数坐标上呈直线下降，表示梯度每一步都缩小同样的倍数：这就是梯度*消"
                          "失*。",
    "compare_length": "序列长度 T",
    "compare_seed": "随机种子（初始化与序列）",
    "compare_seed_help": "换一个种子，就换一组初始权重和另一条输入序列。",
    "compare_setting_default": "PyTorch 默认初始化（f 均值 = {f:.2f}）",
    "compare_setting_forget1": "遗忘门偏置设为 1（f 均值 = {f:.2f}）",
    "compare_setting_trained": "训练后能记忆（LSTM 的 f 均值 = {f:.2f}）",
    "compare_short_default": "默认初始化",
    "compare_short_forget1": "遗忘门偏置 1",
    "compare_short_trained": "训练后",
    "compare_distance": "距离 T-1-t（向前的步数）",
    "compare_grad_norm": "‖∂ Σ h(T-1) / ∂ h(t)‖",
    "compare_col_setting": "设置",
    "compare_col_cell": "单元",
    "compare_col_factor": "每步倍数",
    "compare_col_left": "距离 {d} 处剩余",
    "compare_grad_caption": "左：PyTorch 默认初始化时，每个权重和偏置都取自 U(-1/√H, 1/√H)，所以遗忘门约为 σ(0) = "
                            "0.5，LSTM 遗忘得和 RNN 差不多快。中：把遗忘门偏置设为 1（Gers 等 2000；Jozefowicz 等 "
                            "2015），f ≈ 0.73：LSTM 的梯度下降得慢得多（RNN 和 GRU 不变，画成虚线）。右：由 "
                            "tools/compare_memory.py 训练、要记住 20 个符号中第一个的单元。“每步倍数”是从距离 1 "
                            "到表中最后一个距离的平均倍数：1 表示梯度保持不变，0.5 表示每步减半。",
    "compare_explode_title": "梯度爆炸，以及梯度裁剪的作用",
    "compare_explode_intro": "同一个 RNN，把循环权重乘以一个倍数：大约超过 3 "
                             "时，梯度反而随距离*增长*。门控单元并不能阻止这种情况（见课程中的面试题）；实践中用的是**"
                             "梯度裁剪**：当梯度的范数超过阈值时，把整个梯度按比例缩小到阈值。",
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
    "compare_memory_intro": "每种单元都在两个需要跨越 N 步记忆的任务上训练。**第一个符号**：读 N "
                            "个随机符号，然后说出第一个。**加法问题**：读 N "
                            "对（一个数，一个标记），输出两个被标记的数之和，前后两半各有一个。结果来自 "
                            "`tools/compare_memory.py`（NumPy 引擎，固定随机种子），在未见过的序列上评估。",
    "compare_task_first_symbol": "第一个符号：未见过序列上的准确率",
    "compare_task_adding": "加法问题：均方误差（对数坐标）",
    "compare_metric_first_symbol": "准确率",
    "compare_metric_adding": "均方误差",
    "compare_gap": "间隔 N（步）",
    "compare_chance": "什么也没记住（随机猜；总回答 1）",
    "compare_memory_caption": "折线：{seeds} 个随机种子的平均；空心圆：每个种子。每次训练：{hidden} 个单元、{steps} "
                              "步 Adam，所有单元和间隔的预算相同（脚本总运行时间 {seconds:.0f} "
                              "秒）。训练步数更多或设置不同时，界限会移动；在这里某个间隔上失败的单元，是在这个预算内"
                              "没有学会。",
    "compare_settings": "设置与复现方法",
    "compare_live_title": "自己动手训练",
    "compare_live_intro": "在这台服务器上现场训练一个单元去记住第一个符号（几秒钟）。随时可以停止；准确率在它从未见过"
                          "的 256 条序列上测量。",
    "compare_live_cell": "单元",
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
    "compare_cost_intro": "一层、一个方向。每个门（以及候选记忆元）都有自己的输入权重（H×D）、循环权重（H×H），并且和 "
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
    "compare_time_fig": "每步耗时，前向，一条序列（D = {D}，H = {H}）",
    "compare_microseconds": "微秒 / 步",
    "compare_time_caption": "刚刚在这台服务器上测得：100 步运行 5 次的中位数（float32，NumPy 引擎）。LSTM 用时是 RNN "
                            "的 {lstm:.1f} 倍，GRU 是 {gru:.1f} "
                            "倍。服务器上的其他工作会改变这些数字；上面的参数量不会变。",
    # --- /compare and /learn (branch learn): end
}
