"""One fetch run: feeds read, their series entries and the given URLs fetched, and a summary of it all.

``fetch(urls, feeds=..., config=...)`` is what the CLI and the monthly rerun call; it prints nothing (the
summary is ``FetchResult.summary()``) and raises nothing for a bad page or feed.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from helpers.fetch.config import FeedSpec, FetchConfig
from helpers.fetch.feeds import FeedRead, FeedState, is_series, read_feed
from helpers.fetch.fetcher import FAILED, NOT_MODIFIED, Fetcher, Outcome
from helpers.fetch.http import FetchError, PoliteClient
from helpers.fetch.sources import Target
from helpers.fetch.store import NEW, NEW_VERSION, UNCHANGED, PageStore
from helpers.paths import relative_to_root

logger = logging.getLogger(__name__)

FEED_STATE = ".fetch-feeds.json"


@dataclass(frozen=True)
class FeedOutcome:
    """What reading one feed gave: entries, series entries, or the failure."""

    url: str
    entries: int = 0
    series: int = 0
    not_modified: bool = False
    error: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """What a fetch run did: one outcome per page, one per feed."""

    out_dir: str
    pages: tuple[Outcome, ...] = ()
    feeds: tuple[FeedOutcome, ...] = ()
    requests: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def saved(self) -> tuple[Outcome, ...]:
        """The pages written as new files (new pages and new versions)."""
        return tuple(o for o in self.pages if o.saved)

    @property
    def failed(self) -> int:
        """Pages and feeds that could not be fetched."""
        return sum(o.status == FAILED for o in self.pages) + sum(f.error is not None for f in self.feeds)

    def exit_code(self) -> int:
        """0 when every page and feed was fetched (or needed no fetch), else 1."""
        return 1 if self.failed else 0

    def summary(self, max_problems: int = 12) -> str:
        """A one-screen account of the run, like the build's."""
        counts = Counter(o.status for o in self.pages)
        archived = sum(o.archived for o in self.pages)
        out = relative_to_root(Path(self.out_dir))
        lines = [f"fetch -> {out}: {len(self.pages)} page{'' if len(self.pages) == 1 else 's'}"
                 + (f", {len(self.feeds)} feed{'' if len(self.feeds) == 1 else 's'}" if self.feeds else "")
                 + f" ({self.requests} requests, {self.seconds:.1f} s)"]
        if self.feeds:
            entries = sum(f.entries for f in self.feeds)
            series = sum(f.series for f in self.feeds)
            unchanged = sum(f.not_modified for f in self.feeds)
            failed = sum(f.error is not None for f in self.feeds)
            lines.append(f"  feeds        {entries} entries, {series} of the series; {unchanged} not "
                         f"modified, {failed} failed")
        lines += [
            f"  saved        {counts[NEW]} new, {counts[NEW_VERSION]} new versions of changed pages"
            + (f" ({archived} from the Wayback Machine)" if archived else ""),
            f"  unchanged    {counts[UNCHANGED]} same as kept, {counts[NOT_MODIFIED]} not modified (304)",
            f"  failed       {self.failed}",
        ]
        for outcome in self.saved:
            shown = relative_to_root(outcome.path)
            lines.append(f"  {'new    ' if outcome.status == NEW else 'changed'} {shown}")
        problems = [f"  FAILED  {f.error}" for f in self.feeds if f.error]
        problems += [f"  FAILED  {o.message}" for o in self.pages if o.status == FAILED]
        lines += problems[:max_problems]
        if len(problems) > max_problems:
            lines.append(f"  ... and {len(problems) - max_problems} more")
        lines += [f"  note    {note}" for note in self.notes]
        return "\n".join(lines)


def _series_targets(read: FeedRead, config: FetchConfig) -> list[Target]:
    return [Target(entry.link, language=entry.language, feed_entry=entry.record())
            for entry in read.entries if is_series(entry, config.series)]


def fetch(targets: Sequence[Target] = (), *, config: FetchConfig, out_dir: Path,
          feeds: Iterable[FeedSpec] = (), archived: bool = False, use_wayback: bool = True,
          progress: bool | None = None, sleep: Callable[[float], None] = time.sleep,
          client: PoliteClient | None = None) -> FetchResult:
    """Read the feeds, then fetch their series entries and the given targets into ``out_dir``.

    Args:
        targets: Pages to fetch (command line, sources file).
        config: Manners, series words, Wayback endpoint.
        out_dir: Where pages are kept (``data/raw/web``), one folder per host.
        feeds: Feeds whose series entries are fetched too.
        archived: Take every page from the Wayback Machine.
        use_wayback: Fall back to the Wayback Machine for pages gone or refused.
        progress: Show a progress bar: True, False, or None for "only on a terminal".
        sleep: How the client waits (tests pass a recorder).
        client: A ready client (tests); by default one is made from ``config.manners``.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    own_client = client is None
    client = client or PoliteClient(config.manners, sleep=sleep)
    fetcher = Fetcher(client, PageStore(out_dir), wayback_url=config.wayback_url if use_wayback else None,
                      cdx_url=config.cdx_url if use_wayback else None, archived=archived)
    feeds = list(feeds)
    state = FeedState(out_dir / FEED_STATE) if feeds else None
    disable = None if progress is None else not progress
    try:
        feed_outcomes, reads, wanted = [], [], []
        for feed in tqdm(feeds, desc="feeds", unit="feed", disable=disable or not feeds):
            try:
                read = read_feed(client, feed, state.data)
            except FetchError as exc:
                logger.warning("%s", exc)
                feed_outcomes.append(FeedOutcome(feed.url, error=str(exc)))
                continue
            series = _series_targets(read, config)
            feed_outcomes.append(FeedOutcome(feed.url, len(read.entries), len(series), read.not_modified))
            reads.append((read, series))
            wanted.extend(series)
        seen, queue = set(), []
        for target in [*targets, *wanted]:
            if target.url not in seen:
                seen.add(target.url)
                queue.append(target)
        pages = []
        for target in tqdm(queue, desc="pages", unit="page", disable=disable or not queue):
            pages.append(fetcher.fetch(target))
        if state is not None:
            failed = {o.url for o in pages if o.status == FAILED}
            for read, series in reads:
                if not any(t.url in failed for t in series):  # a failed entry is tried again next run
                    state.remember(read)
            try:
                state.save()
            except OSError as exc:
                logger.warning("%s: feed state not saved (%s)", state.path, exc)
    finally:
        if own_client:
            client.close()
    return FetchResult(out_dir=str(out_dir), pages=tuple(pages), feeds=tuple(feed_outcomes),
                       requests=client.requests, seconds=time.perf_counter() - started)
