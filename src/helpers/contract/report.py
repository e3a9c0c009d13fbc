"""The parsed form of one report: figures with their source spans, events, and what was left unexplained.

These dataclasses are the only thing the parser produces; validation and tabulation read them and never
reach back into the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from helpers.contract import vocab


class ReportError(ValueError):
    """Base of the errors the project raises on bad input; the message names the file when it is known."""


class NotAReportError(ReportError):
    """The text is not a report of the series (unrelated article, empty file, unsupported language)."""


class ParserError(ReportError):
    """The parser failed on this text: a bug to report, turned into an error row instead of a crash."""


class ReadError(ReportError):
    """The file could not be read as text (binary, undecodable, too large, unreadable)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One number the report states, with its meaning in the contract's vocabulary and its raw span."""

    zone: str
    level: str
    measure: str
    group: str
    value: int
    perpetrator: str = "isis"
    qualifier: str = "exact"
    scope: str = "report"
    subgroup: str | None = None
    since: dt.date | None = None
    admin1: str | None = None
    admin1_pcode: str | None = None
    place_ar: str | None = None
    group_ar: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0

    def as_subcount_of(self, parent: Figure) -> Figure:
        """This count as a sub-count inside ``parent`` (``بينهم``): its group, measure, place and agent."""
        return replace(
            self,
            group=parent.group,
            measure=parent.measure,
            zone=parent.zone,
            level=parent.level,
            admin1=parent.admin1,
            admin1_pcode=parent.admin1_pcode,
            place_ar=parent.place_ar,
            perpetrator=parent.perpetrator,
            scope=parent.scope,
            since=parent.since,
        )

    def key(self) -> tuple:
        """The figure's identity for comparisons across versions of a report (no text, no offsets)."""
        return (
            self.zone,
            self.level,
            self.admin1,
            self.measure,
            self.group,
            self.subgroup,
            self.perpetrator,
            self.scope,
            self.since,
        )


@dataclass(frozen=True, slots=True)
class Event:
    """A notable single event the report names (a leader killed, a named attack), dated where it can be."""

    date: dt.date | None
    admin1: str | None
    place_ar: str | None
    actor: str
    target: str
    description_ar: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Unexplained:
    """A number in the text that became no figure and is not a known non-figure: reported, never dropped."""

    text: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Report:
    """One report: its period, its figures, events and coverage, plus provenance filled in by the corpus."""

    report_id: str
    language: str = "ar"
    month: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_kind: str | None = None
    month_numbering: str = "series"  # how ``month`` counts (vocab.MONTH_NUMBERINGS)
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    unexplained: tuple[Unexplained, ...] = ()
    status: str = "ok"
    error: str | None = None
    path: str | None = None
    sha256: str | None = None
    synthetic: bool = False
    same_as: str | None = None
    notes: tuple[str, ...] = field(default=())
    source_url: str | None = None
    retrieved_at: dt.datetime | None = None
    archived_url: str | None = None

    @classmethod
    def failed(cls, report_id: str, error: str, **provenance) -> Report:
        """A report that could not be parsed: a row of its own with status ``error``, never a lost file."""
        return cls(report_id=report_id, status="error", error=error, **provenance)

    def with_provenance(self, **provenance) -> Report:
        """A copy with corpus-level fields (path, sha256, synthetic, same_as, the web provenance) set."""
        return replace(self, **provenance)


@dataclass(frozen=True, slots=True)
class Check:
    """One consistency check: a stated number against what the report's own parts add up to."""

    report_id: str
    kind: str
    zone: str | None
    measure: str | None
    group: str | None
    stated: int
    computed: int
    ok: bool
    detail: str | None = None


def preference(report: Report) -> tuple:
    """Which of several reports of one period stands for it (the smallest key), decided here only.

    Real before synthetic, clean before warned, latest fetched (a changed page's new version), fuller,
    then by id.
    """
    fetched = -report.retrieved_at.timestamp() if report.retrieved_at is not None else 0.0
    rank = vocab.STATUS_RANK.get(report.status, len(vocab.STATUSES))
    return (report.synthetic, rank, fetched, -len(report.figures), report.report_id)
