"""Which of a report's events are single events, and whether each falls inside the report's period.

A report's running totals ("since 24 March 2019, ISIS has carried out 1,040 operations") name a date, and a
parser that reads a dated sentence as an event makes an "event" of them, dated at the start of the count.
They are cumulative tallies, not events: ``is_running_total`` recognises them by the report's own cumulative
figures (same sentence, or the date a cumulative figure counts from), and ``single_events`` keeps the rest.

An event dated outside the period its report covers is kept but gets a failed ``event_in_period`` check
(``event_checks``): a misread date, an old event recalled, or a running total the parser took for an event.
"""

from __future__ import annotations

from helpers.contract.report import Check, Event, Report

EVENT_CHECK = "event_in_period"


def is_running_total(report: Report, event: Event) -> bool:
    """Whether ``event`` is a cumulative tally of ``report`` rather than a single event.

    Args:
        report: The report the event was read from.
        event: One of its events.

    Returns:
        True when a cumulative figure of the report comes from the event's sentence, or counts from the
        event's date.
    """
    for figure in report.figures:
        if figure.scope != "cumulative":
            continue
        if figure.sentence == event.sentence or (event.date is not None and figure.since == event.date):
            return True
    return False


def single_events(report: Report) -> tuple[Event, ...]:
    """The report's events without its running totals (``is_running_total``)."""
    return tuple(e for e in report.events if not is_running_total(report, e))


def event_checks(report: Report) -> list[Check]:
    """A failed ``event_in_period`` check for each single event dated outside the report's period.

    ``stated`` is the number of days the date lies before (negative) or after (positive) the period,
    ``computed`` is 0 (inside). Events without a date, and reports without a period, give no row.
    """
    start, end = report.period_start, report.period_end
    if start is None or end is None:
        return []
    checks = []
    for event in single_events(report):
        if event.date is None or start <= event.date <= end:
            continue
        days = (event.date - start).days if event.date < start else (event.date - end).days
        where = f" in {event.admin1}" if event.admin1 else ""
        detail = (f"event{where} dated {event.date:%Y-%m-%d}, outside the report's period "
                  f"{start:%Y-%m-%d} to {end:%Y-%m-%d}: {event.description_ar[:80]}")
        checks.append(Check(report.report_id, EVENT_CHECK, None, None, None, days, 0, False, detail))
    return checks
