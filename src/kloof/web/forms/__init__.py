"""The forms of kloof web, one module per area."""
