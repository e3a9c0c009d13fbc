"""Report file -> text: decoding (UTF-8 with or without BOM, UTF-16, Windows-1256) and saved web pages.

Every way a file can fail to be a text (empty, binary, truncated, too large, undecodable) raises ``ReadError``
with the file named and the cause, so a corpus build records it instead of stopping. Line ends are made
newlines; the returned text is what the parser sees, so figure offsets refer to it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from helpers.contract.report import ReadError
from helpers.read.webpage import is_truncated_page, looks_like_html, page_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", "")
HTML_SUFFIXES = (".html", ".htm")
REPORT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_MAX_CONTROL_SHARE = 0.01
# Control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) but tab, newline, CR, FF and VT.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its ``<meta>`` (first 4 KB, as browsers look), if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    """Decode with no replacement characters; a cut multi-byte character at the end is a truncated file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) and exc.reason in {"unexpected end of data", "truncated data"}:
            raise ReadError(f"{name}: truncated file: it ends inside a {encoding} character") from exc
        raise ReadError(f"{name}: undecodable as {encoding} (byte {exc.start}: {exc.reason})") from exc


def _guess(data: bytes, name: str, html: bool) -> str:
    """Decode bytes that are not UTF-8: a page's declared charset, else charset-normalizer's best guess."""
    declared = _declared_charset(data) if html else None
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(f"{name}: undecodable: not text in UTF-8, UTF-16, Windows-1256 or another known "
                        f"encoding (a binary file?)")
    return str(best)


def _check_not_binary(text: str, name: str) -> None:
    """Reject text full of control characters: a binary file that happened to decode."""
    if "\x00" in text:
        raise ReadError(f"{name}: binary file: it contains NUL bytes")
    controls = len(_CONTROL.findall(text))
    if controls > max(1, _MAX_CONTROL_SHARE * len(text)):
        raise ReadError(f"{name}: binary file: {controls} control characters in {len(text)}")


def decode(data: bytes, *, name: str, html: bool = False) -> str:
    """Return the text of a file's bytes, trying a byte-order mark, then UTF-8, then a detected encoding.

    Args:
        data: The file's bytes.
        name: How to name the file in error messages.
        html: Whether the bytes are a web page (its ``<meta charset>`` is then honoured).

    Raises:
        ReadError: The bytes are empty, binary, truncated or in no known encoding.
    """
    if not data:
        raise ReadError(f"{name}: empty file (0 bytes)")
    bom = _bom(data)
    if bom:
        encoding, skip = bom
        text = _strict(data[skip:], encoding, name)
    elif b"\x00" in data:  # valid UTF-8 never has NULs in text: UTF-16/32 without a mark, or binary
        text = _guess(data, name, html)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.end >= len(data) and exc.reason == "unexpected end of data":
                raise ReadError(f"{name}: truncated file: it ends inside a UTF-8 character") from exc
            text = _guess(data, name, html)
    _check_not_binary(text, name)
    return text


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def bytes_to_text(data: bytes, *, name: str, suffix: str = "") -> str:
    """Return a report's text from its file's bytes: decoded, reduced to the article if it is a web page.

    Args:
        data: The file's bytes.
        name: How to name the file in error messages (a portable relative path in a corpus build).
        suffix: The file's suffix; ``.html``/``.htm`` files, and any file that starts like a page, are pages.

    Raises:
        ReadError: The file holds no readable text, or is a truncated web page.
    """
    html_suffix = suffix.lower() in HTML_SUFFIXES
    text = decode(data, name=name, html=html_suffix)
    if html_suffix or looks_like_html(text):
        if is_truncated_page(text):
            raise ReadError(f"{name}: truncated web page: it has no closing </html>")
        text = page_text(text)
        if not text:
            raise ReadError(f"{name}: web page without text")
    text = _normalise_line_ends(text)
    if not text.strip():
        raise ReadError(f"{name}: empty file (only whitespace)")
    return text


def check_size(size: int, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file over the size limit before reading it (a report is a few kilobytes).

    Raises:
        ReadError: ``size`` exceeds ``max_bytes``.
    """
    if size > max_bytes:
        raise ReadError(f"{name}: too large: {size:,} bytes, over the limit of {max_bytes:,} bytes")


def read_report(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of one report file (plain text or saved web page, any supported encoding).

    Raises:
        ReadError: The file cannot be read as a report's text; the message names the file and the cause.
    """
    path = Path(path)
    try:
        check_size(path.stat().st_size, name=str(path), max_bytes=max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: unreadable: {exc.strerror or exc}") from exc
    return bytes_to_text(data, name=str(path), suffix=path.suffix)
