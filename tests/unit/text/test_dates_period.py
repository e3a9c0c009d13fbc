"""dates.py and period.py: date phrases in three month-name styles, and every shape of the report's period."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.text.dates import find_dates
from helpers.text.normalize import normalize
from helpers.text.period import find_period

D = dt.date


def _period(raw: str):
    text = normalize(raw).text
    return find_period(text, find_dates(text)), text


# --- the caliphate month phrase (FORMAT-VARIATIONS §4 and §6) ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ('خلال الشهر 99 على إعلان "خلافة البغدادي"، نفذ التنظيم', 99),
        ('في الشهر 97 على إعلان "خلافة الدولة الإسلامية" واصل التنظيم', 97),
        ('بعد 88 شهراً على إعلان "دولة الخلافة"، لا يزال التنظيم', 88),
        ('بعد مرور 131 شهرًا على "الخلافة" المزعومة، يواصل التنظيم', 131),
        ("129 شهراً على «الخلافة» المزعومة.. التنظيم يواصل هجماته", 129),
        ('يدخل تنظيم "الدولة الإسلامية" الشهر 67 من عمر "خلافته" وهو', 67),
        ('خلال الشهر 113 من عمر "الخلافة"، وثقت منظمات', 113),
        ('الشهر 79 لإعلان "الخلافة".. هجمات متواصلة', 79),
        ("خلال الشهر 124 لإعلان خلافة البغدادي", 124),
        ("خلال الشهر الـ 118 من عمر «الخلافة»", 118),
        ('في الشهر الـ87 لإعلان "دولة الخلافة"', 87),
        ("خلال الشهر الـ١٢٠ من عمر “الخلافة”", 120),
        ("خلال الشهر ۹۵ على إعلان 'خلافة البغدادي'", 95),
        ("وفي الشهر 106 من عمر خلافة التنظيم", 106),
        ("خلال الشهر 100 على إعلان «خلا*فة البغدادي»", 100),
        ("خلال الشهر 101 على إعلان «خلا ـفة البغدادي»", 101),
    ],
)
def test_month_phrase_shapes(raw, month):
    period, text = _period(raw)
    assert period.kind == "caliphate_month" and period.month == month
    assert (period.start, period.end) == _expected_bounds(month)
    # the month number is explained by a span that covers its digits
    digits = str(month)
    assert any(digits in text[a:b] for a, b in period.spans)


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ("مع انقضاء الشهر الثالث بعد المئة على إعلان التنظيم قيام خلافته", 103),
        ('خلال الشهر السابع بعد المئة من عمر "الخلافة"', 107),
        ('خلال الشهر الحادي عشر بعد المئة على إعلان "الخلافة"', 111),
        ('خلال الشهر الثاني والعشرين بعد المئة من عمر "الخلافة"', 122),
        ('في الشهر الخامس والتسعين من عمر "الخلافة"', 95),
        ('خلال الشهر التسعين من عمر "الخلافة"', 90),
        ('خلال الشهر المئة على إعلان "الخلافة"', 100),
    ],
)
def test_month_as_ordinal_words(raw, month):
    period, _ = _period(raw)
    assert (period.kind, period.month) == ("caliphate_month", month)
    assert (period.start, period.end) == _expected_bounds(month)


def test_a_month_number_stated_twice_gives_two_spans():
    period, text = _period(
        "الشهر 117 لإعلان «الخلافة».. التنظيم يقتل 5\nوثقت منظمات خلال الشهر 117 لإعلان «الخلافة» 9 عمليات"
    )
    assert period.month == 117
    assert [text[a:b] for a, b in period.spans] == ["117", "117"]


@pytest.mark.parametrize(
    "raw",
    [
        "قتل 5 من عناصر الجيش خلال الشهر الماضي في البادية",
        "نفذ التنظيم 12 عملية خلال شهر",
        "",
    ],
)
def test_no_period_without_a_framing(raw):
    period, _ = _period(raw)
    assert period.month is None and period.kind is None and period.bounds is None


def _expected_bounds(n: int) -> tuple[dt.date, dt.date]:
    """Month N: 29th of (June 2014 + N months) to the 28th of the next month, written out independently."""
    index = 2014 * 12 + 5 + n  # zero-based month index of the month in which month N starts
    y, m = divmod(index, 12)
    start_y, start_m = y, m + 1
    ey, em = divmod(index + 1, 12)
    end = D(ey, em + 1, 28)
    try:
        start = D(start_y, start_m, 29)
    except ValueError:  # February without a 29th: the month starts on 1 March
        start = D(start_y, start_m + 1, 1)
    return start, end


# --- calendar-month and annual reports ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "month", "start", "end"),
    [
        (
            "رصدت منظمات حقوقية خلال شهر تشرين الأول 2025 تنفيذ التنظيم 19 عملية",
            135,
            D(2025, 9, 29),
            D(2025, 10, 28),
        ),
        ("نفذ التنظيم خلال شهر أكتوبر 2025 عمليات", 135, D(2025, 9, 29), D(2025, 10, 28)),
        ('"داعش" في أيلول 2025.. 11 عملية', 134, D(2025, 8, 29), D(2025, 9, 28)),
        ("حصيلة التنظيم خلال يوليو/تموز 2022", 96, D(2022, 6, 29), D(2022, 7, 28)),
        ("حصيلة التنظيم في نوفمبر/تشرين الثاني 2022", 100, D(2022, 10, 29), D(2022, 11, 28)),
    ],
)
def test_calendar_month_report(raw, month, start, end):
    period, _ = _period(raw)
    assert (period.kind, period.month, period.start, period.end) == ("calendar_month", month, start, end)


def test_a_calendar_month_after_a_long_introduction_naming_the_2019_defeat():
    defeat = "رغم إعلان القضاء على آخر معاقله في الباغوز في آذار/مارس 2019."
    intro = defeat + " ويتوزع نشاط التنظيم بين هجمات متفرقة في البادية ومناطق شرق الفرات." * 8 + "\n"
    month = "وفي البادية السورية، نفذت خلايا التنظيم خلال شهر كانون الثاني 2020 قرابة 10 عمليات"
    period, _ = _period(intro + month)
    assert (period.kind, period.month) == ("calendar_month", 66)  # was March 2019 (in the first 600)


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ('حصاد 2023.. 400 عملية لتنظيم "داعش"', 2023),
        ("نشر المرصد حصيلته السنوية لنشاط التنظيم خلال عام 2022، والتي", 2022),
        ("نفذ التنظيم في العام 2021 مئات العمليات", 2021),
    ],
)
def test_annual_report(raw, year):
    period, _ = _period(raw)
    assert (period.kind, period.month, period.start, period.end) == (
        "year",
        None,
        D(year, 1, 1),
        D(year, 12, 31),
    )


# --- dates ----------------------------------------------------------------------------------------------

PERIOD_102 = (D(2022, 12, 29), D(2023, 1, 28))


@pytest.mark.parametrize(
    ("raw", "day", "month", "year"),
    [
        ("بتاريخ 23 تشرين الثاني", 23, 11, None),  # Levantine
        ("يوم 5 كانون الثاني", 5, 1, None),
        ("في 30 كانون الأول", 30, 12, None),
        ("في 14 شباط", 14, 2, None),
        ("في 2 آب", 2, 8, None),
        ("في 7 مايو", 7, 5, None),  # Egyptian / Gulf
        ("في 11 يناير", 11, 1, None),
        ("في 19 أيار/مايو", 19, 5, None),  # both
        ("يوم 11 يناير/كانون الثاني", 11, 1, None),
        ("في مارس/آذار 2019", None, 3, 2019),
        ("يونيو/حزيران 2020", None, 6, 2020),
        ("24 آذار 2019", 24, 3, 2019),
        ("29 أيلول/سبتمبر 2020", 29, 9, 2020),
        ("٣ شباط ٢٠٢٢", 3, 2, 2022),
        ("۱۲ حزیران", 12, 6, None),
    ],
)
def test_date_phrases(raw, day, month, year):
    text = normalize(raw).text
    (found,) = find_dates(text)
    assert (found.day, found.month, found.year) == (day, month, year)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("بتاريخ 30 كانون الأول", D(2022, 12, 30)),  # day without a year takes the period's year
        ("يوم 5 كانون الثاني", D(2023, 1, 5)),
        ("في 11 يناير/كانون الثاني", D(2023, 1, 11)),
        ("في 2 يناير", D(2023, 1, 2)),
        ("24 آذار 2019", D(2019, 3, 24)),  # a stated year wins
    ],
)
def test_day_without_year_takes_the_periods_year(raw, expected):
    (found,) = find_dates(normalize(raw).text)
    assert found.resolve(PERIOD_102) == expected


def test_a_month_and_year_without_day_resolves_to_no_single_day():
    (found,) = find_dates(normalize("في آذار 2019").text)
    assert found.resolve(PERIOD_102) is None


@pytest.mark.parametrize(
    ("raw", "year"), [("منذ مطلع العام 2024", 2024), ("خلال عام 2023", 2023), ("حصاد 2021", 2021)]
)
def test_years_after_year_words(raw, year):
    (found,) = find_dates(normalize(raw).text)
    assert (found.day, found.month, found.year) == (None, None, year)


def test_date_spans_cover_their_numbers():
    text = normalize("قتل قيادي بتاريخ 23 تشرين الثاني في ريف الحسكة").text
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "23 تشرين الثاني"


def test_counts_are_not_dates():
    assert find_dates(normalize("نفذ التنظيم 23 عملية أسفرت عن مقتل 17 من العسكريين").text) == []


# --- dates before the series (issue 18) ---------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    "خلال شهر حزيران 2014 أعدم التنظيم 12 شخصاً",
    "خلال شهر أيار 2013 قتل التنظيم 3 مدنيين",
    "In June 2014 ISIS killed 4 civilians in 2 attacks in Raqqa.",
    "During May 2012, 5 civilians were killed by ISIS.",
])
def test_a_date_before_the_series_crashes_nothing(raw):
    from helpers import parse_report

    report = parse_report(raw, "early")
    assert report.month is None or report.period_start >= dt.date(2014, 6, 29)


def test_execution_period_phrase_names_the_month():
    from helpers.text.dates import find_dates
    from helpers.text.normalize import normalize
    from helpers.text.period import execution_month_of_phrase

    text = normalize("في الفترة الممتدة بين 29 آب/أغسطس و29 أيلول/سبتمبر 2016").text
    assert execution_month_of_phrase(text, find_dates(text), ("بين",))[0] == 27
    early = normalize("في الفترة بين 29 أيار و29 حزيران 2014").text
    assert execution_month_of_phrase(early, find_dates(early), ("بين",)) is None
