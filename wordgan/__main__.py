"""``python -m wordgan`` runs the command line."""
from wordgan.cli import main

main()
