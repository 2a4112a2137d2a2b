"""The mapping of new words, mechanism by mechanism, on word lists with the classes a person would accept.

No GAN is trained: each word's class weights (what snapping draws) are compared with its accepted classes.
The model is the shipped one (checkpoints/, MiniLM conditions and WordNet vocabulary, what a default run
trains on); only its mapping changes.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping.py [--out docs/data/word-mapping.json]
    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping.py --held-out     # the finalists, once
    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping.py --held-out-classes

Rows: wordgan 0.2's snapping (MiniLM's best trained word, T 0.02), wordgan 0.3's mapping (USE's best
trained word + a WordNet bonus 0.2, T 0.03), then weighted evidence (:mod:`wordgan.conditions.evidence`)
built up one mechanism at a time, the final mapping without each mechanism in turn, and two mechanisms that
were measured and not kept (a confidence gate per embedder; CSLS instead of the background term). Every
weighted row's weights are fitted on the tuning words at T 0.03 (maximum likelihood of the weight on
accepted classes); :data:`wordgan.conditions.mapping.DEFAULT_MAPPING` holds the "final" row's weights, and
its own row maps through the library as a model does.

Lists: the tuning words are docs/data/word-lists/tuning.json and the four earlier lists (the shipped list,
the second list, issue 14's tuning and held-out lists, all of which earlier mappings were chosen or judged
on); docs/data/word-lists/held-out.json is scored only with ``--held-out``, only for the finalists.

Columns: *top*, the share of words whose top weight is on an accepted class; *CV top*, the same for weights
fitted without the word (5 folds, 3 seeds, over all tuning words); *mass*, the mean weight on accepted
classes (what a blend drawn by these weights gets right); *log mass*, its mean log (floor 0.001), which
punishes confident wrong answers; *sure & wrong*, the share of words given over 0.9 on a wrong class.

``--held-out-classes``: for each class in turn, the mapping a run trained without it would store (its label
word and vocabulary dropped, as ``--holdout`` does), and the weight the words of
benchmarks/held_out_classes.py put on its family's other classes.
"""
from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from benchmarks.common import markdown_table
from wordgan.conditions.evidence import PER_EMBEDDER, WORDNET_TERMS, EvidenceWeights, background_words
from wordgan.conditions.mapping import (
    DEFAULT_MAPPING, DEFAULT_TEMPERATURE, MAPPING_0_3, MODEL_EMBEDDER, MappingSettings, WordMapper,
)
from wordgan.conditions.vectors import condition_vectors
from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST
from wordgan.model.word_model import WordModel

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "checkpoints/sentence-transformers-dcgan-fashion-mnist.safetensors"
TUNING = {
    "tuning": ROOT / "docs/data/word-lists/tuning.json",
    "shipped": DEFAULT_WORD_LIST,
    "second": ROOT / "docs/data/second_word_list.json",
    "issue-14 tuning": ROOT / "docs/data/tuning_word_list.json",
    "issue-14 held-out": ROOT / "docs/data/held_out_word_list.json",
}
HELD_OUT = {"held-out": ROOT / "docs/data/word-lists/held-out.json"}
EVIDENCE = (MODEL_EMBEDDER, "use")
FINAL = ("word", "label", "background", "wordnet", "head", "gloss", "spelling")
#: A mechanism -> the terms of :mod:`wordgan.conditions.evidence` it adds.
MECHANISMS = {
    "word": ["word"], "label": ["label"], "background": ["background"], "wordnet": ["wordnet"],
    "head": ["head", "head_wordnet"], "gloss": ["gloss"], "spelling": ["spelling"],
}


@dataclass(frozen=True)
class Row:
    name: str
    settings: MappingSettings | None = None  # a fixed mapping; None: weighted evidence fitted on the tuning words
    temperature: float = DEFAULT_TEMPERATURE
    mechanisms: tuple[str, ...] = ()
    gate: bool = False  # per-embedder confidence gate (not kept)
    csls: bool = False  # CSLS per trained word instead of the background term (not kept)
    finalist: bool = False


