"""Every string the user sees, in English and 简体中文. tests/test_i18n.py fails if a key is missing in either."""

from . import explorer, keras, model_files, pages, series_csv, teaching, why_tools

LANGUAGES = ("en", "zh")

EN = {
    # navigation and sidebar
    "nav_home": "Overview",
    "nav_sentence": "Sentence",
    "nav_series": "Time series",
    "language": "Language",
    "model": "Model",
    "model_char_shakespeare": "Shakespeare (characters, LSTM, 256 units)",
    "model_char_python": "Python code (characters, LSTM, 512 units)",
    "model_char_tang": "Tang poems 唐诗 (characters, LSTM, 256 units)",
    "model_char_shakespeare_2layer": "Shakespeare (2-layer LSTM, 128 units each)",
    "model_series_airline": "Airline passengers 1949–1960",
    "model_series_sunspots": "Sunspots 1700–2008",
    "model_series_co2": "Mauna Loa CO₂ 1958–2001",
    "model_series_sine": "Noisy sine (synthetic)",
    # overview
    "home_title": "LSTM Explorer",
    "home_intro": "A long short-term memory (LSTM) network reads a sequence one step at a time. At every "
                  "step it keeps a **cell state** c, a memory it edits through three **gates**: how much to "
                  "forget (f), how much to write (i) and how much to show (o). Here you can watch every gate "
                  "of a trained network at every step.",
    "home_equations": "The equations (as PyTorch defines them)",
    "home_equations_caption": "σ is the logistic sigmoid, ⊙ multiplies element by element. The same symbols "
                              "name the values on every page and in the code (lstm_core/cells.py).",
    "home_gates": "What each value does",
    "explain_f": "forget gate, 0..1: the share of the old cell state c(t-1) that is kept",
    "explain_i": "input gate, 0..1: how much of the candidate is written",
    "explain_g": "candidate, -1..1: what could be written into the cell",
    "explain_o": "output gate, 0..1: how much of the cell is shown as h",
    "explain_c": "cell state: the memory carried from step to step",
    "explain_h": "hidden state: the output at this step, and an input to the next",
    "home_live": "Live: the forget gate reading “{text}”",
    "home_live_title": "Forget gate f of the 12 most variable units (yellow = keep, purple = forget)",
    "home_live_caption": "Each column is one character, each row one unit. Open the Sentence page to type "
                         "your own text and step through it.",
    "home_next": "Where to go next",
    "home_sentence_blurb": "Type any text and step through every gate of a character model: Shakespeare by "
                           "default, Tang poems and Python code in the model list.",
    "home_series_blurb": "Pick a real series (or upload a CSV); see the forecasts and the gates behind them.",
    # sentence page
    "sentence_title": "Step through a sentence",
    "sentence_intro": "The model reads your text one character at a time and, at each step, guesses the next "
                      "character. Press Ctrl+Enter (or click outside the box) to run it; then move the step to "
                      "watch the gates.",
    "how_to_read": "How to read this page",
    "how_to_read_sentence": "1. Each **column** of a heatmap is one character of your text; each **row** is "
                            "one unit of the cell.\n2. **f, i, o** are gates between 0 (closed, dark) and 1 "
                            "(open, yellow). **g, c, h** are signed: red above zero, blue below.\n3. The "
                            "orange line is step t. Move it with the slider, ◀ ▶ or Play; the panels below "
                            "show that step.\n4. Where **f** turns dark, the cell forgets; where **i** is "
                            "bright and **g** is strong, it writes.\n5. Pick a unit (or click the grey dot left "
                            "of a heatmap row) to colour your text by it.",
    "how_to_read_series": "1. The top chart shows the series (blue) and the model's forecast for each next "
                          "value (orange dotted line); the bars are the errors.\n2. The heatmaps below show the "
                          "gates for a window of steps; the orange line is step t.\n3. A forget gate near 1 "
                          "keeps the cell's memory of the season or trend; near 0 it resets it.",
    "type_sentence": "Your sentence",
    "type_sentence_help": "Up to {limit} characters; longer text is cut (you will be told).",
    "truncated": "Your text has {length:,} characters; only the first {limit:,} are used.",
    "empty_text": "Type a text above and run it (Ctrl+Enter).",
    "converted_t2s": "{count} traditional character(s) were converted to simplified ones (OpenCC t2s), the script "
                     "this model was trained on: the model reads the simplified text; the labels show what you typed.",
    "unknown_chars": "{count} character(s) are not in the model's alphabet: {chars}. They are fed as an "
                     "all-zero input (the model sees “nothing known”); their columns are drawn as usual.",
    "order_units": "Order units",
    "order_index": "by index",
    "order_variance": "by variance",
    "order_cluster": "by similarity",
    "top_k": "Units shown",
    "top_k_help": "The most active units (largest mean |c|).",
    "shade_by": "Shade text by",
    "erase_unit": "**A real erase.** At step {step} (“{token}”) unit {unit}'s forget gate fell to f = {f:.2f} "
                  "while the unit held c(t-1) = {before:.2f}: it dropped (1 − f)·c(t-1) = {dropped:.2f} of its "
                  "memory, the most on this text.",
    "erase_other": "Unit {unit} erased nothing it held on this text (its forget gate never fell below 0.5 where "
                   "|c(t-1)| ≥ 0.5). **The largest erase of any unit:** at step {step} (“{token}”) unit {other}'s "
                   "forget gate fell to f = {f:.2f} while it held c(t-1) = {before:.2f}, dropping {dropped:.2f}.",
    "erase_named": "Unit {unit} erased nothing it held on this text (its forget gate never fell below 0.5 where "
                   "|c(t-1)| ≥ 0.5). **A named unit did:** at step {step} (“{token}”) the forget gate of {who} fell "
                   "to f = {f:.2f} while it held c(t-1) = {before:.2f}, dropping {dropped:.2f}, the most of the "
                   "units the model card names.",
    "erase_who": "unit {unit} ({role})",
    "erase_who_layer": "unit {unit} of layer {layer} ({role})",
    "erase_none": "No unit erased a memory it held on this text: wherever a unit held |c(t-1)| ≥ 0.5, its forget "
                  "gate stayed above 0.5.",
    "erase_go": "Go to step {step}, unit {unit}",
    "shaded_title": "Text coloured by unit {unit} ({state})",
    "shaded_caption": "Red = positive, blue = negative, white = near zero. Hover a character for its value. "
                      "Pick another unit above, or click a grey dot left of any heatmap row.",
    "downloads": "Downloads",
    "prepare_downloads": "Prepare the trace files",
    "download_csv": "Trace as CSV (long format)",
    "download_npz": "Trace as .npz",
    "figure_export_hint": "Each figure has its own PNG export: the camera icon in its toolbar.",
    "context_caption": "Step {step}: the model has just read “{token}”.",
    "next_char_title": "What it expects next",
    # step-through
    "layer": "Layer",
    "direction": "Direction",
    "direction_0": "forward",
    "direction_1": "backward",
    "unit": "Unit",
    "unit_help": "The unit shown in the cell panel and the coloured text. Or click the grey dot left of a heatmap row. "
                 "A named unit shows its score on held-out text of the model's corpus and on a text from outside "
                 "it (Models page: the bundled cards).",
    "previous": "Previous step",
    "next": "Next step",
    "play": "Play",
    "step": "Step t",
    "gate_f": "f — forget gate (0..1)",
    "gate_i": "i — input gate (0..1)",
    "gate_o": "o — output gate (0..1)",
    "gate_g": "g — candidate (-1..1)",
    "gate_c": "c — cell state",
    "gate_h": "h — hidden state",
    "gate_r": "r — reset gate (0..1)",
    "gate_z": "z — update gate (0..1)",
    "gate_n": "n — new gate (-1..1)",
    "gate_tanh_c": "tanh(c)",
    "heatmap_window": "Heatmaps show steps {first}–{last} of {total} (a window that follows the step).",
    "cell_title": "Unit {unit} at step {step}",
    "cell_explain": "It kept {keep:.0%} of its old cell state and wrote {write:.0%} of the candidate.",
    "most_changed": "Units whose cell state changed most at this step",
    "unit_handle_hint": "unit %{customdata}: click to follow it",
    "input_char": "x_t: the one-hot vector of “{token}”",
    "input_embedded": "x_t: the embedding of “{token}”, row {row} of the model's embedding table ({size} numbers)",
    "input_unknown": "x_t: all zeros (“{token}” is not in the model's vocabulary)",
    "input_value": "x_t: {scaled:+.3f} (the value {value:.4g}, scaled as in training)",
    # series page
    "series_title": "Step through a time series",
    "series_intro": "The model reads the series one value at a time and forecasts the next value. Below: its "
                    "forecasts against the truth, then the gates step by step.",
    "series_source": "Series",
    "source_bundled": "bundled",
    "source_upload": "upload a CSV",
    "card_metrics": "On held-out data ({points} points) this model's squared error is {gain:.0%} lower than "
                    "the naive forecast “next = last value”.",
    "upload_csv": "CSV file",
    "upload_help": "A header row (or none when the first row is numbers), then one row per time step. Commas, "
                   "semicolons, tabs or |; UTF-8, GBK or Windows-1252 (as Excel saves them); # comment lines are "
                   "skipped. At most 100,000 rows.",
    "upload_prompt": "Upload a CSV with one numeric column (and optionally a time column).",
    "value_column": "Value column",
    "time_column": "Time column",
    "none": "(none: use the row number)",
    "train_button": "Train a forecaster on this series",
    "training": "Training…",
    "training_step": "Training: step {step}/{steps}, loss {loss:.4f}",
    "window_start": "Window start",
    "window_help": "The step-through view shows {window} steps at full resolution from here.",
    "computing": "Running the model…",
    "summarised": "{points:,} points drawn as {buckets:,} buckets (mean line, min–max band). Move the "
                  "window (shaded) with “Window start” to see its steps at full resolution below.",
    "truth": "truth",
    "forecast": "forecast",
    "error": "error (truth − forecast)",
    "range": "min–max",
    "whole_series_mse": "Whole series: mean squared error {mse:.4g} (naive “next = last”: {naive:.4g}).",
    "step_through_title": "Gates over steps {start}–{stop}",
    "value_at": "Value at {label}",
    "forecast_next": "Forecast of the next value",
    "vs_truth": "vs truth",
    "series_step_caption": "Step {step} of the whole series.",
    # errors
    "err_generic": "Something is wrong with this input: {detail}",
    "err_empty_file": "The file is empty. Upload a CSV with a header row and at least 30 rows.",
    "err_not_csv": "This does not look like a CSV text file (it may be binary, a spreadsheet or an archive). "
                   "Export it as CSV and upload again.",
    "err_encoding": "The file's text encoding could not be read. Save it as UTF-8 and upload again.",
    "err_too_many_rows": "The file has more than {limit:,} rows. Upload at most {limit:,} rows.",
    "err_header_only": "The file has a header but no data rows.",
    "err_no_numeric": "No column of numbers was found. At least 90% of a column's cells must be numbers.",
    "err_too_few_rows": "The series has {rows} rows; at least {minimum} are needed.",
    "err_all_nan": "The column “{column}” holds no numbers.",
    "err_inf": "The series holds {count} infinite value(s), the first in row {row}. Remove or fix them.",
    "err_nan_gaps": "The series has {count} missing value(s), the first in row {row}. Fill or remove the "
                    "gaps and upload again.",
    "err_constant": "The column “{column}” never changes, so there is nothing to forecast.",
    # your model
    "nav_model": "Your model",
    "model_title": "Your model",
    "model_intro": "Upload the weights of your own LSTM, GRU or RNN and step through its gates. The file is "
                   "read as numbers only: nothing in it is ever run.",
    "how_to_export": "How to save weights for this page",
    "how_to_export_body": "**PyTorch** (an `nn.LSTM`, `nn.GRU` or `nn.RNN`, or a module that holds one):\n\n"
                          "```python\nfrom safetensors.torch import save_file\n"
                          "save_file(model.state_dict(), \"model.safetensors\")\n```\n\n"
                          "or without safetensors:\n\n```python\nimport numpy as np\n"
                          "np.savez(\"model.npz\", **{k: v.detach().cpu().numpy() for k, v in "
                          "model.state_dict().items()})\n```\n\n"
                          "**Keras 3**: upload the file Keras writes, `model.save(\"model.keras\")` or "
                          "`model.save_weights(\"model.weights.h5\")` (LSTM, GRU, SimpleRNN and Bidirectional "
                          "layers; the `.keras` file also records each layer's settings and order).\n\n"
                          "Kind, layers, directions and projection are read from the names and shapes. "
                          "Models saved by `lstm_core` also carry their alphabet, so you can type text.",
    "upload_weights": "Weights file (.safetensors, .npz, .keras or .weights.h5)",
    "upload_weights_help": "PyTorch parameter names (weight_ih_l0, weight_hh_l0, …) or a Keras 3 file, floating "
                           "point, at most "
                           "{limit} MB. Pickles (torch.save .pt files) are refused: they can run code.",
    "use_example": "Use the example: the bundled English character model (.npz)",
    "weights_prompt": "Upload a weights file, or switch on the example.",
    "weights_summary": "{file}: {kind}, {layers} layer(s), {hidden} hidden units, {inputs} inputs, {directions}, "
                       "{params:,} parameters ({dtype}).",
    "bidirectional": "bidirectional",
    "one_direction": "one direction",
    "model_card": "The file's card (as stored)",
    "input_source": "Input",
    "input_text": "text",
    "input_random": "random numbers",
    "input_csv": "CSV of inputs",
    "random_steps": "Steps",
    "random_seed": "Seed",
    "upload_inputs": "Inputs (CSV: one row per step, one column per input)",
    "upload_inputs_help": "A header row, then one row per step with {d} numeric columns (the first {d} "
                          "numeric columns are used; at most 400 steps).",
    "inputs_prompt": "Upload a CSV with {d} numeric columns, one row per time step.",
    "input_norm": "Size of x_t (Euclidean norm)",
    "input_range": "{d} values from {lo:.3g} to {hi:.3g}",
    "input_vector": "x_t: a vector of {d} numbers",
    "err_input_columns": "The model reads {d} inputs per step, but this file has {found} numeric column(s) "
                         "and {rows} row(s). Upload at least 2 rows with {d} numeric columns.",
    "err_input_values": "The inputs must all be finite numbers (no empty cells, NaN or inf).",
    "weights_err_not_weights": "This is not a weights file this page can read. Upload a .safetensors or .npz "
                               "file of a PyTorch state dict.",
    "weights_err_pickle": "This file holds pickled Python objects (like torch.save's .pt files). They can run "
                          "code, so they are never opened. Save the state dict as .safetensors or .npz.",
    "weights_err_damaged": "The file is damaged or its header does not match its contents. Save or download "
                           "it again.",
    "weights_err_dtype": "The weights are not floating-point numbers. Convert the model to float "
                         "(model.float()) and save again.",
    "weights_err_too_big": "The file is too large for this page. Upload a smaller model.",
    "weights_err_non_finite": "The weights contain NaN or infinite values (training may have diverged). Save "
                              "weights from before that happened.",
    "weights_err_not_recurrent": "The arrays do not form an LSTM, GRU or RNN with PyTorch's names and shapes "
                                 "(weight_ih_l0, weight_hh_l0, …).",
    "weights_err_detail": "Details: {detail}",
    "upload_limit": "Files up to {mb} MB. A larger file is refused by the uploader before it is sent: it is "
                    "marked red in the list with a note in English, never read, and what the page shows stays as "
                    "it was.",
    "bundled_cards": "The bundled models and their cards",
    "bundled_cards_caption": "Each file under models/ carries a JSON card: architecture, data, training "
                             "settings, seed and held-out metrics. Download one from the repository and upload "
                             "it here to see the whole card.",
    "card_model": "model",
    "card_architecture": "architecture",
    "card_data": "trained on",
    "card_held_out": "held-out result",
    "card_file": "file",
    "card_bits": "{bits:.2f} bits per character",
    "card_gain": "{gain:.0%} lower squared error than “next = last”",
}

