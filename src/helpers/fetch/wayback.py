"""The Wayback Machine as a fallback: the closest snapshot of a URL, fetched as originally archived.

The Availability API (``https://archive.org/wayback/available?url=…``, configurable so tests use a local
server) names the closest snapshot, e.g. ``http://web.archive.org/web/20231201000000/https://…``; when it
names none (it misses some), the CDX API's newest capture with status 200 is taken. Its body is fetched in
the ``id_`` form (``…/web/20231201000000id_/https://…``), which serves the page as it was
archived, without the archive's toolbar or rewritten links.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from helpers.fetch.http import JSON_TYPES, FetchError, PoliteClient

logger = logging.getLogger(__name__)

_SNAPSHOT = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/")


@dataclass(frozen=True)
class Snapshot:
    """One archived copy of a page.

    Attributes:
        url: The snapshot's URL as the archive lists it (what a reader opens).
        raw_url: The URL of the archived bytes themselves (``id_`` form).
        timestamp: The snapshot's time as the archive writes it (``YYYYMMDDhhmmss``, UTC).
    """

    url: str
    raw_url: str
    timestamp: str

    @property
    def archived_at(self) -> str | None:
        """The snapshot's time as ISO 8601 UTC (``2023-12-01T00:00:00Z``)."""
        try:
            moment = dt.datetime.strptime(self.timestamp, "%Y%m%d%H%M%S")
        except ValueError:
            return None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def raw_snapshot_url(url: str) -> str:
    """The ``id_`` form of a snapshot URL (the URL itself when not of the ``/web/<timestamp>/`` form)."""
    return _SNAPSHOT.sub(lambda m: f"/web/{m.group(1)}id_/", url, count=1)


def find_snapshot(client: PoliteClient, api_url: str | None, url: str, timestamp: str | None = None,
                  cdx_url: str | None = None) -> Snapshot | None:
    """The archive's closest snapshot of ``url``, or None when it has none.

    Args:
        client: The polite client (the archive gets the same manners as any site).
        api_url: The Availability API endpoint (None: the CDX API only).
        url: The page wanted.
        timestamp: Prefer snapshots near this time (``YYYYMMDD…``); the newest by default.
        cdx_url: The CDX API endpoint, asked when the Availability API names no snapshot.

    Raises:
        FetchError: The APIs could not be asked or gave no JSON.
    """
    snapshot = _available(client, api_url, url, timestamp) if api_url else None
    if snapshot is None and cdx_url:
        snapshot = _cdx(client, cdx_url, url)
    return snapshot


def _cdx(client: PoliteClient, cdx_url: str, url: str) -> Snapshot | None:
    """The newest capture of ``url`` with status 200 that the CDX API lists."""
    query = {"url": url, "output": "json", "filter": "statuscode:200", "fl": "timestamp,original",
             "limit": "-1"}
    separator = "&" if "?" in cdx_url else "?"
    response = client.get(f"{cdx_url}{separator}{urlencode(query)}", accept=JSON_TYPES)
    if not response.body.strip():
        return None  # the CDX API answers an empty body when it has nothing
    try:
        rows = json.loads(response.body.decode("utf-8"))
        if not isinstance(rows, list) or len(rows) <= 1:  # only the header row: no capture
            logger.info("no CDX capture of %s", url)
            return None
        stamp, original = str(rows[-1][0]), str(rows[-1][1])
    except (UnicodeDecodeError, ValueError, IndexError, TypeError, KeyError) as exc:
        raise FetchError(cdx_url, "http", f"the CDX API's answer is not the expected JSON ({exc})") from exc
    parts = urlsplit(cdx_url)
    listed = f"{parts.scheme}://{parts.netloc}/web/{stamp}/{original}"
    return Snapshot(url=listed, raw_url=raw_snapshot_url(listed), timestamp=stamp)


def _available(client: PoliteClient, api_url: str, url: str, timestamp: str | None) -> Snapshot | None:
    """The closest snapshot the Availability API names."""
    query = {"url": url} | ({"timestamp": timestamp} if timestamp else {})
    separator = "&" if "?" in api_url else "?"
    response = client.get(f"{api_url}{separator}{urlencode(query)}", accept=JSON_TYPES)
    try:
        answer = json.loads(response.body.decode("utf-8"))
        closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
    except (UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise FetchError(api_url, "http", f"the Wayback Machine's answer is not the expected JSON ({exc})"
                         ) from exc
    if not closest.get("available") or not closest.get("url") or str(closest.get("status", "200")) != "200":
        logger.info("no Wayback snapshot of %s", url)
        return None
    snapshot_url = str(closest["url"])
    match = _SNAPSHOT.search(snapshot_url)
    stamp = str(closest.get("timestamp") or (match.group(1) if match else ""))
    return Snapshot(url=snapshot_url, raw_url=raw_snapshot_url(snapshot_url), timestamp=stamp)
