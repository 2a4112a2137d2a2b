#!/usr/bin/env bash
# The main job on a fresh machine: set up, then draw trained and never-seen words with the shipped model
# (trained by `wordgan train` with the default settings; see docs/training.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
MODEL=fashion-mnist  # the model wordgan ships, by its name (wordgan/model/weights/fashion-mnist.safetensors)
WORDS=(sandals sneakers boots bag dress trousers coat slipper heels wellies handbag jeans hoodie kimono)
.venv/bin/wordgan generate "$MODEL" "${WORDS[@]}" -n 8 --seed 0 -o demo --force  # --force: a rerun replaces the last demo
.venv/bin/wordgan similar "$MODEL" slipper wellies kimono
echo "demo: the grid is demo/grid.png (a row per word); single images are in demo/<word>/"
echo "demo: train your own (about 8 minutes on 2 CPU cores) with: .venv/bin/wordgan train"
