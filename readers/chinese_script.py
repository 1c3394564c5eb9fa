"""Traditional Chinese characters read as the simplified ones a model was trained on.

The Tang corpus was converted to simplified characters with OpenCC (`t2s`) when it was built (data/SOURCES.md),
so a poem typed in traditional script would be a third unknown characters, fed as zeros. A model whose card says
`"convert": "t2s"` reads the text through the same conversion. The conversion keeps one character per character,
so step t of the model's text is step t of what the user typed and the page can label the steps with the
characters the user typed.
"""
from functools import cache

import opencc


@cache
def _converter(config):
    return opencc.OpenCC(config)


def for_model(text, card):
    """-> (the text the model reads, how many characters differ from `text`). Unchanged unless the card asks
    for a conversion. OpenCC converts by phrases (more faithful than character by character); where a phrase
    changes the length, each character is converted alone, and one that would become several stays as typed."""
    config = card.convert if card is not None else None      # card: lstm_core.card.ModelCard
    if not config or not text:
        return text, 0
    convert = _converter(config).convert
    converted = convert(text)
    if len(converted) != len(text):
        converted = "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)
    return converted, sum(a != b for a, b in zip(text, converted, strict=True))
