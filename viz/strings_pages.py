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
}

ZH = {
    "pickle_convert": "要转换它，请在你自己装有 PyTorch 的电脑上运行下面几行（需要 `pip install safetensors`），"
                      "然后上传 `model.safetensors`：",
    "pickle_convert_module": "如果文件保存的是整个模型（`torch.save(model)`）而不是它的 state dict，"
                             "`weights_only=True` 会拒绝读取。只有当文件是你自己保存的、或你信任它的来源时，"
                             "才可以用 `weights_only=False` 读取（这会运行文件里的代码），然后保存它的 state dict：",
}
