"""Extraction: text to a Report, one engine for both languages with their data and hooks under ar/ and en/."""
