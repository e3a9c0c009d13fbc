"""Fetched pages on disk: every version of a URL's page, each with its sidecar, written atomically.

The rules: a body is stored exactly as received; a body whose SHA-256 equals that of a version already kept
for the URL is not written again; a changed body becomes a new version (``.v2`` …) beside the old ones, which
are never touched. The body is written first and its sidecar second, both through a temporary file and a
rename, so an interrupted save leaves no partial file (at worst a body whose sidecar is missing, which the
next run recognises by its hash).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from helpers.fetch import naming
from helpers.fetch.sidecar import Provenance, atomic_write, read_sidecar, sidecar_path, write_sidecar

logger = logging.getLogger(__name__)

NEW = "new"
NEW_VERSION = "new_version"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Version:
    """One kept version of a URL's page."""

    number: int
    path: Path
    provenance: Provenance | None

    @property
    def sha256(self) -> str:
        """The body's SHA-256, from the sidecar or, without one, from the file."""
        if self.provenance is not None:
            return self.provenance.sha256
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Saved:
    """What ``PageStore.save`` did: ``new``, ``new_version`` or ``unchanged``, and the file concerned."""

    status: str
    path: Path


class PageStore:
    """The fetched pages under one folder (``data/raw/web``), one subfolder per host."""

    def __init__(self, root: Path):
        """Keep pages under ``root`` (created when the first page is saved)."""
        self.root = Path(root)

    def folder(self, url: str) -> Path:
        """The folder of a URL's host."""
        return self.root / naming.host_folder(url)

    def versions(self, url: str) -> list[Version]:
        """The kept versions of a URL's page, oldest first."""
        folder = self.folder(url)
        if not folder.is_dir():
            return []
        pattern = naming.version_pattern(url)
        found = []
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if match and path.is_file():
                found.append(Version(int(match.group(1) or 1), path, read_sidecar(sidecar_path(path))))
        return sorted(found, key=lambda v: v.number)

    def latest(self, url: str) -> Version | None:
        """The newest kept version of a URL's page, or None."""
        versions = self.versions(url)
        return versions[-1] if versions else None

    def save(self, url: str, body: bytes, provenance: Provenance) -> Saved:
        """Keep a body fetched for ``url`` with its provenance, as a new file or a new version.

        Args:
            url: The requested URL (it names the file).
            body: The bytes exactly as received.
            provenance: The sidecar's content (``sha256`` must be the body's).

        Returns:
            ``unchanged`` and the existing file when a version with the same SHA-256 is kept, else ``new``
            (first version) or ``new_version`` and the new file.
        """
        digest = hashlib.sha256(body).hexdigest()
        if digest != provenance.sha256:
            raise ValueError(f"{url}: the provenance's sha256 is not the body's")
        versions = self.versions(url)
        for version in versions:
            if version.sha256 == digest:
                if not sidecar_path(version.path).exists():  # a body whose sidecar write was interrupted
                    write_sidecar(version.path, provenance)
                return Saved(UNCHANGED, version.path)
        number = versions[-1].number + 1 if versions else 1
        path = self.folder(url) / naming.version_name(url, number, naming.suffix_for(provenance.content_type))
        if versions:
            provenance = replace(provenance, previous_version=versions[-1].path.name)
        atomic_write(path, body, overwrite=False)
        write_sidecar(path, provenance)
        logger.info("saved %s (%d bytes)", path, len(body))
        return Saved(NEW_VERSION if versions else NEW, path)
