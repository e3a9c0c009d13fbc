"""The 2014-2019 execution reports: people ISIS executed in a month of its "caliphate", and since it began.

Before the territorial defeat of March 2019 the observatory's "month N of the caliphate" reports counted
executions: the month's total and its parts (civilians with children, women and teenage boys among them,
fighters of rival factions, soldiers of the army and its militias, ISIS's own members, foreigners), then the
running total since the declaration of 29 June 2014 with the same parts. Outlets' rewrites keep the headline
totals. This module reads them in both languages with one reading; every word is data (``[executions]`` of
``lexicon_ar.toml`` and ``lexicon_en.toml``).

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
from helpers.extract.engine import assemble_report
from helpers.text.lexicon import Lexicon, Match, lexicon_table
from helpers.text.normalize import Normalized, fold, normalize
from helpers.text.period import Period, caliphate_month, execution_month_of_phrase

DECLARATION = dt.date(2014, 6, 29)
_HEAD = 600  # characters from the top where an execution report says what it counts
_FRAMING_REACH = 2000  # characters from the top where it names the caliphate
_TITLE_MAX = 250  # a longer first line is a lede, not a title
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
    "officers": ("government_forces", "leaders"),
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Words:
    """One language's execution-report words, compiled."""

    language: str
    openers: Lexicon
    operations: Lexicon
    framing: Lexicon
    groups: Lexicon
    scope: Lexicon
    markers: Lexicon
    qualifiers: Lexicon
    implied: Lexicon
    implied_values: dict[str, int]
    month_after: re.Pattern  # a number followed by a month word ("40 شهراً", "thirty months")
    month_before: re.Pattern  # a month word before a number ("الشهر الـ 33", "month 33")
    year_after: re.Pattern  # a number followed by a year word (a duration)
    year_before: re.Pattern  # a year word before a number (a date)
    period_openers: tuple[str, ...]
    clause_break: re.Pattern
    day_link: re.Pattern  # what stands between a day and its month name ("th of")


@lru_cache(maxsize=2)
def _words(language: str) -> _Words:
    table = lexicon_table(language)
    ex = table["executions"]
    case = language == "en"
    flags = re.IGNORECASE if case else 0

    def lex(phrases: dict[str, list[str]]) -> Lexicon:
        return Lexicon({k: [fold(p) for p in v] for k, v in phrases.items()}, ignore_case=case)

    if language == "ar":  # nouns that are a count of children or women by themselves: طفلان = 2, سيدة = 1
        implied = table["implied"].items()
        counted = {fold(k): v[1] for k, v in implied if len(v) > 2 and v[2] in ("children", "women")}
        counted |= {fold(k): v for k, v in ex.get("implied", {}).items()}
    else:
        counted = {fold(k): 1 for k in ex["implied_one"]}
    month_words = _alternation(fold(w) for w in ex["month_words"])
    year_words = _alternation(fold(w) for w in ex["year_words"])
    return _Words(
        language=language,
        openers=lex({"open": ex["openers"]}),
        operations=lex({"ops": ex["operations"]}),
        framing=lex({"framing": ex["framing"]}),
        groups=lex(ex["groups"]),
        scope=lex({"cumulative": ex["cumulative"], "raising": ex["raising"], "monthly": ex["monthly"]}),
        markers=lex(ex["markers"]),
        qualifiers=lex(table["qualifiers"]),
        implied=Lexicon({k: [k] for k in counted}, ignore_case=case),
        implied_values={k.lower() if case else k: v for k, v in counted.items()},
        month_after=re.compile(rf"[\s\"']*(?:{month_words})\b", flags),
        month_before=re.compile(rf"(?:{_alternation(fold(w) for w in ex['month_lead'])})\s*$", flags),
        year_after=re.compile(rf"\s*(?:{year_words})\b", flags),
        year_before=re.compile(rf"\b(?:{_alternation(fold(w) for w in ex['year_lead'])})\s*$", flags),
        period_openers=tuple(fold(w) for w in ex["period_openers"]),
        day_link=re.compile(rf"^\s*(?:{_alternation(ex.get('day_link', []))})(?=\W)", flags),
        clause_break=re.compile(
            rf"[.;؛:\n]|[،,]\s*(?=(?:{_alternation(ex['clause_and'])})\s*\d|\d)", flags
        ),
    )


