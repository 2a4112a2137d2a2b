"""PNG plots for the evaluation report, drawn with matplotlib (the optional ``plots`` extra)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wordgan.errors import WordganError
from wordgan.files.atomic import replacing


def plot_training_curves(metrics_path: Path, png: Path) -> Path:
    """Losses and images/s against step, from a run's ``metrics.jsonl``."""
    records = [json.loads(line) for line in metrics_path.read_text().splitlines() if line.strip()]
    if not records:
        raise WordganError(f"{metrics_path} has no records to plot")
    steps = [r["step"] for r in records]
    figure = _figure(10, 3.5)
    losses, speed = figure.subplots(1, 2)
    losses.plot(steps, [r["d_loss"] for r in records], label="D loss")
    losses.plot(steps, [r["g_loss"] for r in records], label="G loss")
    losses.set(xlabel="step", title="losses")
    losses.legend()
    speed.plot(steps, [r["images_per_s"] for r in records], color="tab:green")
    speed.set(xlabel="step", ylabel="real images / s", title="training speed")
    return _save(figure, png)


def plot_word_scores(results: dict[str, Any], png: Path) -> Path:
    """Bars per word: seen-word accuracy (with the evaluator's accuracy on real images), zero-shot score
    of each novel word (with uniform chance), and held-out exact and family shares."""
    seen = results["seen"]["per_word"]
    novel = results["novel"]["per_word"]
    held_out = results["held_out"]
    panels = [p for p in (seen, novel, held_out) if p]
    figure = _figure(max(6.0, 0.32 * sum(max(len(p), 4) for p in panels) + 2), 3.8)
    axes = figure.subplots(1, len(panels), width_ratios=[max(len(p), 4) for p in panels], squeeze=False)[0]
    for ax, panel in zip(axes, panels):
        names = list(panel)
        x = range(len(names))
        if panel is seen:
            ax.bar(x, [panel[w]["accuracy"] for w in names], label="generated")
            real = [panel[w]["evaluator_real_accuracy"] for w in names]
            ax.scatter(x, real, color="black", marker="_", s=200, label="real images")
            ax.set_title("trained words: own class")
        elif panel is novel:
            colours = ["tab:green" if panel[w]["nearest_word_accepted"] else "tab:orange" for w in names]
            ax.bar(x, [panel[w]["score"] for w in names], color=colours)
            ax.scatter(x, [panel[w]["chance"] for w in names], color="black", marker="_", s=200, label="uniform chance")
            ax.set_title("novel words: accepted class (green: nearest training word accepted)")
        else:
            ax.bar([i - 0.2 for i in x], [panel[w]["exact"] for w in names], width=0.4, label="exact class")
            ax.bar([i + 0.2 for i in x], [panel[w]["family_share"] for w in names], width=0.4, label="family")
            ax.set_title("held-out words")
        ax.set_xticks(list(x), names, rotation=60, ha="right")
        ax.set_ylim(0, 1.02)
        ax.legend(fontsize="small")
    return _save(figure, png)


def _figure(width: float, height: float):
    try:
        from matplotlib.figure import Figure  # no pyplot: no GUI backend, safe in any process
    except ImportError as exc:
        raise WordganError("plots need matplotlib: pip install 'wordgan[plots]'") from exc
    return Figure(figsize=(width, height), layout="constrained")


def _save(figure, png: Path) -> Path:
    with replacing(png) as temp:
        figure.savefig(temp, format="png", dpi=100)
    return png
