"""Training: the config, the one readable loop, run directories and resumable checkpoints."""
