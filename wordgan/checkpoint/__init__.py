"""The checkpoint format: safetensors tensors plus JSON metadata, its schema, loading and export."""
