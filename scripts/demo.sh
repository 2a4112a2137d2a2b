#!/usr/bin/env bash
# The main job on a fresh machine: set up, then draw trained and never-seen words with the shipped model
# (trained by `wordgan train` with the README's default settings; see docs/training.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
MODEL=checkpoints/word2vec-dcgan-fashion-mnist.safetensors
WORDS=(sandals sneakers boots bag dress trousers slipper heels handbag jeans man woman)
.venv/bin/wordgan generate "$MODEL" "${WORDS[@]}" -n 8 --seed 0 -o demo
.venv/bin/wordgan similar "$MODEL" slipper man woman
echo "demo: the grid is demo/grid.png (a row per word); single images are in demo/<word>/"
echo "demo: train your own with: .venv/bin/wordgan train --embedder word2vec --gan dcgan --dataset fashion-mnist"
