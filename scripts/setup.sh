#!/usr/bin/env bash
# Install everything wordgan needs, idempotently: Debian data packages (when root), then a virtualenv in
# .venv with torch first (so pip never pulls a multi-GB CUDA build), the core and every plugin in plugins/
# as editable installs, and the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium and chromium-driver: the headless browser the web page's tests (tests/web/) drive.
APT_PACKAGES=(dataset-fashion-mnist wordnet-base chromium chromium-driver)
# libcairo2 (cairosvg renders OpenMoji) and npm (fetches the artwork): the emoji dataset, plugins/wordgan-emoji.
APT_PACKAGES+=(libcairo2)
command -v npm >/dev/null || APT_PACKAGES+=(npm)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: not root, so not installing ${missing[*]}; Fashion-MNIST will be downloaded on first use" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
# A CPU build of torch; set WORDGAN_TORCH to choose another (e.g. "torch" for your platform's default).
.venv/bin/python -c "import torch" 2>/dev/null || "${pip[@]}" "${WORDGAN_TORCH:-torch==2.13.0}"
editable=(-e ".[serve]")
for plugin in plugins/*/; do editable+=(-e "$plugin"); done
"${pip[@]}" "${editable[@]}" pytest pytest-xdist hypothesis matplotlib selenium tensorboard wandb
# The emoji dataset's artwork: pinned npm packages, each tarball checked against its sha256 (about 140 MB
# fetched once, 60 MB kept in ~/.cache/wordgan/emoji; a second run finds them and does nothing).
if command -v npm >/dev/null; then
  .venv/bin/python -m wordgan_emoji install
else
  echo "setup: npm not found, so the emoji dataset is not installed (plugins/wordgan-emoji/README.md)" >&2
fi
echo "setup: done; activate with: source .venv/bin/activate"
