"""The 2014-2019 execution reports: people ISIS executed in a month of its "caliphate" and since it began.

Before the territorial defeat of March 2019 the observatory's "month N of the caliphate" reports counted
executions: the month's total and its parts (civilians with children, women and teenage boys among them,
fighters of rival factions, soldiers of the army and its militias, ISIS's own members, foreigners), then the
running total since the declaration of 29 June 2014 with the same parts. Outlets' rewrites keep the headline
totals. This module reads them in both languages with one reading; the words are data
(``[executions]`` of ``lexicon_ar.toml`` and ``lexicon_en.toml``).

Every figure is ``measure = "executed"``, ``zone = "all"``, perpetrator ``isis``; a count in the title is a
``headline``, one in the body a ``total``; a count in a clause of the running total is ``cumulative`` since
2014-06-29. The month keeps the number the text states, in the execution reports' numbering (one higher than
the later series, ``month_numbering = "executions"``), and maps to the same calendar period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from helpers.contract import calendar
from helpers.contract.report import Figure, Report, Unexplained
from helpers.text.lexicon import Lexicon, Match, Spans, load_toml
from helpers.text.normalize import fold, normalize
from helpers.text.period import Period, caliphate_month, execution_month_of_phrase

DECLARATION = dt.date(2014, 6, 29)
_HEAD = 600  # characters from the top where an execution report says what it counts
_SUBGROUPS = {"children": "children", "women": "women", "teenagers": "other"}
_GROUP_OF = {  # lexicon label -> (group, subgroup)
    "all": ("all", None),
    "civilians": ("civilians", None),
    "children": ("civilians", "children"),
    "women": ("civilians", "women"),
    "teenagers": ("civilians", "other"),
    "other_forces": ("other_forces", None),
    "government_forces": ("government_forces", None),
    "isis": ("isis", None),
    "foreigners": ("all", "other"),
}
_CLAUSE_BREAK = re.compile(r"[.;؛:\n]|،\s*(?=و)|,\s*(?:and\s+)?(?=\d)")


@dataclass(frozen=True)
class _Words:
    """One language's execution-report words, compiled."""

    language: str
    openers: Lexicon
    operations: Lexicon
    groups: Lexicon
    scope: Lexicon
    markers: Lexicon
    month_words: tuple[str, ...]
    qualifiers: Lexicon


@lru_cache(maxsize=2)
def _words(language: str) -> _Words:
    table = load_toml(f"lexicon_{language}.toml")
    ex = table["executions"]
    case = language == "en"

    def lex(phrases: dict[str, list[str]]) -> Lexicon:
        return Lexicon({k: [fold(p) for p in v] for k, v in phrases.items()}, ignore_case=case)

    return _Words(
        language=language,
        openers=lex({"open": ex["openers"]}),
        operations=lex({"ops": ex["operations"]}),
        groups=lex(ex["groups"]),
        scope=lex({"cumulative": ex["cumulative"], "monthly": ex["monthly"]}),
        markers=lex(ex["markers"]),
        month_words=tuple(fold(w) for w in ex["month_words"]),
        qualifiers=lex(table["qualifiers"]),
    )


# --- which texts --------------------------------------------------------------------------------------------


def _counted_operations(text: str, words: _Words) -> bool:
    for m in words.operations.find(text):
        before = text[max(0, m.start - 12) : m.start]
        if re.search(r"\d\s*[\"']?\s*$", before):
            return True
    return False


def is_execution_report(text: str, language: str) -> bool:
    """Whether a text is a 2014-2019 execution report (or a rewrite of one).

    Its title or opening speaks of executions, and it counts no operations (the later series always does).
    """
    words = _words(language)
    norm = normalize(text[: 20 * _HEAD]).text
    head = norm.lstrip()[:_HEAD]
    return bool(words.openers.find(head)) and not _counted_operations(norm, words)


# --- the reading --------------------------------------------------------------------------------------------


@dataclass
class _Count:
    start: int
    end: int
    value: int
    ordinal: bool = False


def _numbers(text: str, language: str) -> list[_Count]:
    if language == "en":
        from helpers.extract.en.numbers import find_english_numbers  # noqa: PLC0415

        return [_Count(n.start, n.end, n.value, n.kind == "ordinal") for n in find_english_numbers(text)]
    from helpers.text.numbers import find_numbers  # noqa: PLC0415

    return [_Count(n.start, n.end, n.value) for n in find_numbers(text)]


def _dates(text: str, language: str) -> list:
    if language == "en":
        from helpers.extract.en.annotate import english_dates  # noqa: PLC0415

        return english_dates(text)
    from helpers.text.dates import find_dates  # noqa: PLC0415

    return find_dates(text)


