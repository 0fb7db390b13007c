"""Charts, reports and guides: pure functions from domain objects to text."""
