"""The lesson's text: one Markdown file per step (and per interview question and common mistake) and language,
in lessons/en and lessons/zh, with the same file names. The first line is the title (`# ...`); named
placeholders mark where the page puts live things:

    {{figure:NAME}}   a figure the engine computes       {{try:NAME}}      a widget that changes it
    {{predict:NAME}}  guess, then reveal the computed answer   {{demo:NAME}}   a live demonstration
    {{link:PAGE}}     a link to another page of the app    {{exercise:NAME}}  a short exercise, its answer checked

tests/test_learn.py checks that both languages have every file and the same placeholders in the same order.
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("en", "zh")
PLACEHOLDER = re.compile(r"\{\{(figure|try|predict|demo|link|exercise):([a-z0-9_]+)\}\}")
# Markdown turns a line break inside a paragraph into a space, which Chinese text must not have: a break between
# two non-ASCII characters is removed (the files stay wrapped for reading).
CJK_BREAK = re.compile(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])")
# A passage quoted from another text (the common mistakes quote their source articles verbatim): a fenced code block
# or a run of "> " lines. Its words are the source's, not the lesson's, so term checks skip it (own_words).
QUOTE = re.compile(r"```[a-z]*\n(.*?)\n```|((?:^> [^\n]*\n?)+)", re.S | re.M)


def files(part, lang="en"):
    """The file stems of one part ('step', 'interview' or 'mistake'), in order: step01_..., step02_..."""
    return sorted(p.stem for p in (ROOT / lang).glob(f"{part}[0-9][0-9]_*.md"))


def read(stem, lang):
    """-> (title, body) of one file; the title is its first line without the '# '."""
    text = (ROOT / lang / f"{stem}.md").read_text(encoding="utf-8")
    text = CJK_BREAK.sub("", text)
    first, _, body = text.partition("\n")
    return first.lstrip("#").strip(), body.strip("\n")


def placeholders(body):
    """[(kind, name)] in the order they appear."""
    return PLACEHOLDER.findall(body)


def segments(body):
    """The body cut at its placeholders: a list of ("text", markdown) and (kind, name) pieces, in order."""
    out, last = [], 0
    for m in PLACEHOLDER.finditer(body):
        if body[last:m.start()].strip():
            out.append(("text", body[last:m.start()].strip("\n")))
        out.append((m.group(1), m.group(2)))
        last = m.end()
    if body[last:].strip():
        out.append(("text", body[last:].strip("\n")))
    return out


def own_words(text):
    """A lesson's text without its quoted passages (QUOTE): what the lesson itself says, in its own terms."""
    return QUOTE.sub("", text)
