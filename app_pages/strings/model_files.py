"""UI strings of /models for files as people save them (projections, an RNN's nonlinearity, cells, several
stacks, vocabularies, tied weights, which model is shown) in English and 简体中文 (merged into app_pages.strings)."""

EN = {
    "model_shown_example": "Shown: **{file}**, the bundled example (not a file of yours).",
    "model_shown_upload": "Shown: your file **{file}**.",
    "model_shown_none": "No model is shown: **{file}** was refused (see why below).",
    "weights_projection": "With a projection (proj_size): {hidden} cell units (c and the gates) and {proj} "
                          "projected outputs h = W_hr (o · tanh c), each a mix of all {hidden} units.",
    "model_rows": "Rows of the heatmaps",
    "model_rows_cells": "{hidden} cell units: f, i, o, g, c",
    "model_rows_outputs": "{proj} projected outputs: h",
    "model_rows_help": "In an LSTM with proj_size, h is not one per cell unit: each of its {proj} outputs mixes "
                       "all {hidden} units through W_hr.",
    "nonlinearity": "Nonlinearity of this RNN",
    "nonlinearity_help": "A state dict does not say whether the RNN was built with nonlinearity='tanh' (PyTorch's "
                         "default) or 'relu'. Choose the one it was built with: the numbers depend on it.",
    "nonlinearity_tanh": "tanh",
    "nonlinearity_relu": "ReLU",
    "weights_nonlinearity_given": "Nonlinearity: {name}, chosen on this page (the file does not say).",
    "weights_nonlinearity_file": "Nonlinearity: {name}, as the file's card says.",
    "stack": "Recurrent stack",
    "stack_help": "This file holds several LSTM, GRU or RNN stacks (say an encoder and a decoder): each is shown "
                  "on its own, with the embedding and read-out beside it in the same module.",
    "stacks_found": "This file holds {count} recurrent stacks: {names}. Pick the one to show.",
    "weights_cell": "Saved from a cell (nn.{kind}Cell: weight_ih, weight_hh, …): read as a one-layer network "
                    "that carries its state from step to step.",
    "weights_tied": "Tied weights: {dropped} is the same array as {kept} (the file holds it once); both are used.",
    "weights_embedding_words": "In front of it: an embedding (nn.Embedding) of {rows:,} rows of {size} numbers, one "
                               "row per word.",
    "weights_embedding_tokens": "In front of it: an embedding (nn.Embedding) of {rows:,} rows of {size} numbers, "
                                "one row per token (character or word).",
    "vocab_needed": "To read text the page needs the vocabulary: which token (character or word) each of the "
                    "{rows:,} embedding rows stands for, and this file does not carry one. Give it under "
                    "“Vocabulary” below. Random numbers and a CSV still work: they go straight into the recurrent "
                    "network, {size} numbers per step, past the embedding.",
    "weights_read_out": "After it: a read-out (nn.Linear) {name} of {rows:,} outputs.",
    "vocab_words": "Vocabulary: {count:,} words; text is split on whitespace.",
    "vocab_chars": "Vocabulary: {count:,} characters.",
    "vocab_from_metadata": "(From the file's metadata 'vocab'.)",
    "vocab_from_card": "(From the model's card.)",
    "vocab_from_given": "(Given on this page.)",
    "vocab_give": "Vocabulary: which token each of the {rows:,} input rows stands for",
    "vocab_give_body": "To read text the page needs the vocabulary in row order (row k of the embedding, or "
                       "position k of the one-hot input, is token k). Give a text file with one token per line, "
                       "a JSON list, or paste the characters of a character model. Tokens longer than one "
                       "character make a word vocabulary: text is split on whitespace, and a word outside it is "
                       "read as `<unk>` when the vocabulary has one. From PyTorch's word-language-model example:",
    "vocab_give_metadata": "Or put it in the file itself, as the metadata key `vocab` (a JSON list):",
    "vocab_file": "Vocabulary file (.txt, one token per line, or .json, a list)",
    "vocab_chars_input": "…or paste the characters, in row order",
    "vocab_misfit": "The vocabulary has {given:,} tokens but the model's input has {rows:,} rows: one token per "
                    "row is needed, so it is not used.",
    "vocab_err_duplicate": "The vocabulary lists “{detail}” twice: each row stands for one token.",
    "vocab_err_empty": "The vocabulary is empty.",
    "vocab_err_not_list": "The vocabulary must be UTF-8 text with one token per line, or a JSON list of strings.",
    "vocab_err_too_long": "Token {detail} of the vocabulary is very long: is this a vocabulary file?",
    "words_unknown_unk": "{count:,} word(s) not in the vocabulary, read as <unk>: {words}",
    "words_unknown_zero": "{count:,} word(s) not in the vocabulary (it has no <unk>), read as the all-zero input: "
                          "{words}",
    "input_word_row": "x_t: the embedding row of the word “{token}”",
    "input_word_unk": "x_t: the embedding row of <unk> (“{token}” is not in the vocabulary)",
    "word_model_why": "The why-tools read a text character by character, so they are not offered for a word model.",
    "projection_why": "The why-tools follow one unit's c and h, which a projection separates; they are not offered "
                      "for an LSTM with proj_size.",
    "export_files": "A file written by `torch.save` (a state dict, a training checkpoint, a Lightning checkpoint) "
                    "is never opened here: these lines turn it into a .safetensors file:",
    "export_vocab": "A word or character model reads text when the file carries its vocabulary (the tokens in the "
                    "order of the embedding's rows) as the metadata key `vocab`; you can also give it on the page.",
    "weights_err_several_stacks": "This file holds several recurrent stacks; pick one.",
    "weights_err_card": "The model card inside this file (the JSON saved beside the weights) holds a value of the "
                        "wrong kind: `{path}` should be {expected}, but the file has {got}. Nothing was loaded: "
                        "correct the card, or save the weights without it.",
    "weights_err_card_missing": "The model card inside this file (the JSON saved beside the weights) has no "
                                "`{path}`, which it needs there. Nothing was loaded: correct the card, or save the "
                                "weights without it.",
    "card_expected_text": "text",
    "card_expected_whole": "a whole number (0 or more)",
    "card_expected_number": "a finite number",
    "card_expected_flag": "true or false",
    "card_expected_texts": "a list of texts",
    "card_expected_numbers": "a list of finite numbers",
    "card_expected_object": "a JSON object",
    "card_expected_objects": "a list of JSON objects",
    "card_expected_records": "a list of JSON objects",
    "convert_state_dict": "A **state dict** (`torch.save(model.state_dict())`), a **training checkpoint** "
                          "(`{\"epoch\": …, \"model_state_dict\": …}`) or a **Lightning** checkpoint "
                          "(`{\"state_dict\": …}`):",
    "convert_module": "A **whole model** (`torch.save(model)`): `weights_only=True` refuses it. Load it with "
                      "`weights_only=False` only if you made the file yourself or trust who did (that runs the "
                      "code inside it; the model's class must be importable), and save it with `save_model`:",
    "convert_tied": "With **tied weights** (an embedding used as the decoder), `save_file(model.state_dict())` "
                    "fails with “Some tensors share memory”. Either line below works; the page reads both:",
}

