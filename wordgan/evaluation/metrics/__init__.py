"""Evaluation metrics as pure functions of predictions and features (numpy in, floats out)."""
from wordgan.evaluation.metrics.accuracy import class_accuracy, class_histogram, share_in
from wordgan.evaluation.metrics.agreement import embedding_agreement, rank, spearman
from wordgan.evaluation.metrics.frechet import frechet_distance, frechet_distance_from_stats, gaussian_stats
from wordgan.evaluation.metrics.precision_recall import precision_recall
from wordgan.evaluation.metrics.retrieval import recall_at_k
from wordgan.evaluation.metrics.zero_shot import nearest_word_hit, uniform_chance, zero_shot_score

__all__ = [
    "class_accuracy",
    "class_histogram",
    "embedding_agreement",
    "frechet_distance",
    "frechet_distance_from_stats",
    "gaussian_stats",
    "nearest_word_hit",
    "precision_recall",
    "rank",
    "recall_at_k",
    "share_in",
    "spearman",
    "uniform_chance",
    "zero_shot_score",
]