# --- which texts --------------------------------------------------------------------------------------------


def _counted_operations(text: str, words: _Words) -> bool:
    """Whether the text counts operations (``14 عملية``, ``12 attacks``), as the later series always does."""
    openers = [m.start for m in words.openers.find(text)]
    return any(re.search(r"\d\s*[\"']?\s*$", text[max(0, m.start - 12) : m.start])
               and not any(0 <= o - m.end <= 3 for o in openers)  # "عملية إعدام": executions, not operations
               for m in words.operations.find(text))


def is_execution_report(text: str, language: str) -> bool:
    """Whether a text is a 2014-2019 execution report (or a rewrite of one).

    Its title or opening speaks of executions, it names the caliphate or its declaration near the top, and it
    counts no operations (the later series always does).
    """
    words = _words(language)
    norm = normalize(text[: 10 * _FRAMING_REACH]).text
    body = norm.lstrip()
    return (
        bool(words.openers.find(body[:_HEAD]))
        and bool(words.framing.find(body[:_FRAMING_REACH]))
        and not _counted_operations(norm, words)
    )


# --- numbers, months and dates ------------------------------------------------------------------------------


@dataclass
class _Count:
    start: int
    end: int
    value: int
    ordinal: bool = False
    implied: bool = False  # a noun that is a count by itself ("طفلان", "a child")


def _numbers(text: str, language: str) -> list[_Count]:
    if language == "en":
        from helpers.extract.en.numbers import find_english_numbers  # noqa: PLC0415 - English only

        return [_Count(n.start, n.end, n.value, n.kind == "ordinal") for n in find_english_numbers(text)]
    from helpers.text.numbers import find_numbers  # noqa: PLC0415

    return [_Count(n.start, n.end, n.value) for n in find_numbers(text)]


def _dates(text: str, language: str) -> list:
    if language == "en":
        from helpers.extract.en.annotate import english_dates  # noqa: PLC0415 - English only

        return english_dates(text)
    from helpers.text.dates import find_dates  # noqa: PLC0415

    return find_dates(text)


def _implied(text: str, words: _Words, numbers: list[_Count]) -> list[_Count]:
    """Nouns that are a count by themselves, unless a number before them is their count."""
    ends = [c.end for c in numbers]
    out = []
    for m in words.implied.find(text):
        if not any(0 <= m.start - e <= 2 for e in ends):
            key = m.label.lower() if words.language == "en" else m.label
            out.append(_Count(m.start, m.end, words.implied_values[key], implied=True))
    return out


@dataclass(frozen=True)
class _Month:
    start: int
    end: int
    value: int
    elapsed: bool  # "N months" (the time since the declaration) rather than "the Nth month"


def _months(text: str, numbers: list[_Count], words: _Words) -> list[_Month]:
    """Month mentions: the Nth month (``الشهر الـ 33``, ``the 27th month``) or N months (``أربعين شهراً``)."""
    out = []
    for c in numbers:
        if words.month_after.match(text, c.end):
            out.append(_Month(c.start, c.end, c.value, elapsed=not c.ordinal))
        elif words.month_before.search(text[max(0, c.start - 16) : c.start]):
            out.append(_Month(c.start, c.end, c.value, elapsed=False))
    return out


def _period(text: str, dates: list, words: _Words, months: list[_Month]) -> tuple[Period, str]:
    """The report's month in the execution reports' numbering, and its period with the spans that state it."""
    spans = [(m.start, m.end) for m in months]
    stated = [m.value for m in months if 1 <= m.value <= calendar.MAX_MONTH]
    month = None
    if stated:
        month = max(set(stated), key=lambda n: (stated.count(n), -stated.index(n)))
    elif words.language == "ar" and (found := caliphate_month(text)):  # ordinal words: الشهر التاسع عشر
        month, more = found
        spans += more
    phrase = execution_month_of_phrase(text, dates, words.period_openers)
    if phrase:
        spans.append(phrase[1])
        if month is None:
            month = phrase[0]
    if month is None:
        return Period(None, None, None, None, tuple(spans)), "series"
    start, end = calendar.month_period(month, numbering="executions")
    return Period(month, start, end, "caliphate_month", tuple(spans)), "executions"


