"""URL patterns, one module per area; ``kloof.web.urls`` includes them all."""
