"""One page -> a file and its sidecar under ``data/raw/web``: live, conditionally, or from the archive.

``Fetcher.fetch(target)``:

1. with ``archived``, asks the Wayback Machine for the page and never touches the site;
2. otherwise asks the site, conditionally when a version is already kept (its ETag / Last-Modified), so an
   unchanged page costs a 304 and writes nothing;
3. when the site answers that the page is gone or refused (404, 410, 401, 403, 451) or stays down
   (5xx after every retry, timeouts, lost connections) and no version is kept yet, falls back to the
   Wayback Machine's closest snapshot, recorded in the sidecar;
4. keeps the body as ``PageStore.save`` decides: new, a new version, or unchanged (same SHA-256).

Every outcome is a ``Outcome`` with a one-line message; nothing raises for one bad page.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from helpers.fetch import wayback
from helpers.fetch.http import PAGE_TYPES, FetchError, PoliteClient, Response
from helpers.fetch.sidecar import Provenance, iso_utc
from helpers.fetch.sources import Target
from helpers.fetch.store import NEW, NEW_VERSION, UNCHANGED, PageStore

logger = logging.getLogger(__name__)

NOT_MODIFIED = "not_modified"
FAILED = "failed"
SAVED_STATUSES = (NEW, NEW_VERSION)


@dataclass(frozen=True)
class Outcome:
    """What became of one target.

    Attributes:
        url: The URL asked for.
        status: ``new``, ``new_version``, ``unchanged`` (same SHA-256 as a kept version), ``not_modified``
            (304), or ``failed``.
        path: The file concerned (the new one, or the kept one), None when nothing is kept.
        message: One line for the summary.
        archived: Whether the body came from the Wayback Machine.
        kind: For a failure, the ``FetchError`` kind.
    """

    url: str
    status: str
    path: Path | None
    message: str
    archived: bool = False
    kind: str | None = None

    @property
    def saved(self) -> bool:
        """Whether a new file was written."""
        return self.status in SAVED_STATUSES


class Fetcher:
    """Fetch targets into a ``PageStore`` with a ``PoliteClient``."""

    def __init__(self, client: PoliteClient, store: PageStore, *, wayback_url: str | None = None,
                 archived: bool = False, cdx_url: str | None = None):
        """Set up a fetcher.

        Args:
            client: The polite HTTP client.
            store: Where pages are kept.
            wayback_url: The Availability API endpoint; None turns the archive fallback off.
            archived: Take every page from the Wayback Machine instead of the site.
            cdx_url: The CDX API endpoint, asked when the Availability API names no snapshot.
        """
        self.client = client
        self.store = store
        self.wayback_url = wayback_url
        self.archived = archived
        self.cdx_url = cdx_url

    def fetch(self, target: Target) -> Outcome:
        """Fetch one target; see the module docstring."""
        url = target.url
        latest = self.store.latest(url)
        if self.archived:
            return self._from_archive(target, "--archived: every page from the Wayback Machine", None)
        live = latest.provenance if latest is not None and latest.provenance is not None else None
        conditional = live if live is not None and live.archived_url is None else None
        try:
            response = self.client.get(url, accept=PAGE_TYPES,
                                       etag=conditional.etag if conditional else None,
                                       last_modified=conditional.last_modified if conditional else None)
        except FetchError as exc:
            if exc.archivable and (self.wayback_url or self.cdx_url) and latest is None:
                return self._from_archive(target, str(exc), exc)
            kept = f"; the copy of {live.retrieved_at} is kept ({latest.path.name})" if live else ""
            return self._failed(target, exc, kept)
        if response.not_modified:
            return Outcome(url, NOT_MODIFIED, latest.path if latest else None,
                           f"{url}: not modified (304) since {live.retrieved_at if live else '?'}")
        return self._keep(target, response)

    def _failed(self, target: Target, exc: FetchError, note: str = "") -> Outcome:
        logger.warning("%s%s", exc, note)
        return Outcome(target.url, FAILED, None, f"{exc}{note}", kind=exc.kind)

    def _from_archive(self, target: Target, reason: str, live_error: FetchError | None) -> Outcome:
        url = target.url
        prefix = f"{live_error}; " if live_error else ""
        if not self.wayback_url and not self.cdx_url:
            return Outcome(url, FAILED, None, f"{prefix}no Wayback Machine endpoint configured",
                           kind="archive")
        try:
            snapshot = wayback.find_snapshot(self.client, self.wayback_url, url, cdx_url=self.cdx_url)
        except FetchError as exc:
            return Outcome(url, FAILED, None, f"{prefix}the Wayback Machine could not be asked: {exc}",
                           kind="archive")
        if snapshot is None:
            return Outcome(url, FAILED, None, f"{prefix}and the Wayback Machine has no snapshot",
                           kind=live_error.kind if live_error else "archive")
        try:
            response = self.client.get(snapshot.raw_url, accept=PAGE_TYPES)
        except FetchError as exc:
            return Outcome(url, FAILED, None, f"{prefix}the Wayback snapshot failed too: {exc}",
                           kind="archive")
        return self._keep(target, response, snapshot, reason)

    def _keep(self, target: Target, response: Response, snapshot: wayback.Snapshot | None = None,
              reason: str | None = None) -> Outcome:
        url = target.url
        provenance = Provenance(
            requested_url=url, final_url=response.final_url, status=response.status,
            content_type=response.content_type, charset=response.charset,
            retrieved_at=iso_utc(response.retrieved_at), sha256=hashlib.sha256(response.body).hexdigest(),
            size=len(response.body), redirects=response.redirects,
            etag=None if snapshot else response.etag,
            last_modified=None if snapshot else response.last_modified,
            archived_url=snapshot.url if snapshot else None,
            archived_at=snapshot.archived_at if snapshot else None,
            archive_reason=reason if snapshot else None, feed_entry=target.feed_entry, source=target.source(),
            user_agent=self.client.manners.user_agent)
        try:
            saved = self.store.save(url, response.body, provenance)
        except OSError as exc:
            return Outcome(url, FAILED, None, f"{url}: cannot be saved: {exc}", kind="store")
        origin = f" from the Wayback Machine ({snapshot.url})" if snapshot else ""
        words = {NEW: "saved", NEW_VERSION: "changed: saved as a new version", UNCHANGED: "unchanged"}
        return Outcome(url, saved.status, saved.path, f"{url}: {words[saved.status]}{origin} -> "
                                                      f"{saved.path.name}", archived=snapshot is not None)
