"""One term per idea, in both languages, on every page: the Chinese terms are those of d2l.ai's Chinese edition
(《动手学深度学习》, the LSTM and GRU chapters). tests/test_learn.py checks the lesson texts use them, and
tests/test_i18n.py that no Chinese string, lesson file or glossary entry uses a variant in AVOID."""

TERMS = [
    # (symbol, English, 中文)
    ("f", "forget gate", "遗忘门"),
    ("i", "input gate", "输入门"),
    ("o", "output gate", "输出门"),
    ("g", "candidate (candidate memory cell)", "候选记忆元"),
    ("c", "cell state (memory cell)", "记忆元"),
    ("h", "hidden state", "隐状态"),
    ("r", "reset gate (GRU)", "重置门"),
    ("z", "update gate (GRU)", "更新门"),
    ("n", "candidate hidden state (GRU; PyTorch's “new gate”)", "候选隐状态"),
    ("", "hidden unit (one of the H entries of h and c)", "隐藏单元"),
    ("", "LSTM cell, recurrent cell (the whole step function)", "LSTM 单元，循环单元"),
    ("", "long short-term memory (LSTM)", "长短期记忆网络（LSTM）"),
    ("", "gated recurrent unit (GRU)", "门控循环单元（GRU）"),
    ("", "constant error carousel (CEC)", "常数误差传送带（CEC）"),
    ("", "vanishing / exploding gradients", "梯度消失 / 梯度爆炸"),
    ("", "gradient clipping", "梯度裁剪"),
    ("", "backpropagation through time (BPTT)", "通过时间反向传播"),
    ("", "bidirectional RNN", "双向循环神经网络"),
    ("", "stacked (deep) RNN", "深度循环神经网络（堆叠）"),
]

# Variants that would name an idea differently from the terms above (or ambiguously), with what to write instead.
# No Chinese string, lesson file or glossary entry may contain one (tests/test_i18n.py).
AVOID = {
    "细胞": "记忆元 (the cell state c); LSTM 单元 / 循环单元 (the whole cell); 单元面板 (the panel of one unit)",
    "随时间反向传播": "通过时间反向传播",
    "忘记门": "遗忘门",
    "遗忘闸": "遗忘门",
    "输入闸": "输入门",
    "输出闸": "输出门",
    "隐藏状态": "隐状态",
    "单元状态": "记忆元",
    "记忆单元": "记忆元",
    "候选单元": "候选记忆元",
    "复位门": "重置门",
    "向前传": "往回传 (a gradient travels back; 向前 reads as the forward pass)",
    "向前的步数": "往回的步数",
    "实时示例": "现场演示 (one name for the live demonstrations)",
    "热图": "热力图",
    "字母表": "词表 (the model's vocabulary)",
}