ROWS = [
    Row("wordgan 0.2: MiniLM's best word", MappingSettings(), 0.02, finalist=True),
    Row("wordgan 0.3: USE's best word + WordNet 0.2", MAPPING_0_3, 0.03, finalist=True),
    *(Row(" + ".join(FINAL[: i + 1]), mechanisms=FINAL[: i + 1]) for i in range(len(FINAL) - 1)),
    Row("final: " + " + ".join(FINAL), mechanisms=FINAL),
    Row("DEFAULT_MAPPING (the final row's weights, rounded, as the library maps)", DEFAULT_MAPPING, DEFAULT_TEMPERATURE, finalist=True),
    *(Row(f"final without {m}", mechanisms=tuple(x for x in FINAL if x != m)) for m in FINAL if m != "word"),
    Row("final + confidence gate (not kept)", mechanisms=FINAL, gate=True),
    Row("final, CSLS instead of background (not kept)", mechanisms=tuple(m for m in FINAL if m != "background"), csls=True),
]


def read_list(path: Path) -> dict:
    data = json.loads(Path(path).read_text())
    return {"novel": data["novel"], "categories": data.get("categories", {})}


def shipped_mapper(model: WordModel, settings: MappingSettings) -> WordMapper:
    classes = torch.tensor([model.label_words.index(c) for c in model.trained_classes], dtype=torch.long)
    return WordMapper(settings, model.label_words, model.trained_words, classes, model.trained_conditions, lambda: model.embedder)


class Evidence:
    """Every evidence term of some words, computed once: (term, evidence name) -> (N, K), and each evidence
    embedder's support (N,) for the confidence gate."""

    def __init__(self, model: WordModel, words: list[str]):
        self.words = words
        self.mapper = shipped_mapper(model, replace(DEFAULT_MAPPING, weights=EvidenceWeights({}, {}, {}, {}, {})))
        vectors = model.conditions(words, None)  # (N, E)
        own = {name: vectors if name == MODEL_EMBEDDER else self.mapper._source(name).encode(words) for name in EVIDENCE}
        self.terms = self.mapper.terms(words, vectors, every=True)
        self.terms.update({("csls", name): csls_term(self.mapper, name, own[name]) for name in EVIDENCE})
        self.support = {name: self.mapper._source(name).support(own[name]) for name in EVIDENCE}  # (N,)

    def weights(self, fitted: "Fitted") -> dict[str, torch.Tensor]:
        """Each word's (K,) class weights by ``fitted``; a trained word weighs only its own class, as
        WordMapper.weights does."""
        with torch.no_grad():
            weights = torch.softmax(fitted(self.terms, self.support), dim=1)
        for i, word in enumerate(self.words):
            if word in self.mapper.trained_index:
                weights[i] = torch.nn.functional.one_hot(self.mapper.trained_classes[self.mapper.trained_index[word]], weights.shape[1]).float()
        return dict(zip(self.words, weights))


def csls_term(mapper: WordMapper, name: str, vectors: torch.Tensor) -> torch.Tensor:
    """(N, E) words -> (N, K): each class's best trained word by CSLS (Conneau et al. 2018): cosine less half
    the trained word's mean cosine to its 10 nearest background words (the query's own half is the same for
    every class)."""
    source = mapper._source(name)
    unit = torch.nn.functional.normalize
    hub = (unit(source.trained, dim=1) @ unit(source.encode(list(background_words())), dim=1).T).topk(10, dim=1).values.mean(1)
    sims = unit(vectors, dim=1) @ unit(source.trained, dim=1).T - hub / 2  # (N, V)
    return torch.full((len(sims), source.k), -2.0).scatter_reduce(1, source.classes.unsqueeze(0).expand_as(sims), sims, reduce="amax")


