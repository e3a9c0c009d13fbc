"""Checks of parsed reports: a report's totals against its parts and its headline, translations, events."""
