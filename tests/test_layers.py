"""The layers import only downwards (docs/architecture.md): lstm_core only NumPy and the standard library, viz
nothing of Streamlit, and the measurement scripts in tools/ nothing of the tests."""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(folder):
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield path, *(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                yield path, node.module


def top_levels(folder):
    return {(path.relative_to(ROOT).as_posix(), name.split(".")[0]) for path, *names in imported_modules(folder)
            for name in names}


def test_the_engine_imports_only_numpy_and_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"numpy", "lstm_core"}
    benchmark = {("lstm_core/bench.py", "torch")}            # compared with torch when it is installed, else not
    assert {(path, name) for path, name in top_levels("lstm_core") if name not in allowed} - benchmark == set()


@pytest.mark.parametrize("folder, forbidden", [("viz", {"streamlit", "app_pages"}), ("tools", {"tests"}),
                                               ("lstm_core", {"viz", "app_pages", "lessons", "tools"})])
def test_a_layer_does_not_import_what_sits_above_it(folder, forbidden):
    assert {(path, name) for path, name in top_levels(folder) if name in forbidden} == set()
