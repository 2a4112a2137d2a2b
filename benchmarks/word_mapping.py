"""How often a new word's class weights put their top weight on a class a person would accept: no GAN trained.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping.py [--out docs/data/word-mapping.json]
    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping.py --held-out-classes

``--held-out-classes``: for each class in turn, the mapping a run trained without it would store (its label
word and its vocabulary words dropped, as ``--holdout`` does), and the weight the words of
benchmarks/held_out_classes.py put on its family's other classes: what snapping can at best make of a class
the generator never saw (snapped, a held-out class can only be drawn as its neighbours).

For each mapping (the embedder a model would be trained with, the evidence of :mod:`wordgan.mapping`, the
WordNet bonus and the temperature), a model-like mapping is built from Fashion-MNIST's label words and the
WordNet vocabulary a default run would train on (the words that embedder knows), and every word of four
lists is mapped. The tuning lists (the shipped list, the second list, docs/data/tuning_word_list.json)
chose the settings; docs/data/held_out_word_list.json was only ever scored. A word the model's embedder does
not know counts as a miss (a model trained on it refuses the word).

Columns per list: *top*, the share of words whose top weight is on an accepted class. Over the three tuning
lists together: *mass*, the mean weight on accepted classes (the share a mixture drawn by these weights
would get right); *log mass*, the mean log of it (floored at 0.001), which the temperature was chosen to
maximise: it punishes confident wrong answers; *sure & wrong*, the share of words given over 0.9 on one class
that is not accepted.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from benchmarks.common import markdown_table
from wordgan.components import build_embedder, load_dataset
from wordgan.conditioning import condition_vectors
from wordgan.evaluation.word_list import DEFAULT_WORD_LIST
from wordgan.mapping import MODEL_EMBEDDER, RECOMMENDED, RECOMMENDED_TEMPERATURE, MappingSettings, WordMapper
from wordgan.config import TrainConfig
from wordgan.training.setup import without_held_out
from wordgan.vocabulary import build_vocabulary

ROOT = Path(__file__).resolve().parent.parent
TUNING = {
    "shipped": DEFAULT_WORD_LIST,
    "second": ROOT / "docs/data/second_word_list.json",
    "tuning": ROOT / "docs/data/tuning_word_list.json",
}
HELD_OUT = {"held-out": ROOT / "docs/data/held_out_word_list.json"}


@dataclass(frozen=True)
class Row:
    model: str  # the embedder the model is trained with
    settings: MappingSettings
    temperature: float
    neighbours: int = 1  # k > 1: a class scores the mean of its k best words (agreement), not its best one


ROWS = [
    *(Row(name, MappingSettings(), 0.02) for name in ("word2vec", "fasttext", "sentence-transformers", "use", "concat")),
    Row("sentence-transformers", MappingSettings(), 0.02, neighbours=3),
    Row("sentence-transformers", MappingSettings(wordnet_bonus=0.2), 0.02),
    Row("sentence-transformers", MappingSettings(evidence=(MODEL_EMBEDDER, "use")), 0.02),
    Row("sentence-transformers", MappingSettings(evidence=(MODEL_EMBEDDER, "use"), wordnet_bonus=0.2), 0.03),
    Row("sentence-transformers", MappingSettings(evidence=("word2vec", MODEL_EMBEDDER, "use"), wordnet_bonus=0.2), 0.03),
    Row("use", MappingSettings(wordnet_bonus=0.2), 0.03),
    *(Row("sentence-transformers", RECOMMENDED, t) for t in (0.01, 0.02, RECOMMENDED_TEMPERATURE, 0.05)),
]


def read_list(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {"novel": data["novel"], "categories": data.get("categories", {})}


def model_mapper(name: str, settings: MappingSettings, labels: list[str], holdout: str | None = None, embedder=None):
    """The mapping a default run with embedder ``name`` would store: label words + its known WordNet words;
    with ``holdout``, of a run trained without that class. Returns (mapper, embedder)."""
    embedder = embedder or build_embedder(name)
    kept = [w for w in labels if w != holdout]
    vocabulary = build_vocabulary("wordnet", kept)
    if holdout:
        vocabulary = without_held_out(vocabulary, TrainConfig(holdout=[holdout]), labels)
    labels = kept
    pairs = vocabulary.keep_known(embedder.knows).pairs()
    words = labels + [w for w, _ in pairs]
    classes = torch.tensor(list(range(len(labels))) + [labels.index(c) for _, c in pairs], dtype=torch.long)
    return WordMapper(settings, labels, words, classes, condition_vectors(embedder, words), lambda: embedder), embedder


def weights_for(mapper: WordMapper, embedder, row: Row, words: list[str]) -> dict[str, torch.Tensor | None]:
    """Each word's (K,) class weights, or None when the model's embedder does not know it."""
    out = {}
    for word in words:
        if not embedder.knows(word):
            out[word] = None
            continue
        vector = condition_vectors(embedder, [word])
        if row.neighbours > 1:
            scores = top_k_class_mean(vector, mapper, row.neighbours)
            out[word] = torch.softmax(scores / row.temperature, dim=1)[0]
        else:
            out[word] = mapper.weights([word], vector, row.temperature)[0]
    return out


def top_k_class_mean(vector: torch.Tensor, mapper: WordMapper, k: int) -> torch.Tensor:
    """(1, E) -> (1, K): each class scores the mean cosine of its k most similar trained words."""
    sims = torch.nn.functional.cosine_similarity(mapper.model_conditions, vector, dim=1)  # (V',)
    return torch.stack([sims[mapper.trained_classes == c].topk(min(k, int((mapper.trained_classes == c).sum()))).values.mean()
                        for c in range(len(mapper.label_words))]).unsqueeze(0)


def scores(weights: dict, word_list: dict, labels: list[str]) -> dict:
    per_word = {}
    for word, accepted in word_list["novel"].items():
        w = weights[word]
        if w is None:
            per_word[word] = {"top": False, "mass": 0.0, "sure_wrong": False, "drawn_as": None}
            continue
        idx = [labels.index(c) for c in accepted]
        top = int(w.argmax())
        per_word[word] = {
            "top": top in idx, "mass": float(w[idx].sum()), "sure_wrong": bool(w.max() > 0.9 and top not in idx),
            "drawn_as": {labels[i]: round(float(w[i]), 3) for i in w.argsort(descending=True)[:3].tolist()},
        }
    cats = {c: float(np.mean([per_word[x]["top"] for x in ws])) for c, ws in word_list["categories"].items()}
    return {"top": float(np.mean([s["top"] for s in per_word.values()])), "categories": cats, "per_word": per_word}


def describe(row: Row) -> list[str]:
    evidence = "+".join(row.settings.evidence) + (f", {row.neighbours} best words" if row.neighbours > 1 else "")
    return [row.model, evidence, str(row.settings.wordnet_bonus or "off"), str(row.temperature)]


def held_out_classes(labels: list[str]) -> None:
    """Per held-out class: the weight its words put on the family's other (trained) classes."""
    from benchmarks.held_out_classes import OTHER_WORDS

    families = json.loads(DEFAULT_WORD_LIST.read_text())["families"]
    rows, means = [], {}
    for name, settings, temperature in [("shipped default", MappingSettings(), 0.02), ("recommended", RECOMMENDED, RECOMMENDED_TEMPERATURE)]:
        embedder = build_embedder("sentence-transformers")
        for label in labels:
            mapper, _ = model_mapper("sentence-transformers", settings, labels, holdout=label, embedder=embedder)
            family = [c for c in next(m for m in families.values() if label in m) if c != label]
            words = [label, *OTHER_WORDS[label]]
            weights = mapper.weights(words, condition_vectors(embedder, words), temperature)  # (W, K - 1)
            idx = [mapper.label_words.index(c) for c in family]
            mass = weights[:, idx].sum(1).tolist() if idx else [float("nan")] * len(words)
            rows.append([name, label, ", ".join(family) or "(none trained)",
                         *(f"{w} {m:.2f}" for w, m in zip(words, mass))])
            if idx:
                means.setdefault(name, []).extend(mass)
    print(markdown_table(["mapping", "held-out class", "family's trained classes", "label word", "word 2", "word 3", "word 4"], rows))
    for name, masses in means.items():
        print(f"{name}: mean weight on the family's trained classes {np.mean(masses):.3f} over {len(masses)} words "
              "(classes whose family has another class)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="write every score, per word too, to this JSON file")
    parser.add_argument("--held-out-classes", action="store_true", help="map the words of held-out classes instead")
    args = parser.parse_args()
    labels = load_dataset("fashion-mnist", "test").words
    if args.held_out_classes:
        held_out_classes(labels)
        return
    lists = {name: read_list(path) for name, path in {**TUNING, **HELD_OUT}.items()}
    results, built = [], {}
    for row in ROWS:
        key = (row.model, row.settings)
        if key not in built:
            built[key] = model_mapper(row.model, row.settings, labels)
        mapper, embedder = built[key]
        result = {"row": describe(row)}
        for name, word_list in lists.items():
            result[name] = scores(weights_for(mapper, embedder, row, list(word_list["novel"])), word_list, labels)
        tuned = [s for name in TUNING for s in result[name]["per_word"].values()]
        result["tuning_mass"] = float(np.mean([s["mass"] for s in tuned]))
        result["tuning_log_mass"] = float(np.mean([np.log(max(s["mass"], 1e-3)) for s in tuned]))
        result["tuning_sure_wrong"] = float(np.mean([s["sure_wrong"] for s in tuned]))
        results.append(result)
        print(" ".join(result["row"]), {n: round(result[n]["top"], 3) for n in lists}, flush=True)
    headers = ["model embedder", "evidence", "WordNet bonus", "T", *(f"top, {n}" for n in lists), "mass (tuning)", "log mass (tuning)",
               "sure & wrong (tuning)"]
    print(markdown_table(headers, [[*r["row"], *(f"{r[n]['top']:.3f}" for n in lists), f"{r['tuning_mass']:.3f}",
                                    f"{r['tuning_log_mass']:.3f}", f"{r['tuning_sure_wrong']:.3f}"] for r in results]))
    for name in ("tuning", "held-out"):
        cats = list(lists[name]["categories"])
        print(f"\nTop-weight accuracy per category, {name} list ({'tuned on' if name in TUNING else 'never tuned on'}):")
        print(markdown_table(["model embedder", "evidence", "WordNet bonus", "T", *cats],
                             [[*r["row"], *(f"{r[name]['categories'][c]:.2f}" for c in cats)] for r in results]))
    print("\nThe demo's words (slipper: shipped list; wellies: second list):")
    for r in results:
        print(" ".join(r["row"]), "| slipper:", r["shipped"]["per_word"]["slipper"]["drawn_as"], "| wellies:",
              r["second"]["per_word"]["wellies"]["drawn_as"])
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
