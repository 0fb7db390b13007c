"""The pure core of kloof: the factor model and the difference analysis.

No file, network or database access and no Django here; a test enforces it.
"""
