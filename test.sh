#!/usr/bin/env bash
# Installs what the tests need (Python packages in .venv, the npm card and manifest validators)
# and runs the whole suite. SQLite by default; TEST_DATABASE_URL=postgresql://... for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
stamp=.venv/.installed
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec .venv/bin/python -m pytest "$@"