def _without_linker(after: str, words: _Words) -> str:
    """The text after a day number without its ordinal ending and linking word ("th of May" -> " May")."""
    return words.day_link.sub(" ", after, count=1)


def _explained(text: str, numbers: list[_Count], dates: list, period: Period, words: _Words) -> set[int]:
    """Starts of numbers that are no figure: month numbers, dates, days of a period phrase, durations."""
    # a bare year is a date only after a year word ("العام 2016"): "rose to 1990" is a count
    covered = [(d.start, d.end) for d in dates if d.month] + list(period.spans)
    month_name = re.compile(rf"\W{{0,12}}(?:{_alternation(calendar.month_names())})\b", re.IGNORECASE)
    out = set()
    for c in numbers:
        if any(a <= c.start < b for a, b in covered):
            out.add(c.start)
        elif c.value <= 31 and (any(0 <= d.start - c.end <= 12 for d in dates if d.month)
                                or month_name.match(_without_linker(text[c.end : c.end + 20], words))):
            out.add(c.start)  # the day before a month name (29 آب, the 29th of August, the 29th of May)
        elif words.year_after.match(text, c.end):
            out.add(c.start)  # a duration in years
        elif 2013 <= c.value <= 2020 and words.year_before.search(text[max(0, c.start - 10) : c.start]):
            out.add(c.start)
    return out


# --- the reading --------------------------------------------------------------------------------------------


def _title_end(text: str) -> int:
    """End of the title: a short first line that more text follows (a paragraph or a lede is no title)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or not text[end:].strip():
        return start
    line = text[start:end].rstrip()
    if len(line) > _TITLE_MAX or line.endswith((".", ":", "،", ",")):
        return start
    return end


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from the last full stop or newline before it to the next one after it."""
    before = [m.end() for m in re.finditer(r"\.(?!\d)|\n", text[:start])]
    after = re.compile(r"\.(?!\d)|\n").search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _group(groups: list[Match], start: int, end: int) -> tuple[str | None, Match | None]:
    """The first decisive group word in [start, end): a generic noun waits for its complement."""
    generic = None
    for m in groups:
        if m.start < start:
            continue
        if m.start >= end:
            break
        if m.label == "generic":
            generic = generic or m
        elif m.label == "linker":  # "من", "of": waits for a group, never one itself
            continue
        elif m.label == "bare_isis":  # "عنصراً من التنظيم": the group; "أعدمهم التنظيم": the executioner
            if generic is not None:
                return "isis", m
        else:
            return m.label, m
    return ("generic" if generic else None), generic


def _next_word(text: str, end: int, start: int) -> bool:
    """Whether a word at ``start`` follows a count ending at ``end`` ("5,921 executions", "4,200 in …").

    At most one short word (a preposition) may stand between them.
    """
    between = text[end:start]
    return 0 <= start - end <= 8 and len(between.split()) <= 1 and all(len(w) <= 3 for w in between.split())


def _group_before_colon(text: str, groups: list[Match], c: _Count) -> tuple[str | None, Match | None]:
    """The group a list line names before a colon and its count (``- المدنيون: 58``), else (None, None)."""
    line_start = text.rfind("\n", 0, c.start) + 1
    colon = re.search(r"[:：]\s*$", text[line_start : c.start])
    if colon is None:
        return None, None
    label, noun = _group(groups, line_start, line_start + colon.start())
    return (label, noun) if label not in (None, "generic") else (None, None)


def _only_qualifier(between: str, qualifiers: list[Match], offset: int) -> bool:
    """Whether the text between a verb and a count is blank or one qualifier ("executed some 5,100")."""
    if not between.strip(" \"'"):
        return True
    end = offset + len(between)
    for q in qualifiers:
        if q.start >= offset and q.end <= end:
            rest = between[: q.start - offset] + between[q.end - offset :]
            if not rest.strip(" \"'"):
                return True
    return False


