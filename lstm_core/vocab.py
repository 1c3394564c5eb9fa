"""Vocabularies: which input (one-hot position or embedding row) each character or word is.

A vocabulary is a list of tokens, row k of the embedding (or position k of the one-hot input) being token k.
Characters: the text is read character by character. Words: the text is split on whitespace, as PyTorch's
word-language-model example reads its corpus (it also appends '<eos>' at each line end, which a user can type).
"""
import json

import numpy as np

UNKNOWN_WORD = "<unk>"
MAX_TOKEN_CHARS = 200          # one token of a vocabulary file: longer is not a vocabulary


class VocabError(ValueError):
    """A vocabulary refused. `reason` is a stable code the page translates: 'empty', 'not_list', 'duplicate',
    'too_long'; `detail` names the token or position."""

    def __init__(self, reason, message, detail=""):
        super().__init__(message)
        self.reason, self.detail = reason, detail


class CharVocab:
    """Characters <-> one-hot inputs. A character outside the vocabulary becomes the all-zero input
    vector (the network sees 'nothing known' there) and is reported, never silently replaced."""
    words = False

    def __init__(self, chars):
        self.chars = list(chars)
        self.index = {ch: k for k, ch in enumerate(self.chars)}

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def __len__(self):
        return len(self.chars)

    def split(self, text):
        """The tokens the text is read as: its characters."""
        return list(text)

    def encode(self, text):
        """-> ids (T,) with -1 for unknown characters."""
        return np.array([self.index.get(ch, -1) for ch in text], dtype=np.int64)

    def one_hot(self, ids, dtype=np.float32):
        x = np.zeros((len(ids), len(self.chars)), dtype)
        known = ids >= 0
        x[np.flatnonzero(known), ids[known]] = 1
        return x


class WordVocab(CharVocab):
    """Words <-> inputs: the text split on whitespace. A word outside the vocabulary is read as '<unk>' when the
    vocabulary has one (PyTorch's example corpora map rare words to it), else it is unknown (-1, the all-zero
    input). `chars` holds the words (the name the rest of the code reads a vocabulary's tokens by)."""
    words = True

    @property
    def unknown(self):
        """The id unknown words are read as, or -1 (no '<unk>' in the vocabulary)."""
        return self.index.get(UNKNOWN_WORD, -1)

    def split(self, text):
        return text.split()

    def encode(self, text):
        """-> ids (words,): '<unk>''s id (or -1) for words outside the vocabulary."""
        unknown = self.unknown
        return np.array([self.index.get(w, unknown) for w in self.split(text)], dtype=np.int64)

    def unknown_words(self, text):
        """The words of `text` outside the vocabulary (read as '<unk>' or as the zero input)."""
        return [w for w in self.split(text) if w not in self.index]


def make_vocab(tokens):
    """A checked list of tokens -> CharVocab when every token is one character, else WordVocab."""
    tokens = checked_tokens(tokens)
    return CharVocab(tokens) if all(len(t) == 1 for t in tokens) else WordVocab(tokens)


def checked_tokens(tokens):
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise VocabError("not_list", "a vocabulary is a list of strings (tokens)")
    if not tokens:
        raise VocabError("empty", "the vocabulary is empty")
    seen = {}
    for k, t in enumerate(tokens):
        if len(t) > MAX_TOKEN_CHARS:
            raise VocabError("too_long", f"token {k + 1} has {len(t)} characters: is this a vocabulary?", str(k + 1))
        if t in seen:
            raise VocabError("duplicate", f"{t!r} is listed twice (rows {seen[t] + 1} and {k + 1}): each row of "
                             "the embedding is one token", t)
        seen[t] = k
    return tokens


def parse_vocab_file(data):
    """The bytes of a vocabulary file -> list of tokens: a JSON list of strings (the file starts with '['), or
    UTF-8 text with one token per line (a final line break is not an empty token; '\\r\\n' line ends are read
    as '\\n'). Nothing else is guessed: an unreadable file is a VocabError."""
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VocabError("not_list", "the vocabulary file is not UTF-8 text") from None
    if text.lstrip().startswith("["):
        try:
            tokens = json.loads(text)
        except (ValueError, RecursionError) as err:
            raise VocabError("not_list", f"the file starts with '[' but is not a JSON list ({err})") from None
        return checked_tokens(tokens)
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return checked_tokens(lines)


def parse_pasted_chars(text):
    """Characters pasted in a box, in the order of the embedding's rows -> list of single characters."""
    return checked_tokens(list(text))


def vocab_from_metadata(metadata):
    """The JSON list under the .safetensors metadata key 'vocab' -> list of tokens, or None when absent."""
    raw = (metadata or {}).get("vocab")
    if raw is None:
        return None
    try:
        return checked_tokens(json.loads(raw))
    except (ValueError, RecursionError):
        raise VocabError("not_list", "the file's metadata 'vocab' is not a JSON list of strings") from None
