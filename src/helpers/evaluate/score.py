"""Annotated figures vs extracted figures: the project's matching rule, on DataFrames, returning dataclasses.

The rule is the one of the real development set's scorer (``realdev/score.py``), so a researcher's own sample
and the project's yardstick are scored alike:

* An annotated figure is **found** when at least one extracted figure of its report has the same zone,
  measure, group and value and, unless the annotation is a ``headline``, the same level, governorate
  (admin1), scope and sub-count-or-not (subgroup empty or not; which subgroup is not compared). Every
  extracted figure that matches is used by it; one extracted figure may match several annotations.
* An extracted figure that no annotation matches is an **extra**. Precision is ``1 - extra / extracted``
  (0 when nothing was extracted); recall is ``found / expected`` (1 when nothing is annotated).
* **Qualifier** and **perpetrator** agree when the annotation's value is among those of the figures that
  matched it; they are reported beside the score and never decide a match (an empty perpetrator is not
  compared).
* **Month**: where the sources say the text states its month, it is found when the report's month equals it;
  where they say it does not, a month the parser gave the report is **invented**. Without sources, months are
  not scored.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields

import pandas as pd

from helpers.evaluate.annotations import COLUMNS, Truth

__all__ = ["Evaluation", "Extra", "Miss", "ReportScore", "Tally", "evaluate", "score_report"]

logger = logging.getLogger(__name__)

MISSING = "missing"
"""The status of an annotated report the build has no row for."""

_SHOWN = ("zone", "level", "admin1", "measure", "group", "subgroup", "perpetrator", "value", "qualifier",
          "scope")


def _describe(values: Mapping[str, object]) -> str:
    """``zone=badia, level=total, ...``: the figure's non-empty fields, as ``score.py -v`` lists them."""
    return ", ".join(f"{c}={values[c]}" for c in _SHOWN if values[c] is not None and str(values[c]) != "")


@dataclass(frozen=True)
class Miss:
    """An annotated figure no extracted figure matched, with where it was annotated."""

    report_id: str
    line: int
    zone: str
    level: str
    admin1: str
    measure: str
    group: str
    subgroup: str
    perpetrator: str
    value: int
    qualifier: str
    scope: str
    note: str = ""

    def describe(self) -> str:
        """The annotation's non-empty fields, ``zone=..., level=..., ...``."""
        return _describe(asdict(self))


@dataclass(frozen=True)
class Extra:
    """An extracted figure no annotation matched, with the sentence and raw span it came from."""

    report_id: str
    zone: str
    level: str
    admin1: str | None
    measure: str
    group: str
    subgroup: str | None
    perpetrator: str
    value: int
    qualifier: str
    scope: str
    sentence: str
    start: int
    end: int

    def describe(self) -> str:
        """The figure's non-empty fields, ``zone=..., level=..., ...``."""
        return _describe(asdict(self))


@dataclass(frozen=True)
class Tally:
    """Counts of one report, one category or all reports; they add up."""

    reports: int = 0
    expected: int = 0
    found: int = 0
    extracted: int = 0
    extra: int = 0
    months: int = 0
    month_ok: int = 0
    month_invented: int = 0
    qualifier: int = 0
    qualifier_ok: int = 0
    perpetrator: int = 0
    perpetrator_ok: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def recall(self) -> float:
        """Share of annotated figures found (1 when none is annotated)."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Share of extracted figures that match an annotation (0 when none was extracted)."""
        return 1 - self.extra / self.extracted if self.extracted else 0.0

    def to_dict(self) -> dict[str, int | float]:
        """The counts with ``recall`` and ``precision``, for JSON."""
        return {**asdict(self), "recall": self.recall, "precision": self.precision}


