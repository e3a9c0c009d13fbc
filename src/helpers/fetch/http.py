"""A polite HTTP client: one request at a time per host, robots.txt, retries with backoff, limits.

``PoliteClient.get(url)`` follows redirects itself (so robots.txt is asked for every hop and the chain is
recorded), waits its turn per host, retries 429 and 5xx answers (honouring Retry-After), timeouts and
dropped connections with exponential backoff, sends conditional headers when given an ETag or a
Last-Modified, refuses content types it was not asked for and bodies over the size limit, and reads the body
into memory, so a failure at any point leaves nothing behind. Failures raise ``FetchError`` with a message
that names the URL and the cause. Waiting goes through an injectable ``sleep`` (tests pass a recorder).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from helpers.fetch.config import Manners
from helpers.fetch.robots import RobotsRules
from helpers.fetch.sidecar import utc_now

logger = logging.getLogger(__name__)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml")
JSON_TYPES = ("application/json", "text/json", "text/javascript")
TEXT_TYPES = ("text/plain",)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
GONE_STATUSES = frozenset({404, 410})
REFUSED_STATUSES = frozenset({401, 403, 451})
MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 512 * 1024


class FetchError(Exception):
    """A URL that could not be fetched: the message names it and says why.

    Attributes:
        url: The URL asked for.
        kind: ``gone`` (404/410), ``refused`` (401/403/451), ``http`` (another error status), ``server``
            (429/5xx after every retry), ``timeout``, ``dropped`` (connection lost mid-body), ``network``,
            ``robots``, ``content_type``, ``too_large``, ``redirects``.
        status: The HTTP status, when there was one.
        archivable: Whether an archived copy may stand in (the page is gone, refuses, or the site is down).
    """

    def __init__(self, url: str, kind: str, message: str, *, status: int | None = None,
                 archivable: bool = False):
        super().__init__(f"{url}: {message}")
        self.url = url
        self.kind = kind
        self.status = status
        self.archivable = archivable


@dataclass(frozen=True)
class Response:
    """A complete response: the body exactly as received and what provenance needs of the headers."""

    requested_url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None
    last_modified: str | None
    redirects: tuple[str, ...]
    retrieved_at: dt.datetime

    @property
    def not_modified(self) -> bool:
        """Whether the server answered 304 to a conditional request (no body)."""
        return self.status == 304


@dataclass(frozen=True)
class _Raw:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes


def media_type(header: str | None) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` -> (``text/html``, ``UTF-8``); an empty header gives ``("", None)``."""
    if not header:
        return "", None
    kind, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return kind.strip().lower(), charset


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (a number of seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, (moment - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class PoliteClient:
    """HTTP GET with the fetcher's manners (see the module docstring); use as a context manager or close()."""

    def __init__(self, manners: Manners, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, transport: httpx.BaseTransport | None = None):
        """Create the client.

        Args:
            manners: User-Agent, delays, retries, timeouts and limits.
            sleep: Waits the given seconds (replaced in tests so nothing really sleeps).
            clock: Monotonic seconds, for the per-host delay.
            transport: An httpx transport (tests may pass a mock one; normally the network).
        """
        self.manners = manners
        self.sleep = sleep
        self.clock = clock
        self._client = httpx.Client(headers={"User-Agent": manners.user_agent}, timeout=manners.timeout,
                                    follow_redirects=False, transport=transport)
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotsRules] = {}
        self.requests = 0

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    # --------------------------------------------------------------------------------------- robots

    def robots(self, url: str) -> RobotsRules:
        """The robots.txt rules of a URL's site (read once per site and run)."""
        origin = _host(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> RobotsRules:
        robots_url = f"{origin}/robots.txt"
        agent = self.manners.user_agent
        try:
            raw, _ = self._follow(robots_url, {}, TEXT_TYPES, ROBOTS_MAX_BYTES, check_robots=False,
                                  any_type=True)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return RobotsRules.allow_all(robots_url, agent, f"{robots_url} answered {exc.status}")
            logger.warning("%s: robots.txt unreachable (%s); the site is treated as disallowing all", origin,
                           exc)
            return RobotsRules.disallow_all(robots_url, agent, f"robots.txt unreachable: {exc}")
        if 400 <= raw.status < 500:
            return RobotsRules.allow_all(robots_url, agent, f"{robots_url} answered {raw.status}")
        text = raw.body.decode("utf-8", errors="replace")
        return RobotsRules.parse(robots_url, agent, text)

    def _check_robots(self, url: str) -> None:
        if not self.manners.respect_robots:
            return
        rules = self.robots(url)
        if not rules.allowed(url):
            raise FetchError(url, "robots", f"disallowed by {rules.source} ({rules.reason}); not fetched")

    # --------------------------------------------------------------------------------------- requests

    def _delay_for(self, host: str) -> float:
        delay = self.manners.delay
        rules = self._robots.get(host)
        if rules is not None and rules.crawl_delay:
            delay = max(delay, rules.crawl_delay)
        return delay

    def _wait_turn(self, url: str) -> None:
        host = _host(url)
        last = self._last.get(host)
        if last is not None:
            wait = self._delay_for(host) - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _backoff(self, attempt: int) -> float:
        return min(self.manners.max_backoff, self.manners.backoff * 2 ** attempt)

    def _once(self, url: str, headers: dict, accept: Iterable[str], max_bytes: int, any_type: bool,
              follow: bool) -> _Raw:
        """One request; the body is read only for a 2xx answer of an accepted type within the size limit."""
        self._wait_turn(url)
        self.requests += 1
        with self._client.stream("GET", url, headers=headers, follow_redirects=follow) as response:
            status = response.status_code
            if not 200 <= status < 300:
                return _Raw(str(response.url), status, response.headers, b"")
            kind, _ = media_type(response.headers.get("content-type"))
            if not any_type and kind not in accept:
                shown = kind or "no content type"
                raise FetchError(url, "content_type",
                                 f"refused: the server sent {shown}, and only {', '.join(accept)} is kept "
                                 f"(a PDF or another document must be converted to text and saved by hand)",
                                 status=status)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, "too_large", f"refused: {int(declared):,} bytes announced, over the "
                                                   f"limit of {max_bytes:,} bytes", status=status)
            chunks, size, deadline = [], 0, time.monotonic() + self.manners.max_seconds
            for chunk in response.iter_bytes():  # content-encoding undone, nothing else
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"the body took more than {self.manners.max_seconds:g} s")
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, "too_large", f"refused: more than {max_bytes:,} bytes, the limit; "
                                                       f"nothing was saved", status=status)
                chunks.append(chunk)
            return _Raw(str(response.url), status, response.headers, b"".join(chunks))

    def _attempts(self, url: str, headers: dict, accept: Iterable[str], max_bytes: int,
                  any_type: bool = False, follow: bool = False) -> _Raw:
        """``_once`` with retries on 429/5xx, timeouts and dropped connections."""
        retries = max(0, self.manners.retries)
        for attempt in range(retries + 1):
            last = attempt == retries
            try:
                raw = self._once(url, headers, accept, max_bytes, any_type, follow)
            except httpx.TimeoutException as exc:
                why = str(exc) if "body took" in str(exc) else f"{self.manners.timeout:g} s allowed"
                problem = FetchError(url, "timeout", f"timed out ({type(exc).__name__}: {why}) after "
                                                     f"{attempt + 1} attempt{'s' * bool(attempt)}",
                                     archivable=True)
                wait = self._backoff(attempt)
            except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
                problem = FetchError(url, "dropped", f"connection dropped before the body was complete "
                                                     f"({exc}) after {attempt + 1} attempt"
                                                     f"{'s' * bool(attempt)}; nothing was saved",
                                     archivable=True)
                wait = self._backoff(attempt)
            except httpx.TransportError as exc:
                problem = FetchError(url, "network", f"cannot connect ({type(exc).__name__}: {exc}) after "
                                                     f"{attempt + 1} attempt{'s' * bool(attempt)}",
                                     archivable=True)
                wait = self._backoff(attempt)
            else:
                if raw.status not in RETRY_STATUSES:
                    return raw
                asked = retry_after(raw.headers.get("retry-after"))
                phrase = httpx.codes.get_reason_phrase(raw.status)
                problem = FetchError(url, "server", f"HTTP {raw.status} {phrase} after {attempt + 1} attempt"
                                                    f"{'s' * bool(attempt)}", status=raw.status,
                                     archivable=raw.status != 429)
                if asked is not None and asked > self.manners.max_retry_after:
                    raise FetchError(url, "server", f"HTTP {raw.status} {phrase}: the server asks to wait "
                                                    f"{asked:g} s (Retry-After), more than the "
                                                    f"{self.manners.max_retry_after:g} s allowed; try later",
                                     status=raw.status) from None
                wait = asked if asked is not None else self._backoff(attempt)
            if last:
                raise problem
            logger.info("%s; retrying in %.1f s", problem, wait)
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _follow(self, url: str, headers: dict, accept: Iterable[str], max_bytes: int, *,
                check_robots: bool = True, any_type: bool = False) -> tuple[_Raw, tuple[str, ...]]:
        """Follow redirects by hand (robots.txt asked for each hop); the last answer and the chain."""
        current, chain = url, []
        for _ in range(MAX_REDIRECTS + 1):
            if check_robots:
                self._check_robots(current)
            raw = self._attempts(current, headers, accept, max_bytes, any_type)
            location = raw.headers.get("location")
            if raw.status in REDIRECT_STATUSES and location:
                chain.append(current)
                current = urljoin(current, location)
                continue
            return _Raw(current, raw.status, raw.headers, raw.body), tuple(chain)
        raise FetchError(url, "redirects", f"more than {MAX_REDIRECTS} redirects (last: {current})")

    def get(self, url: str, *, accept: Iterable[str] = PAGE_TYPES, etag: str | None = None,
            last_modified: str | None = None, max_bytes: int | None = None) -> Response:
        """Fetch one URL politely and return the complete response.

        Args:
            url: The URL (http or https).
            accept: The media types to keep; others are refused with ``FetchError`` (``content_type``).
            etag: Sent as If-None-Match: a 304 answer then comes back as a ``Response`` without body.
            last_modified: Sent as If-Modified-Since.
            max_bytes: Size limit of the body (default: the manners' limit).

        Raises:
            FetchError: The page could not be fetched; ``kind`` and the message say why.
        """
        accept = tuple(accept)
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "http", "not an http(s) URL")
        headers = {"Accept": ", ".join(accept) + ";q=1.0, */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        raw, chain = self._follow(url, headers, accept, max_bytes or self.manners.max_bytes)
        status = raw.status
        if status in GONE_STATUSES:
            raise FetchError(url, "gone", f"HTTP {status} {httpx.codes.get_reason_phrase(status)}",
                             status=status, archivable=True)
        if status in REFUSED_STATUSES:
            raise FetchError(url, "refused", f"HTTP {status} {httpx.codes.get_reason_phrase(status)}: the "
                                             "site refuses the page", status=status, archivable=True)
        if status >= 400 or status in REDIRECT_STATUSES or (status >= 300 and status != 304):
            raise FetchError(url, "http", f"HTTP {status} {httpx.codes.get_reason_phrase(status)}",
                             status=status, archivable=status >= 500)
        kind, charset = media_type(raw.headers.get("content-type"))
        return Response(requested_url=url, final_url=raw.url, status=status, content_type=kind,
                        charset=charset, body=raw.body, etag=raw.headers.get("etag"),
                        last_modified=raw.headers.get("last-modified"), redirects=chain,
                        retrieved_at=utc_now())
