"""Properties of each position in a text, the hypotheses a unit can be tested against (as in Karpathy's cell
visualisations and LSTMVis): inside a string literal, bracket depth, position in the line, and so on.

Every feature maps a text of T characters to a (T,) array: boolean (the position has the property) or float
(a count). Position t is the step that has just read text[t], so a feature describes what the network has
seen up to and including t ("newline_next" and "line_end" look one character ahead: what it should predict).
"""
import numpy as np

OPENING, CLOSING = "([{", ")]}"
VOWELS = set("aeiouAEIOU")
VERSE_PUNCTUATION = set("，。！？；、")
COUPLET_ENDS = set("。！？；\n")


def python_scan(text):
    """-> ((T,) bool inside a string literal, quotes included; (T,) bool inside a comment).

    A small scanner, robust to text cut anywhere: '...', "...", '''...''', \"\"\"...\"\"\", backslash
    escapes, and comments (a quote after # starts nothing). A one-quote string ends at the end of its line."""
    one_line, triple, comment = python_regions(text)
    return one_line | triple, comment


def python_regions(text):
    """-> (T,) bool masks of the three kinds of text inside Python code that is not code: (one-line string
    literals '...' and "...", quotes included; triple-quoted strings, docstrings among them, quotes included;
    comments). A reader of code tells them apart: a one-line string is a value the code uses, while a
    docstring and a comment are prose written for the reader (tools/name_units.py found the Python model treats
    them so: its units high in docstrings are high in comments too)."""
    one_line, triple, comment = (np.zeros(len(text), bool) for _ in range(3))
    t, n = 0, len(text)
    while t < n:
        ch = text[t]
        if ch == "#":
            end = text.find("\n", t)
            end = n if end < 0 else end
            comment[t:end] = True
            t = end
            continue
        if ch not in "'\"":
            t += 1
            continue
        quote = text[t:t + 3] if text[t:t + 3] in ("'''", '"""') else ch
        start, t = t, t + len(quote)
        while t < n:
            if text[t] == "\\":
                t += 2
            elif text.startswith(quote, t):
                t += len(quote)
                break
            elif text[t] == "\n" and len(quote) == 1:
                break
            else:
                t += 1
        (triple if len(quote) == 3 else one_line)[start:min(t, n)] = True
    return one_line, triple, comment


def python_prose(text):
    """(T,) bool: the character is prose inside code, written for the reader: a triple-quoted string (a docstring)
    or a comment."""
    _, triple, comment = python_regions(text)
    return triple | comment


def python_strings(text):
    """(T,) bool: the character is part of a Python string literal, its quotes included."""
    return python_scan(text)[0]


def bracket_depth(text, skip=None):
    """(T,) float: how many brackets are open after reading text[t] (characters where skip is True, such
    as string literals, neither open nor close)."""
    depth, level = np.zeros(len(text)), 0
    for t, ch in enumerate(text):
        if skip is None or not skip[t]:
            level = level + 1 if ch in OPENING else max(level - 1, 0) if ch in CLOSING else level
        depth[t] = level
    return depth


def line_positions(text):
    """(T,) float: the character's index in its line (a newline ends its line: it has the last index)."""
    position, run = np.zeros(len(text)), 0
    for t, ch in enumerate(text):
        position[t] = run
        run = 0 if ch == "\n" else run + 1
    return position


def _per_line(text, test):
    """(T,) bool: every character of a line (its newline included) gets test(line)."""
    out, start = np.zeros(len(text), bool), 0
    for line in text.split("\n"):
        end = start + len(line) + 1
        out[start:end] = test(line)
        start = end
    return out[:len(text)]


def indentation(text):
    """(T,) float: the number of leading spaces of the character's line."""
    out, start = np.zeros(len(text)), 0
    for line in text.split("\n"):
        end = start + len(line) + 1
        out[start:end] = len(line) - len(line.lstrip(" "))
        start = end
    return out[:len(text)]


def speaker_lines(text):
    """(T,) bool: the character belongs to a play's speaker line, such as 'ROMEO:' or 'First Citizen:'."""
    return _per_line(text, lambda line: len(line) > 1 and line.endswith(":") and line[0].isupper()
                     and all(ch.isalpha() or ch in " '" for ch in line[:-1]))


def next_is(text, chars):
    """(T,) bool: the next character is one of `chars` (False at the last position)."""
    out = np.zeros(len(text), bool)
    out[:-1] = [ch in chars for ch in text[1:]]
    return out


def verse_positions(text):
    """(T,) float: position inside a line of verse, counting characters since the last punctuation or
    newline (the punctuation mark itself ends its line and has the last index)."""
    position, run = np.zeros(len(text)), 0
    for t, ch in enumerate(text):
        position[t] = run
        run = 0 if ch in VERSE_PUNCTUATION or ch == "\n" else run + 1
    return position


def second_lines(text):
    """(T,) bool: the character is in the second line of a couplet (对句), the line that answers the first (出句)
    and carries the rhyme: from the comma that ends the first line (after reading it, the second line has
    begun) up to the character before the full stop (。！？；) or newline that ends the couplet, which is False
    (after reading it, a new couplet begins)."""
    inside, state = np.zeros(len(text), bool), False
    for t, ch in enumerate(text):
        if ch == "，":
            state = True
        elif ch in COUPLET_ENDS:
            state = False
        inside[t] = state
    return inside


def word_positions(text):
    position, run = np.zeros(len(text)), 0
    for t, ch in enumerate(text):
        run = run + 1 if ch.isalnum() else 0
        position[t] = run
    return position


def double_quotes(text):
    inside, state = np.zeros(len(text), bool), False
    for t, ch in enumerate(text):
        if ch == '"':
            state = not state
        inside[t] = state or ch == '"'
    return inside


FEATURES = {
    "speaker_line": speaker_lines,
    "position_in_line": line_positions,
    "newline_next": lambda text: next_is(text, "\n"),
    "in_string": python_strings,
    # in_string's parts, as a reader of code tells them apart (python_regions)
    "in_one_line_string": lambda text: python_regions(text)[0],
    "in_triple_string": lambda text: python_regions(text)[1],
    "in_prose": python_prose,
    "bracket_depth": lambda text: bracket_depth(text, np.logical_or(*python_scan(text))),
    "in_code_brackets": lambda text: bracket_depth(text, np.logical_or(*python_scan(text))) > 0,
    "indent": indentation,
    "position_in_verse": verse_positions,
    "line_end": lambda text: next_is(text, VERSE_PUNCTUATION),
    "second_line": second_lines,
    "inside_quotes": double_quotes,
    "inside_brackets": lambda text: bracket_depth(text) > 0,
    "start_of_word": lambda text: word_positions(text) == 1,
    "position_in_word": word_positions,
    "vowel": lambda text: np.array([ch in VOWELS for ch in text], bool),
    "digit": lambda text: np.array([ch.isdigit() for ch in text], bool),
    "uppercase": lambda text: np.array([ch.isupper() for ch in text], bool),
    "punctuation": lambda text: np.array([not ch.isalnum() and not ch.isspace() for ch in text], bool),
}


def feature(name, text):
    """(T,) bool or float array of feature `name` on `text`."""
    if name not in FEATURES:
        raise ValueError(f"no feature named {name!r}; choose one of {sorted(FEATURES)}")
    return np.asarray(FEATURES[name](text))
