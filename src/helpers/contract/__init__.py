"""The data contract: vocabularies, table schemas, the report dataclasses and the caliphate calendar."""
