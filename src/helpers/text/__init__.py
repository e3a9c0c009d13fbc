"""Text tools both languages share: normalisation (offsets kept), numbers, dates, periods, lexicons."""
