"""Evaluation: what a trained run draws for trained, held-out and novel words, judged by a real-image classifier.

- :mod:`~wordgan.evaluation.metrics`: the metrics, as pure functions of predictions and features.
- :mod:`~wordgan.evaluation.judge.evaluator`: the classifier (``load_evaluator``), shipped for Fashion-MNIST;
  :mod:`~wordgan.evaluation.judge.training` trains one for any dataset plugin.
- :mod:`~wordgan.evaluation.evaluate`: ``evaluate_run(run)`` -> ``RUN/eval.json`` and ``RUN/report.md``.
- :mod:`~wordgan.evaluation.sweep`: ``compare(...)`` trains and evaluates several runs and tabulates them.

See docs/evaluation.md for what each figure means.
"""
