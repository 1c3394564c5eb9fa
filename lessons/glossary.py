"""One term per idea, in both languages, on every page: the Chinese terms are those of d2l.ai's Chinese edition
(《动手学深度学习》, the LSTM and GRU chapters). tests/test_learn.py checks the lesson texts and the teaching pages'
Chinese strings use them, and not the variants in AVOID."""

TERMS = [
    # (symbol, English, 中文)
    ("f", "forget gate", "遗忘门"),
    ("i", "input gate", "输入门"),
    ("o", "output gate", "输出门"),
    ("g", "candidate (candidate memory cell)", "候选记忆元"),
    ("c", "cell state (memory cell)", "记忆元（细胞状态）"),
    ("h", "hidden state", "隐状态"),
    ("r", "reset gate (GRU)", "重置门"),
    ("z", "update gate (GRU)", "更新门"),
    ("n", "candidate hidden state (GRU)", "候选隐状态"),
    ("", "vanishing / exploding gradients", "梯度消失 / 梯度爆炸"),
    ("", "gradient clipping", "梯度裁剪"),
    ("", "backpropagation through time (BPTT)", "通过时间反向传播"),
    ("", "bidirectional RNN", "双向循环神经网络"),
    ("", "stacked (deep) RNN", "深度循环神经网络（堆叠）"),
]

# Variants that would name the same idea differently from the terms above (the glossary itself mentions
# 细胞状态 as the other name of 记忆元; the texts use 记忆元).
AVOID = ["忘记门", "遗忘闸", "输入闸", "输出闸", "隐藏状态", "细胞状态", "单元状态", "记忆单元", "候选单元", "复位门"]
