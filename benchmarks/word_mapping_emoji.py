"""The mapping of new words on many concepts: an emoji model's held-out concepts, mapped by each mapping.

A mapping that suits Fashion-MNIST's ten classes need not suit 1,906 emoji concepts (docs/many-concepts.md),
so each mapping of benchmarks/word_mapping.py is also asked where it sends an emoji model's held-out
concepts, before any drawing: the share whose top-weighted trained concept lies in their own subcategory
(what a generator drawing exactly that concept would get right; "nearest trained concept" in
docs/many-concepts.md is the same for MiniLM's best word), and the mean weight on their subcategory.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping_emoji.py runs/emoji/checkpoint.safetensors

The run is a default emoji run (``wordgan train --dataset emoji``): its trained words (label words and CLDR
keywords) and stored MiniLM vectors are what is mapped onto.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from benchmarks.common import markdown_table
from benchmarks.word_mapping import shipped_mapper
from wordgan.conditions.mapping import DEFAULT_MAPPING, DEFAULT_TEMPERATURE, MAPPING_0_3, MappingSettings
from wordgan.evaluation.metrics.concepts import group_index
from wordgan.model.word_model import WordModel
from wordgan_emoji import EmojiDataset
from wordgan_emoji.split import subcategory_families

MAPPINGS = [
    ("wordgan 0.2: MiniLM's best word", MappingSettings(), 0.02),
    ("wordgan 0.3: USE's best word + WordNet 0.2", MAPPING_0_3, 0.03),
    ("new default (DEFAULT_MAPPING)", DEFAULT_MAPPING, DEFAULT_TEMPERATURE),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", help="a default emoji run's checkpoint")
    args = parser.parse_args()
    model = WordModel.load(args.checkpoint)
    dataset = EmojiDataset()
    held = [w for w in dataset.held_out_words() if w not in model.trained_words]
    group_of = dict(zip(dataset.words, group_index(dataset.words, subcategory_families(dataset.concepts)).tolist()))
    labels = model.label_words
    same = torch.tensor([[group_of[c] == group_of[w] for c in labels] for w in held], dtype=torch.float32)  # (W, K)
    vectors = model.conditions(held, None)
    print(f"{len(held)} held-out concepts mapped onto {len(labels)} trained concepts ({len(model.trained_words)} trained words)")
    rows = []
    for name, settings, temperature in MAPPINGS:
        mapper = shipped_mapper(model, settings)
        started = time.perf_counter()
        weights = mapper.weights(held, vectors, temperature)  # (W, K)
        seconds = time.perf_counter() - started
        top = same.gather(1, weights.argmax(1, keepdim=True)).squeeze(1)
        rows.append([name, temperature, f"{top.mean():.3f}", f"{(weights * same).sum(1).mean():.3f}", f"{seconds:.1f}"])
        print(rows[-1], flush=True)
    chance = np.mean([np.mean([group_of[c] == group_of[w] for c in labels]) for w in held])
    print(f"\nchance (a random trained concept in the word's subcategory): {chance:.3f}")
    print(markdown_table(["mapping", "T", "top concept in the subcategory", "weight on the subcategory", "seconds (incl. building)"], rows))


if __name__ == "__main__":
    main()
