"""Checks on the project itself: lint, types, import rules, packaging."""