def _scope(scope: list[Match], c: _Count, clause_end: int, sentence_start: int) -> str | None:
    """The scope a count's clause gives it: a marker after it in its clause, else the last one before it."""
    for m in scope:
        if c.end <= m.start < clause_end and m.label != "raising":  # "raising" leads into the count after it
            return "cumulative" if m.label == "cumulative" else "report"
    before = [m for m in scope if sentence_start <= m.start < c.start]
    if before:
        return "report" if before[-1].label == "monthly" else "cumulative"
    return None


def _scope_markers(text: str, words: _Words, months: list[_Month]) -> list[Match]:
    """Scope phrases; "N months" opens a running total, the "since" of "the Nth month since …" does not."""
    found = words.scope.find(text) + [Match("cumulative", m.start, m.end) for m in months if m.elapsed]
    ordinal_ends = [m.end for m in months if not m.elapsed]

    def names_the_month(m: Match) -> bool:
        return m.label != "monthly" and any(0 <= m.start - e <= 12 for e in ordinal_ends)

    return sorted((m for m in found if not names_the_month(m)), key=lambda m: m.start)


@dataclass
class _Reading:
    """What the reading of the counts before the current one leaves for it."""

    parent: Figure | None = None  # the last figure of its own: sub-counts after a marker count inside it
    parent_end: int = 0
    parent_sentence: int = -1
    last_scope: str = "report"


def _in_list(text: str, pos: int) -> bool:
    """Whether a position is on a line of a list (a dash or bullet line, or a line after a colon)."""
    line_start = text.rfind("\n", 0, pos) + 1
    if re.match(r"\s*[-•*–]", text[line_start:pos]):
        return True
    return text[:line_start].rstrip().endswith(":")


def _read(norm: Normalized, words: _Words, counts: list[_Count], months: list[_Month],
          no_month: bool = False) -> list[Figure]:
    t = norm.text
    groups = words.groups.find(t)
    scope = _scope_markers(t, words, months)
    markers = words.markers.find(t)
    qualifiers = words.qualifiers.find(t)
    openers = words.openers.find(t)
    operations = words.operations.find(t)
    title_end = _title_end(t)
    state = _Reading()
    figures = []
    for i, c in enumerate(counts):
        next_start = counts[i + 1].start if i + 1 < len(counts) else len(t)
        s_start, s_end = _sentence(t, c.start, c.end)
        if c.implied:
            label, noun = _group(groups, c.start, c.end)
        else:  # whom a count counts is named before the next count or a sub-count marker ("71, including …")
            stop = next((m.start for m in markers if m.label == "subcount" and c.end <= m.start), len(t))
            label, noun = _group(groups, c.end, min(next_start, s_end, stop))
            if label is None and stop - c.end <= 3:  # "2,000 of them were civilians": the marker first
                label, noun = _group(groups, c.end, min(next_start, s_end))
        led = any(m.label == "to" and 0 <= c.start - m.end <= 3 for m in markers)  # "يرتفع إلى 3870"
        if label is None:  # a list line "المدنيون: 58", "Civilians: 58": the group before the colon
            label, noun = _group_before_colon(t, groups, c)
        # "أعدم 64", "executed some 5,100"; "5,921 executions", "102 عملية إعدام"
        after_verb = any(_only_qualifier(t[m.end : c.start], qualifiers, m.end) for m in openers
                         if 0 <= c.start - m.end <= 30)
        before_noun = any(_next_word(t, c.end, m.start) for m in openers) or any(
            0 <= o.start - c.end <= 3 and any(0 <= m.start - o.end <= 3 for m in openers) for o in operations)
        if label is None and not (led or after_verb or before_noun):
            continue
        group, subgroup = _GROUP_OF["all" if label in (None, "generic") else label]
        clause = words.clause_break.search(t, c.end, s_end)
        scope_kind = _scope(scope, c, min(clause.start() if clause else s_end, next_start), s_start)
        if scope_kind is None:
            # a list line, the sentence of the figure before, a sentence that refers back to it ("of them",
            # "منهم") or a text that states no month goes on with the scope before it
            refers_back = any(m.label == "subcount" and s_start <= m.start < c.start for m in markers)
            goes_on = (_in_list(t, c.start) or s_start == state.parent_sentence or refers_back
                       or no_month)
            scope_kind = state.last_scope if goes_on else "report"
        qualifier = next((q.label for q in qualifiers if 0 <= c.start - q.end <= 2), "exact")
        a, b = norm.raw_span(c.start, c.end)
        figure = Figure(
            zone="all", level="headline" if c.start < title_end else "total", measure="executed",
            group=group, value=c.value, perpetrator="isis", qualifier=qualifier, scope=scope_kind,
            subgroup=subgroup, since=DECLARATION if scope_kind == "cumulative" else None,
            group_ar=norm.raw_text(noun.start, noun.end) if noun is not None else None,
            sentence=norm.raw_text(s_start, s_end).strip(), start=a, end=b,
        )
        parent = state.parent
        marked = parent is not None and any(
            m.label == "subcount" and state.parent_end <= m.start < c.start for m in markers
        )
        inside = parent is not None and (group == parent.group
                                         or (group, parent.group) == ("civilians", "all"))
        if subgroup is not None and marked and inside:
            figure = replace(figure, scope=parent.scope, since=parent.since, level=parent.level)
        elif subgroup is None:
            state.parent, state.parent_end, state.parent_sentence = figure, c.end, s_start
        figures.append(figure)
        state.last_scope = figure.scope
    return figures


