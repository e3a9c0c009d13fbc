"""A short fuzz campaign in the suite: hostile input never breaks the reader or the parser.

The long, coverage-guided campaign is ``fuzz/fuzz_parse.py`` (atheris). Here hypothesis draws, reproducibly
(``derandomize``), random Unicode, random bytes read as files, real reports mutated, thousands of repeated
report lines and deeply nested pages. Only the documented input errors may escape: ``ReadError`` from the
reader and ``NotAReportError`` from the parser; ``ParserError`` means the parser hit an internal exception,
a bug. The last part checks that the performance rewrites of the matching code (``lexicon``, ``numbers``,
``dates``, ``normalize``) find exactly what the plain algorithms they replace find.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.contract.report import NotAReportError, ParserError, ReadError
from helpers.extract.ar.annotate import lexicons
from helpers.extract.parse import parse_report
from helpers.read.reader import bytes_to_text
from helpers.text import normalize as norm
from helpers.text.lexicon import Lexicon, Spans
from helpers.text.numbers import literal_alternation

DATA = Path(__file__).parents[1] / "data"
FIXTURES = sorted((DATA / "conformance").glob("*.txt")) + sorted(DATA.rglob("*.html")) + [
    Path(__file__).parents[2] / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"]
TEXTS = [p.read_text(encoding="utf-8") for p in FIXTURES]
SNIPPETS = ["د ا ع ش", "التنـ ـظيم", "خلا*فة", "١٢٣", "1,000", "ـــ", "\u200f", "\u064b", "مقتل", "مدني",
            "عنصرين", "بينهم طفل", "منذ مطلع العام", "أكثر من", "عمليات في", "بادية حمص", "دير الزور", "قسد",
            "23 تشرين الثاني", "ألفان و192", "أحد عشر", "، ", ".", "\n", '"', "«", "<p>", "</div>", "&amp;",
            "\ufeff", "🙂", "ISIS", "killed", "civilians"]
LINES = ["5 عملية في دير الزور أسفرت عن مقتل 1 من العسكريين", "مقتل 5 ", "ومدني ", "ثلاثة وعشرين، ",
         "قتل 37 مدنياً بينهم طفل وسيدة", "منذ مطلع العام 2023 قتل 120 من العسكريين", "د ا ع ش ", "1 "]
FUZZ = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(autouse=True)
def _quiet_parser_bugs():
    logging.disable(logging.CRITICAL)  # parse_report logs the exceptions it wraps as ParserError
    yield
    logging.disable(logging.NOTSET)


def parses_or_refuses(text: str) -> None:
    """Parse, accepting a report or NotAReportError; a ParserError fails with the bug it wraps."""
    try:
        parse_report(text, report_id="fuzz")
    except NotAReportError:
        pass
    except ParserError as exc:
        raise AssertionError(f"parser bug: {exc.__cause__!r} on {text[:200]!r}") from exc


def _parses_without_a_known_bug(text: str) -> None:
    try:
        parse_report(text, report_id="fuzz")
    except NotAReportError:
        pass


def reads_or_refuses(data: bytes, suffix: str) -> str | None:
    """The text of a file's bytes, or None when the reader refuses them with ReadError."""
    try:
        return bytes_to_text(data, name=f"fuzz{suffix}", suffix=suffix)
    except ReadError:
        return None


# Rewrites of a stretch of a report: letters a case-insensitive regex takes for ASCII ones (dotless ı, long ſ,
# the Kelvin sign), and the gaps between the words of a phrase widened, quoted or hyphenated.
REWRITES = [{"i": "ı"}, {"s": "ſ"}, {"k": "\u212a"}, {" ": "  "}, {" ": ' "'}, {" ": "-"}, {" ": " “"}]


