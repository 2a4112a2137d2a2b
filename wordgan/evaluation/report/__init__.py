"""Reports of an evaluation: Markdown tables, pictures and plots."""
