"""Build the texts from outside the training corpora (data/outside/), on which tools/name_units.py scores each
named unit a second time: `python tools/build_outside_texts.py` (tool-time only; the app reads the files).

- requests_utils.py.txt: `requests/utils.py` of the installed `requests` package (Apache-2.0, its LICENSE and
  NOTICE copied beside it): code from a project that is not Python's standard library (the Python model's corpus).
- kjv_ruth_jonah.txt: the books of Ruth and Jonah in the King James Version (public domain), printed by Debian's
  `bible` program (`apt-get install bible-kjv`): early modern English prose, not Shakespeare.
- song_poems.txt: the Song dynasty poems of 千家诗 (chinese-poetry, MIT, ../shared/data), converted to simplified
  characters with opencc t2s like the Tang corpus: verse from outside 全唐诗, one poem per line.
Each file is prepared as its model's corpus was (tools/build_data.py): same character set rules, same layout.
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "outside"
SHARED = ROOT.parent.parent / "shared" / "data"       # /work/shared/data beside the worktrees
if not SHARED.exists():
    SHARED = ROOT.parent / "shared" / "data"
BOOKS = ("Ruth1:1-4:22", "Jonah1:1-4:11")


def code():
    import requests
    src = Path(requests.__file__).with_name("utils.py")
    text = src.read_text().replace("\t", "    ")
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    assert text.isascii()
    (OUT / "requests_utils.py.txt").write_text(text)
    dist = next(Path(requests.__file__).parent.parent.glob(f"requests-{requests.__version__}.dist-info"))
    for name in ("LICENSE", "NOTICE"):
        shutil.copy(dist / "licenses" / name, OUT / f"{name}.requests")
    return f"requests {requests.__version__}", text


def prose():
    lines = []
    for book in BOOKS:
        out = subprocess.run(["bible", "-f", book], capture_output=True, text=True, check=True).stdout
        lines += [re.sub(r"^\S+\d+:\d+ ", "", line) for line in out.splitlines() if line.strip()]
    text = "\n".join(lines) + "\n"
    (OUT / "kjv_ruth_jonah.txt").write_text(text)
    return "bible-kjv", text


def verse():
    import opencc
    t2s = opencc.OpenCC("t2s").convert
    corpus = (ROOT / "data" / "corpus" / "tang_poems.txt").read_text()
    book = json.loads((SHARED / "chinese-poetry" / "蒙学" / "qianjiashi.json").read_text())
    poems = []
    for group in book["content"]:
        for poem in group["content"]:
            if "（宋）" not in poem.get("author", ""):
                continue
            parts = [p["paragraphs"] if isinstance(p, dict) else [p] for p in poem["paragraphs"]]
            for lines in (parts if isinstance(poem["paragraphs"][0], dict) else [sum(parts, [])]):
                text = t2s("".join(lines))               # a poem of several parts (其一, 其二): one line each
                if text and text not in corpus:          # never a poem the model was trained or held out on
                    poems.append(text)
    text = "\n".join(poems) + "\n"
    (OUT / "song_poems.txt").write_text(text)
    return f"{len(poems)} Song poems", text


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for build in (code, prose, verse):
        what, text = build()
        print(f"{build.__name__}: {what}, {len(text):,} characters, {len(set(text))} distinct")


if __name__ == "__main__":
    sys.exit(main())