@st.composite
def mutated_reports(draw) -> str:
    """A real report (text or page) with snippets, random text, numbers and lines inserted or removed, and
    stretches of it rewritten (``REWRITES``)."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(text)))
        if draw(st.integers(0, 3)) == 0:
            end = pos + draw(st.integers(1, 400))
            rewrite = str.maketrans(draw(st.sampled_from(REWRITES)))
            text = text[:pos] + text[pos:end].translate(rewrite) + text[end:]
            continue
        insert = draw(st.one_of(
            st.sampled_from(SNIPPETS),
            st.text(max_size=20),
            st.integers(1, 10**12).map(str),
            st.sampled_from(text.split("\n")).map(lambda line: ("\n" + line) * 20),
        ))
        cut = draw(st.integers(0, 50))
        text = text[:pos] + insert + text[pos + cut:]
    return text


@settings(FUZZ, max_examples=400)
@given(st.text(max_size=3000))
def test_random_unicode_is_parsed_or_refused(text):
    parses_or_refuses(text)


@settings(FUZZ, max_examples=600)
@given(mutated_reports())
def test_mutated_reports_are_parsed_or_refused(text):
    parses_or_refuses(text)


@settings(FUZZ, max_examples=400)
@given(st.binary(max_size=4000), st.sampled_from([".txt", ".html", ".md"]))
def test_random_bytes_are_read_or_refused_and_their_text_parsed_or_refused(data, suffix):
    text = reads_or_refuses(data, suffix)
    if text is not None:
        parses_or_refuses(text)


@settings(FUZZ, max_examples=300)
@given(mutated_reports().map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from(["utf-8", "cp1256"]))
def test_mutated_files_are_read_or_refused(data, encoding):
    text = data.decode("utf-8", "surrogatepass")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pass
    read = reads_or_refuses(data, ".txt")
    if read is not None:
        parses_or_refuses(read)


@settings(FUZZ, max_examples=25)
@given(st.sampled_from(LINES), st.sampled_from(["\n", " ", "، ", ""]), st.integers(1, 600))
def test_thousands_of_repeated_report_lines_are_parsed_or_refused(line, joiner, times):
    parses_or_refuses("خلال الشهر 112 من عمر الخلافة نفذ التنظيم 40 عملية:\n" + joiner.join([line] * times))


@settings(FUZZ, max_examples=25)
@given(st.sampled_from(["div", "section", "b", "p", "li", "table", "header", "h1"]), st.integers(1, 3000),
       st.booleans(), st.sampled_from(TEXTS))
def test_deeply_nested_pages_are_read_or_refused(tag, depth, closed, report):
    body = report.replace("\n", "<br>")
    page = f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * depth if closed else ''}</body></html>"
    text = reads_or_refuses(page.encode(), ".html")
    if text is not None:
        parses_or_refuses(text)


@pytest.mark.parametrize("text", [
    "خلال الشهر 0 من عمر الخلافة قتل 5 من عناصر داعش",
    "بعد مرور 0 شهرا على الخلافة قتل 5 من عناصر داعش",
    "قتل " + "1" * 5000 + " من عناصر داعش",
    "ISIS in the 61185119th month of the Caliphate: 5 civilians killed",
    "ISIS in the 99999999999999999999th month of the Caliphate: 5 civilians killed",
], ids=["month 0", "0 months after", "5000 digits", "month 61185119", "month 10^20"])
def test_absurd_month_numbers_and_digit_runs_are_parsed_or_refused(text):
    _parses_without_a_known_bug(text)


# --------------------------------------------------------------------------------------------- rewrites


def _slow_find(lexicon: Lexicon, text: str):
    """``Lexicon.find`` as it was: try a phrase at every word, skip past each match."""
    from helpers.text.lexicon import _tokens

    words, starts, ends, _pieces = _tokens(text)
    words = tuple(w.lower() for w in words) if lexicon._case else words
    found, i = [], 0
    while i < len(words):
        hit = lexicon._match_at(text, words, starts, ends, i)
        if hit is None:
            i += 1
        else:
            found.append(hit[0])
            i = hit[1]
    return found


PHRASE_WORDS = sorted({w for lx in (lexicons().groups, lexicons().measures, lexicons().places)
                       for words in lx._index for w in words.split()} | {"و", "ب", "لل", "ال", "5", "،", "-"})


@FUZZ
@given(st.lists(st.sampled_from(PHRASE_WORDS), max_size=60),
       st.lists(st.sampled_from([" ", "  ", '"', " - ", "،", "\n", "و", ""]), min_size=60, max_size=60))
def test_indexed_lexicon_lookup_finds_what_trying_every_word_finds(words, gaps):
    text = norm.normalize("".join(w + g for w, g in zip(words, gaps, strict=False))).text
    for name in ("groups", "zones", "places", "measures", "operations", "implied", "scope", "markers"):
        lexicon = getattr(lexicons(), name)
        assert lexicon.find(text) == _slow_find(lexicon, text), name


@FUZZ
@given(st.lists(st.sampled_from(["Islamic", "State", "ISIS", "isis", "the", "group", "SDF", "killed", "Deir",
                                 "ez", "Zor"]), max_size=40), st.sampled_from([" ", "-", "  "]))
def test_case_insensitive_lookup_finds_what_trying_every_word_finds(words, gap):
    lexicon = Lexicon({"isis": ["Islamic State", "ISIS"], "sdf": ["SDF"], "place": ["Deir ez-Zor"]},
                      ignore_case=True)
    text = gap.join(words)
    assert lexicon.find(text) == _slow_find(lexicon, text)


@FUZZ
@given(st.lists(st.text(alphabet="abcا بت", min_size=1, max_size=5), min_size=1, max_size=12, unique=True),
       st.text(alphabet="abcا بت", max_size=80))
def test_a_trie_alternation_matches_like_the_longest_first_alternation(words, text):
    plain = re.compile(f"(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?!b)")
    trie = re.compile(f"(?:{literal_alternation(words)})(?!b)")  # (?!b): a shorter word must be tried next
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@FUZZ
@given(st.text(alphabet="٠١٢٣٤٥٦٧٨٩۰۴٫أإآٱىةیک“”«»„‟″\u2018\u2019\u201a\u201b'`abc ادـ", max_size=200))
def test_folding_by_replacement_is_the_translation_table(text):
    assert norm._fold_chars(text) == text.translate(norm._FOLD)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 20)), max_size=40), st.integers(-5, 320),
       st.integers(-5, 320))
def test_backward_span_queries_agree_with_scanning_the_window(spans, pos, floor):
    from helpers.text.lexicon import Match

    matches = Spans([Match("x", start, start + length) for start, length in spans])
    window = [m for m in matches.within(floor, pos) if m.end <= pos]
    assert matches.last_before(pos, floor) == (window[-1] if window else None)
    inside = matches.within(floor, pos)
    assert matches.last_within(floor, pos) == (inside[-1] if inside else None)
