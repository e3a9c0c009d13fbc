"""The ``evaluate`` subcommand: a build scored against a folder of hand annotations.

``python -m helpers evaluate TRUTH_DIR`` reads the build in ``data/processed`` (or ``--processed DIR``, or
builds ``--raw DIR`` first, into ``--out DIR`` or a temporary folder), compares it with the annotation CSVs
of ``TRUTH_DIR`` (docs/EVALUATE.md) and prints one line per report and per category, then the total;
``-v`` also lists every miss (with its file, line and note) and every extra (with its sentence and raw
span), ``--json`` prints everything as JSON instead. Exit status 0, or 2 with a message naming the file and
line for bad input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.contract import schemas
from helpers.evaluate.annotations import SOURCES_FILE, AnnotationError, read_truth
from helpers.evaluate.score import Evaluation, ReportScore, Tally, evaluate

__all__ = ["add_parser", "format_text", "load_build", "run_cli"]

logger = logging.getLogger(__name__)

_TABLES = ("figures", "reports")


class _BadInput(Exception):
    """Input the command cannot use; the message says what and where."""


def load_build(processed_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The validated ``figures`` and ``reports`` tables of a build folder.

    Raises:
        FileNotFoundError: A table is missing (the message says how to make it).
        ValueError: A table is unreadable or does not follow the contract (an older build?).
    """
    processed_dir = Path(processed_dir)
    frames = []
    for name in _TABLES:
        path = processed_dir / f"{name}.parquet"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: build the dataset with `python -m helpers build "
                                    f"RAW_DIR {processed_dir}`, or pass --raw RAW_DIR")
        try:
            frames.append(schemas.SCHEMAS[name].validate(pd.read_parquet(path)))
        except (pa.errors.SchemaError, pa.errors.SchemaErrors, OSError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ValueError(f"{path}: not a {name} table of this version's contract ({first}); build it "
                             f"again") from None
    return frames[0], frames[1]


def _built(raw_dir: Path, out_dir: Path, jobs: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    from helpers.build.corpus import build

    result = build(raw_dir, out_dir, jobs=jobs, progress=False)
    logger.info("%s", result.summary())
    return result.tables.figures, result.tables.reports


def _tables(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame]:
    if args.raw is None:
        return load_build(args.processed)
    if not args.raw.is_dir():
        raise FileNotFoundError(f"{args.raw}: no such folder of reports")
    if args.out is not None:
        return _built(args.raw, args.out, args.jobs)
    with tempfile.TemporaryDirectory(prefix="helpers-evaluate-") as out:
        return _built(args.raw, Path(out), args.jobs)


# --------------------------------------------------------------------------------------------- output


def _pct(share: float) -> str:
    return f"{share:.1%}"


def _report_line(score: ReportScore) -> str:
    t = score.tally
    found, expected = (m if m is not None else "-" for m in (score.month_found, score.month_expected))
    month = f"{found}/{expected}"
    return (f"[{score.category}] {score.report_id}: month {month}, {t.found}/{t.expected} found, "
            f"{t.extra} extra of {t.extracted} extracted ({score.status})")


def _tally_line(name: str, t: Tally, month_scored: bool) -> str:
    month = (f"month {t.month_ok}/{t.months}, invented {t.month_invented}" if month_scored
             else "month not scored (no sources)")
    reports = f"{t.reports} report{'' if t.reports == 1 else 's'}"
    return (f"{name}: {reports}; figures found {t.found}/{t.expected} ({_pct(t.recall)}); precision "
            f"{_pct(t.precision)}; {month}; qualifier {t.qualifier_ok}/{t.qualifier}; perpetrator "
            f"{t.perpetrator_ok}/{t.perpetrator}")


def _details(score: ReportScore) -> list[str]:
    lines = []
    for miss in score.misses:
        note = f"; note: {miss.note}" if miss.note else ""
        lines.append(f"    missed: {miss.describe()}  ({score.report_id}.csv line {miss.line}{note})")
    for extra in score.extras:
        lines.append(f"    extra:  {extra.describe()}")
        lines.append(f"            [{extra.start}:{extra.end}] {' '.join(extra.sentence.split())}")
    return lines


def format_text(evaluation: Evaluation, details: bool = False) -> str:
    """The evaluation as text.

    A line per report (followed by its misses and extras when ``details``), a line per category, then the
    total.
    """
    lines = []
    for score in evaluation.reports:
        lines.append(_report_line(score))
        if details:
            lines.extend(_details(score))
    for name, tally in evaluation.categories.items():
        lines.append(_tally_line(name, tally, evaluation.month_scored))
    lines.append(_tally_line("total", evaluation.total, evaluation.month_scored))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------- CLI


def run_cli(args: argparse.Namespace) -> int:
    """Run ``evaluate`` from parsed CLI arguments: print the result; 0, or 2 for bad input."""
    try:
        if args.raw is not None and args.processed is not None:
            raise _BadInput("give either --processed DIR or --raw DIR, not both")
        if args.out is not None and args.raw is None:
            raise _BadInput("--out needs --raw (it is where the reports are built)")
        args.processed = Path("data/processed") if args.processed is None else args.processed
        truth = read_truth(args.truth_dir, args.sources)
        figures, reports = _tables(args)
    except (AnnotationError, FileNotFoundError, ValueError, _BadInput) as exc:
        print(f"helpers evaluate: error: {exc}", file=sys.stderr)
        return 2
    evaluation = evaluate(figures, reports, truth)
    if args.json:
        print(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_text(evaluation, details=args.details))
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``evaluate`` on the CLI's subcommands."""
    parser = subparsers.add_parser(
        "evaluate", help="score a build against hand-annotated reports (per report and per category)",
        description="Compare the figures of a build with the annotation CSVs in TRUTH_DIR (one "
                    "<report_id>.csv per report, format in docs/EVALUATE.md): figures found exactly, extra "
                    "figures (precision), month found or invented, qualifier and perpetrator agreement, per "
                    "report, per category and in total.")
    parser.add_argument("truth_dir", type=Path, metavar="TRUTH_DIR",
                        help="folder of <report_id>.csv annotations")
    source = parser.add_argument_group("the build to score (default: --processed data/processed)")
    source.add_argument("--processed", type=Path, metavar="DIR", help="read the tables of this build folder")
    source.add_argument("--raw", type=Path, metavar="DIR", help="build the reports of this folder first")
    source.add_argument("--out", type=Path, metavar="DIR",
                        help="with --raw: build into this folder (kept, incremental), not a temporary one")
    source.add_argument("-j", "--jobs", type=int, default=1, help="with --raw: worker processes (default 1)")
    parser.add_argument("--sources", type=Path, metavar="CSV",
                        help=f"id, category, month, month_in_text per report (default: TRUTH_DIR/"
                             f"{SOURCES_FILE} if present; without one every report is category 'all' and "
                             "months are not scored)")
    parser.add_argument("-v", "--verbose", dest="details", action="store_true",
                        help="list every miss (file line, note) and every extra (its sentence and raw span)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (per report, per "
                        "category, total; misses and extras included)")
    parser.set_defaults(func=run_cli)
    return parser