def _implied(text: str, language: str) -> list[_Count]:
    """Nouns that are a count by themselves: ``طفلان`` = 2, ``سيدة`` = 1; English ``a child``, ``a woman``."""
    out = []
    if language == "ar":
        table = load_toml("lexicon_ar.toml")["implied"]
        lex = Lexicon({fold(k): [k] for k, v in table.items() if len(v) > 2 and v[2] in ("children", "women")})
        values = {fold(k): v[1] for k, v in table.items()}
        for m in lex.find(text):
            out.append(_Count(m.start, m.start, values[m.label]))
    else:
        for m in re.finditer(r"\b(?:a|an|one)\s+(?=(?:child|woman|girl|boy|teenager|teenage boy|foreigner|"
                             r"civilian|soldier|fighter|member|person)\b)", text, re.IGNORECASE):
            out.append(_Count(m.start(), m.end() - 1, 1))
    return out


def _month_phrases(text: str, counts: list[_Count], words: _Words) -> tuple[list[tuple[int, int, int, str]]]:
    """Month mentions: (start, end, n, kind) with kind ``ordinal`` (the Nth month) or ``elapsed`` (N months)."""
    out = []
    month_re = "|".join(re.escape(w) for w in sorted(words.month_words, key=len, reverse=True))
    for c in counts:
        after = text[c.end : c.end + 16]
        before = text[max(0, c.start - 16) : c.start]
        if re.match(rf"\s*(?:{month_re})\b", after, re.IGNORECASE):
            kind = "ordinal" if c.ordinal else "elapsed"
            out.append((c.start, c.end, c.value, kind))
        elif re.search(r"(?:الشهر|month)\s*(?:ال\s*)?$", before, re.IGNORECASE) or (
            c.ordinal and re.match(r"[\s\"']*month", after, re.IGNORECASE)
        ):
            out.append((c.start, c.end, c.value, "ordinal"))
    return out


def _period(text: str, counts: list[_Count], dates: list, words: _Words, month_spans) -> tuple[Period, str, list]:
    """The report's month in the execution reports' numbering, its period and the spans that state it."""
    spans = [(s, e) for s, e, _n, _k in month_spans]
    stated = [n for _s, _e, n, _k in month_spans if 1 <= n <= calendar.MAX_MONTH]
    month = None
    if stated:
        month = max(set(stated), key=lambda n: (stated.count(n), -stated.index(n)))
    elif words.language == "ar" and (found := caliphate_month(text)):  # ordinal words: الشهر التاسع عشر
        month, more = found
        spans += more
    phrase = execution_month_of_phrase(text, dates)
    if phrase:
        spans.append(phrase[1])
        if month is None:
            month = phrase[0]
    if month is None:
        return Period(None, None, None, None), "series", spans
    start, end = calendar.month_period(month, numbering="executions")
    return Period(month, start, end, "caliphate_month", tuple(spans)), "executions", spans


def _explained(text: str, counts: list[_Count], dates: list, spans: list) -> set[int]:
    """Starts of numbers that are no figure: month numbers, dates and the days of a period phrase."""
    out = set()
    covered = [(d.start, d.end) for d in dates] + list(spans)
    for c in counts:
        if any(a <= c.start < b for a, b in covered):
            out.add(c.start)
        elif any(0 <= d.start - c.end <= 12 for d in dates) and c.value <= 31:
            out.add(c.start)  # the day before a month name (29 آب, the 29th of August)
        elif re.match(r"(?:st|nd|rd|th)?\s+(?:of\s+)?", text[c.end : c.end + 6]) and c.ordinal and c.value <= 31:
            if re.match(r"(?:st|nd|rd|th)?\s+of\s+[A-Z]", text[c.end : c.end + 12]):
                out.add(c.start)
        elif 2013 <= c.value <= 2020 and re.search(r"(?:عام|العام|سنه|in|of|year)\s*$", text[max(0, c.start - 8) : c.start]):
            out.add(c.start)
    return out