class Fitted(torch.nn.Module):
    """Weights (softplus, so >= 0) for the terms a row uses; logits = weighted sum / T."""

    def __init__(self, row: Row, keys: list[tuple[str, str]]):
        super().__init__()
        terms = {t for m in row.mechanisms for t in MECHANISMS[m]} | ({"csls"} if row.csls else set())
        self.keys = [key for key in keys if key[0] in terms]
        self.raw = torch.nn.Parameter(torch.full((len(self.keys),), -2.0))
        self.row = row
        self.gate = torch.nn.Parameter(torch.tensor([[0.0, 0.5]] * len(EVIDENCE))) if row.gate else None

    def forward(self, terms: dict, support: dict) -> torch.Tensor:
        weights = torch.nn.functional.softplus(self.raw)
        total = 0.0
        for w, (term, name) in zip(weights, self.keys):
            g = 1.0
            if self.gate is not None and name:
                a, b = self.gate[EVIDENCE.index(name)]
                g = torch.sigmoid(a + b * support[name]).unsqueeze(1)  # (N, 1)
            total = total + w * g * terms[(term, name)]
        return total / self.row.temperature

    def evidence_weights(self) -> EvidenceWeights:
        table = {term: {} for term in PER_EMBEDDER}
        single = {}
        for w, (term, name) in zip(torch.nn.functional.softplus(self.raw).tolist(), self.keys):
            if round(w, 3) == 0:  # left out: weighs 0
                continue
            if term in WORDNET_TERMS:
                single[term] = round(w, 3)
            elif term in table:  # csls is measured here only, not a term of the library's
                table[term][name] = round(w, 3)
        return EvidenceWeights(**table, **single)


def fit(row: Row, terms: dict, support: dict, accepted: torch.Tensor, rows: torch.Tensor | None = None) -> Fitted:
    rows = torch.arange(len(accepted)) if rows is None else rows
    sub = {k: v[rows] for k, v in terms.items()}
    sup = {k: v[rows] for k, v in support.items()}
    model = Fitted(row, list(terms))
    optimiser = torch.optim.LBFGS(model.parameters(), max_iter=300, line_search_fn="strong_wolfe")

    def closure():
        optimiser.zero_grad()
        # A light pull of every weight toward 0, so that a term that explains nothing weighs nothing.
        loss = -log_mass(model(sub, sup), accepted[rows]).mean() + 1e-4 * (torch.nn.functional.softplus(model.raw) ** 2).sum()
        loss.backward()
        return loss

    optimiser.step(closure)
    return model


def log_mass(logits: torch.Tensor, accepted: torch.Tensor) -> torch.Tensor:
    """(N, K), (N, K) 0/1 -> (N,): log of the softmax weight on accepted classes."""
    return torch.logsumexp(logits.masked_fill(accepted == 0, -1e9), 1) - torch.logsumexp(logits, 1)


def cross_validated_top(row: Row, tuning: Evidence, accepted: torch.Tensor, folds: int = 5, seeds: tuple[int, ...] = (0, 1, 2)) -> float:
    hits = []
    for seed in seeds:
        order = torch.randperm(len(tuning.words), generator=torch.Generator().manual_seed(seed))
        for f in range(folds):
            test = order[f::folds]
            train = torch.tensor(sorted(set(order.tolist()) - set(test.tolist())))
            model = fit(row, tuning.terms, tuning.support, accepted, train)
            with torch.no_grad():
                logits = model({k: v[test] for k, v in tuning.terms.items()}, {k: v[test] for k, v in tuning.support.items()})
            hits += accepted[test].gather(1, logits.argmax(1, keepdim=True)).squeeze(1).tolist()
    return float(np.mean(hits))


def scores(weights: dict[str, torch.Tensor], word_list: dict, labels: list[str]) -> dict:
    per_word = {}
    for word, accepted in word_list["novel"].items():
        w, idx = weights[word], [labels.index(c) for c in accepted]
        top = int(w.argmax())
        per_word[word] = {
            "top": top in idx, "mass": float(w[idx].sum()), "sure_wrong": bool(w.max() > 0.9 and top not in idx),
            "drawn_as": {labels[i]: round(float(w[i]), 3) for i in w.argsort(descending=True)[:3].tolist()},
        }
    categories = {c: float(np.mean([per_word[x]["top"] for x in ws])) for c, ws in word_list["categories"].items()}
    masses = [s["mass"] for s in per_word.values()]
    return {
        "top": float(np.mean([s["top"] for s in per_word.values()])), "mass": float(np.mean(masses)),
        "log_mass": float(np.mean([math.log(max(m, 1e-3)) for m in masses])),
        "sure_wrong": float(np.mean([s["sure_wrong"] for s in per_word.values()])), "categories": categories, "per_word": per_word,
    }


