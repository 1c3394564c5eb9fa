"""UI strings for Keras 3 files on /models (app_pages/keras_upload.py), in English and 简体中文 (merged into
app_pages.strings)."""

EN = {
    "weights_err_keras_not_keras": "This is not a Keras 3 file this page can read. A `.keras` file is a zip holding "
                                   "config.json and model.weights.h5 (`model.save(\"model.keras\")`); a `.weights.h5` "
                                   "file is HDF5 (`model.save_weights(\"model.weights.h5\")`).",
    "weights_err_keras_legacy_h5": "This is a Keras 2 (legacy) `.h5` file. Open it in Keras 3 and save it again, "
                                   "then upload `model.keras`: `keras.models.load_model(\"model.h5\")"
                                   ".save(\"model.keras\")`.",
    "weights_err_keras_reset_after": "The GRU layer “{layer}” has reset_after=False: it applies the reset gate "
                                     "before the recurrent product. This page computes the GRU as PyTorch does "
                                     "(reset_after=True, the Keras default) and would get this one wrong, so it "
                                     "does not show it. Retrain with reset_after=True to see it here.",
    "weights_err_keras_setting": "The layer “{layer}” has {setting} = {value}, which this page does not compute "
                                 "(it runs LSTM and GRU with tanh and sigmoid gates, SimpleRNN with tanh or relu, "
                                 "and Bidirectional wrappers of them). Nothing is shown rather than wrong numbers.",
    "weights_err_keras_no_recurrent": "The model has no LSTM, GRU or SimpleRNN layer, so there are no gates to "
                                      "show.",
    "weights_err_keras_order": "This `.weights.h5` file holds {count} recurrent layers but not the model's layout, "
                               "and their order cannot be told from their sizes. Upload the `.keras` file "
                               "(`model.save(\"model.keras\")`), which records it.",
    "weights_err_keras_gru_unknown": "The GRU layer “{layer}” has no biases, and without them a `.weights.h5` "
                                     "file does not say whether it was built with reset_after=True or False, which "
                                     "compute different numbers. Upload the `.keras` file "
                                     "(`model.save(\"model.keras\")`), which records it.",
    "keras_layers": "Keras layers run here: {layers}",
    "keras_layer_option": "{n}. {layer} “{name}”, {units} units",
    "keras_not_run": "Not run on this page: {layers}. Random numbers or a CSV go straight into the first "
                     "recurrent layer ({inputs} numbers per step).",
    "keras_layer": "Layer of the Keras model",
    "keras_layer_help": "The layers differ in width, so each is shown as a network of its own, reading the model's "
                        "input through the layers before it.",
    "keras_chain_fed": "Layer {layer} reads the output of layer {previous} ({width} numbers per step): the "
                       "{inputs} inputs you give run through the layers before it first.",
    "keras_activation": "Activation of the SimpleRNN",
    "keras_activation_help": "A .weights.h5 file does not record whether a SimpleRNN used tanh or relu (a .keras "
                             "file does). Pick the one your model was built with.",
    "keras_activation_note": "Computed with {activation}, as chosen above: this file does not say which one the "
                             "model used.",
    "keras_act_tanh": "tanh",
    "keras_act_relu": "ReLU",
}

ZH = {
    "weights_err_keras_not_keras": "这不是本页能读取的 Keras 3 文件。`.keras` 文件是一个 zip，里面有 config.json 和 "
                                   "model.weights.h5（`model.save(\"model.keras\")`）；`.weights.h5` 文件是 HDF5 格式"
                                   "（`model.save_weights(\"model.weights.h5\")`）。",
    "weights_err_keras_legacy_h5": "这是 Keras 2（旧版）的 `.h5` 文件。请在 Keras 3 中打开并重新保存，再上传 "
                                   "`model.keras`：`keras.models.load_model(\"model.h5\").save(\"model.keras\")`。",
    "weights_err_keras_reset_after": "GRU 层“{layer}”设置了 reset_after=False：重置门作用在循环乘积之前。"
                                     "本页按 PyTorch 的方式计算 GRU（reset_after=True，Keras 的默认值），"
                                     "对这一层会算错，因此不显示。"
                                     "请用 reset_after=True 重新训练后再上传。",
    "weights_err_keras_setting": "层“{layer}”的 {setting} = {value}，本页不计算这种设置（本页运行使用 tanh 和 sigmoid "
                                 "门的 LSTM 与 GRU、使用 tanh 或 relu 的 SimpleRNN，以及它们的 Bidirectional 包装）。"
                                 "宁可不显示，也不给出错误的数值。",
    "weights_err_keras_no_recurrent": "该模型没有 LSTM、GRU 或 SimpleRNN 层，因此没有门可以显示。",
    "weights_err_keras_order": "这个 `.weights.h5` 文件有 {count} 个循环层，但没有记录模型结构，无法从尺寸判断它们的"
                               "顺序。请上传 `.keras` 文件（`model.save(\"model.keras\")`），它记录了顺序。",
    "weights_err_keras_gru_unknown": "GRU 层“{layer}”没有偏置；没有偏置时，`.weights.h5` 文件无法说明它用的是 "
                                     "reset_after=True 还是 False，而两者算出的数值不同。请上传 `.keras` 文件"
                                     "（`model.save(\"model.keras\")`），它记录了这一设置。",
    "keras_layers": "本页运行的 Keras 层：{layers}",
    "keras_layer_option": "{n}. {layer}“{name}”，{units} 个隐藏单元",
    "keras_not_run": "本页不运行：{layers}。随机数或 CSV 直接输入第一个循环层（每步 {inputs} 个数）。",
    "keras_layer": "Keras 模型的层",
    "keras_layer_help": "各层宽度不同，因此每层作为一个单独的网络显示：模型的输入先经过它前面的各层。",
    "keras_chain_fed": "第 {layer} 层读取第 {previous} 层的输出（每步 {width} 个数）：你给出的 {inputs} 个输入先经过"
                       "它前面的各层。",
    "keras_activation": "SimpleRNN 的激活函数",
    "keras_activation_help": ".weights.h5 文件不记录 SimpleRNN 用的是 tanh 还是 relu（.keras 文件会记录）。请选择"
                             "你的模型所用的那一个。",
    "keras_activation_note": "按上面选择的 {activation} 计算：这个文件没有说明模型用的是哪一个。",
    "keras_act_tanh": "tanh",
    "keras_act_relu": "ReLU",
}
