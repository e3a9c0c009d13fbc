"""Reading files: bytes to text (encodings, saved web pages reduced to their article)."""
