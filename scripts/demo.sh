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
# The emoji model: concepts it never trained on (its held-out split), drawn from their names alone.
HELD_OUT=("confused face" "anatomical heart" taco hedgehog "lab coat" "globe showing Asia-Australia" "flag: St. Martin")
.venv/bin/wordgan generate emoji "${HELD_OUT[@]}" -n 8 --seed 0 -o demo/emoji --force
echo "demo: the grid is demo/grid.png (a row per word); single images are in demo/<word>/"
echo "demo: emoji concepts the emoji model never trained on: demo/emoji/grid.png (beside the real drawings: docs/data/emoji-shipped/eval-t0.03-z1.5/held-out.png)"
echo "demo: train your own (about 8 minutes on 2 CPU cores) with: .venv/bin/wordgan train"
