"""Helpers shared by the test suites (found through pytest's pythonpath = ["tests"])."""