def row_weights(row: Row, model: WordModel, fitted: "Fitted | None", evidence: Evidence, mappers: dict) -> dict[str, torch.Tensor]:
    """Each word's (K,) class weights under ``row`` (``mappers``: the library's mappers built so far, by settings)."""
    if row.settings is None:
        return evidence.weights(fitted)
    if row.settings not in mappers:
        mappers[row.settings] = shipped_mapper(model, row.settings)
    words = evidence.words
    return dict(zip(words, mappers[row.settings].weights(words, model.conditions(words, None), row.temperature)))


def tuning_words(lists: dict[str, dict], model: WordModel) -> tuple[list[str], torch.Tensor]:
    """The tuning lists' words that are new to the model (trained words keep their class), once each."""
    words, accepted = [], []
    for name in TUNING:
        for word, classes in lists[name]["novel"].items():
            if word not in model.trained_words and word not in words:
                words.append(word)
                accepted.append(torch.tensor([float(c in classes) for c in model.label_words]))
    return words, torch.stack(accepted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="write every score, per word too, to this JSON file")
    parser.add_argument("--held-out", action="store_true", help="also score the held-out list, for the finalists only")
    parser.add_argument("--held-out-classes", action="store_true", help="map the words of held-out classes instead")
    args = parser.parse_args()
    torch.manual_seed(0)
    if args.held_out_classes:
        from benchmarks.held_out_class_mapping import held_out_classes

        held_out_classes()
        return
    model = WordModel.load(SHIPPED)
    lists = {name: read_list(path) for name, path in {**TUNING, **(HELD_OUT if args.held_out else {})}.items()}
    words, accepted = tuning_words(lists, model)
    tuning = Evidence(model, words)
    evidence = {name: Evidence(model, list(word_list["novel"])) for name, word_list in lists.items()}
    print(f"{len(words)} tuning words new to the model; fitting each weighted row", flush=True)
    results, mappers = [], {}
    for row in ROWS:
        fitted = None if row.settings is not None else fit(row, tuning.terms, tuning.support, accepted)
        result = {"row": row.name, "temperature": row.temperature}
        if fitted is not None:
            result["weights"] = fitted.evidence_weights().to_dict()
            result["cv_top"] = cross_validated_top(row, tuning, accepted)
        shown = [n for n in lists if n in TUNING or row.finalist]
        for name in shown:
            result[name] = scores(row_weights(row, model, fitted, evidence[name], mappers), lists[name], model.label_words)
        results.append(result)
        print(row.name, {n: round(result[n]["top"], 3) for n in shown}, "CV", round(result.get("cv_top", float("nan")), 3), flush=True)
    report(results, lists)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")


def report(results: list[dict], lists: dict) -> None:
    names = list(lists)
    headers = ["mapping", "T", *(f"top, {n}" for n in names), "CV top (tuning words)", "mass, tuning", "log mass, tuning", "sure & wrong, tuning"]
    print(markdown_table(headers, [[r["row"], r["temperature"], *(f"{r[n]['top']:.3f}" if n in r else "" for n in names),
                                    f"{r['cv_top']:.3f}" if "cv_top" in r else "", f"{r['tuning']['mass']:.3f}",
                                    f"{r['tuning']['log_mass']:.3f}", f"{r['tuning']['sure_wrong']:.3f}"] for r in results]))
    for name in ("tuning", "held-out"):
        if name not in lists:
            continue
        cats = list(lists[name]["categories"])
        print(f"\nTop-weight accuracy per category, {name} list ({'tuned on' if name in TUNING else 'never tuned on'}):")
        print(markdown_table(["mapping", *cats, "all"], [[r["row"], *(f"{r[name]['categories'][c]:.2f}" for c in cats), f"{r[name]['top']:.3f}"]
                                                          for r in results if name in r]))
    final = next(r for r in results if r["row"].startswith("final: "))
    print("\nFitted weights of the final row (DEFAULT_MAPPING's, rounded):", json.dumps(final["weights"]))
    print("\nThe demo's words:")
    for r in results:
        print(r["row"], "| slipper:", r["shipped"]["per_word"]["slipper"]["drawn_as"], "| wellies:",
              r["second"]["per_word"]["wellies"]["drawn_as"], "| heels:", r["shipped"]["per_word"]["heels"]["drawn_as"])


if __name__ == "__main__":
    main()
