"""The README's notebook example runs as written (it needs torch, so it is skipped without it)."""
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_names_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "pip install -r requirements.txt && streamlit run app.py" in text
    assert "pip install -r requirements-dev.txt && python -m pytest -q" in text


def test_the_readme_notebook_example_runs(capsys):
    pytest.importorskip("torch")
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "(7, 10) (4, 5) (4, 5)" in printed


def test_the_readmes_apt_get_line_installs_what_ci_installs():
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    options = {"-y", "-qq", "--no-install-recommends", ">/dev/null"}
    ci_packages = set(re.search(r"apt-get install (.*)", ci).group(1).split()) - options
    readme = re.search(r"`apt-get install ([^`]*)`", README.read_text(encoding="utf-8")).group(1)
    assert ci_packages == set(readme.split()) - options
