"""The parse cache of a corpus build: pickled ``Report``s keyed by a file's bytes, its place and the parser.

A file is parsed again only when its bytes, its place in the corpus or the parser changed. "The parser" is
the package version plus a hash of every source and data file that can change a parse, so editing the parser
or its lexicon invalidates the cache without anyone remembering to bump a number. The cache lives under the
processed folder, holds only what this project wrote, and is safe to delete.

Entries are stored in packs, one file per chunk of a build (``KEYS`` then the compressed entries, written
once and renamed into place, never changed): creating a file per report cost more than parsing it when
several workers wrote at once. A process indexes the packs' keys once and reads a pack when it needs one of
its entries. ``prune`` deletes packs none of whose entries a build used and rewrites those partly stale.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import uuid
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import helpers
from helpers.build.ingest import ParseFn, Source
from helpers.contract.report import Report

logger = logging.getLogger(__name__)

FORMAT = 3
SUFFIX = ".pack"
TEMP_PREFIX = ".tmp-"  # a pack being written: ``.tmp-NAME.pack``

# The folders of the package whose files can change how a report parses (the contract it parses into, the text
# tools, the extraction engine and its language data, the checks attached to a report) and the data files
# they read; everything else only consumes parsed reports. The synthetic generator's data files are not read
# by the parser.
PARSE_FOLDERS = ("contract", "text", "extract", "check", "data")
_SYNTH_DATA_PREFIX = "data/synth_"


def is_downstream(relative: str) -> bool:
    """Whether a package file (path relative to the package, posix) cannot change how a report parses."""
    top = relative.split("/", 1)[0]
    return top not in PARSE_FOLDERS or relative.startswith(_SYNTH_DATA_PREFIX)


def source_digest(root: Path, skip: Callable[[str], bool] = is_downstream) -> str:
    """A digest of the files under a package folder (names and bytes), but ``skip`` ones and bytecode."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if "__pycache__" in path.parts or path.suffix == ".pyc" or skip(relative):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def parser_version() -> str:
    """The package version, cache format and a digest of every package file that can change a parse."""
    root = Path(helpers.__file__).resolve().parent
    return f"{helpers.__version__}-{FORMAT}-{source_digest(root)[:16]}"


def _parse_name(parse: ParseFn) -> str:
    return f"{getattr(parse, '__module__', '?')}.{getattr(parse, '__qualname__', type(parse).__name__)}"


def _read_keys(path: Path) -> tuple[str, ...]:
    """The keys a pack holds (its first pickle: the entries after it are not read)."""
    with path.open("rb") as stream:
        version, keys = pickle.load(stream)
    if version != FORMAT:
        raise ValueError(f"pack format {version}, expected {FORMAT}")
    return tuple(keys)


def _read_entries(path: Path) -> dict[str, bytes]:
    """A pack's entries: key -> compressed pickled report."""
    with path.open("rb") as stream:
        pickle.load(stream)
        return pickle.load(stream)