def _without_restatements(figures: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """Figures, and the body counts that only restate an earlier one ("Of the 96 people executed, …").

    A body count of the same group, sub-count, scope and value as an earlier body count restates it.
    """
    seen, kept, restated = set(), [], []
    for f in figures:
        key = (f.level, f.group, f.subgroup, f.scope, f.value)
        if f.level == "total" and key in seen:
            restated.append(f)
            continue
        seen.add(key)
        kept.append(f)
    return kept, restated


def _headlines_as_body(figures: list[Figure]) -> list[Figure]:
    """A title's count that the body states again takes the body's scope (the title repeats the body)."""
    body = {}
    for f in figures:
        if f.level == "total":
            body.setdefault((f.group, f.subgroup, f.value), f)
    out = []
    for f in figures:
        same = body.get((f.group, f.subgroup, f.value)) if f.level == "headline" else None
        out.append(replace(f, scope=same.scope, since=same.since) if same is not None else f)
    return out


def parse_executions(text: str, report_id: str, language: str) -> Report:
    """Parse an execution report (``is_execution_report``) into a ``Report`` of ``executed`` figures."""
    words = _words(language)
    norm = normalize(text)
    if language == "en":
        from helpers.extract.en.annotate import restore_english  # noqa: PLC0415 - English only

        norm = restore_english(norm)
    t = norm.text
    numbers = _numbers(t, language)
    dates = _dates(t, language)
    months = _months(t, numbers, words)
    period, numbering = _period(t, dates, words, months)
    explained = _explained(t, numbers, dates, period, words)
    counts = sorted(
        [c for c in numbers if c.start not in explained] + _implied(t, words, numbers), key=lambda c: c.start
    )
    figures, restated = _without_restatements(
        _headlines_as_body(_read(norm, words, counts, months, no_month=period.month is None)))
    read = {(f.start, f.end) for f in figures + restated}

    def unexplained() -> list[Unexplained]:
        out = []
        for c in numbers:
            span = norm.raw_span(c.start, c.end)
            if c.start in explained or span in read:
                continue
            s_start, s_end = _sentence(t, c.start, c.end)
            raw_sentence = norm.raw_text(s_start, s_end).strip()
            out.append(Unexplained(norm.raw_text(c.start, c.end), raw_sentence, *span))
        return out

    report = assemble_report(report_id, language, period, figures, [], unexplained)
    return replace(report, month_numbering=numbering)
