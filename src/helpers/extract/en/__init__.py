"""English: annotations, number words and reading hooks of English reports (words in data/lexicon_en.toml)."""