def _write_pack(directory: Path, entries: dict[str, bytes]) -> Path:
    """Write entries as a new pack (under a temporary name, then renamed: a killed run leaves no pack)."""
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{SUFFIX}"
    temp = directory / f"{TEMP_PREFIX}{name}"
    try:
        with temp.open("wb") as stream:
            pickle.dump((FORMAT, tuple(entries)), stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, directory / name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return directory / name


class _Index:
    """Which pack holds each key, for one cache folder; packs are read once (they never change)."""

    def __init__(self) -> None:
        self.packs: dict[str, tuple[str, ...]] = {}  # pack name -> its keys
        self.where: dict[str, str] = {}  # key -> pack name

    def refresh(self, directory: Path) -> None:
        """Index packs written since the last look and forget pruned ones (one listing of the folder)."""
        try:
            names = {n for n in os.listdir(directory) if n.endswith(SUFFIX) and not n.startswith(TEMP_PREFIX)}
        except FileNotFoundError:
            names = set()
        for gone in set(self.packs) - names:
            for key in self.packs.pop(gone):
                if self.where.get(key) == gone:
                    del self.where[key]
        for name in names - set(self.packs):
            try:
                keys = _read_keys(directory / name)
            except Exception as exc:  # a corrupt or foreign file is no pack: its entries are misses
                logger.debug("ignoring unreadable cache pack %s: %s", name, exc)
                keys = ()
            self.packs[name] = keys
            self.where.update(dict.fromkeys(keys, name))


_INDEXES: dict[str, _Index] = {}  # per cache folder, for the life of the process (a pool or Dask worker)


class ParseCache:
    """Pickled reports in packs in one folder, each keyed by (bytes, source, parse function, parser version).

    ``get`` reads entries; ``put`` collects new ones, which ``flush`` writes as one pack.
    """

    def __init__(self, directory: Path, parse: ParseFn, version: str | None = None):
        self.directory = Path(directory)
        self._salt = f"{version or parser_version()}\0{_parse_name(parse)}"
        self.used: set[str] = set()
        self._new: dict[str, bytes] = {}
        self._index = _INDEXES.setdefault(str(self.directory.resolve()), _Index())
        self._index.refresh(self.directory)
        self._open: tuple[str, dict[str, bytes]] | None = None  # the pack read last

    def key(self, digest: str, source: Source) -> str:
        """The cache key of a file's bytes (their SHA-256) at a place in the corpus."""
        text = f"{self._salt}\0{digest}\0{source.path}\0{source.report_id}\0{source.synthetic}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _entry(self, key: str) -> bytes | None:
        name = self._index.where.get(key)
        if name is None:
            return self._new.get(key)
        if self._open is None or self._open[0] != name:
            self._open = (name, _read_entries(self.directory / name))
        return self._open[1].get(key)

    def get(self, key: str) -> Report | None:
        """The cached report, or None when absent or unreadable (an unreadable entry is just a miss)."""
        self.used.add(key)
        try:
            data = self._entry(key)
            report = pickle.loads(zlib.decompress(data)) if data is not None else None
        except Exception as exc:  # a corrupt, vanished or outdated pack is a miss, never a failed build
            logger.debug("ignoring unreadable cache entry %s: %s", key, exc)
            return None
        return report if isinstance(report, Report) else None

    def put(self, key: str, report: Report) -> None:
        """Keep a new report under its key, to be written by ``flush``."""
        self.used.add(key)
        self._new[key] = zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def flush(self) -> None:
        """Write the reports ``put`` since the last flush as one pack (nothing when there are none)."""
        if self._new:
            _write_pack(self.directory, self._new)
            self._new = {}
            self._index.refresh(self.directory)

    def keys(self) -> set[str]:
        """Every key the folder's packs hold."""
        self._index.refresh(self.directory)
        return set(self._index.where)

    def prune(self) -> int:
        """Delete the entries this build did not use (files gone or changed, an older parser); count them.

        A pack none of whose entries were used is deleted; one with some unused is rewritten with the used
        ones only (a pack is a chunk's worth: cheap to rewrite). Other files (a killed build's temporary
        pack, entries of an older cache layout) go too.
        """
        if not self.directory.is_dir():
            return 0
        self._index.refresh(self.directory)
        pruned = 0
        for name, keys in list(self._index.packs.items()):
            used = [k for k in keys if k in self.used]
            if keys and len(used) == len(keys):
                continue
            if used:
                entries = _read_entries(self.directory / name)
                _write_pack(self.directory, {k: entries[k] for k in used})
            (self.directory / name).unlink(missing_ok=True)
            pruned += len(keys) - len(used)
        self._index.refresh(self.directory)  # the rewritten packs are packs too
        for path in self.directory.iterdir():
            if path.is_file() and path.name not in self._index.packs:
                path.unlink(missing_ok=True)  # left by a killed build, or entries of an older cache layout
        return pruned
