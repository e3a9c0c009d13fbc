"""The build: a folder of reports parsed (incrementally, in parallel) into the five tables (Parquet, CSV)."""