ZH = {
    "model_shown_example": "当前显示：**{file}**，内置示例（不是你的文件）。",
    "model_shown_upload": "当前显示：你的文件 **{file}**。",
    "model_shown_none": "当前没有显示模型：**{file}** 被拒绝（原因见下）。",
    "weights_projection": "带投影（proj_size）：{hidden} 个隐藏单元（记忆元 c 和各个门）与 {proj} 个投影输出 "
                          "h = W_hr (o · tanh c)，每个输出都混合了全部 {hidden} 个单元。",
    "model_rows": "热力图的行",
    "model_rows_cells": "{hidden} 个隐藏单元：f、i、o、g、c",
    "model_rows_outputs": "{proj} 个投影输出：h",
    "model_rows_help": "在带 proj_size 的 LSTM 中，h 不是每个单元一个：它的 {proj} 个输出各自通过 W_hr 混合了全部 "
                       "{hidden} 个单元。",
    "nonlinearity": "这个 RNN 的非线性函数",
    "nonlinearity_help": "state dict 不会记录 RNN 构建时用的是 nonlinearity='tanh'（PyTorch 的默认值）还是 'relu'。"
                         "请选择它构建时用的那个：数值取决于它。",
    "nonlinearity_tanh": "tanh",
    "nonlinearity_relu": "ReLU",
    "weights_nonlinearity_given": "非线性函数：{name}，在本页选择（文件没有记录）。",
    "weights_nonlinearity_file": "非线性函数：{name}，来自文件的模型卡片。",
    "stack": "循环层堆叠",
    "stack_help": "这个文件包含多个 LSTM、GRU 或 RNN 堆叠（例如编码器和解码器）：每个单独显示，"
                  "连同同一模块中的嵌入层和输出层。",
    "stacks_found": "这个文件包含 {count} 个循环层堆叠：{names}。请选择要显示的一个。",
    "weights_cell": "由单个循环单元保存（nn.{kind}Cell：weight_ih、weight_hh……）：按单层网络读取，状态逐步传递。",
    "weights_tied": "权重绑定：{dropped} 与 {kept} 是同一个数组（文件中只存了一次）；两处都使用它。",
    "weights_embedding_words": "它前面有一个嵌入层（nn.Embedding）：{rows:,} 行，每行 {size} 个数，每个词一行。",
    "weights_embedding_tokens": "它前面有一个嵌入层（nn.Embedding）：{rows:,} 行，每行 {size} 个数，"
                                "每个词元（字符或词）一行。",
    "vocab_needed": "要读取文本，本页需要词表：{rows:,} 个嵌入行各自代表哪个词元（字符或词），而这个文件没有附带词表。"
                    "请在下方“词表”中给出。随机数和 CSV 输入仍然可用：它们绕过嵌入层，直接送入循环网络，"
                    "每步 {size} 个数。",
    "weights_read_out": "它后面有一个输出层（nn.Linear）{name}，共 {rows:,} 个输出。",
    "vocab_words": "词表：{count:,} 个词；文本按空白切分。",
    "vocab_chars": "词表：{count:,} 个字符。",
    "vocab_from_metadata": "（来自文件元数据中的 'vocab'。）",
    "vocab_from_card": "（来自模型卡片。）",
    "vocab_from_given": "（在本页给出。）",
    "vocab_give": "词表：{rows:,} 个输入行各自代表哪个词元",
    "vocab_give_body": "要读取文本，本页需要按行顺序排列的词表（嵌入层的第 k 行，或独热输入的第 k 位，就是第 k 个"
                       "词元）。可以上传每行一个词元的文本文件或 JSON 列表，字符模型也可以直接粘贴字符。"
                       "词元长于一个字符时按词表处理：文本按空白切分，词表中有 `<unk>` 时，未知的词按 `<unk>` 读取。"
                       "用 PyTorch 的 word-language-model 示例可以这样保存：",
    "vocab_give_metadata": "也可以把它放进文件本身，作为元数据键 `vocab`（一个 JSON 列表）：",
    "vocab_file": "词表文件（.txt 每行一个词元，或 .json 列表）",
    "vocab_chars_input": "……或按行顺序粘贴字符",
    "vocab_misfit": "词表有 {given:,} 个词元，但模型的输入有 {rows:,} 行：需要每行一个词元，因此没有使用它。",
    "vocab_err_duplicate": "词表中“{detail}”出现了两次：每一行只代表一个词元。",
    "vocab_err_empty": "词表是空的。",
    "vocab_err_not_list": "词表必须是每行一个词元的 UTF-8 文本，或由字符串组成的 JSON 列表。",
    "vocab_err_too_long": "词表的第 {detail} 个词元非常长：这是词表文件吗？",
    "words_unknown_unk": "有 {count:,} 个词不在词表中，按 <unk> 读取：{words}",
    "words_unknown_zero": "有 {count:,} 个词不在词表中（词表没有 <unk>），按全零输入读取：{words}",
    "input_word_row": "x_t：词“{token}”对应的嵌入行",
    "input_word_unk": "x_t：<unk> 对应的嵌入行（“{token}”不在词表中）",
    "word_model_why": "“为什么”工具逐字符读取文本，因此词模型不提供这些工具。",
    "projection_why": "“为什么”工具跟踪一个单元的 c 和 h，而投影把二者分开了；带 proj_size 的 LSTM 不提供这些工具。",
    "export_files": "由 `torch.save` 写出的文件（state dict、训练检查点、Lightning 检查点）在这里永远不会被打开："
                    "用下面几行把它转换成 .safetensors 文件：",
    "export_vocab": "如果文件把词表（按嵌入行顺序排列的词元）作为元数据键 `vocab` 保存，词模型或字符模型就能读取文本；"
                    "也可以在本页给出词表。",
    "weights_err_several_stacks": "这个文件包含多个循环层堆叠；请选择一个。",
    "weights_err_card": "这个文件里的模型卡片（和权重一起保存的 JSON）有一个值的类型不对：`{path}` 应该是{expected}，"
                        "但文件里是 {got}。没有加载任何内容：请改正卡片，或者不带卡片重新保存权重。",
    "weights_err_card_missing": "这个文件里的模型卡片（和权重一起保存的 JSON）缺少 `{path}`，而那里必须有它。"
                                "没有加载任何内容：请改正卡片，或者不带卡片重新保存权重。",
    "card_expected_text": "文本",
    "card_expected_whole": "整数（0 或更大）",
    "card_expected_number": "有限的数",
    "card_expected_flag": "布尔值（true 或 false）",
    "card_expected_texts": "文本的列表",
    "card_expected_numbers": "有限数的列表",
    "card_expected_object": "一个 JSON 对象",
    "card_expected_objects": "JSON 对象的列表",
    "card_expected_records": "JSON 对象的列表",
    "convert_state_dict": "**state dict**（`torch.save(model.state_dict())`）、**训练检查点**"
                          "（`{\"epoch\": …, \"model_state_dict\": …}`）或 **Lightning** 检查点"
                          "（`{\"state_dict\": …}`）：",
    "convert_module": "**整个模型**（`torch.save(model)`）：`weights_only=True` 会拒绝读取。只有当文件是你自己保存的、"
                      "或你信任它的来源时，才可以用 `weights_only=False` 读取（这会运行文件里的代码，并且需要能导入"
                      "模型的类），然后用 `save_model` 保存：",
    "convert_tied": "如果有**权重绑定**（嵌入层同时用作解码器），`save_file(model.state_dict())` 会报错"
                    "“Some tensors share memory”。下面任意一行都可以，本页两种都能读取：",
}
