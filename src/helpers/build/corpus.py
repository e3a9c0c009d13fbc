"""A folder of report files -> the five tables of the contract, incrementally, in parallel, losing nothing.

``build(raw_dir, processed_dir)`` finds every file under ``raw_dir`` (subfolders included), parses the new or
changed ones in a process pool or on a Dask cluster (the others come from the parse cache; ``engines.py``),
marks duplicate reports, and writes ``figures``, ``reports``, ``checks``, ``events`` and ``unexplained`` as
Parquet and CSV, atomically. Files are handled in chunks that are parsed and tabulated where they run, so
the building process holds each chunk's tables packed (compressed Arrow, ``packed.py``) and a small summary
per report, never the parsed reports themselves, and unpacks only the rows it keeps. Every file gets a
``reports`` row: a file that cannot be read or parsed has status ``error`` with the file and cause named.
``raw_dir`` is only ever read.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import pandas as pd
from tqdm import tqdm

from helpers.build import cache as parse_cache
from helpers.build.engines import ENGINES, ChunkResult, Engine, chunk_tasks, make_engine
from helpers.build.ingest import PARSER_CRASHED, ParseFn, Source
from helpers.build.packed import PackedFrame, unpack_all
from helpers.build.store import FORMATS, write_files, write_tables
from helpers.build.tables import (
    Tables,
    checks_frame,
    checks_table,
    events_table,
    figures_table,
    reports_table,
    unexplained_table,
)
from helpers.check.translation import link_translations, translation_checks_from_table
from helpers.contract.report import ReadError, Report, preference
from helpers.contract.schemas import SCHEMAS
from helpers.paths import TEXT_FOLDER
from helpers.read.reader import DEFAULT_MAX_BYTES, HTML_SUFFIXES, read_report

__all__ = ["BuildResult", "add_parser", "build", "discover", "mark_duplicates", "read_report"]

logger = logging.getLogger(__name__)

CACHE_DIR = ".cache"
_IGNORED_PREFIXES = ("readme",)


def _default_parse() -> ParseFn:
    from helpers.extract.parse import parse_report

    return parse_report


# --------------------------------------------------------------------------------------------- discovery


_SIDECAR_SUFFIXES = (".csv", ".tsv", ".json", ".parquet", ".toml", ".yml", ".yaml")


def _is_ignored(relative: PurePosixPath) -> bool:
    """Hidden files and folders (``.cache``), READMEs and data sidecars (manifests …) are not reports."""
    return (any(part.startswith(".") for part in relative.parts)
            or relative.name.lower().startswith(_IGNORED_PREFIXES)
            or relative.suffix.lower() in _SIDECAR_SUFFIXES)


def _report_ids(paths: Sequence[PurePosixPath]) -> list[str]:
    """File stems as report ids; where two files share a stem, their relative paths (ids are unique)."""
    stems = [p.stem for p in paths]
    taken = defaultdict(int)
    for stem in stems:
        taken[stem] += 1
    return [stem if taken[stem] == 1 else path.as_posix() for stem, path in zip(stems, paths, strict=True)]


def discover(raw_dir: Path, *, exclude: Path | None = None) -> tuple[list[Source], list[str]]:
    """Find the input files under ``raw_dir``, recursively, in a stable order.

    Args:
        raw_dir: The folder of reports as received.
        exclude: A folder to skip if it lies inside ``raw_dir`` (the processed folder).

    Returns:
        The sources (path relative to ``raw_dir``, report id, synthetic flag) and the ignored paths.
    """
    raw_dir = Path(raw_dir)
    excluded = exclude.resolve() if exclude is not None else None
    found, ignored = [], []
    for path in raw_dir.rglob("*"):
        if not path.is_file():
            continue
        if excluded is not None and path.resolve().is_relative_to(excluded):
            continue
        relative = PurePosixPath(path.relative_to(raw_dir).as_posix())
        (ignored if _is_ignored(relative) else found).append(relative)
    found.sort(key=str)
    ids = _report_ids(found)
    sources = [Source(p.as_posix(), report_id, "synthetic" in p.as_posix().lower())
               for p, report_id in zip(found, ids, strict=True)]
    return sources, sorted(str(p) for p in ignored)


def with_web_provenance(raw_dir: Path, reports: Sequence[Report], ignored: Sequence[str]) -> list[Report]:
    """Reports with ``source_url``, ``retrieved_at`` and ``archived_url`` from the sidecars of fetched pages.

    ``python -m helpers fetch`` keeps ``<page>.json`` beside each page; only sidecars found among the ignored
    files are read, so a folder of reports saved by hand costs nothing more.
    """
    from helpers.fetch.sidecar import web_sources

    found = web_sources(raw_dir, [r.path for r in reports if r.path], ignored)
    if not found:
        return list(reports)
    return [r.with_provenance(source_url=found[r.path].source_url, retrieved_at=found[r.path].retrieved_at,
                              archived_url=found[r.path].archived_url) if r.path in found else r
            for r in reports]


# --------------------------------------------------------------------------------------------- duplicates


def _period_key(report: Report) -> tuple | None:
    """The key that makes reports copies of one another: one language and one closed period.

    An open period (a year to date, whose end the text does not state) is no key: two tallies of one year are
    not copies.
    """
    if report.month is None and (report.period_start is None or report.period_end is None):
        return None
    return ("period", report.language, report.month, report.period_start, report.period_end)


def _duplicate_note(duplicate: Report, kept: Report) -> str:
    if duplicate.sha256 is not None and duplicate.sha256 == kept.sha256:
        why = "identical file"
    else:
        period = f"{duplicate.period_start}..{duplicate.period_end}" if duplicate.period_start else "?"
        why = f"same language and period: {duplicate.language}, month {duplicate.month}, {period}"
    return f"{duplicate.path}: duplicate of {kept.report_id} ({why}); not counted"


def mark_duplicates(reports: Sequence[Report]) -> list[Report]:
    """Mark all but one report of each (language, month, period) or of identical bytes as duplicates.

    A duplicate keeps its ``reports`` row with status ``warnings``, ``same_as`` naming the kept report and
    a message saying so; the tables drop its figures, checks and events so nothing is counted twice.
    Failed reports are never duplicates.
    """
    groups: dict[tuple, list[Report]] = defaultdict(list)
    for report in reports:
        if report.status == "error":
            continue
        groups[_period_key(report) or ("sha256", report.sha256 or report.report_id)].append(report)
    same_as: dict[str, Report] = {}
    for members in groups.values():
        if len(members) > 1:
            kept, *rest = sorted(members, key=preference)
            same_as.update({r.report_id: kept for r in rest})
    marked = []
    for report in reports:
        kept = same_as.get(report.report_id)
        if kept is None:
            marked.append(report)
            continue
        note = _duplicate_note(report, kept)
        error = f"{note}; {report.error}" if report.error else note
        marked.append(replace(report, same_as=kept.report_id, status="warnings", error=error,
                              notes=(*report.notes, note)))
    return marked


# --------------------------------------------------------------------------------------------- parsing


@dataclass
class _Collected:
    """What the chunks of a build gave back, in report id order."""

    reports: list[Report] = field(default_factory=list)
    figures: list[PackedFrame] = field(default_factory=list)
    checks: list[PackedFrame] = field(default_factory=list)
    events: list[PackedFrame] = field(default_factory=list)
    parsed: int = 0
    from_cache: int = 0
    cache_keys: list[str] = field(default_factory=list)

    def add(self, result: ChunkResult) -> None:
        self.reports.extend(result.reports)
        self.figures.append(result.figures)
        self.checks.append(result.checks)
        self.events.append(result.events)
        self.parsed += result.parsed
        self.from_cache += result.from_cache
        self.cache_keys.extend(result.cache_keys)


def parse_sources(raw_dir: Path, sources: Sequence[Source], *, parse: ParseFn, cache_dir: Path | None,
                  engine: Engine, max_bytes: int = DEFAULT_MAX_BYTES, progress: bool | None = None,
                  cache_version: str | None = None) -> _Collected:
    """Reports (summarised) and tables of the given files, in chunks: each from the cache or parsed.

    Args:
        raw_dir: The folder the sources' paths are relative to.
        sources: The files, in report id order (the tables come out in this order).
        parse: ``parse(text, report_id=...) -> Report``.
        cache_dir: The parse cache's folder, or None to parse every file.
        engine: Where the chunks run (``engines.make_engine``).
        max_bytes: Files larger than this are not read (error row).
        progress: Show a progress bar: True, False, or None for "only on a terminal".
        cache_version: The parser version that salts the cache keys (``cache.parser_version()``).
    """
    tasks = chunk_tasks(raw_dir, sources, parse=parse, max_bytes=max_bytes, cache_dir=cache_dir,
                        cache_version=cache_version)
    collected = _Collected()
    with tqdm(total=len(sources), desc="reports", unit="file", disable=_tqdm_disable(progress)) as bar:
        for result in engine.map(tasks):
            collected.add(result)
            bar.update(len(result.reports))
    for report in collected.reports:
        if report.status == "error":
            log = logger.warning if PARSER_CRASHED in (report.error or "") else logger.info
            log("%s", report.error)
    return collected


def assemble_tables(collected: _Collected, reports: Sequence[Report],
                    duplicates: set[str] | None = None) -> Tables:
    """The five tables of a build from its chunks' tables and its (duplicate-marked) report summaries.

    The same tables ``tables.build_tables`` makes of the full reports: the chunks are in report id order,
    and the figures, checks and events of duplicates are dropped (their ``reports`` rows stay). Reports linked
    as translations keep their figures (the analyses count their month once) and add ``translation_agrees``
    checks.
    """
    if duplicates is None:
        duplicates = {r.report_id for r in reports if r.same_as is not None}
    figures = unpack_all(collected.figures, figures_table([]), drop=duplicates)
    checks = unpack_all(collected.checks, checks_table([]), drop=duplicates)
    agreement = translation_checks_from_table(figures, reports)
    if agreement:
        checks = pd.concat([checks, checks_frame(agreement)], ignore_index=True)
        checks = checks.sort_values("report_id", kind="stable", ignore_index=True)
    ordered = sorted(reports, key=lambda r: r.report_id)
    return Tables(
        figures=figures,
        reports=reports_table(ordered),
        checks=checks,
        events=unpack_all(collected.events, events_table([]), drop=duplicates),
        unexplained=unexplained_table([r for r in ordered if r.report_id not in duplicates]),
    )


def _tqdm_disable(progress: bool | None) -> bool | None:
    """The ``disable`` argument of tqdm: None lets tqdm show the bar only on a terminal."""
    return None if progress is None else not progress


# --------------------------------------------------------------------------------------------- build


def write_article_texts(raw_dir: Path, sources: Sequence[Source], text_dir: Path, *,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> list[Path]:
    """Write the article text of every saved web page to ``text_dir/<path>.txt`` (UTF-8).

    A web page's figures have their character spans in the article text the reader extracts, not in the
    HTML file; this is that text, so links to the spans can point at it. A page is read again only when it
    is newer than its text; texts of pages no longer in ``raw_dir`` are removed.

    Returns:
        The files written.
    """
    files, kept = [], set()
    for source in sources:
        if PurePosixPath(source.path).suffix.lower() not in HTML_SUFFIXES:
            continue
        page, target = Path(raw_dir) / source.path, text_dir / f"{source.path}.txt"
        kept.add(target)
        if target.is_file() and target.stat().st_mtime >= page.stat().st_mtime:
            continue
        try:
            text = read_report(page, max_bytes=max_bytes)
        except ReadError:
            continue  # its reports row says why; it has no spans to link to
        files.append((target, text.encode("utf-8")))
    written = write_files(files, durable=False)
    for stale in text_dir.rglob("*.txt") if text_dir.is_dir() else ():
        if stale not in kept:
            stale.unlink()
    return written


@dataclass(frozen=True)
class BuildResult:
    """What a build did and found: counts for the summary, the problems to look at, and the tables."""

    raw_dir: str
    processed_dir: str
    n_files: int
    parsed: int
    from_cache: int
    ok: int
    warnings: int
    failed: int
    duplicates: int
    figures: int
    events: int
    checks: int
    failed_checks: int
    unexplained: int
    ignored: tuple[str, ...]
    problems: tuple[tuple[str, str, str], ...]
    changed: tuple[str, ...]
    strict: bool = False
    tables: Tables | None = field(default=None, repr=False, compare=False)

    def exit_code(self, strict: bool | None = None) -> int:
        """0 when every report parsed (and, when strict, none has warnings), else 1."""
        strict = self.strict if strict is None else strict
        return 1 if self.failed or (strict and self.warnings) else 0

    def summary(self, max_problems: int = 12) -> str:
        """A one-screen account of the build: counts, then the failed and warned files."""
        lines = [
            f"{self.raw_dir} -> {self.processed_dir}: {self.n_files} file{'' if self.n_files == 1 else 's'} "
            f"({self.parsed} parsed, {self.from_cache} from cache"
            + (f", {len(self.ignored)} ignored" if self.ignored else "") + ")",
            f"  reports      {self.ok} ok, {self.warnings} with warnings ({self.duplicates} duplicates), "
            f"{self.failed} failed",
            f"  figures      {self.figures}    events {self.events}",
            f"  checks       {self.checks} ({self.failed_checks} failed)",
            f"  unexplained  {self.unexplained} numbers",
            f"  tables       {len(self.changed)} of {len(SCHEMAS) * len(FORMATS)} files rewritten, "
            "the others unchanged",
        ]
        ordered = sorted(self.problems, key=lambda p: (p[1] != "error", p[0]))
        for report_id, status, message in ordered[:max_problems]:
            lines.append(f"  {'FAILED ' if status == 'error' else 'warning'} {report_id}: {message}")
        if len(ordered) > max_problems:
            lines.append(f"  ... and {len(ordered) - max_problems} more (see reports.csv)")
        return "\n".join(lines)


def _result(raw_dir: Path, processed_dir: Path, reports: list[Report], counts: tuple[int, int],
            ignored: list[str], tables: Tables, changed: list[Path], strict: bool,
            duplicates: int) -> BuildResult:
    rows = tables.reports
    counted = rows[rows["same_as"].isna()]
    problems = tuple((r.report_id, r.status, r.error or "")
                     for r in sorted(reports, key=lambda r: r.report_id) if r.status != "ok")
    return BuildResult(
        raw_dir=str(raw_dir), processed_dir=str(processed_dir), n_files=len(reports), parsed=counts[0],
        from_cache=counts[1],
        ok=int((rows["status"] == "ok").sum()), warnings=int((rows["status"] == "warnings").sum()),
        failed=int((rows["status"] == "error").sum()), duplicates=duplicates,
        figures=len(tables.figures), events=len(tables.events), checks=len(tables.checks),
        failed_checks=int((~tables.checks["ok"].astype(bool)).sum()),
        unexplained=int(counted["n_unexplained_numbers"].sum()), ignored=tuple(ignored), problems=problems,
        changed=tuple(p.name for p in changed), strict=strict, tables=tables)


def build(raw_dir: str | Path = "data/raw", processed_dir: str | Path = "data/processed", *, jobs: int = 1,
          strict: bool = False, parse: ParseFn | None = None, progress: bool | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES, use_cache: bool = True, engine: str | Engine = "local",
          scheduler: str | None = None, prefer: str = "ar") -> BuildResult:
    """Parse every report under ``raw_dir`` and write the five tables to ``processed_dir``.

    Args:
        raw_dir: The reports as received (``.txt``, ``.md``, ``.html``, ``.htm``; subfolders too); only read.
        processed_dir: Where the five tables go, as ``.parquet`` and ``.csv``, and the parse cache
            (``.cache/``).
        jobs: Worker processes for parsing; the result does not depend on it.
        strict: Whether warnings count as failures in ``result.exit_code()``.
        parse: ``parse(text, report_id=...) -> Report``; ``helpers.parse_report`` by default.
        progress: Show a progress bar: True, False, or None for "only on a terminal".
        max_bytes: Files larger than this are not read (error row).
        use_cache: Reuse parses of unchanged files from ``processed_dir/.cache``.
        engine: Where the files are parsed: ``local`` (this process, or a pool of ``jobs`` processes),
            ``dask`` (a Dask cluster: a local one of ``jobs`` workers, or the one at ``scheduler``), or an
            ``engines.Engine``. The tables do not depend on it.
        scheduler: Address of a running Dask scheduler, for ``engine="dask"``.
        prefer: The language whose version of a month the analyses use when both exist (``ar`` or ``en``).

    Raises:
        FileNotFoundError: ``raw_dir`` is not a folder.
        ValueError: An unknown engine, or a scheduler address without the dask engine.
    """
    raw_dir, processed_dir = Path(raw_dir), Path(processed_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"no folder of reports at {raw_dir}")
    parse = parse or _default_parse()
    engine = make_engine(engine, jobs=jobs, scheduler=scheduler) if isinstance(engine, str) else engine
    sources, ignored = discover(raw_dir, exclude=processed_dir)
    if ignored:
        logger.info("ignoring %d files that are not reports: %s", len(ignored), ", ".join(ignored))
    sources = sorted(sources, key=lambda s: s.report_id)
    cache_dir = processed_dir / CACHE_DIR if use_cache else None
    version = parse_cache.parser_version() if use_cache else None
    collected = parse_sources(raw_dir, sources, parse=parse, cache_dir=cache_dir, engine=engine,
                              max_bytes=max_bytes, progress=progress, cache_version=version)
    reports = mark_duplicates(with_web_provenance(raw_dir, collected.reports, ignored))
    duplicates = {r.report_id for r in reports if r.same_as is not None}
    reports = link_translations(reports, preferred=prefer)
    tables = assemble_tables(collected, reports, duplicates)
    processed_dir.mkdir(parents=True, exist_ok=True)
    changed = write_tables(tables.items(), processed_dir)
    write_article_texts(raw_dir, sources, processed_dir / TEXT_FOLDER, max_bytes=max_bytes)
    if cache_dir is not None:
        cache = parse_cache.ParseCache(cache_dir, parse, version=version)
        cache.used.update(collected.cache_keys)
        pruned = cache.prune()
        logger.debug("pruned %d stale cache entries", pruned)
    result = _result(raw_dir, processed_dir, reports, (collected.parsed, collected.from_cache), ignored,
                     tables, changed, strict, len(duplicates))
    logger.info("built %s: %d reports (%d failed, %d with warnings)", processed_dir, result.n_files,
                result.failed, result.warnings)
    return result


# --------------------------------------------------------------------------------------------- CLI


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``build`` on the CLI's subcommands."""
    parser = subparsers.add_parser(
        "build", help="parse data/raw into data/processed (incremental)",
        description="Parse every report under RAW_DIR and write the figures, reports, checks, events and "
                    "unexplained tables to PROCESSED_DIR as Parquet and CSV. Only new or changed files are "
                    "parsed again.")
    parser.add_argument("raw_dir", nargs="?", type=Path, default=Path("data/raw"), metavar="RAW_DIR",
                        help="folder of reports as received (default: data/raw)")
    parser.add_argument("processed_dir", nargs="?", type=Path, default=Path("data/processed"),
                        metavar="PROCESSED_DIR", help="output folder (default: data/processed)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    parser.add_argument("--prefer", choices=("ar", "en"), default="ar",
                        help="language counted when a month exists in both (the other is linked via same_as)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 2**20,
                        help="size limit of one input file in MiB (default: %(default)g)")
    parser.add_argument("--no-cache", action="store_true", help="parse every file again")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="where to parse: local (a process pool of --jobs workers) or dask (a local Dask "
                             "cluster of --jobs workers, or the one at --scheduler; needs the [dask] extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of a running Dask scheduler (tcp://host:8786), with --engine dask; the "
                             "workers must see RAW_DIR and PROCESSED_DIR at the same paths")
    parser.set_defaults(func=run_cli)
    return parser


def run_cli(args: argparse.Namespace) -> int:
    """Run ``build`` from parsed CLI arguments, print the summary, and return the exit status."""
    from tqdm.contrib.logging import logging_redirect_tqdm

    try:
        with logging_redirect_tqdm():
            result = build(args.raw_dir, args.processed_dir, jobs=args.jobs, strict=args.strict,
                           progress=False if args.quiet else None, max_bytes=int(args.max_mb * 2**20),
                           use_cache=not args.no_cache, engine=args.engine, scheduler=args.scheduler,
                           prefer=args.prefer)
    except (FileNotFoundError, ValueError) as exc:
        logger.error("%s", exc)
        return 2
    if not args.quiet:
        print(result.summary())
    return result.exit_code()
