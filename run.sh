#!/usr/bin/env bash
# Sets up the bot in .venv (first run, or when pyproject.toml changed) and runs `hfbot`.
# Without arguments: a console chat with a demo helsefellesskap on the embedded SQLite database.
#   ./run.sh                      chat with the demo (same as ./run.sh chat --demo)
#   HFBOT_DEV_NO_AUTH=1 ./run.sh serve    the HTTP endpoint on 127.0.0.1:3978, authentication off
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
stamp=.venv/.installed
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Setting up .venv (first run)..." >&2
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
if [ $# -eq 0 ]; then
  set -- chat --demo
fi
exec .venv/bin/hfbot "$@"
