"""The provenance sidecar of a fetched page (``<page file>.json``) and atomic file writes.

A fetched page is kept byte for byte as received; beside it, ``<name>.json`` says where and when it came
from. The corpus build ignores ``.json`` files as reports and reads these sidecars for the ``reports``
table's ``source_url``, ``retrieved_at`` and ``archived_url`` (``web_provenance``). This module needs no
HTTP library, so the build can import it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

logger = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".json"
FORMAT = 1


@dataclass(frozen=True)
class Provenance:
    """Where and when one saved body came from.

    Attributes:
        requested_url: The URL asked for (from the command line, a sources file or a feed entry).
        final_url: The URL that answered, after redirects (the snapshot's URL for an archived copy).
        redirects: The URLs that redirected, in order.
        status: The HTTP status of the final response.
        content_type: The media type of the response (``text/html``), without parameters.
        charset: The charset the response declared in its Content-Type, if any.
        retrieved_at: When the body was received, ISO 8601 in UTC (``2026-12-07T09:30:00Z``).
        sha256: SHA-256 of the body as stored.
        size: Bytes of the body.
        etag: The response's ETag, for the next conditional request.
        last_modified: The response's Last-Modified, for the next conditional request.
        archived_url: The Wayback Machine snapshot used, when the body came from the archive.
        archived_at: The snapshot's time, ISO 8601 in UTC.
        archive_reason: Why the archive was used (the live page's failure, or ``--archived``).
        feed_entry: The feed entry the URL came from (feed URL, id, title, link, published).
        source: What a sources file said of the URL (month, language, note).
        previous_version: The file name of the version this one replaces, for a changed page.
        user_agent: The User-Agent that fetched it.
    """

    requested_url: str
    final_url: str
    status: int
    content_type: str
    retrieved_at: str
    sha256: str
    size: int
    charset: str | None = None
    redirects: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    archived_url: str | None = None
    archived_at: str | None = None
    archive_reason: str | None = None
    feed_entry: dict | None = None
    source: dict | None = None
    previous_version: str | None = None
    user_agent: str | None = None
    format: int = FORMAT
    extra: dict = field(default_factory=dict)

    def to_json(self) -> str:
        """The sidecar's text: sorted keys, two-space indent, non-ASCII kept, a final newline."""
        data = dataclasses.asdict(self)
        data["redirects"] = list(self.redirects)
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> Provenance:
        """A provenance from a sidecar's JSON object; unknown keys are kept in ``extra``."""
        names = {f.name for f in dataclasses.fields(cls)}
        known = {k: v for k, v in data.items() if k in names}
        known["redirects"] = tuple(known.get("redirects") or ())
        extra = {**(known.pop("extra", None) or {}), **{k: v for k, v in data.items() if k not in names}}
        return cls(**known, extra=extra)


def utc_now() -> dt.datetime:
    """The current time in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def iso_utc(moment: dt.datetime) -> str:
    """``2026-12-07T09:30:00Z`` for an aware datetime."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sidecar_path(body: Path) -> Path:
    """Where the sidecar of a saved body lives: the body's name plus ``.json``."""
    return body.with_name(body.name + SIDECAR_SUFFIX)


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a hidden temporary file in the same folder and a rename.

    A crash or an error leaves either the old file or the new one, never a part; the temporary file is
    removed on failure.

    Raises:
        FileExistsError: ``overwrite`` is False and ``path`` exists.
        OSError: The folder cannot be written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise FileExistsError(f"{path} exists; a fetched file is never overwritten")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if a file appeared meanwhile: nothing is clobbered
            os.unlink(temporary)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_sidecar(body: Path, provenance: Provenance) -> Path:
    """Write the sidecar of ``body`` atomically and return its path."""
    path = sidecar_path(body)
    atomic_write(path, provenance.to_json().encode("utf-8"))
    return path


def read_sidecar(path: Path) -> Provenance | None:
    """The provenance in a sidecar file; None (logged) when it is missing or not a sidecar."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "requested_url" not in data:
            raise ValueError("no requested_url")
        return Provenance.from_dict(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        logger.warning("%s: not a readable provenance sidecar (%s); ignored", path, exc)
        return None


# ------------------------------------------------------------------------------------------------ build


@dataclass(frozen=True)
class WebSource:
    """What the ``reports`` table says of a fetched report: the page, when it was fetched, the snapshot."""

    source_url: str
    retrieved_at: dt.datetime | None
    archived_url: str | None


def _parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def web_sources(raw_dir: Path, report_paths: Iterable[str], other_files: Sequence[str]
                ) -> dict[str, WebSource]:
    """The web provenance of the reports that have a sidecar, by report path.

    Args:
        raw_dir: The folder the paths are relative to.
        report_paths: Paths of the reports (posix, relative to ``raw_dir``).
        other_files: The non-report files found beside them (the build's ignored files), among which the
            sidecars are; only these are opened, so a build of reports saved by hand reads no extra file.
    """
    present = {PurePosixPath(p).as_posix() for p in other_files if p.endswith(SIDECAR_SUFFIX)}
    found = {}
    for path in report_paths:
        candidate = f"{path}{SIDECAR_SUFFIX}"
        if candidate not in present:
            continue
        provenance = read_sidecar(Path(raw_dir) / candidate)
        if provenance is None:
            continue
        found[path] = WebSource(source_url=provenance.requested_url,
                                retrieved_at=_parse_time(provenance.retrieved_at),
                                archived_url=provenance.archived_url)
    return found
