"""Text tools both languages share: normalisation keeping offsets, numbers, dates, periods, lexicon matching."""
