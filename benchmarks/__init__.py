"""Benchmarks of the kloof core: run ``.venv/bin/python benchmarks/run.py``."""
