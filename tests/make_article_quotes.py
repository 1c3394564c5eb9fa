"""Writes tests/reference/article_quotes.json: a digest of every passage the "common mistakes" quote, checked against
the source articles (../shared/articles) on a machine that has them. Where the articles are absent, tests/test_learn.py
checks each quote against these digests: a quote changed since it was checked is caught there too.
Run `python tests/make_article_quotes.py` after changing a quote (on a machine with the articles)."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lessons import content  # noqa: E402
from tests.test_learn import ARTICLES, QUOTES_FILE, quote_digest, quotes, verify  # noqa: E402

if __name__ == "__main__":
    assert ARTICLES is not None, "the source articles (../shared/articles) are not on this machine"
    digests = set()
    for stem in content.files("mistake"):
        for lang in content.LANGUAGES:
            for found in quotes(stem, lang):
                verify(stem, lang, found)
                digests.add(quote_digest(found))
    QUOTES_FILE.write_text(json.dumps(sorted(digests), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(digests)} checked quotes to {QUOTES_FILE}")
