"""The fit's default settings, in one place that imports nothing heavy (``wordgan-visual-fit --help`` reads them).

Each was chosen on the tuning split of ``benchmarks/visual_ceiling.py --grid full`` (a tenth of the trained
emoji concepts, fitted without them), never on the held-out concepts; docs/many-concepts.md has the figures.
"""

#: The embedder whose vectors of the concept names the ridge maps: of MiniLM, USE and both, MiniLM.
TEXT_EMBEDDER = "sentence-transformers"
#: E, the principal components kept: of 32, 64 and 128, 128.
DIM = 128
#: Every principal direction scaled to unit variance: helped the ridge most of any setting.
WHITEN = True
#: Pixels a side the feature network reads an image at: of 64 and 128, 128.
RESOLUTION = 128
#: The EfficientNet-Lite0 blocks whose pooled maps form an image's feature: the ends of the stages at strides 16
#: and 32 (112 + 320 channels); of (15,), (10, 15) and (2, 4, 10, 15), which scored within a word of each other.
TAPS = (10, 15)