def _title_end(text: str) -> int:
    """End of the title: the first line, when more text follows it."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or not text[end:].strip():
        return start  # a single paragraph: no title
    return end


def _clause_end(text: str, pos: int, limit: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, limit)
    return m.start() if m else limit


def _sentence_start(text: str, pos: int) -> int:
    i = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos))
    while i > 0 and text[i] == "." and i + 1 < len(text) and text[i + 1].isdigit():
        i = max(text.rfind(".", 0, i), text.rfind("\n", 0, i))
    return i + 1


def _sentence_end(text: str, pos: int) -> int:
    for m in re.finditer(r"\.(?!\d)|\n", text[pos:]):
        return pos + m.start()
    return len(text)


def _group(groups: list[Match], start: int, end: int) -> tuple[str | None, Match | None]:
    """The first decisive group label in [start, end): generic nouns wait for their complement."""
    generic = False
    for m in groups:
        if m.start < start:
            continue
        if m.start >= end:
            break
        if m.label == "generic":
            generic = True
            continue
        if m.label == "bare_isis":
            if generic:
                return "isis", m
            continue
        return m.label, m
    return ("generic" if generic else None), None


def _scope(scope: list[Match], c: _Count, clause_end: int, next_start: int, sentence_start: int) -> str | None:
    """The scope the clause gives a count: a marker after it in its clause, else the last one before it."""
    for m in scope:
        if c.end <= m.start < min(clause_end, next_start):
            return "cumulative" if m.label == "cumulative" else "report"
    before = [m for m in scope if sentence_start <= m.start < c.start]
    if before:
        return "cumulative" if before[-1].label == "cumulative" else "report"
    return None


def parse_executions(text: str, report_id: str, language: str) -> Report:
    """Parse an execution report (``is_execution_report``) into a ``Report`` of ``executed`` figures."""
    from helpers.extract.engine import assemble_report  # noqa: PLC0415 - the shared assembly, loaded on use

    words = _words(language)
    norm = normalize(text)
    if language == "en":
        from helpers.extract.en.annotate import restore_english  # noqa: PLC0415

        norm = restore_english(norm)
    t = norm.text
    numbers = _numbers(t, language)
    dates = _dates(t, language)
    month_spans = _month_phrases(t, numbers, words)
    period, numbering, spans = _period(t, numbers, dates, words, month_spans)
    explained = _explained(t, numbers, dates, spans)
    number_ends = [c.end for c in numbers]
    implied = [c for c in _implied(t, language)  # a noun after a number is its head, not a count
               if not any(0 <= c.start - e <= 2 for e in number_ends)]
    counts = sorted([c for c in numbers if c.start not in explained] + implied, key=lambda c: c.start)
    groups = words.groups.find(t)
    scope = words.scope.find(t)
    # an elapsed month count ("in thirty months") is a running total's marker
    scope = sorted(scope + [Match("cumulative", s, e) for s, e, _n, k in month_spans if k == "elapsed"],
                   key=lambda m: m.start)
    # "the 45th month since the declaration" names the month: its "since" opens no running total
    ordinal_ends = [e for _s, e, _n, k in month_spans if k == "ordinal"]
    scope = [m for m in scope if not (m.label == "cumulative" and any(0 <= m.start - e <= 12 for e in ordinal_ends))]
    markers = Spans(words.markers.find(t))
    qualifiers = words.qualifiers.find(t)
    openers = words.openers.find(t)
    title_end = _title_end(t)

    figures: list[Figure] = []
    consumed: set[int] = set()
    parent: Figure | None = None  # the figure sub-counts after a marker count inside
    parent_sentence = -1
    parent_end = 0
    last_scope = "report"
    for i, c in enumerate(counts):
        next_start = counts[i + 1].start if i + 1 < len(counts) else len(t)
        s_start, s_end = _sentence_start(t, c.start), _sentence_end(t, c.end)
        window_end = min(next_start, s_end)
        label, _noun = _group(groups, c.end, window_end)
        implied = c.start == c.end or c.end <= c.start
        if implied:  # an implied noun: its own word says whom
            label, _noun = _group(groups, c.start, c.start + 20)
        to_marker = any(m.label == "to" and m.end <= c.start and c.start - m.end <= 3
                        for m in markers.within(max(0, c.start - 10), c.start))
        after_verb = any(0 <= c.start - m.end <= 3 for m in openers)  # "أعدم 64", "executed 64"
        if label is None and not (to_marker or after_verb):
            continue
        if label in (None, "generic"):
            label = "all"
        group, subgroup = _GROUP_OF[label]
        clause_end = _clause_end(t, c.end, s_end)
        scope_kind = _scope(scope, c, clause_end, next_start, s_start)
        line_start = t.rfind("\n", 0, c.start) + 1
        in_list = bool(re.match(r"\s*(?:[-•*–]|\d)", t[line_start:c.start + 1])) or t[
            max(0, line_start - 3) : line_start
        ].rstrip().endswith(":")
        if scope_kind is None:
            scope_kind = last_scope if in_list or s_start == parent_sentence else "report"
        qualifier = next(
            (q.label for q in qualifiers if q.end <= c.start and c.start - q.end <= 2), "exact"
        )
        marked = parent is not None and any(m.label == "subcount" for m in markers.within(parent_end, c.start))
        level = "headline" if c.start < title_end else "total"
        a, b = norm.raw_span(c.start, c.end) if c.end > c.start else norm.raw_span(c.start, c.start + 1)
        sent = norm.raw_text(s_start, s_end).strip()
        figure = Figure(
            zone="all", level=level, measure="executed", group=group, value=c.value, perpetrator="isis",
            qualifier=qualifier, scope=scope_kind, subgroup=subgroup,
            since=DECLARATION if scope_kind == "cumulative" else None,
            group_ar=None, sentence=sent, start=a, end=b,
        )
        if group == "civilians" and subgroup is not None and marked and parent.group in ("civilians", "all"):
            figure = replace(figure, scope=parent.scope, since=parent.since, level=parent.level)
        elif subgroup is None:
            parent, parent_end = figure, c.end
            parent_sentence = s_start
        figures.append(figure)
        consumed.add(c.start)
        last_scope = figure.scope
    unexplained = [
        Unexplained(norm.raw_text(c.start, c.end), norm.raw_text(_sentence_start(t, c.start),
                                                                  _sentence_end(t, c.end)).strip(),
                    *norm.raw_span(c.start, c.end))
        for c in numbers if c.start not in explained and c.start not in consumed and c.end > c.start
    ]
    report = assemble_report(report_id, language, period, figures, [], lambda: unexplained)
    return replace(report, month_numbering=numbering)
