"""RSS/Atom feeds -> the entries that are reports of the series.

A feed is fetched with the polite client (conditionally: the ETag and Last-Modified of the last complete
read are kept in a small state file, so an unchanged feed costs one 304), parsed with ``feedparser``, and
each entry's title and summary are matched against the series' words of ``feeds.toml`` (``SeriesRule``),
folded the way the parser folds report text. Language-specific words live in that data file only.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import feedparser

from helpers.fetch.config import FeedSpec, SeriesRule
from helpers.fetch.http import FEED_TYPES, FetchError, PoliteClient
from helpers.fetch.sidecar import atomic_write

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: what the sidecar records of it and what the series filter reads."""

    feed_url: str
    link: str
    title: str
    summary: str
    id: str | None = None
    published: str | None = None
    language: str | None = None

    def record(self) -> dict:
        """The entry as the sidecar's ``feed_entry`` (the summary left out: it is in the page)."""
        return {"feed_url": self.feed_url, "id": self.id, "title": self.title, "link": self.link,
                "published": self.published, "language": self.language}


@dataclass(frozen=True)
class FeedRead:
    """What reading one feed gave: its entries (none when not modified) and its validators."""

    feed: FeedSpec
    entries: tuple[FeedEntry, ...]
    not_modified: bool
    etag: str | None = None
    last_modified: str | None = None


def _fold(text: str) -> str:
    from helpers.text.normalize import fold

    return fold(text).casefold()


def is_series(entry: FeedEntry, rules: dict[str, SeriesRule]) -> bool:
    """Whether an entry's title or summary names a report of the series.

    Args:
        entry: The feed entry.
        rules: Series rules by language; the entry's feed language picks one, else every rule is tried.
    """
    text = _fold(f"{entry.title}\n{entry.summary}")
    candidates = [rules[entry.language]] if entry.language in rules else list(rules.values())
    for rule in candidates:
        if any(_fold(word) in text for word in rule.none_of):
            continue
        if any(all(_fold(word) in text for word in words) for words in rule.all_of):
            return True
    return False


def parse_feed(body: bytes, feed: FeedSpec) -> tuple[FeedEntry, ...]:
    """The entries of a feed's bytes (RSS or Atom), with links resolved.

    Raises:
        FetchError: The bytes are not a feed.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": feed.url})
    if parsed.bozo and not parsed.entries:
        raise FetchError(feed.url, "http", f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        entries.append(FeedEntry(feed_url=feed.url, link=link, title=item.get("title", ""),
                                 summary=item.get("summary", ""), id=item.get("id"),
                                 published=item.get("published") or item.get("updated"),
                                 language=feed.language))
    return tuple(entries)


def read_feed(client: PoliteClient, feed: FeedSpec, state: dict | None = None) -> FeedRead:
    """Fetch and parse one feed, conditionally when ``state`` holds its last validators.

    Raises:
        FetchError: The feed could not be fetched or parsed.
    """
    known = (state or {}).get(feed.url, {})
    response = client.get(feed.url, accept=FEED_TYPES, etag=known.get("etag"),
                          last_modified=known.get("last_modified"))
    if response.not_modified:
        logger.info("%s: not modified", feed.url)
        return FeedRead(feed, (), True, known.get("etag"), known.get("last_modified"))
    entries = parse_feed(response.body, feed)
    logger.info("%s: %d entries", feed.url, len(entries))
    return FeedRead(feed, entries, False, response.etag, response.last_modified)


class FeedState:
    """The validators of each feed's last complete read, in a JSON file (hidden, so builds ignore it)."""

    def __init__(self, path: Path):
        """Keep the state in ``path``."""
        self.path = Path(path)
        try:
            self.data: dict = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.data = {}
        except (OSError, ValueError) as exc:
            logger.warning("%s: unreadable feed state (%s); every feed is read in full", self.path, exc)
            self.data = {}

    def remember(self, read: FeedRead) -> None:
        """Record a feed read whose series entries were all fetched."""
        if read.etag or read.last_modified:
            self.data[read.feed.url] = {"etag": read.etag, "last_modified": read.last_modified}

    def save(self) -> None:
        """Write the state atomically."""
        text = json.dumps(self.data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write(self.path, text.encode("utf-8"))
