"""UI strings for fixes across /sentence, /series and /models: language switch, uploads, series forecasts
in English and 简体中文 (merged into app_pages.strings)."""

EN = {
    # /models: a pickle refused, and how to convert it
    "pickle_convert": "To convert it, run these lines on your own computer, where PyTorch is installed "
                      "(`pip install safetensors`), then upload `model.safetensors`:",
    "pickle_convert_module": "If the file holds a whole model (`torch.save(model)`) rather than its state dict, "
                             "`weights_only=True` refuses it. Load it with `weights_only=False` only if you made "
                             "the file yourself or trust who did (that runs the code inside it), and save its state "
                             "dict:",
    # /series: the naive forecast, the held-out part, the score of a model trained here
    "naive_forecast": "naive forecast (next = last value)",
    "naive_error": "error of the naive forecast",
    "naive_caption": "No model has read this series yet: the dotted grey line is the naive forecast, each value "
                     "predicted to equal the one before it. A trained model has to beat it.",
    "held_out": "held out",
    "held_out_caption": "Shaded grey: the held-out part, which the model never saw while training; its score is "
                        "measured there.",
    "upload_score_better": "On the held-out last {points:,} points (not used in training) this model's squared "
                           "error is {gain:.0%} lower than the naive forecast “next = last value” ({mse:.4g} "
                           "against {naive:.4g}).",
    "upload_score_worse": "On the held-out last {points:,} points (not used in training) this model's squared "
                          "error is {gain:.0%} higher than the naive forecast “next = last value” ({mse:.4g} "
                          "against {naive:.4g}): on this series it does not beat the naive forecast.",
    # /models: models with an embedding, the bundled cards' named units and storage
    "weights_embedding": "In front of it: an embedding (nn.Embedding) of {rows:,} rows of {size} numbers, one row "
                         "per character.",
    "embedding_needs_vocab": "To read text the page needs the vocabulary (which character each of the {rows:,} "
                             "embedding rows stands for), and this file does not carry one. Random numbers and a "
                             "CSV still work: they go straight into the recurrent network, {size} numbers per "
                             "step, past the embedding.",
    "input_embedding_row": "x_t: the embedding row of “{token}”",
    "card_storage": "storage",
    "card_storage_text": "{disk} on disk, {loaded} when loaded",
    "card_unit": "unit",
    "card_unit_name": "layer {layer} · {state} · unit {unit}",
    "card_role": "what it tracks",
    "card_evidence": "held-out text",
    "card_outside": "outside text",
    "card_outside_score": "{score} (best unit {best:.2f})",
    "card_outside_none": "— (the feature does not occur there)",
    "card_holds_both": "holds on both",
    "card_holds_both_yes": "✓",
    "card_units_caption": "Named units: a unit whose cell state c or hidden state h follows a feature of the text, "
                          "measured on held-out text of the model's corpus, then the same unit on a text from "
                          "outside it (Python: requests' utils.py; Shakespeare: Ruth and Jonah in the King James "
                          "Bible; Tang: Song poems from 千家诗), with the best any unit reaches there. AUC for "
                          "yes/no features (0.5 = chance, 1 = always right, 0 = always the opposite), correlation "
                          "r for quantities (0 = none, ±1 = perfect). A unit holds on both when it reaches AUC "
                          "≥ 0.85 (or ≤ 0.15) or |r| ≥ 0.5 on both texts, the same way round. Open one on the "
                          "Sentence page to see it."
}

ZH = {
    "pickle_convert": "要转换它，请在你自己装有 PyTorch 的电脑上运行下面几行（需要 `pip install safetensors`），"
                      "然后上传 `model.safetensors`：",
    "pickle_convert_module": "如果文件保存的是整个模型（`torch.save(model)`）而不是它的 state dict，"
                             "`weights_only=True` 会拒绝读取。只有当文件是你自己保存的、或你信任它的来源时，"
                             "才可以用 `weights_only=False` 读取（这会运行文件里的代码），然后保存它的 state dict：",
    "naive_forecast": "朴素预测（下一个 = 上一个值）",
    "naive_error": "朴素预测的误差",
    "naive_caption": "还没有模型读过这个序列：灰色点线是朴素预测，即把每个值预测为等于它前一个值。"
                     "训练出的模型必须胜过它。",
    "held_out": "留出部分",
    "held_out_caption": "灰色阴影：留出部分，模型训练时从未见过；它的得分就是在这里测得的。",
    "upload_score_better": "在留出的最后 {points:,} 个点上（未用于训练），该模型的平方误差比朴素预测"
                           "“下一个 = 上一个值”低 {gain:.0%}（{mse:.4g}，朴素预测为 {naive:.4g}）。",
    "upload_score_worse": "在留出的最后 {points:,} 个点上（未用于训练），该模型的平方误差比朴素预测"
                          "“下一个 = 上一个值”高 {gain:.0%}（{mse:.4g}，朴素预测为 {naive:.4g}）："
                          "在这个序列上它没有胜过朴素预测。",
    "weights_embedding": "它前面有一个嵌入层（nn.Embedding）：{rows:,} 行，每行 {size} 个数，每个字符一行。",
    "embedding_needs_vocab": "要读取文本，本页需要词表（{rows:,} 个嵌入行各自代表哪个字符），而这个文件没有附带词表。"
                             "随机数和 CSV 输入仍然可用：它们绕过嵌入层，直接送入循环网络，每步 {size} 个数。",
    "input_embedding_row": "x_t：“{token}”对应的嵌入行",
    "card_storage": "存储",
    "card_storage_text": "磁盘上为 {disk}，载入后为 {loaded}",
    "card_unit": "单元",
    "card_unit_name": "第 {layer} 层 · {state} · 单元 {unit}",
    "card_role": "它追踪的特征",
    "card_evidence": "留出文本",
    "card_outside": "外部文本",
    "card_outside_score": "{score}（最佳隐藏单元 {best:.2f}）",
    "card_outside_none": "—（该特征在这段文本中没有出现）",
    "card_holds_both": "两段文本上都成立",
    "card_holds_both_yes": "✓",
    "card_units_caption": "已命名的单元：记忆元 c 或隐状态 h 随文本的某个特征变化的单元，"
                          "先在模型语料的留出文本上测得，再在语料之外的一段文本上测同一个隐藏单元"
                          "（Python：requests 的 utils.py；莎士比亚：钦定版圣经的"
                          "《路得记》和《约拿书》；唐诗：《千家诗》中的宋诗），并给出那里最好的隐藏单元的得分。"
                          "是/否类特征用 AUC（0.5 = 随机，1 = 总是正确，0 = 总是相反），数量类特征用相关系数 r"
                          "（0 = 无关，±1 = 完全相关）。在两段文本上都达到 AUC ≥ 0.85（或 ≤ 0.15）或 |r| ≥ 0.5、"
                          "且方向相同的隐藏单元，称为“两段文本上都成立”。可以在“句子”页面打开它查看。",
}
