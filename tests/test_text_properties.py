"""Property tests over everything text goes through: cutting, the character tokeniser, labels, shading, Markdown.

Any Unicode a user can type (controls, NUL, emoji, RTL marks, CJK, markup) must come out bounded, one token per
character, and inert: no tag of the user's, no Markdown or LaTeX that renders."""
import html
from html.parser import HTMLParser

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from lstm_core.model import CharVocab
from viz.text_view import MARKDOWN_SPECIAL, MAX_CHARS, md_escape, prepare_text, shaded_text_html, tokens_for_display

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)   # every code point but surrogates
HOSTILE = st.sampled_from(["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[a](javascript:x)",
                           "$\\frac{1}{0}$", "\u202eevil", "\x00", "\x1b[31m", "🧠👩‍👩‍👧", "中文", "&lt;b&gt;"])
TEXT = st.lists(ANY_TEXT | HOSTILE, max_size=6).map("".join)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.data = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.data.append(data)


def parsed(markup):
    parser = Tags()
    parser.feed(markup)
    return parser


@given(TEXT)
def test_prepared_text_is_bounded_and_free_of_nul(raw):
    text, cut = prepare_text(raw * 20)
    assert len(text) <= MAX_CHARS and "\x00" not in text
    assert cut == (len((raw * 20).replace("\x00", "")) > MAX_CHARS)


@given(TEXT)
def test_one_display_token_per_character_and_none_holds_markup(text):
    tokens = tokens_for_display(text)
    assert len(tokens) == len(text)
    assert all("<" not in t and ">" not in t for t in tokens)
    assert all(html.unescape(t) == ch for t, ch in zip(tokens, text, strict=True) if ch.isprintable()
               and ch not in " \n\t")


@given(TEXT, st.text(min_size=1, max_size=40))
def test_the_tokeniser_gives_one_id_per_character_and_zeros_for_unknown_ones(text, alphabet):
    vocab = CharVocab(sorted(set(alphabet)))
    ids = vocab.encode(text)
    x = vocab.one_hot(ids)
    assert ids.shape == (len(text),) and x.shape == (len(text), len(vocab))
    known = np.array([ch in vocab.index for ch in text], bool)
    assert np.all((ids >= 0) == known)
    np.testing.assert_array_equal(x.sum(axis=1), known.astype(np.float32))


@given(TEXT)
def test_shaded_text_holds_only_our_own_tags_and_shows_every_character(text):
    values = np.linspace(-1, 1, len(text))
    markup = parsed(shaded_text_html(text, values))
    assert {tag for tag, _ in markup.tags} <= {"div", "span", "br"}
    assert all(set(attrs) <= {"style", "title", "class"} for _, attrs in markup.tags)
    assert [attrs["class"] for _, attrs in markup.tags if "class" in attrs] == ["lx-shaded"]   # ours, once
    assert sum(tag == "span" for tag, _ in markup.tags) == len(text)
    shown = "".join(markup.data)                       # what the reader sees, entities decoded
    expected = "".join("⏎" if ch == "\n" else ch if ch.isprintable() else "\ufffd" for ch in text)
    assert shown == expected


@given(TEXT)
def test_markdown_escaping_leaves_no_special_character_unescaped(text):
    escaped = md_escape(text)
    k = 0
    while k < len(escaped):
        if escaped[k] == "\\":
            assert escaped[k + 1] in MARKDOWN_SPECIAL
            k += 2
            continue
        assert escaped[k] not in MARKDOWN_SPECIAL
        k += 1
