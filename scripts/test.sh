#!/usr/bin/env bash
# Set up (idempotent), then run the whole test suite: core, every plugin and the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"  # both cores (pytest-xdist); one thread a worker (conftest.py)
