#!/usr/bin/env bash
# Rewrites constraints.txt: the exact versions of everything requirements-dev.txt installs today, resolved in a
# brand-new virtual environment. Run it on purpose (a new dependency, or to take new releases), then run the
# tests (`bash .ci/run`) before committing the new constraints.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3.11 -m venv "$dir/venv"
"$dir/venv/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt
{
  echo "# The versions the tests pass with, for every package requirements-dev.txt installs (direct and indirect)."
  echo "# Used as: pip install -r requirements(-dev).txt -c constraints.txt. Rewritten only on purpose by"
  echo "# tools/update_constraints.sh ($(date -u +%Y-%m-%d), Python $("$dir/venv/bin/python" -c 'import platform; print(platform.python_version())'))."
  "$dir/venv/bin/pip" freeze --all --exclude pip --exclude setuptools --exclude wheel
} > constraints.txt
echo "wrote constraints.txt ($(grep -vc '^#' constraints.txt) packages)"
