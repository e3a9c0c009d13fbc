"""Variation choices of a synthetic report: which wording and layout family each part is written in.

The families and their options are reference data (``data/synth_variations.toml``); this module turns them
into a frozen ``Variations`` value, draws random choices and reads a ``family=option`` spec from the CLI.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict:
    with resources.files("helpers.data").joinpath("synth_variations.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def families() -> dict[str, tuple[str, ...]]:
    """Every variation family with its options, the plainest option first."""
    return {name: tuple(spec["options"]) for name, spec in _table().items() if name != "excluded"}


@lru_cache(maxsize=1)
def default_options() -> dict[str, tuple[str, ...]]:
    """The options drawn by default: every option except those listed under ``[excluded]``."""
    excluded = _table().get("excluded", {})
    return {name: tuple(o for o in options if o not in excluded.get(name, ()))
            for name, options in families().items()}


def excluded_options() -> dict[str, tuple[str, ...]]:
    """Options left out of the default draw, by family."""
    return {name: tuple(opts) for name, opts in _table().get("excluded", {}).items() if opts}


@dataclass(frozen=True, slots=True)
class Variations:
    """One choice per family; the defaults are the plainest forms (close to the sample report)."""

    obfuscation: str = "none"
    quotes: str = "curly"
    digits: str = "ascii"
    number_words: str = "none"
    compound_one: str = "digits"
    implied_numbers: str = "digits"
    count_grammar: str = "correct"
    qualifiers: str = "exact"
    tolls: str = "parts"
    subcounts: str = "none"
    forces: str = "sample"
    line_forces: str = "generic"
    counting_body: str = "anonymous"
    breakdown_layout: str = "lines"
    strike_lines: str = "in_lines"
    headline: str = "none"
    month_phrase: str = "omr"
    sections: str = "all"
    section_order: str = "sdf_first"
    prose: str = "none"
    dates: str = "levantine"
    cumulative: str = "none"
    large_numbers: str = "digits"
    arithmetic: str = "consistent"

    def __post_init__(self) -> None:
        known = families()
        for name, option in self.items():
            if option not in known[name]:
                raise ValueError(f"unknown option {option!r} for {name}; choose from {known[name]}")

    def items(self) -> tuple[tuple[str, str], ...]:
        """``(family, option)`` pairs in declaration order."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))

    def spec(self) -> str:
        """A compact ``family=option`` list of the choices that differ from the plainest form."""
        plain = Variations()
        return ",".join(f"{k}={v}" for k, v in self.items() if getattr(plain, k) != v)


def sample_variations(rng: random.Random, options: dict[str, tuple[str, ...]] | None = None) -> Variations:
    """Draw one option per family uniformly from ``options`` (the default set when None).

    Args:
        rng: The random source; the same state gives the same choices.
        options: Allowed options per family; families missing from it keep their plainest form.

    Returns:
        The drawn variations.
    """
    allowed = default_options() if options is None else options
    chosen = {name: rng.choice(allowed[name]) for name in families() if allowed.get(name)}
    return Variations(**chosen)


def parse_spec(spec: str) -> Variations:
    """Read ``"digits=persian,headline=title"`` into Variations (other families plainest)."""
    chosen = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, option = part.partition("=")
        if name not in families():
            raise ValueError(f"unknown variation family {name!r}; known: {', '.join(families())}")
        chosen[name] = option
    return Variations(**chosen)
