"""Case files and frameworks in and out: YAML/JSON, JSON Schema, templates."""
