"""The fetcher's settings: manners on the web, the series' feeds and words, the Wayback endpoint.

Defaults come from ``helpers/data/feeds.toml`` (or another TOML file of the same shape); every URL can be
replaced when loading (``base_url``, ``wayback_url``), so tests point them at a local server.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import urljoin

DEFAULT_CONFIG = "feeds.toml"


@dataclass(frozen=True)
class Manners:
    """How the fetcher behaves towards a site.

    Attributes:
        user_agent: The User-Agent header, naming the project and what it does.
        delay: Seconds between two requests to the same host (at least; robots.txt may ask for more).
        timeout: Seconds allowed to connect and between two reads of a response.
        max_seconds: Seconds allowed for a whole body (a server trickling bytes never times out a read).
        retries: Further attempts after a 429, a 5xx, a timeout or a dropped connection.
        backoff: Seconds before the first retry, doubled for each further one (unless Retry-After says).
        max_backoff: The longest wait between two attempts the fetcher chooses itself.
        max_retry_after: A Retry-After longer than this makes the fetcher give up on the page for this run.
        max_bytes: Bodies larger than this are refused (the build's limit of one report).
        respect_robots: Whether robots.txt is read and obeyed (always, except in tests of other things).
    """

    user_agent: str = "helpers-fetch"
    delay: float = 3.0
    timeout: float = 30.0
    max_seconds: float = 300.0
    retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 120.0
    max_retry_after: float = 600.0
    max_bytes: int = 5 * 1024 * 1024
    respect_robots: bool = True


@dataclass(frozen=True)
class FeedSpec:
    """One feed to read: its absolute URL and the language of its posts (None: either)."""

    url: str
    language: str | None = None


@dataclass(frozen=True)
class SeriesRule:
    """Which feed entries of one language are reports of the series.

    Attributes:
        all_of: Sets of words; an entry matches when its title or summary holds every word of one set.
        none_of: Words that exclude an entry whatever else it holds.
    """

    all_of: tuple[tuple[str, ...], ...] = ()
    none_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchConfig:
    """Everything the fetcher reads from its configuration file."""

    manners: Manners = field(default_factory=Manners)
    feeds: tuple[FeedSpec, ...] = ()
    series: dict[str, SeriesRule] = field(default_factory=dict)
    wayback_url: str | None = None
    base_url: str | None = None
    cdx_url: str | None = None

    def with_overrides(self, **changes) -> FetchConfig:
        """A copy with some manners changed (``delay=0.1`` ...); unknown names raise ``TypeError``."""
        return replace(self, manners=replace(self.manners, **changes))


def package_version() -> str:
    """The installed version of the package (for the User-Agent)."""
    try:
        return metadata.version("helpers")
    except metadata.PackageNotFoundError:
        return "0"


def _read(path: str | Path | None) -> dict:
    if path is None:
        with resources.files("helpers.data").joinpath(DEFAULT_CONFIG).open("rb") as handle:
            return tomllib.load(handle)
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def _manners(table: dict) -> Manners:
    default = Manners()
    agent = str(table.get("user_agent", default.user_agent)).replace("{version}", package_version())
    return Manners(
        user_agent=agent,
        delay=float(table.get("delay_seconds", default.delay)),
        timeout=float(table.get("timeout_seconds", default.timeout)),
        max_seconds=float(table.get("max_seconds", default.max_seconds)),
        retries=int(table.get("retries", default.retries)),
        backoff=float(table.get("backoff_seconds", default.backoff)),
        max_backoff=float(table.get("max_backoff_seconds", default.max_backoff)),
        max_retry_after=float(table.get("max_retry_after_seconds", default.max_retry_after)),
        max_bytes=int(float(table.get("max_megabytes", default.max_bytes / 2**20)) * 2**20),
    )


def _series(table: dict) -> dict[str, SeriesRule]:
    rules = {}
    for language, rule in table.items():
        all_of = tuple(tuple(str(w) for w in words) for words in rule.get("all_of", ()))
        rules[language] = SeriesRule(all_of=all_of, none_of=tuple(str(w) for w in rule.get("none_of", ())))
    return rules


def load_config(path: str | Path | None = None, *, base_url: str | None = None,
                wayback_url: str | None = None, cdx_url: str | None = None) -> FetchConfig:
    """Read the fetch configuration.

    Args:
        path: A TOML file shaped like ``helpers/data/feeds.toml``; None for that file.
        base_url: Replaces ``[site] base_url``, against which relative feed URLs are resolved.
        wayback_url: Replaces ``[wayback] availability_url``.
        cdx_url: Replaces ``[wayback] cdx_url``.

    Raises:
        OSError: The file cannot be read.
        tomllib.TOMLDecodeError: The file is not TOML.
        ValueError: A feed without a url.
    """
    data = _read(path)
    base = base_url or data.get("site", {}).get("base_url")
    feeds = []
    for entry in data.get("feed", []):
        if not entry.get("url"):
            raise ValueError(f"{path or DEFAULT_CONFIG}: a [[feed]] without url")
        url = urljoin(base.rstrip("/") + "/", entry["url"]) if base else entry["url"]
        feeds.append(FeedSpec(url=url, language=entry.get("language")))
    return FetchConfig(
        manners=_manners(data.get("manners", {})),
        feeds=tuple(feeds),
        series=_series(data.get("series", {})),
        wayback_url=wayback_url or data.get("wayback", {}).get("availability_url"),
        base_url=base,
        cdx_url=cdx_url or data.get("wayback", {}).get("cdx_url"),
    )
