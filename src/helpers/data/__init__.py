"""Reference data of the parser: lexicons, number words, month names, gazetteer."""
