"""A URL -> where its page is kept under ``data/raw``: stable, filesystem-safe, never two URLs in one file.

``https://www.example.org/2023/12/isis-month-112/?p=5`` is kept as
``www.example.org/2023-12-isis-month-112-p-5_<12 hex digits>.html``: a folder per host, a readable slug of
the path and query (ASCII letters, digits and ``-`` only, at most 60 characters) and the start of the URL's
SHA-256, so two URLs whose slugs agree still get different names and the same URL always gets the same one.
Later versions of a changed page add ``.v2``, ``.v3`` … before the suffix.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote, urlsplit, urlunsplit

SLUG_LENGTH = 60
HASH_LENGTH = 12
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_HOST = re.compile(r"[^a-z0-9.-]+")
SUFFIXES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
            "text/markdown": ".md"}


def canonical(url: str) -> str:
    """The URL that names a page: scheme and host lower-cased, the fragment dropped, the rest as given."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def url_digest(url: str) -> str:
    """The first ``HASH_LENGTH`` hex digits of the canonical URL's SHA-256."""
    return hashlib.sha256(canonical(url).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def host_folder(url: str) -> str:
    """The folder of a URL's host: ``www.example.org``, ``127.0.0.1_8000`` (a port after ``_``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "unknown-host").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    host = _NOT_HOST.sub("-", host).strip(".-") or "unknown-host"
    return f"{host}_{parts.port}" if parts.port else host


def slug(url: str) -> str:
    """A readable ASCII slug of a URL's path and query (``index`` when nothing readable is left)."""
    parts = urlsplit(url)
    words = _NOT_SLUG.sub("-", unquote(f"{parts.path} {parts.query}").lower()).strip("-")
    return words[:SLUG_LENGTH].rstrip("-") or "index"


def stem(url: str) -> str:
    """The file stem of a URL's page (its first version): ``<slug>_<digest>``."""
    return f"{slug(url)}_{url_digest(url)}"


def suffix_for(content_type: str) -> str:
    """The file suffix for a content type the fetcher keeps (``.html``, ``.txt``, ``.md``)."""
    return SUFFIXES.get(content_type, ".html")


def version_name(url: str, version: int, suffix: str) -> str:
    """The file name of version ``version`` (1 = the first) of a URL's page."""
    return f"{stem(url)}{'' if version == 1 else f'.v{version}'}{suffix}"


def version_pattern(url: str) -> re.Pattern:
    """Matches the file names of every version of a URL's page; group 1 is the version number or None."""
    suffixes = "|".join(sorted({re.escape(s) for s in SUFFIXES.values()}))
    return re.compile(rf"^{re.escape(stem(url))}(?:\.v(\d+))?(?:{suffixes})$")
