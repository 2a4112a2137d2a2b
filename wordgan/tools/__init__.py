"""What users do with a trained model besides generating: output folders, walks, retrieval, the web page."""
