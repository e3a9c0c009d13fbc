"""Each closed vocabulary of the contract is defined once, in ``contract.vocab``, and used from there."""

from __future__ import annotations

import ast
from pathlib import Path

import helpers
from helpers.contract import vocab

PACKAGE = Path(helpers.__file__).parent


def _tuple_literals() -> dict[tuple, list[str]]:
    """Every tuple of string literals assigned to a module-level name in the package, by value."""
    found: dict[tuple, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
                values = node.value.elts
                if values and all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in values):
                    found.setdefault(tuple(v.value for v in values), []).append(str(path.relative_to(PACKAGE)))
    return found


def test_no_vocabulary_is_written_out_again_outside_vocab():
    literals = _tuple_literals()
    for name in ("ZONES", "LEVELS", "MEASURES", "GROUPS", "SUBGROUPS", "PERPETRATORS", "QUALIFIERS", "SCOPES",
                 "STATUSES", "DEATH_MEASURES"):
        where = literals.get(getattr(vocab, name), [])
        assert where == ["contract/vocab.py"], f"{name} is written out in {where}"


def test_status_rank_orders_clean_before_warned_before_failed():
    assert sorted(vocab.STATUSES, key=vocab.STATUS_RANK.get) == ["ok", "warnings", "error"]
