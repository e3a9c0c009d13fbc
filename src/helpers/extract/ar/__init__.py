"""Arabic: what the engine reads of an Arabic report (its annotations; words live in data/lexicon_ar.toml)."""