@dataclass(frozen=True)
class ReportScore:
    """How the build did on one annotated report.

    Attributes:
        report_id: The report (the annotation file's stem).
        category: Its category from the sources (``all`` without them).
        status: The build's status of the report (``ok``, ``warnings``, ``error``), or ``missing``.
        month_found: The caliphate month the build gave the report, if any.
        month_expected: The month the sources give, if any.
        month_in_text: Whether the sources say the text states its month; None when months are not scored.
        tally: The report's counts (``reports`` is 1).
        misses: The annotated figures not found, in file order.
        extras: The extracted figures matching no annotation, in table order.
    """

    report_id: str
    category: str
    status: str
    month_found: int | None
    month_expected: int | None
    month_in_text: bool | None
    tally: Tally
    misses: tuple[Miss, ...] = ()
    extras: tuple[Extra, ...] = ()

    @property
    def month_ok(self) -> bool | None:
        """Whether a stated month was found; None where the text states none or months are not scored."""
        return bool(self.tally.month_ok) if self.tally.months else None

    @property
    def month_invented(self) -> bool:
        """Whether the build gave a month to a text the sources say states none."""
        return bool(self.tally.month_invented)

    def to_dict(self) -> dict:
        """The report's counts (as a category's), its month, misses and extras, for JSON."""
        month = {"found": self.month_found, "expected": self.month_expected, "in_text": self.month_in_text,
                 "ok": self.month_ok, "invented": self.month_invented}
        return {"report_id": self.report_id, "category": self.category, "status": self.status,
                **self.tally.to_dict(), "month": month, "misses": [asdict(m) for m in self.misses],
                "extras": [asdict(e) for e in self.extras]}


@dataclass(frozen=True)
class Evaluation:
    """The scores of every annotated report, in the sources' order, with totals per category and overall."""

    reports: tuple[ReportScore, ...]
    month_scored: bool
    categories: dict[str, Tally] = field(init=False)
    total: Tally = field(init=False)

    def __post_init__(self) -> None:
        categories: dict[str, Tally] = {}
        for score in self.reports:
            categories[score.category] = categories.get(score.category, Tally()) + score.tally
        object.__setattr__(self, "categories", dict(sorted(categories.items())))
        object.__setattr__(self, "total", sum((s.tally for s in self.reports), Tally()))

    def to_dict(self) -> dict:
        """Everything, for ``--json``: ``month_scored``, ``reports`` (list), ``categories`` and ``total``."""
        return {"month_scored": self.month_scored, "reports": [s.to_dict() for s in self.reports],
                "categories": {name: t.to_dict() for name, t in self.categories.items()},
                "total": self.total.to_dict()}


# --------------------------------------------------------------------------------------------- matching