ZH = {
    "nav_home": "概览",
    "nav_sentence": "句子",
    "nav_series": "时间序列",
    "language": "语言",
    "model": "模型",
    "model_char_shakespeare": "莎士比亚（字符模型，LSTM，256 个单元）",
    "model_char_python": "Python 代码（字符模型，LSTM，512 个单元）",
    "model_char_tang": "唐诗（字符模型，LSTM，256 个单元）",
    "model_char_shakespeare_2layer": "莎士比亚（两层 LSTM，每层 128 个单元）",
    "model_series_airline": "航空旅客人数 1949–1960",
    "model_series_sunspots": "太阳黑子 1700–2008",
    "model_series_co2": "莫纳罗亚 CO₂ 1958–2001",
    "model_series_sine": "带噪正弦波（合成）",
    "home_title": "LSTM 探索器",
    "home_intro": "长短期记忆网络（LSTM）按时间步逐个读取序列。每一步它都保存一个**记忆元** c，"
                  "并通过三个**门**来修改这份记忆：遗忘多少（f）、写入多少（i）、输出多少（o）。"
                  "在这里，你可以看到一个训练好的网络在每一个时间步上每一个门的取值。",
    "home_equations": "公式（与 PyTorch 的定义一致）",
    "home_equations_caption": "σ 是 sigmoid（logistic）函数，⊙ 表示按元素相乘。各页面和代码"
                              "（lstm_core/cells.py）都用这些符号表示同样的量。",
    "home_gates": "每个量的作用",
    "explain_f": "遗忘门，0..1：旧记忆元 c(t-1) 保留下来的比例",
    "explain_i": "输入门，0..1：候选记忆元写入多少",
    "explain_g": "候选记忆元，-1..1：可能写入记忆元的内容",
    "explain_o": "输出门，0..1：记忆元（经 tanh 后）有多少作为 h 输出",
    "explain_c": "记忆元：逐步向后传递的记忆",
    "explain_h": "隐状态：这一步的输出，也是下一步的输入",
    "home_live": "现场演示：读“{text}”时的遗忘门",
    "home_live_title": "变化最大的 12 个单元的遗忘门 f（黄色 = 保留，紫色 = 遗忘）",
    "home_live_caption": "每一列是一个字符，每一行是一个隐藏单元。打开“句子”页面，可以输入你自己的文字并逐步查看。",
    "home_next": "接下来看什么",
    "home_sentence_blurb": "输入任意文字，逐步查看字符模型的每一个门：默认是唐诗模型，模型列表里还有莎士比亚和 "
                           "Python 代码模型。",
    "home_series_blurb": "选择一个真实的时间序列（或上传 CSV），查看预测值以及背后的门。",
    "sentence_title": "逐步查看一个句子",
    "sentence_intro": "模型逐个字符地读取你输入的文字，并在每一步预测下一个字符。"
                      "按 Ctrl+Enter（或点击输入框外）运行，然后移动时间步，观察各个门。",
    "how_to_read": "如何阅读本页",
    "how_to_read_sentence": "1. 热力图的每一**列**是文本中的一个字符，每一**行**是一个隐藏单元。\n"
                            "2. **f、i、o** 是门，取值在 0（关闭，深色）和 1（打开，黄色）之间。**g、c、h** 有正有负："
                            "大于零为红色，小于零为蓝色。\n3. 橙色竖线是时间步 t。用滑块、◀ ▶ 或“播放”移动它；"
                            "下方面板显示这一步。\n4. **f** 变暗的地方，这个单元在清除记忆元；**i** 明亮且 **g** "
                            "较强的地方，它在往记忆元里写入。\n5. 选择一个单元（或点击热力图某一行左侧的灰点），"
                            "用它的值给你的文字着色。",
    "how_to_read_series": "1. 上方图表显示序列（蓝色）和模型对每一个下一值的预测（橙色点线）；柱状图是误差。\n"
                          "2. 下方热力图显示一个窗口内各步的门；橙色竖线是时间步 t。\n"
                          "3. 遗忘门接近 1 时，记忆元保留对季节或趋势的记忆；接近 0 时将其重置。",
    "type_sentence": "你的句子",
    "type_sentence_help": "最多 {limit} 个字符；更长的文本会被截断（页面会提示）。",
    "truncated": "你的文本有 {length:,} 个字符，只使用前 {limit:,} 个。",
    "empty_text": "请在上方输入文本并运行（Ctrl+Enter）。",
    "converted_t2s": "已将 {count} 个繁体字转换为简体字（OpenCC t2s），因为这个模型是用简体字训练的："
                     "模型读的是简体文本，标签仍显示你输入的字。",
    "unknown_chars": "有 {count} 个字符不在模型的词表中：{chars}。它们以全零向量输入（模型看到的是“未知”），"
                     "在热力图中照常显示。",
    "order_units": "单元排序",
    "order_index": "按编号",
    "order_variance": "按方差",
    "order_cluster": "按相似度",
    "top_k": "显示的单元数",
    "top_k_help": "最活跃的单元（|c| 的平均值最大的）。",
    "shade_by": "按哪个量给文字着色",
    "erase_unit": "**一次真正的擦除。** 在第 {step} 步（“{token}”），隐藏单元 {unit} 的遗忘门降到 f = {f:.2f}，"
                  "而它此前保存着 c(t-1) = {before:.2f}：它丢掉了 (1 − f)·c(t-1) = {dropped:.2f} 的记忆，"
                  "是这段文本上最多的一次。",
    "erase_other": "隐藏单元 {unit} 在这段文本上没有擦除它保存的内容"
                   "（在 |c(t-1)| ≥ 0.5 的地方，它的遗忘门从未低于 0.5）。"
                   "**所有隐藏单元中最大的一次擦除：** 在第 {step} 步（“{token}”），隐藏单元 {other} 的遗忘门降到 "
                   "f = {f:.2f}，而它此前保存着 c(t-1) = {before:.2f}，丢掉了 {dropped:.2f}。",
    "erase_named": "隐藏单元 {unit} 在这段文本上没有擦除它保存的内容"
                   "（在 |c(t-1)| ≥ 0.5 的地方，它的遗忘门从未低于 0.5）。"
                   "**模型卡命名的一个隐藏单元擦除了：** 在第 {step} 步（“{token}”），{who}的遗忘门降到 "
                   "f = {f:.2f}，而它此前保存着 c(t-1) = {before:.2f}，丢掉了 {dropped:.2f}，"
                   "是模型卡命名的隐藏单元中最多的一次。",
    "erase_who": "隐藏单元 {unit}（{role}）",
    "erase_who_layer": "第 {layer} 层的隐藏单元 {unit}（{role}）",
    "erase_none": "在这段文本上，没有哪个隐藏单元擦除了它保存的记忆：凡是 |c(t-1)| ≥ 0.5 的地方，遗忘门都高于 0.5。",
    "erase_go": "跳到第 {step} 步、隐藏单元 {unit}",
    "shaded_title": "按单元 {unit}（{state}）着色的文字",
    "shaded_caption": "红色 = 正，蓝色 = 负，白色 = 接近零。把鼠标停在字符上可查看数值。"
                      "可在上方选择其他单元，或点击热力图任一行左侧的灰点。",
    "downloads": "下载",
    "prepare_downloads": "生成轨迹文件",
    "download_csv": "轨迹 CSV（长格式）",
    "download_npz": "轨迹 .npz",
    "figure_export_hint": "每张图都可单独导出 PNG：点击图表工具栏中的相机图标。",
    "context_caption": "第 {step} 步：模型刚刚读入“{token}”。",
    "next_char_title": "模型预测的下一个字符",
    "layer": "层",
    "direction": "方向",
    "direction_0": "正向",
    "direction_1": "反向",
    "unit": "单元",
    "unit_help": "单元面板和着色文字所显示的隐藏单元。也可以点击热力图某一行左侧的灰点。"
                 "已命名的隐藏单元会显示它在模型语料的留出文本上和在语料之外的文本上的得分（见“你的模型”页的内置模型卡片）。",
    "previous": "上一步（← 键）",
    "next": "下一步（→ 键）",
    "play": "播放",
    "step": "时间步 t",
    "gate_f": "f — 遗忘门（0..1）",
    "gate_i": "i — 输入门（0..1）",
    "gate_o": "o — 输出门（0..1）",
    "gate_g": "g — 候选记忆元（-1..1）",
    "gate_c": "c — 记忆元",
    "gate_h": "h — 隐状态",
    "gate_r": "r — 重置门（0..1）",
    "gate_z": "z — 更新门（0..1）",
    "gate_n": "n — 候选隐状态（-1..1）",
    "gate_tanh_c": "tanh(c)",
    "heatmap_window": "热力图显示共 {total} 步中的第 {first}–{last} 步（窗口随当前时间步移动）。",
    "cell_title": "第 {step} 步的单元 {unit}",
    "cell_explain": "它保留了 {keep:.0%} 的旧记忆元，写入了 {write:.0%} 的候选记忆元。",
    "most_changed": "这一步记忆元变化最大的单元",
    "unit_handle_hint": "单元 %{customdata}：点击即可跟随它",
    "input_char": "x_t：“{token}”的独热向量",
    "input_embedded": "x_t：“{token}”的嵌入向量，即模型嵌入表的第 {row} 行（{size} 个数）",
    "input_unknown": "x_t：全零向量（“{token}”不在模型的词表中）",
    "input_value": "x_t：{scaled:+.3f}（原始数值 {value:.4g}，按训练时的方式缩放）",
    "series_title": "逐步查看时间序列",
    "series_intro": "模型逐个读取序列中的数值，并预测下一个数值。下方先是预测值与真实值的对比，然后逐步展示各个门。",
    "series_source": "序列",
    "source_bundled": "内置",
    "source_upload": "上传 CSV",
    "card_metrics": "在留出数据（{points} 个点）上，该模型的平方误差比朴素预测“下一个 = 上一个值”低 {gain:.0%}。",
    "upload_csv": "CSV 文件",
    "upload_help": "第一行为表头（第一行是数字时可以没有表头），之后每行一个时间步。可用逗号、分号、制表符或 | "
                   "分隔；UTF-8、GBK 或 Windows-1252 编码（Excel 保存的编码）；以 # 开头的注释行会被跳过。"
                   "最多 100,000 行。",
    "upload_prompt": "请上传一个包含数值列（可选时间列）的 CSV 文件。",
    "value_column": "数值列",
    "time_column": "时间列",
    "none": "（无：使用行号）",
    "train_button": "在这个序列上训练预测模型",
    "training": "训练中…",
    "training_step": "训练中：第 {step}/{steps} 步，损失 {loss:.4f}",
    "window_start": "窗口起点",
    "window_help": "逐步视图从这里开始，以完整分辨率显示 {window} 步。",
    "computing": "正在运行模型…",
    "summarised": "{points:,} 个点被汇总为 {buckets:,} 段显示（均值线和最小–最大范围带）。"
                  "用“窗口起点”移动窗口（阴影部分），即可在下方以完整分辨率查看其中的各步。",
    "truth": "真实值",
    "forecast": "预测值",
    "error": "误差（真实 − 预测）",
    "range": "最小–最大",
    "whole_series_mse": "整个序列：均方误差 {mse:.4g}（朴素预测“下一个 = 上一个”：{naive:.4g}）。",
    "step_through_title": "第 {start}–{stop} 步的门",
    "value_at": "{label} 的值",
    "forecast_next": "对下一个值的预测",
    "vs_truth": "（预测 − 真实）",
    "series_step_caption": "整个序列中的第 {step} 步。",
    "err_generic": "输入有问题：{detail}",
    "err_empty_file": "文件是空的。请上传带表头且至少 30 行的 CSV 文件。",
    "err_not_csv": "这看起来不是 CSV 文本文件（可能是二进制文件、电子表格或压缩包）。请导出为 CSV 后重新上传。",
    "err_encoding": "无法识别文件的文本编码。请另存为 UTF-8 后重新上传。",
    "err_too_many_rows": "文件超过 {limit:,} 行。请上传不超过 {limit:,} 行的数据。",
    "err_header_only": "文件只有表头，没有数据行。",
    "err_no_numeric": "没有找到数值列。一列中至少 90% 的单元格必须是数字。",
    "err_too_few_rows": "该序列只有 {rows} 行，至少需要 {minimum} 行。",
    "err_all_nan": "“{column}”列中没有数字。",
    "err_inf": "该序列含有 {count} 个无穷大的值，第一个在第 {row} 行。请删除或修正。",
    "err_nan_gaps": "该序列有 {count} 个缺失值，第一个在第 {row} 行。请填补或删除这些空缺后重新上传。",
    "err_constant": "“{column}”列的值从不变化，没有可预测的内容。",
    # your model
    "nav_model": "你的模型",
    "model_title": "你的模型",
    "model_intro": "上传你自己的 LSTM、GRU 或 RNN 的权重，逐步查看它的门。"
                   "文件只作为数字读取，其中的任何内容都不会被执行。",
    "how_to_export": "如何为本页保存权重",
    "how_to_export_body": "**PyTorch**（`nn.LSTM`、`nn.GRU`、`nn.RNN`，或包含其中之一的模块）：\n\n"
                          "```python\nfrom safetensors.torch import save_file\n"
                          "save_file(model.state_dict(), \"model.safetensors\")\n```\n\n"
                          "不用 safetensors 也可以：\n\n```python\nimport numpy as np\n"
                          "np.savez(\"model.npz\", **{k: v.detach().cpu().numpy() for k, v in "
                          "model.state_dict().items()})\n```\n\n"
                          "**Keras 3**：直接上传 Keras 写出的文件，`model.save(\"model.keras\")` 或 "
                          "`model.save_weights(\"model.weights.h5\")`（支持 LSTM、GRU、SimpleRNN 和 Bidirectional "
                          "层；`.keras` 文件还记录了每层的设置和顺序）。\n\n"
                          "类型、层数、方向和投影都从参数名和形状推断。"
                          "由 `lstm_core` 保存的模型还带有词表，可以直接输入文本。",
    "upload_weights": "权重文件（.safetensors、.npz、.keras 或 .weights.h5）",
    "upload_weights_help": "使用 PyTorch 参数名（weight_ih_l0、weight_hh_l0……）或 Keras 3 文件，浮点数，"
                           "最大 {limit} MB。"
                           "pickle 文件（torch.save 的 .pt 文件）会被拒绝：它们可以执行代码。",
    "use_example": "使用示例：内置的英文字符模型（.npz）",
    "weights_prompt": "请上传权重文件，或打开示例。",
    "weights_summary": "{file}：{kind}，{layers} 层，{hidden} 个隐藏单元，{inputs} 个输入，{directions}，"
                       "共 {params:,} 个参数（{dtype}）。",
    "bidirectional": "双向",
    "one_direction": "单向",
    "model_card": "文件中的模型卡片（原样显示）",
    "input_source": "输入",
    "input_text": "文本",
    "input_random": "随机数",
    "input_csv": "输入 CSV",
    "random_steps": "步数",
    "random_seed": "随机种子",
    "upload_inputs": "输入（CSV：每行一个时间步，每列一个输入）",
    "upload_inputs_help": "第一行为表头，之后每行一个时间步，含 {d} 个数值列"
                          "（使用前 {d} 个数值列；最多 400 步）。",
    "inputs_prompt": "请上传含 {d} 个数值列的 CSV，每行一个时间步。",
    "input_norm": "x_t 的大小（欧几里得范数）",
    "input_range": "{d} 个值，从 {lo:.3g} 到 {hi:.3g}",
    "input_vector": "x_t：由 {d} 个数组成的向量",
    "err_input_columns": "模型每步读取 {d} 个输入，但该文件只有 {found} 个数值列、{rows} 行。"
                         "请上传至少 2 行、含 {d} 个数值列的文件。",
    "err_input_values": "输入必须全部是有限的数字（不能有空单元格、NaN 或 inf）。",
    "weights_err_not_weights": "本页无法读取这个文件。请上传 PyTorch state dict 的 .safetensors 或 .npz 文件。",
    "weights_err_pickle": "该文件包含 pickle 的 Python 对象（例如 torch.save 的 .pt 文件）。它们可以执行代码，"
                          "因此绝不会被打开。请把 state dict 保存为 .safetensors 或 .npz。",
    "weights_err_damaged": "文件已损坏，或文件头与内容不符。请重新保存或下载。",
    "weights_err_dtype": "权重不是浮点数。请把模型转换为浮点（model.float()）后重新保存。",
    "weights_err_too_big": "文件太大，本页无法处理。请上传更小的模型。",
    "weights_err_non_finite": "权重中含有 NaN 或无穷大（训练可能发散了）。请保存发散之前的权重。",
    "weights_err_not_recurrent": "这些数组无法按 PyTorch 的名称和形状（weight_ih_l0、weight_hh_l0……）"
                                 "组成 LSTM、GRU 或 RNN。",
    "weights_err_detail": "详细信息（英文）：{detail}",
    "upload_limit": "文件最大 {mb} MB。更大的文件在发送之前就会被上传框拒绝：它在列表中标红，附有英文提示，"
                    "不会被读取，页面上显示的内容保持不变。",
    "bundled_cards": "内置模型及其卡片",
    "bundled_cards_caption": "models/ 下的每个文件都带有一张 JSON 卡片："
                             "结构、数据、训练设置、随机种子和留出数据上的指标。"
                             "从仓库下载一个文件并在这里上传，即可看到完整的卡片。",
    "card_model": "模型",
    "card_architecture": "结构",
    "card_data": "训练数据",
    "card_held_out": "留出数据上的结果",
    "card_file": "文件",
    "card_bits": "每字符 {bits:.2f} 比特",
    "card_gain": "平方误差比“下一个 = 上一个值”低 {gain:.0%}",
}

def _merge(*tables):
    """Later features keep their strings in tables of their own (app_pages/strings/*.py, each with EN and ZH), so
    work on different pages does not edit one file; a key may be defined only once."""
    for table in tables:
        for ours, theirs in ((EN, table.EN), (ZH, table.ZH)):
            twice = set(ours) & set(theirs)
            if twice:
                raise KeyError(f"{table.__name__} defines keys already defined: {sorted(twice)}")
            ours.update(theirs)


_merge(explorer, pages, why_tools, teaching, keras, model_files, series_csv)
STRINGS = {"en": EN, "zh": ZH}


def t(key, lang="en", **fmt):
    """The string `key` in `lang`, formatted with fmt. A missing key shows as the key itself (and
    tests/test_i18n.py fails), never as an exception in front of the user."""
    text = STRINGS.get(lang, EN).get(key) or EN.get(key) or key
    try:
        return text.format(**fmt) if fmt else text
    except (KeyError, IndexError, ValueError):
        return text
