"""Pandera schemas of the five tables: the contract every notebook and test relies on.

Used when tables are built (``tables.py``), when they are written (``corpus.py``) and in tests, so a column
or vocabulary can only change here and in docs/ARCHITECTURE.md together.
"""

from __future__ import annotations

import pandera.pandas as pa

from helpers.contract import vocab

_STR = "string"
_NULLABLE_STR = {"dtype": _STR, "nullable": True}


def _isin(values) -> list[pa.Check]:
    return [pa.Check.isin(list(values))]


FIGURES = pa.DataFrameSchema(
    {
        "report_id": pa.Column(_STR),
        "month": pa.Column("Int64", nullable=True),
        "period_start": pa.Column("datetime64[ns]", nullable=True),
        "period_end": pa.Column("datetime64[ns]", nullable=True),
        "zone": pa.Column(_STR, checks=_isin(vocab.ZONES)),
        "level": pa.Column(_STR, checks=_isin(vocab.LEVELS)),
        "admin1": pa.Column(_STR, checks=_isin(vocab.ADMIN1), nullable=True),
        "admin1_pcode": pa.Column(_STR, checks=_isin(vocab.ADMIN1_PCODES.values()), nullable=True),
        "place_ar": pa.Column(**_NULLABLE_STR),
        "measure": pa.Column(_STR, checks=_isin(vocab.MEASURES)),
        "group": pa.Column(_STR, checks=_isin(vocab.GROUPS)),
        "group_ar": pa.Column(**_NULLABLE_STR),
        "subgroup": pa.Column(_STR, checks=_isin(vocab.SUBGROUPS), nullable=True),
        "perpetrator": pa.Column(_STR, checks=_isin(vocab.PERPETRATORS)),
        "value": pa.Column("int64", checks=[pa.Check.ge(0)]),
        "qualifier": pa.Column(_STR, checks=_isin(vocab.QUALIFIERS)),
        "scope": pa.Column(_STR, checks=_isin(vocab.SCOPES)),
        "since": pa.Column("datetime64[ns]", nullable=True),
        "sentence": pa.Column(_STR),
        "start": pa.Column("int64", checks=[pa.Check.ge(0)]),
        "end": pa.Column("int64", checks=[pa.Check.ge(0)]),
    },
    checks=[pa.Check(lambda df: (df["end"] >= df["start"]).all(), error="end before start")],
    strict=True,
    ordered=True,
    name="figures",
)

REPORTS = pa.DataFrameSchema(
    {
        "report_id": pa.Column(_STR, unique=True),
        "path": pa.Column(**_NULLABLE_STR),
        "sha256": pa.Column(**_NULLABLE_STR),
        "month": pa.Column("Int64", nullable=True),
        "period_start": pa.Column("datetime64[ns]", nullable=True),
        "period_end": pa.Column("datetime64[ns]", nullable=True),
        "period_kind": pa.Column(_STR, checks=_isin(vocab.PERIOD_KINDS), nullable=True),
        "month_numbering": pa.Column(_STR, checks=_isin(vocab.MONTH_NUMBERINGS), nullable=True),
        "language": pa.Column(_STR, checks=_isin(vocab.LANGUAGES), nullable=True),
        "n_figures": pa.Column("int64", checks=[pa.Check.ge(0)]),
        "n_unexplained_numbers": pa.Column("int64", checks=[pa.Check.ge(0)]),
        "status": pa.Column(_STR, checks=_isin(vocab.STATUSES)),
        "error": pa.Column(**_NULLABLE_STR),
        "synthetic": pa.Column("bool"),
        "same_as": pa.Column(**_NULLABLE_STR),
        "source_url": pa.Column(**_NULLABLE_STR),
        "retrieved_at": pa.Column("datetime64[ns, UTC]", nullable=True),
        "archived_url": pa.Column(**_NULLABLE_STR),
    },
    strict=True,
    ordered=True,
    name="reports",
)

CHECKS = pa.DataFrameSchema(
    {
        "report_id": pa.Column(_STR),
        "kind": pa.Column(_STR, checks=_isin(vocab.CHECK_KINDS)),
        "zone": pa.Column(_STR, checks=_isin(vocab.ZONES), nullable=True),  # null for event_in_period
        "measure": pa.Column(_STR, checks=_isin(vocab.MEASURES), nullable=True),
        "group": pa.Column(_STR, checks=_isin(vocab.GROUPS), nullable=True),
        "stated": pa.Column("int64"),
        "computed": pa.Column("int64"),
        "ok": pa.Column("bool"),
        "detail": pa.Column(**_NULLABLE_STR),
    },
    strict=True,
    ordered=True,
    name="checks",
)

EVENTS = pa.DataFrameSchema(
    {
        "report_id": pa.Column(_STR),
        "date": pa.Column("datetime64[ns]", nullable=True),
        "admin1": pa.Column(_STR, checks=_isin(vocab.ADMIN1), nullable=True),
        "place_ar": pa.Column(**_NULLABLE_STR),
        "actor": pa.Column(_STR, checks=_isin(vocab.PERPETRATORS)),
        "target": pa.Column(_STR),
        "description_ar": pa.Column(_STR),
        "sentence": pa.Column(_STR),
    },
    strict=True,
    ordered=True,
    name="events",
)

UNEXPLAINED = pa.DataFrameSchema(
    {
        "report_id": pa.Column(_STR),
        "text": pa.Column(_STR),
        "sentence": pa.Column(_STR),
        "start": pa.Column("int64", checks=[pa.Check.ge(0)]),
        "end": pa.Column("int64", checks=[pa.Check.ge(0)]),
    },
    strict=True,
    ordered=True,
    name="unexplained",
)

SCHEMAS = {
    "figures": FIGURES,
    "reports": REPORTS,
    "checks": CHECKS,
    "events": EVENTS,
    "unexplained": UNEXPLAINED,
}
