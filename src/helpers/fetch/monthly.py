"""The scheduled monthly rerun's first half: fetch from the configured feeds, build, find the new month.

``python -m helpers run --month latest`` (and ``make monthly``) calls ``latest_month``: it reads the feeds
of ``feeds.toml``, fetches their series entries into ``data/raw/web``, and when a new page (or a new version
of one) arrived, builds the dataset and returns the newest caliphate month among the new reports, for which
the notebooks are then run. When nothing new arrived it says so in one line and the rerun stops with exit
status 0, so a daily cron costs a few conditional requests.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from helpers.fetch.config import FetchConfig, load_config

logger = logging.getLogger(__name__)

LATEST = "latest"


@dataclass(frozen=True)
class Latest:
    """What the fetch found for the monthly rerun.

    Attributes:
        month: The newest caliphate month among the reports that just arrived; None when none did.
        message: One line for the person (or the cron mail) reading it.
        exit_code: The rerun's exit status when ``month`` is None: 0 (nothing new), 1 (no feed could be read).
        new_paths: The new files, relative to the raw folder.
    """

    month: int | None
    message: str
    exit_code: int = 0
    new_paths: tuple[str, ...] = ()


def month_argument(text: str) -> int | str:
    """``--month`` of ``helpers run``: a caliphate month number, or ``latest``.

    Raises:
        ValueError: Neither (argparse then names the option).
    """
    text = text.strip().lower()
    if text == LATEST:
        return LATEST
    return int(text)


def latest_month(raw_dir: Path, processed_dir: Path, *, config: FetchConfig | None = None,
                 out_dir: Path | None = None, progress: bool | None = False, **fetch_options) -> Latest:
    """Fetch the configured feeds' new reports, build, and name the newest month that arrived.

    Args:
        raw_dir: The raw folder (``data/raw``); pages go to ``raw_dir/web`` unless ``out_dir`` says.
        processed_dir: The built tables' folder.
        config: The fetch configuration (default: ``feeds.toml``).
        out_dir: Where fetched pages are kept.
        progress: Progress bars of the fetch.
        **fetch_options: Passed to ``session.fetch`` (``sleep``, ``client`` in tests).
    """
    from helpers.build import corpus
    from helpers.fetch.session import fetch

    raw_dir = Path(raw_dir)
    config = config or load_config()
    out_dir = Path(out_dir) if out_dir is not None else raw_dir / "web"
    if not config.feeds:
        return Latest(None, "no new report: no feeds are configured (feeds.toml)", 2)
    result = fetch([], config=config, out_dir=out_dir, feeds=config.feeds, progress=progress, **fetch_options)
    for line in result.summary().splitlines()[1:]:
        logger.info("%s", line.strip())
    failures = f"; {result.failed} feeds or pages failed (run with -v for the log)" if result.failed else ""
    saved = result.saved
    if not saved:
        all_failed = bool(result.feeds) and all(f.error for f in result.feeds)
        if all_failed:
            return Latest(None, f"no new report: no feed could be read ({result.feeds[0].error})", 1)
        return Latest(None, f"no new report{failures}")
    new_paths = tuple(Path(o.path).resolve().relative_to(raw_dir.resolve()).as_posix() for o in saved)
    built = corpus.build(raw_dir, processed_dir, jobs=os.cpu_count() or 1, progress=False)
    rows = built.tables.reports
    rows = rows[rows["path"].isin(new_paths)]
    usable = rows[(rows["status"] != "error") & rows["same_as"].isna() & rows["month"].notna()]
    if usable.empty:
        problems = "; ".join(f"{p}: {e}" for p, e in zip(rows["path"], rows["error"].fillna(""), strict=True))
        return Latest(None, f"no new report: {len(new_paths)} page(s) arrived but none is a new report of "
                            f"the series ({problems}){failures}", 0, new_paths)
    month = int(usable["month"].max())
    return Latest(month, f"new report for month {month}: {', '.join(usable['path'])}{failures}", 0, new_paths)
