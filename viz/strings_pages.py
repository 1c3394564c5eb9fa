"""UI strings for fixes across /sentence, /series and /models: language switch, uploads, series forecasts
in English and 简体中文 (merged into viz.i18n)."""

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
}

ZH = {
    "pickle_convert": "要转换它，请在你自己装有 PyTorch 的电脑上运行下面几行（需要 `pip install safetensors`），"
                      "然后上传 `model.safetensors`：",
    "pickle_convert_module": "如果文件保存的是整个模型（`torch.save(model)`）而不是它的 state dict，"
                             "`weights_only=True` 会拒绝读取。只有当文件是你自己保存的、或你信任它的来源时，"
                             "才可以用 `weights_only=False` 读取（这会运行文件里的代码），然后保存它的 state dict：",
    "naive_forecast": "朴素预测（下一个 = 上一个值）",
    "naive_error": "朴素预测的误差",
    "naive_caption": "还没有模型读过这个序列：灰色虚线是朴素预测，即把每个值预测为等于它前一个值。"
                     "训练出的模型必须比它更好。",
    "held_out": "留出部分",
    "held_out_caption": "灰色阴影：留出部分，模型训练时从未见过；它的得分就是在这里测得的。",
    "upload_score_better": "在留出的最后 {points:,} 个点上（未用于训练），该模型的平方误差比朴素预测"
                           "“下一个 = 上一个值”低 {gain:.0%}（{mse:.4g}，朴素预测为 {naive:.4g}）。",
    "upload_score_worse": "在留出的最后 {points:,} 个点上（未用于训练），该模型的平方误差比朴素预测"
                          "“下一个 = 上一个值”高 {gain:.0%}（{mse:.4g}，朴素预测为 {naive:.4g}）："
                          "在这个序列上它没有胜过朴素预测。",
}
