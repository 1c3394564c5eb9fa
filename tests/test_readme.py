"""The README's set-up is what CI runs, its versions are pinned, and its notebook example runs as written (it needs
torch, so it is skipped without it)."""
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


APP_COMMAND = "pip install -r requirements.txt -c constraints.txt && streamlit run app.py"
TEST_COMMAND = "pip install -r requirements-dev.txt -c constraints.txt && python -m pytest -q"
CI = README.parent / ".ci" / "run"


def test_the_readme_names_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert f"\n{APP_COMMAND}\n" in text
    assert f"\n{TEST_COMMAND}\n" in text


def test_ci_runs_the_readmes_test_command_in_a_new_virtual_environment():
    lines = [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]
    venv = next(i for i, line in enumerate(lines) if re.match(r"python3(\.11)? -m venv ", line))
    activate = next(i for i, line in enumerate(lines) if re.match(r"\. .*/bin/activate", line))
    assert "mktemp" in lines[venv - 2] or "mktemp" in lines[venv - 1]          # a new folder every run
    assert venv < activate < lines.index(TEST_COMMAND)
    assert not any(re.match(r"(python -m )?pip install", line) for line in lines if line != TEST_COMMAND)


def requirement_names(path):
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            names |= requirement_names(path.parent / line[3:].strip())
        elif line:
            names.add(re.split(r"[<>=!~\[; ]", line)[0].lower().replace("_", "-"))
    return names


def test_every_requirement_is_pinned_to_one_version_in_the_constraints():
    pins = {}
    for line in (README.parent / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")                          # an exact version, nothing else
            pins[name.lower().replace("_", "-")] = version
    missing = requirement_names(README.parent / "requirements-dev.txt") - set(pins)
    assert not missing, f"add {missing} to constraints.txt: run tools/update_constraints.sh"
    assert "torch" not in pins                                          # a development tool only


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
