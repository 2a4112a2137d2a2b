"""From words to condition vectors: embedding, vocabulary expansion, the mapping of new words, arithmetic."""