def _prepared(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures columns the rule compares, as plain strings (admin1 empty when null) and Int64 values."""
    frame = figures.reset_index(drop=True)
    text = {c: frame[c].astype("string") for c in ("report_id", "zone", "level", "measure", "group", "scope",
                                                    "qualifier", "perpetrator")}
    return frame.assign(**text, admin1=frame["admin1"].astype("string").fillna(""),
                        has_subgroup=frame["subgroup"].notna() & (frame["subgroup"].astype("string") != ""),
                        value=frame["value"].astype("Int64"))


def _matches(got: pd.DataFrame, annotation: Mapping[str, str]) -> pd.DataFrame:
    """The extracted figures of a report that match one annotated figure."""
    m = got[(got["zone"] == annotation["zone"]) & (got["measure"] == annotation["measure"])
            & (got["group"] == annotation["group"]) & (got["value"] == int(annotation["value"]))]
    if annotation["level"] != "headline":
        m = m[(m["level"] == annotation["level"]) & (m["admin1"] == annotation["admin1"])
              & (m["has_subgroup"] == bool(annotation["subgroup"])) & (m["scope"] == annotation["scope"])]
    return m


def _optional(value) -> str | None:
    return None if pd.isna(value) else str(value)


def _extra(row: pd.Series) -> Extra:
    return Extra(report_id=str(row["report_id"]), zone=str(row["zone"]), level=str(row["level"]),
                 admin1=_optional(row["admin1"]) or None, measure=str(row["measure"]),
                 group=str(row["group"]),
                 subgroup=_optional(row["subgroup"]), perpetrator=str(row["perpetrator"]),
                 value=int(row["value"]), qualifier=str(row["qualifier"]), scope=str(row["scope"]),
                 sentence=str(row["sentence"]), start=int(row["start"]), end=int(row["end"]))


def _build_row(reports: pd.DataFrame, report_id: str) -> tuple[str, int | None, str | None]:
    """A report's status, month and ``same_as`` in the build (``missing`` when it has no row)."""
    rows = reports[reports["report_id"].astype("string") == report_id]
    if rows.empty:
        return MISSING, None, None
    month = rows["month"].iloc[0]
    same_as = rows["same_as"].iloc[0] if "same_as" in rows else None
    return (str(rows["status"].iloc[0]), None if pd.isna(month) else int(month),
            None if pd.isna(same_as) else str(same_as))


def score_report(report_id: str, annotations: pd.DataFrame, got: pd.DataFrame, *, status: str,
                 month_found: int | None, source: Mapping[str, str], month_scored: bool) -> ReportScore:
    """Score one report: its annotations against its extracted figures.

    Args:
        report_id: The report.
        annotations: Its annotated figures (``annotations.read_annotation``).
        got: Its extracted figures, prepared by ``_prepared`` (the rows of the figures table).
        status: The build's status of the report.
        month_found: The month the build gave it.
        source: Its sources row: ``category``, ``month``, ``month_in_text``.
        month_scored: Whether months are scored at all.

    Returns:
        The report's score.
    """
    used: set[int] = set()
    misses = []
    counts = dict.fromkeys(("found", "qualifier", "qualifier_ok", "perpetrator", "perpetrator_ok"), 0)
    for annotation in annotations.to_dict("records"):
        matched = _matches(got, annotation)
        if matched.empty:
            misses.append(Miss(report_id=report_id, line=int(annotation["line"]),
                               value=int(annotation["value"]), note=annotation.get("note", ""),
                               **{c: annotation[c] for c in COLUMNS if c != "value"}))
            continue
        used.update(matched.index)
        counts["found"] += 1
        counts["qualifier"] += 1
        counts["qualifier_ok"] += int(annotation["qualifier"] in set(matched["qualifier"]))
        if annotation["perpetrator"]:
            counts["perpetrator"] += 1
            counts["perpetrator_ok"] += int(annotation["perpetrator"] in set(matched["perpetrator"]))
    extras = got.drop(index=sorted(used))
    in_text = source["month_in_text"] == "yes" if month_scored else None
    expected_month = int(source["month"]) if source["month"] else None
    tally = Tally(reports=1, expected=len(annotations), extracted=len(got), extra=len(extras),
                  months=int(bool(in_text)),
                  month_ok=int(bool(in_text) and month_found is not None and month_found == expected_month),
                  month_invented=int(month_scored and not in_text and month_found is not None), **counts)
    return ReportScore(report_id=report_id, category=source["category"], status=status,
                       month_found=month_found, month_expected=expected_month, month_in_text=in_text,
                       tally=tally, misses=tuple(misses),
                       extras=tuple(_extra(row) for _, row in extras.iterrows()))


def evaluate(figures: pd.DataFrame, reports: pd.DataFrame, truth: Truth) -> Evaluation:
    """Score the figures and reports tables of a build against a folder of annotations.

    Args:
        figures: The ``figures`` table (the contract's columns; at least those the rule compares and
            ``subgroup``, ``sentence``, ``start``, ``end``).
        reports: The ``reports`` table (``report_id``, ``month``, ``status``).
        truth: The annotations (``annotations.read_truth``).

    Returns:
        The score of every report of ``truth.sources``, in its order; reports of the build that are not
        annotated are not scored.
    """
    got_all = _prepared(figures)
    by_report = {str(k): v for k, v in got_all.groupby("report_id", sort=False)}
    empty = got_all.iloc[0:0]
    scores = []
    for source in truth.sources.to_dict("records"):
        report_id = source["id"]
        status, month_found, same_as = _build_row(reports, report_id)
        got = by_report.get(report_id, empty)
        if status == MISSING:
            logger.warning("annotated report %s is not in the build (no report file with that stem?)",
                           report_id)
        elif same_as is not None and got.empty:
            logger.warning("annotated report %s is a duplicate of %s in the build: its figures are not in "
                           "the tables, so every annotation of it is a miss", report_id, same_as)
        scores.append(score_report(report_id, truth.annotations[report_id], got,
                                   status=status, month_found=month_found, source=source,
                                   month_scored=truth.month_scored))
    return Evaluation(reports=tuple(scores), month_scored=truth.month_scored)
