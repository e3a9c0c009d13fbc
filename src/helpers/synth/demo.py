"""The synthetic demo corpus: one report per month plus its ground truth, written reproducibly to a folder.

Load a month range and a seed / render each month with variations drawn from the default set / save
``synthetic_mNNN.txt`` files, ``ground_truth.csv`` (the figures every report states, in the figures-table
vocabulary) and ``manifest.csv`` (one row per report: period, seed, variations, the event it names). Every
file name says ``synthetic``; the same months and seed always give byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
import random
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.contract.calendar import month_of_date
from helpers.synth.generate import generate_truth, profile
from helpers.synth.render import SyntheticReport
from helpers.synth.stated import COLUMNS
from helpers.synth.variations import Variations, sample_variations

log = logging.getLogger(__name__)

GROUND_TRUTH = "ground_truth.csv"
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("report_id", "file", "synthetic", "month", "period_start", "period_end", "language",
                    "render_seed", "n_figures", "event_date", "event_admin1", "variations")


def report_id(month: int) -> str:
    """The id (file stem) of the synthetic report of ``month``: ``synthetic_m112``."""
    return f"synthetic_m{month:03d}"


LAST_MONTH = 199
"""The last month the generator writes: an Arabic title spells its month's ordinal in words up to 199."""


def first_month() -> int:
    """The first month the generator writes: that of the March 2019 defeat announcement.

    Its reports follow the format of 2019 on, whose running totals may count from that announcement.
    """
    return month_of_date(dt.date.fromisoformat(profile()["cumulative"]["since_2019"]))


def parse_months(spec: str) -> list[int]:
    """Read ``"90-125"``, ``"112"`` or ``"90-95,110"`` into a sorted list of months.

    Raises:
        ValueError: Text that is no month or range, or a month the generator cannot write (outside
            ``first_month()`` to ``LAST_MONTH``); the message says which months are allowed.
    """
    lowest = first_month()
    allowed = (f"months {lowest}-{LAST_MONTH}, written like 90-125, 112 or 90-95,110 (before month {lowest} "
               f"the reports predate the 2019 format the generator writes; past {LAST_MONTH} an Arabic title "
               f"cannot spell the month)")
    return month_ranges(spec, lowest, LAST_MONTH, allowed)


def month_ranges(spec: str, lowest: int, highest: int, allowed: str) -> list[int]:
    """Read ``"90-125"``, ``"112"`` or ``"90-95,110"`` into a sorted list of months from lowest to highest.

    Raises:
        ValueError: Text that is no month or range, a range that runs backwards or leaves the bounds, or no
            month at all; the message ends with ``allowed`` (what may be given).
    """
    months: set[int] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        first, _, last = part.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            raise ValueError(f"{part!r} is not a month or a range of months; allowed: {allowed}") from None
        if high < low:
            raise ValueError(f"{part!r} runs backwards; allowed: {allowed}")
        if low < lowest or high > highest:
            raise ValueError(f"{part!r} is out of range; allowed: {allowed}")
        months.update(range(low, high + 1))
    if not months:
        raise ValueError(f"no months given; allowed: {allowed}")
    return sorted(months)


def demo_reports(months: Iterable[int], seed: int = 0, options: dict[str, tuple[str, ...]] | None = None,
                 variations: Variations | None = None) -> list[SyntheticReport]:
    """Render one synthetic report per month; variations are drawn per month unless ``variations`` is given.

    Args:
        months: Caliphate months.
        seed: Seed of the truths, the variation draws and the wording.
        options: Allowed options per family (the default set when None).
        variations: Use these variations for every month instead of drawing them.

    Returns:
        The rendered reports, in month order.
    """
    reports = []
    for month in months:
        rng = random.Random(f"helpers.synth.demo:{seed}:{month}")
        chosen = variations or sample_variations(rng, options)
        reports.append(SyntheticReport.build(generate_truth(month, seed), chosen,
                                             seed=rng.randrange(1 << 30), report_id=report_id(month)))
    return reports


def _write_atomic(path: Path, text: str) -> None:
    """Write text (UTF-8, Unix line ends) through a temporary file and a rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return buffer.getvalue()


def ground_truth_rows(reports: Sequence[SyntheticReport]) -> list[tuple]:
    """``(report_id, month, *COLUMNS)`` rows of every report, sorted for a stable file."""
    rows = [(r.report_id, r.truth.month, *row) for r in reports for row in r.rows]
    return sorted(rows, key=lambda row: tuple("" if c is None else str(c) for c in row))


def manifest_rows(reports: Sequence[SyntheticReport]) -> list[tuple]:
    """One row per report: where it is, what period it covers, how it was written."""
    rows = []
    for r in reports:
        start, end = r.truth.period
        leader = r.truth.sdf.leader if r.truth.sdf is not None else None
        rows.append((r.report_id, f"{r.report_id}.txt", "true", r.truth.month, start.isoformat(),
                     end.isoformat(), r.language, r.seed, len(r.rows),
                     leader.date.isoformat() if leader and r.variations.sections == "all" else None,
                     leader.admin1 if leader and r.variations.sections == "all" else None,
                     r.variations.spec()))
    return rows


def write_corpus(out_dir: Path, months: Iterable[int], seed: int = 0,
                 options: dict[str, tuple[str, ...]] | None = None) -> list[SyntheticReport]:
    """Write the demo corpus: report texts, ``ground_truth.csv`` and ``manifest.csv`` into ``out_dir``.

    Args:
        out_dir: Target folder (created when missing); files of the same names are replaced.
        months: Caliphate months, one report each.
        seed: Seed of everything random.
        options: Allowed options per family (the default set when None).

    Returns:
        The reports written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    reports = demo_reports(months, seed, options)
    for report in reports:
        _write_atomic(out_dir / f"{report.report_id}.txt", report.text)
    header = ("report_id", "month", *COLUMNS)
    _write_atomic(out_dir / GROUND_TRUTH, _csv_text(header, ground_truth_rows(reports)))
    _write_atomic(out_dir / MANIFEST, _csv_text(MANIFEST_COLUMNS, manifest_rows(reports)))
    log.info("wrote %d synthetic reports and their ground truth to %s", len(reports), out_dir)
    return reports
