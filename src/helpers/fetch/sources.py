"""What to fetch: URLs from the command line, a sources file, or series entries of feeds.

A sources file is a CSV with a header: ``url`` (required), and optionally ``month`` (the caliphate month
the page is expected to be), ``language`` (``ar`` or ``en``) and ``note`` (free text). What it says of a URL
is kept in the page's sidecar (``source``). Blank lines and lines whose url starts with ``#`` are skipped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from helpers.contract import vocab

COLUMNS = ("url", "month", "language", "note")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Target:
    """One page to fetch and what is known of it beforehand."""

    url: str
    month: int | None = None
    language: str | None = None
    note: str | None = None
    feed_entry: dict | None = None

    def source(self) -> dict | None:
        """What a sources file said of the URL, for the sidecar (None when nothing)."""
        said = {"month": self.month, "language": self.language, "note": self.note}
        return {k: v for k, v in said.items() if v is not None} or None


def check_url(url: str, where: str) -> str:
    """The URL stripped, or ``SourcesError`` when it is not an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourcesError(f"{where}: {url!r} is not an http(s) URL")
    return url


def read_sources(path: str | Path) -> list[Target]:
    """The targets of a sources file, in file order, each URL once.

    Raises:
        SourcesError: The file is missing, has no ``url`` column, or a line is malformed.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the sources file ({exc.strerror or exc})") from exc
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or ()]
    if "url" not in header:
        raise SourcesError(f"{path}: no 'url' column (expected a header line: {','.join(COLUMNS)})")
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise SourcesError(f"{path}: unknown columns {unknown} (known: {', '.join(COLUMNS)})")
    reader.fieldnames = header
    targets, seen = [], set()
    for line, row in enumerate(reader, start=2):
        url = (row.get("url") or "").strip()
        if not url or url.startswith("#"):
            continue
        where = f"{path}:{line}"
        url = check_url(url, where)
        month = (row.get("month") or "").strip()
        if month and not month.isdigit():
            raise SourcesError(f"{where}: month {month!r} is not a caliphate month number")
        language = (row.get("language") or "").strip().lower() or None
        if language is not None and language not in vocab.LANGUAGES:
            raise SourcesError(f"{where}: language {language!r} is not one of {', '.join(vocab.LANGUAGES)}")
        if url in seen:
            continue
        seen.add(url)
        targets.append(Target(url, int(month) if month else None, language,
                              (row.get("note") or "").strip() or None))
    return targets
