"""Use cases that tie formats, domain and reports together for the CLI and web."""
