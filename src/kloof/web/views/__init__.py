"""The views of kloof web, one module per area."""
