"""Every format family of FORMAT-VARIATIONS.md (§1-6) in short fragments written for this file.

The texts, numbers and places are invented here (not copied from the conformance fixtures). Each
fragment lists the exact rows the conformance README's conventions give it; parsing must produce exactly
those rows, leave no number unexplained, and pass every consistency check.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import pytest

from helpers import NotAReportError, parse_report
from helpers.build.corpus import read_report
from helpers.check.validate import check_report
from tests.rows import COLUMNS, diff, figure_rows

D = dt.date


@dataclass(frozen=True)
class Case:
    """A fragment, its expected rows (CSV lines on the 11 columns) and, optionally, its period and events."""

    id: str
    lines: tuple[str, ...] | str  # a one-line fragment may be a plain string
    rows: str
    month: int | None = None
    period: tuple[dt.date, dt.date] | None = None
    kind: str | None = "caliphate_month"
    events: tuple[tuple, ...] | None = None  # (date, admin1, actor, target)
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        lines = (self.lines,) if isinstance(self.lines, str) else self.lines
        return "\n".join(lines) + "\n"

    def expected(self) -> Counter:
        out = Counter()
        for line in self.rows.strip().splitlines():
            cells = [c.strip() for c in line.split(",")]
            cells += [""] * (len(COLUMNS) - len(cells))
            if len(cells) != len(COLUMNS):
                raise ValueError(f"{self.id}: bad expected row {line!r}")
            out[tuple(cells)] += 1
        return out


def R(
    zone,
    level,
    admin1,
    measure,
    group,
    subgroup,
    perpetrator,
    value,
    qualifier="exact",
    scope="report",
    since="",
):
    """One expected row as a CSV line (keeps the cases readable)."""
    return ",".join(
        str(x)
        for x in (zone, level, admin1, measure, group, subgroup, perpetrator, value, qualifier, scope, since)
    )


def rows(*lines: str) -> str:
    return "\n".join(lines)


SDF, BAD, GOV, OTH, ALL = "sdf_areas", "badia", "government_areas", "other", "all"
TOT, BRK, HEAD = "total", "breakdown", "headline"
GF = "government_forces"
DEZ = "Deir ez-Zor"

CASES = [
    # ---------------------------------------------------------------- §1 obfuscated words
    Case(
        "obf_spaced_letters_and_split_word",
        (
            'سجلت منظمات حقوقية خلال الشهر 104 من عمر "الخلافة" 6 عمليات لخلايا "د ا ع ش" في مناطق نفوذ '
            '"الإدارة الذاتية"، أسفرت عن مقتـ ـل 4 من القوات العسكرية.',
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 6),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 4),
        ),
        month=104,
        period=(D(2023, 3, 1), D(2023, 3, 28)),
    ),
    Case(
        "obf_two_splits_and_asterisks",
        (
            "في الشهر 119 على إعلان «خلا*فة البغدادي»، نفذت خلايا التنـ ـظـ ـيم 9 عمليات في البادية السورية، "
            "خلّفت مقتل 17 من عناصر الجيش السوري، فيما قُتـ ـل 6 من عناصر التن*ظيم بغارات روسية.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 9),
            R(BAD, TOT, "", "killed", GF, "", "isis", 17),
            R(BAD, TOT, "", "killed", "isis", "", "russia", 6),
        ),
        month=119,
        period=(D(2024, 5, 29), D(2024, 6, 28)),
    ),
    Case(
        "obf_dots_zero_width_and_rlm",
        (
            'خلال الشهر 108 من عمر "الخلافة"، قُتل \u200f3 من عناصر "د.ا.ع.ش" برصاص مسلحين مجهولين في ريف '
            "درعا "
            "الغربي.",
            "وفي محافظة درعا أيضاً، قُتل 2 من عناصر الجيش السوري بهجوم لخلية تابعة لدا\u200cعش.",
        ),
        rows(
            R(GOV, BRK, "Daraa", "killed", "isis", "", "unknown", 3),
            R(GOV, BRK, "Daraa", "killed", GF, "", "isis", 2),
        ),
        month=108,
    ),
    Case(
        "obf_quotes_of_every_kind",
        (
            "خلال الشهر 114 من عمر “الخلافة”، نفذت خلايا تنظيم «داعش» 7 عمليات في مناطق نفوذ 'قسد'، "
            "أسفرت عن مقتل 3 من العسكريين، بينما نفذ تنظيم „الدولة الإسلامية‟ 5 عمليات في البادية السورية.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 3),
            R(BAD, TOT, "", "operations", "all", "", "isis", 5),
        ),
        month=114,
    ),
    # ---------------------------------------------------------------- §2 numbers: digit forms
    Case(
        "digits_arabic_indic",
        (
            'وخلال الشهر ١١٣ من عمر "الخلافة"، نفذت خلايا تنظيم "داعش" ١٢ عملية في مناطق نفوذ "قسد"، '
            "أسفرت عن مقتل ٩ أشخاص، هم: ٤ مدنيين، و٥ من القوات العسكرية.",
            "وتوزعت العمليات على النحو الآتي:",
            "٧ عمليات في دير الزور أسفرت عن مقتل ٣ مدنيين و٢ من العسكريين",
            "٥ عمليات في الرقة أسفرت عن مقتل مدني و٣ من العسكريين",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 12),
            R(SDF, TOT, "", "killed", "all", "", "isis", 9),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 4),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 5),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 7),
            R(SDF, BRK, DEZ, "killed", "civilians", "", "isis", 3),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 2),
            R(SDF, BRK, "Raqqa", "operations", "all", "", "isis", 5),
            R(SDF, BRK, "Raqqa", "killed", "civilians", "", "isis", 1),
            R(SDF, BRK, "Raqqa", "killed", "sdf", "", "isis", 3),
        ),
        month=113,
        period=(D(2023, 11, 29), D(2023, 12, 28)),
    ),
    Case(
        "digits_persian_mixed_with_ascii",
        (
            'شهد الشهر ۱۰۶ على إعلان "خلافة البغدادي" تنفيذ خلايا التنظيم ۱۸ عملية في البادية السورية، '
            "أسفرت عن مقتل ۳۴ من عناصر قوات النظام، بينما قُتل 7 من عناصر التنظيم بقصف جوي روسي.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 18),
            R(BAD, TOT, "", "killed", GF, "", "isis", 34),
            R(BAD, TOT, "", "killed", "isis", "", "russia", 7),
        ),
        month=106,
    ),
    Case(
        "digits_thousands_separators_cumulative",
        (
            'خلال الشهر 121 من عمر "الخلافة"، نفذ تنظيم "داعش" 11 عملية في مناطق نفوذ "الإدارة الذاتية"، '
            "أسفرت عن مقتل 6 من العسكريين.",
            'وبذلك ترتفع حصيلة عمليات التنظيم في مناطق "الإدارة الذاتية" منذ 24 آذار 2019 إلى 2,318 عملية، '
            'فيما اعتقلت "قسد" بمشاركة التحالف الدولي ١٬٤٠٧ من المشتبه بانتمائهم للتنظيم خلال المدة ذاتها.',
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 11),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 6),
            R(SDF, TOT, "", "operations", "all", "", "isis", 2318, scope="cumulative", since="2019-03-24"),
            R(
                SDF,
                TOT,
                "",
                "arrested",
                "isis",
                "",
                "coalition",
                1407,
                scope="cumulative",
                since="2019-03-24",
            ),
        ),
        month=121,
    ),
    # ---------------------------------------------------------------- §2 numbers: words
    Case(
        "words_units_both_genders",
        (
            'وثقت منظمات حقوقية خلال الشهر 109 من عمر "الخلافة" سبع عمليات لخلايا التنظيم في مناطق نفوذ '
            '"قسد"، '
            "أسفرت عن مقتل خمسة أشخاص، هم: مدنيان، وثلاثة من القوات العسكرية.",
            "وتوزعت العمليات على النحو الآتي:",
            "أربع عمليات في دير الزور أسفرت عن مقتل اثنين من العسكريين ومدني واحد",
            "ثلاث عمليات في الحسكة أسفرت عن مقتل مدني وواحد من العسكريين",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "all", "", "isis", 5),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 2),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 3),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 4),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 2),
            R(SDF, BRK, DEZ, "killed", "civilians", "", "isis", 1),
            R(SDF, BRK, "Hasakah", "operations", "all", "", "isis", 3),
            R(SDF, BRK, "Hasakah", "killed", "civilians", "", "isis", 1),
            R(SDF, BRK, "Hasakah", "killed", "sdf", "", "isis", 1),
        ),
        month=109,
    ),
    Case(
        "words_teens_and_tens",
        (
            'في الشهر 98 على إعلان "خلافة الدولة الإسلامية"، أحصى المرصد السوري لحقوق الإنسان ثلاثاً وعشرين '
            "عملية "
            "للتنظيم في البادية السورية، أسفرت عن مقتل خمسة وثلاثين من عناصر قوات النظام والمسلحين الموالين "
            "لها، "
            "بينما قُتل اثنا عشر من عناصر التنظيم بغارات روسية.",
            "وتوزعت العمليات على النحو الآتي:",
            "أربع عشرة عملية في بادية حمص أسفرت عن مقتل عشرين من العسكريين وسبعة من التنظيم",
            "تسع عمليات في بادية حماة أسفرت عن مقتل خمسة عشر من العسكريين وخمسة من التنظيم",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 23),
            R(BAD, TOT, "", "killed", GF, "", "isis", 35),
            R(BAD, TOT, "", "killed", "isis", "", "russia", 12),
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 14),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 20),
            R(BAD, BRK, "Homs", "killed", "isis", "", "russia", 7),
            R(BAD, BRK, "Hama", "operations", "all", "", "isis", 9),
            R(BAD, BRK, "Hama", "killed", GF, "", "isis", 15),
            R(BAD, BRK, "Hama", "killed", "isis", "", "russia", 5),
        ),
        month=98,
    ),
    Case(
        "words_large_and_mixed_cumulative",
        (
            'خلال الشهر 123 من عمر "الخلافة"، نفذ التنظيم 8 عمليات في البادية السورية أسفرت عن مقتل 12 من '
            "عناصر "
            "الجيش السوري.",
            "أما منذ 24 آذار 2019، فقد وثقت المنظمات 4 آلاف و412 عملية للتنظيم في البادية، قُتل فيها أكثر من "
            "ثلاثة آلاف وأربعمئة من العسكريين، بينما قُتل ألفان و19 من عناصر التنظيم بضربات روسية.",
            'وترتفع بذلك حصيلة عمليات التنظيم في مناطق نفوذ "قسد" خلال المدة ذاتها لألفين و61 عملية.',
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 8),
            R(BAD, TOT, "", "killed", GF, "", "isis", 12),
            R(BAD, TOT, "", "operations", "all", "", "isis", 4412, scope="cumulative", since="2019-03-24"),
            R(BAD, TOT, "", "killed", GF, "", "isis", 3400, "at_least", "cumulative", "2019-03-24"),
            R(BAD, TOT, "", "killed", "isis", "", "russia", 2019, scope="cumulative", since="2019-03-24"),
            R(SDF, TOT, "", "operations", "all", "", "isis", 2061, scope="cumulative", since="2019-03-24"),
        ),
        month=123,
    ),
    Case(
        "words_hundreds_in_an_annual_tally",
        (
            'حصاد 2021.. مئتان وخمس عمليات لتنظيم "داعش" في مناطق "قسد"',
            'نشر المرصد السوري لحقوق الإنسان حصيلته السنوية لنشاط تنظيم "الدولة الإسلامية" خلال عام 2021.',
            'ففي مناطق نفوذ "الإدارة الذاتية"، وثق المرصد خلال العام مئتين وخمس عمليات للتنظيم، أسفرت عن '
            "مقتل "
            "مئة وثمانية من العسكريين.",
        ),
        rows(
            R(SDF, HEAD, "", "operations", "all", "", "isis", 205),
            R(SDF, TOT, "", "operations", "all", "", "isis", 205),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 108),
        ),
        month=None,
        period=(D(2021, 1, 1), D(2021, 12, 31)),
        kind="year",
    ),
    # ---------------------------------------------------------------- §2 implied numbers
    Case(
        "implied_singular_and_dual",
        (
            'خلال الشهر 100 من عمر "الخلافة"، نفذت خلايا التنظيم 3 عمليات في مناطق نفوذ "الإدارة الذاتية"، '
            "أسفرت عن "
            "مقتل مدنيين اثنين وعنصر من قوات سوريا الديمقراطية.",
            "وتوزعت العمليات على النحو الآتي:",
            "عمليتان في الحسكة أسفرتا عن مقتل مدنيين اثنين",
            "وواحدة في دير الزور أسفرت عن مقتل عنصر من قسد",
            "وفي البادية السورية، قُتل عنصران من الدفاع الوطني بهجوم للتنظيم، كما قُتل أحد المهاجمين برصاص "
            "قوات "
            "النظام.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 3),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 2),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 1),
            R(SDF, BRK, "Hasakah", "operations", "all", "", "isis", 2),
            R(SDF, BRK, "Hasakah", "killed", "civilians", "", "isis", 2),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 1),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 1),
            R(BAD, TOT, "", "killed", GF, "", "isis", 2),
            R(BAD, TOT, "", "killed", "isis", "", GF, 1),
        ),
        month=100,
        period=(D(2022, 10, 29), D(2022, 11, 28)),
    ),
    Case(
        "implied_dual_nouns_in_the_badia",
        (
            'وفي البادية السورية خلال الشهر 105 من عمر "الخلافة"، نفذ التنظيم عمليتين قُتل خلالهما مدنيان '
            "وعسكريان من قوات النظام."
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 2),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 2),
            R(BAD, TOT, "", "killed", GF, "", "isis", 2),
        ),
        month=105,
    ),
    # ---------------------------------------------------------------- §2 approximate and bounded
    Case(
        "approximate_and_bounded_with_dozens",
        (
            'خلال الشهر 115 على إعلان "خلافة البغدادي"، نفذ تنظيم "الدولة الإسلامية" أكثر من 25 عملية في '
            "البادية "
            "السورية، أسفرت عن مقتل نحو 48 من عناصر قوات النظام، وقرابة 9 مدنيين، فيما أصيب عشرات العسكريين "
            "بجروح.",
            'وفي مناطق نفوذ "قسد"، نفذت خلايا التنظيم ما لا يقل عن 13 عملية، قُتل خلالها حوالي 10 من '
            "العسكريين.",
            "واعتقلت قوات سوريا الديمقراطية ما يزيد عن 40 من المشتبه بانتمائهم للتنظيم، إلى جانب عشرات "
            "آخرين.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 25, "at_least"),
            R(BAD, TOT, "", "killed", GF, "", "isis", 48, "approximately"),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 9, "approximately"),
            R(SDF, TOT, "", "operations", "all", "", "isis", 13, "at_least"),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 10, "approximately"),
            R(SDF, TOT, "", "arrested", "isis", "", "sdf", 40, "at_least"),
        ),
        month=115,
    ),
    # ---------------------------------------------------------------- §2 count grammar
    Case(
        "count_grammar_singular_noun_after_plural_count",
        (
            'خلال الشهر 116 من عمر "الخلافة"، وثقت منظمات حقوقية 9 عمليات لتنظيم "داعش" في مناطق نفوذ '
            '"الإدارة الذاتية"، أسفرت عن مقتل 6 من العسكريين.',
            "وتوزعت العمليات على النحو الآتي:",
            "5 عملية في دير الزور أسفرت عن مقتل 4 عنصر من العسكريين",
            "3 عملية في الحسكة أسفرت عن مقتل 2 عسكري",
            "1 عملية في الرقة لم تسفر عن خسائر بشرية",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 9),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 6),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 5),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 4),
            R(SDF, BRK, "Hasakah", "operations", "all", "", "isis", 3),
            R(SDF, BRK, "Hasakah", "killed", "sdf", "", "isis", 2),
            R(SDF, BRK, "Raqqa", "operations", "all", "", "isis", 1),
        ),
        month=116,
        period=(D(2024, 2, 29), D(2024, 3, 28)),
    ),
    # ---------------------------------------------------------------- §2 toll then split
    Case(
        "toll_two_death_words_then_split",
        (
            'خلال الشهر 110 على إعلان "خلافة الدولة الإسلامية"، وثق المرصد السوري لحقوق الإنسان 11 عملية '
            "لتنظيم "
            'الدولة في مناطق نفوذ "قسد"، خلّفت 14 شهيداً وقتيلاً، هم: 4 مدنيين، و10 من القوات العسكرية.',
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 11),
            R(SDF, TOT, "", "killed", "all", "", "isis", 14),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 4),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 10),
        ),
        month=110,
    ),
    Case(
        "toll_of_persons_split_and_isis_added",
        (
            'وفي البادية السورية خلال الشهر 110 من عمر "الخلافة"، أسفرت 16 عملية للتنظيم عن مقتل 31 شخصاً، '
            "هم: "
            "3 من "
            "المدنيين، و28 من عناصر الجيش السوري والقوات الرديفة، بالإضافة إلى 8 من عناصر التنظيم قُتلوا في "
            "الاشتباكات مع الجيش السوري.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 16),
            R(BAD, TOT, "", "killed", "all", "", "isis", 31),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 3),
            R(BAD, TOT, "", "killed", GF, "", "isis", 28),
            R(BAD, TOT, "", "killed", "isis", "", GF, 8),
        ),
        month=110,
    ),
    Case(
        "toll_of_dead_in_a_breakdown_line",
        (
            'خلال الشهر 95 من عمر "الخلافة"، نفذت خلايا تنظيم الدولة 7 عمليات في مناطق نفوذ "قسد".',
            "وتوزعت العمليات على النحو الآتي:",
            "4 عمليات في دير الزور أسفرت عن 5 قتلى، هم: مدني و4 عسكريين",
            "3 عمليات في الرقة أسفرت عن مقتل 2 من العسكريين",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 7),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 4),
            R(SDF, BRK, DEZ, "killed", "all", "", "isis", 5),
            R(SDF, BRK, DEZ, "killed", "civilians", "", "isis", 1),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 4),
            R(SDF, BRK, "Raqqa", "operations", "all", "", "isis", 3),
            R(SDF, BRK, "Raqqa", "killed", "sdf", "", "isis", 2),
        ),
        month=95,
    ),
    # ---------------------------------------------------------------- §2/§6 sub-counts
    Case(
        "subcounts_among_them_and_of_these",
        (
            'خلال الشهر 117 من عمر "الخلافة"، نفذت خلايا التنظيم 12 عملية في مناطق نفوذ "الإدارة الذاتية"، '
            "أسفرت "
            "عن مقتل 15 شخصاً، هم: 7 مدنيين بينهم طفلان وسيدة، و8 من القوات العسكرية.",
            "واعتقلت قوات سوريا الديمقراطية 19 شخصاً بتهمة الانتماء للتنظيم، من بين هؤلاء 4 قياديين.",
            "وفي البادية السورية، قُتل 6 مدنيين بينهم 3 أطفال بهجوم للتنظيم على رعاة الأغنام.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 12),
            R(SDF, TOT, "", "killed", "all", "", "isis", 15),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 7),
            R(SDF, TOT, "", "killed", "civilians", "children", "isis", 2),
            R(SDF, TOT, "", "killed", "civilians", "women", "isis", 1),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 8),
            R(SDF, TOT, "", "arrested", "isis", "", "sdf", 19),
            R(SDF, TOT, "", "arrested", "isis", "leaders", "sdf", 4),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 6),
            R(BAD, TOT, "", "killed", "civilians", "children", "isis", 3),
        ),
        month=117,
    ),
    # ---------------------------------------------------------------- §3 force names
    Case(
        "forces_regime_era",
        (
            'خلال الشهر 80 لإعلان "الخلافة"، صعّد التنظيم هجماته ضد قوات النظام والميليشيات الموالية لها في '
            "البادية "
            "السورية، إذ أحصى المرصد السوري لحقوق الإنسان 17 هجوماً، قُتل خلالها 29 من عناصر قوات النظام "
            "والميليشيات "
            "الموالية.",
            "وتوزعت الهجمات على النحو الآتي:",
            "10 هجمات في بادية حمص أسفرت عن مقتل 11 من عناصر الجيش العربي السوري و7 من مسلحي الدفاع الوطني",
            "7 هجمات في بادية دير الزور أسفرت عن مقتل 11 من الميليشيات الموالية لإيران",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 17),
            R(BAD, TOT, "", "killed", GF, "", "isis", 29),
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 10),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 11),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 7),
            R(BAD, BRK, DEZ, "operations", "all", "", "isis", 7),
            R(BAD, BRK, DEZ, "killed", GF, "", "isis", 11),
        ),
        month=80,
        period=(D(2021, 3, 1), D(2021, 3, 28)),  # no 29 February in 2021
    ),
    Case(
        "forces_new_authorities_after_2024",
        (
            'بعد 131 شهراً على إعلان "دولة الخلافة"، نفذت خلايا تنظيم "داعش" 5 عمليات في البادية السورية، '
            "أسفرت "
            "عن "
            "مقتل 8 من عناصر قوات الحكومة السورية.",
            "وفي ريف دمشق، اعتقل الأمن العام 7 أشخاص من أعضاء خلية تابعة للتنظيم، بينهم قيادي.",
            "وفي مدينة حمص، قُتل 3 من عناصر وزارة الدفاع بهجوم لخلية من التنظيم.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 5),
            R(BAD, TOT, "", "killed", GF, "", "isis", 8),
            R(GOV, BRK, "Rif Dimashq", "arrested", "isis", "", GF, 7),
            R(GOV, BRK, "Rif Dimashq", "arrested", "isis", "leaders", GF, 1),
            R(GOV, BRK, "Homs", "killed", GF, "", "isis", 3),
        ),
        month=131,
        period=(D(2025, 5, 29), D(2025, 6, 28)),
    ),
    Case(
        "forces_sdf_bodies_under_a_zone_heading",
        (
            "مناطق نفوذ قسد",
            "خلال الشهر 86 من عمر خلافة البغدادي، نفذت خلايا تنظيم الدولة 9 عمليات في مناطق الإدارة الذاتية، "
            "أسفرت "
            "عن مقتل 8 من مقاتلي قسد والتشكيلات العسكرية العاملة معها.",
            "وتوزعت العمليات على النحو الآتي:",
            "6 عمليات في دير الزور أسفرت عن مقتل 5 من مقاتلي مجلس دير الزور العسكري",
            "3 عمليات في الحسكة أسفرت عن مقتل 3 من عناصر قوى الأمن الداخلي",
            "واعتقلت الأسايش 14 من المشتبه بانتمائهم للتنظيم في مدينة القامشلي.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 9),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 8),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 6),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 5),
            R(SDF, BRK, "Hasakah", "operations", "all", "", "isis", 3),
            R(SDF, BRK, "Hasakah", "killed", "sdf", "", "isis", 3),
            R(SDF, BRK, "Hasakah", "arrested", "isis", "", "sdf", 14),
        ),
        month=86,
    ),
    Case(
        "forces_sdf_with_the_coalition_and_coalition_strike",
        (
            'خلال الشهر 99 على إعلان "خلافة البغدادي"، نفذ التنظيم 4 عمليات في مناطق نفوذ "الإدارة الذاتية" '
            "أسفرت عن مقتل 2 من العسكريين.",
            "واعتقلت قوات سوريا الديمقراطية بمساندة التحالف الدولي 9 من عناصر التنظيم في ريف الحسكة الجنوبي.",
            "كما قُتل 2 من عناصر التنظيم بغارة للتحالف الدولي في ريف دير الزور الشرقي.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 4),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 2),
            R(SDF, BRK, "Hasakah", "arrested", "isis", "", "coalition", 9),
            R(SDF, BRK, DEZ, "killed", "isis", "", "coalition", 2),
        ),
        month=99,
    ),
    Case(
        "zone_headings_set_the_zone",
        (
            'خلال الشهر 92 من عمر "الخلافة"، واصلت خلايا التنظيم هجماتها في مناطق عدة.',
            "البادية السورية:",
            "نفذ التنظيم 6 عمليات أسفرت عن مقتل 9 من العسكريين.",
            "مناطق سيطرة قسد:",
            "نفذ التنظيم 4 عمليات أسفرت عن مقتل 2 من العسكريين.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 6),
            R(BAD, TOT, "", "killed", GF, "", "isis", 9),
            R(SDF, TOT, "", "operations", "all", "", "isis", 4),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 2),
        ),
        month=92,
    ),
    Case(
        "zone_turkish_backed_factions",
        (
            'خلال الشهر 118 من عمر "الخلافة"، نفذ تنظيم "داعش" 5 عمليات في مناطق نفوذ "قسد".',
            "وفي مناطق نفوذ الفصائل الموالية لتركيا بريف حلب الشمالي، قُتل 3 من مقاتلي الفصائل بانفجار عبوة "
            "ناسفة "
            "زرعها التنظيم.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 5),
            R(OTH, BRK, "Aleppo", "killed", "other_forces", "", "isis", 3),
        ),
        month=118,
    ),
    Case(
        "zone_government_areas_in_the_south",
        (
            'خلال الشهر 107 من عمر "الخلافة"، نفذ التنظيم 3 عمليات في البادية السورية.',
            "وفي ريف السويداء الشرقي، قُتل 2 من عناصر قوات النظام بهجوم تبناه التنظيم.",
            "كذلك قُتل 4 من عناصر التنظيم في حوادث أمنية متفرقة ضمن محافظة درعا.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 3),
            R(GOV, BRK, "Suwayda", "killed", GF, "", "isis", 2),
            R(GOV, BRK, "Daraa", "killed", "isis", "", "unknown", 4),
        ),
        month=107,
    ),
    # ---------------------------------------------------------------- §4 layout: breakdowns
    Case(
        "layout_dash_and_bullet_lines",
        (
            "خلال الشهر 111 على إعلان \"خلافة البغدادي\"، نفذت خلايا تنظيم 'داعش' 13 عملية في البادية "
            "السورية، "
            "قُتل خلالها 21 من عناصر الجيش السوري.",
            "وجاءت العمليات موزعة كالآتي:",
            "– 8 عمليات في بادية حمص أسفرت عن مقتل 14 من العسكريين",
            "• 4 عمليات في بادية حماة أسفرت عن مقتل 6 من العسكريين",
            "- 1 عملية في بادية الرقة أسفرت عن مقتل 1 من العسكريين",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 13),
            R(BAD, TOT, "", "killed", GF, "", "isis", 21),
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 8),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 14),
            R(BAD, BRK, "Hama", "operations", "all", "", "isis", 4),
            R(BAD, BRK, "Hama", "killed", GF, "", "isis", 6),
            R(BAD, BRK, "Raqqa", "operations", "all", "", "isis", 1),
            R(BAD, BRK, "Raqqa", "killed", GF, "", "isis", 1),
        ),
        month=111,
    ),
    Case(
        "layout_inline_with_commas_and_semicolons",
        (
            'في الشهر 89 من عمر "الخلافة"، وثقت منظمات حقوقية 11 عملية للتنظيم في مناطق نفوذ "قسد" أسفرت عن '
            "مقتل 7 "
            "أشخاص، هم: 3 مدنيين و4 من العسكريين، وتوزعت العمليات على النحو الآتي: 6 عمليات في دير الزور "
            "أسفرت "
            "عن "
            "مقتل مدنيين اثنين و3 من العسكريين، و5 عمليات في الرقة أسفرت عن مقتل مدني و1 من العسكريين.",
            "وفي البادية السورية نفذ التنظيم 15 عملية قُتل فيها 26 من قوات النظام، وجاءت على الشكل التالي: 9 "
            "عمليات "
            "في بادية حمص قُتل خلالها 17 من العسكريين؛ 6 عمليات في بادية دير الزور قُتل خلالها 9 من "
            "العسكريين.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 11),
            R(SDF, TOT, "", "killed", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 3),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 4),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 6),
            R(SDF, BRK, DEZ, "killed", "civilians", "", "isis", 2),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 3),
            R(SDF, BRK, "Raqqa", "operations", "all", "", "isis", 5),
            R(SDF, BRK, "Raqqa", "killed", "civilians", "", "isis", 1),
            R(SDF, BRK, "Raqqa", "killed", "sdf", "", "isis", 1),
            R(BAD, TOT, "", "operations", "all", "", "isis", 15),
            R(BAD, TOT, "", "killed", GF, "", "isis", 26),
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 9),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 17),
            R(BAD, BRK, DEZ, "operations", "all", "", "isis", 6),
            R(BAD, BRK, DEZ, "killed", GF, "", "isis", 9),
        ),
        month=89,
    ),
    Case(
        "layout_area_count_without_a_noun",
        (
            'خلال الشهر 96 من عمر "الخلافة"، قتل التنظيم 10 من عناصر الجيش السوري في 5 عمليات بالبادية '
            "السورية: "
            "3 في بادية حمص أسفرت عن مقتل 6 من العسكريين، و2 في بادية حماة أسفرت عن مقتل 4 من العسكريين."
        ),
        rows(
            R(BAD, TOT, "", "killed", GF, "", "isis", 10),
            R(BAD, TOT, "", "operations", "all", "", "isis", 5),
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 3),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 6),
            R(BAD, BRK, "Hama", "operations", "all", "", "isis", 2),
            R(BAD, BRK, "Hama", "killed", GF, "", "isis", 4),
        ),
        month=96,
        period=(D(2022, 6, 29), D(2022, 7, 28)),
    ),
    Case(
        "layout_totals_only_and_no_loss_line",
        (
            'يدخل تنظيم "الدولة الإسلامية" الشهر 67 من عمر "خلافته" وخلاياه تنفذ 19 عملية في مناطق سيطرة '
            "قوات "
            "سوريا "
            "الديمقراطية، أسفرت عن مقتل 11 من مقاتلي قسد، فيما أصيب 6 أشخاص بجروح.",
            "أما في البادية السورية، فقد نفذ التنظيم 8 عمليات لم تسفر عن خسائر بشرية.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 19),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 11),
            R(SDF, TOT, "", "injured", "all", "", "isis", 6),
            R(BAD, TOT, "", "operations", "all", "", "isis", 8),
        ),
        month=67,
        period=(D(2020, 1, 29), D(2020, 2, 28)),
    ),
    Case(
        "layout_injured_others_of_the_group_just_named",
        (
            'خلال الشهر 122 من عمر "الخلافة"، نفذ التنظيم 4 عمليات في مناطق نفوذ "قسد" أسفرت عن مقتل 3 من '
            "عناصر قوات سوريا الديمقراطية وإصابة 5 آخرين."
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 4),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 3),
            R(SDF, TOT, "", "injured", "sdf", "", "isis", 5),
        ),
        month=122,
    ),
    # ---------------------------------------------------------------- §4/§6 title block and headlines
    Case(
        "title_with_double_dot_subtitle",
        (
            'الشهر 124 على إعلان "خلافة البغدادي"',
            'نحو 20 قتيلاً من قوات النظام في البادية.. و5 عمليات للتنظيم في مناطق "قسد"',
            'وثق المرصد السوري لحقوق الإنسان خلال الشهر 124 من عمر "الخلافة" 10 عمليات للتنظيم في البادية '
            "السورية، "
            "أسفرت عن مقتل 19 من عناصر قوات النظام.",
            'وفي مناطق نفوذ "قسد"، نفذ التنظيم 5 عمليات أسفرت عن مقتل 3 من العسكريين.',
        ),
        rows(
            R(BAD, HEAD, "", "killed", GF, "", "isis", 20, "approximately"),
            R(SDF, HEAD, "", "operations", "all", "", "isis", 5),
            R(BAD, TOT, "", "operations", "all", "", "isis", 10),
            R(BAD, TOT, "", "killed", GF, "", "isis", 19),
            R(SDF, TOT, "", "operations", "all", "", "isis", 5),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 3),
        ),
        month=124,
    ),
    Case(
        "title_block_observatory_date_counter_intro",
        (
            '"داعش" في الشهر 125 على إعلان "خلافته"',
            'أكثر من 30 قتيلاً في البادية.. و9 قتلى في 7 عمليات ضمن مناطق "قسد"',
            "المرصد السوري لحقوق الإنسان",
            "3 كانون الأول/ديسمبر 2024",
            "2856",
            "بعد إعلان التحالف الدولي وقوات سوريا الديمقراطية في آذار 2019 القضاء على آخر معاقل التنظيم في "
            "الباغوز، "
            "عادت خلاياه للنشاط في البادية السورية وأرياف دير الزور.",
            'ووثق المرصد السوري خلال الشهر 125 من عمر "الخلافة" 18 عملية للتنظيم في البادية السورية، أسفرت '
            "عن "
            "مقتل 32 "
            "من عناصر قوات النظام والمسلحين الموالين لها.",
            'وفي مناطق نفوذ "قسد"، وثق المرصد 7 عمليات للتنظيم خلفت 9 قتلى، هم: 2 من المدنيين، و7 من '
            "العسكريين.",
        ),
        rows(
            R(BAD, HEAD, "", "killed", "all", "", "isis", 30, "at_least"),
            R(SDF, HEAD, "", "killed", "all", "", "isis", 9),
            R(SDF, HEAD, "", "operations", "all", "", "isis", 7),
            R(BAD, TOT, "", "operations", "all", "", "isis", 18),
            R(BAD, TOT, "", "killed", GF, "", "isis", 32),
            R(SDF, TOT, "", "operations", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "all", "", "isis", 9),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 2),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 7),
        ),
        month=125,
        period=(D(2024, 11, 29), D(2024, 12, 28)),
    ),
    Case(
        "headline_zone_all_perpetrator_unknown",
        (
            'الشهر 102 لإعلان "الخلافة"',
            'إجمالي الشهر: قرابة 45 قتيلاً بين مدنيين وعسكريين ومسلحين في مناطق سيطرة النظام و"قسد"',
            'ووثقت منظمات حقوقية خلال الشهر 102 من عمر "الخلافة" 14 عملية للتنظيم في البادية السورية، أسفرت '
            "عن "
            "مقتل "
            "29 من عناصر الجيش السوري، و4 مدنيين، فيما قُتل 5 من عناصر التنظيم بغارات روسية.",
            'وفي مناطق نفوذ "قسد"، نفذ التنظيم 6 عمليات خلفت 7 قتلى، هم: مدني، و6 من العسكريين.',
        ),
        rows(
            R(ALL, HEAD, "", "killed", "all", "", "unknown", 45, "approximately"),
            R(BAD, TOT, "", "operations", "all", "", "isis", 14),
            R(BAD, TOT, "", "killed", GF, "", "isis", 29),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 4),
            R(BAD, TOT, "", "killed", "isis", "", "russia", 5),
            R(SDF, TOT, "", "operations", "all", "", "isis", 6),
            R(SDF, TOT, "", "killed", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 1),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 6),
        ),
        month=102,
    ),
    # ---------------------------------------------------------------- §6 killed and injured together
    Case(
        "casualties_killed_and_injured_together",
        (
            "الشهر 121 لإعلان «الخلافة».. التنظيم يقتل ويصيب نحو 25 عنصراً من قوات النظام في البادية السورية",
            "رصدت منظمات حقوقية خلال الشهر 121 لإعلان «الخلافة» 9 هجمات لخلايا تنظيم «داعش» في البادية "
            "السورية، "
            "تسببت بمقتل وجرح 24 من عناصر قوات النظام.",
            "ومن بين تلك الهجمات هجوم على حاجز في بادية تدمر بريف حمص الشرقي أسفر عن مقتل 4 عناصر من قوات "
            "النظام "
            "وإصابة 6 آخرين.",
            "وفي مناطق نفوذ «قسد»، نفذ التنظيم 4 عمليات أسفرت عن مقتل وإصابة 11 شخصاً.",
        ),
        rows(
            R(BAD, HEAD, "", "casualties", GF, "", "isis", 25, "approximately"),
            R(BAD, TOT, "", "operations", "all", "", "isis", 9),
            R(BAD, TOT, "", "casualties", GF, "", "isis", 24),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 4),
            R(BAD, BRK, "Homs", "injured", GF, "", "isis", 6),
            R(SDF, TOT, "", "operations", "all", "", "isis", 4),
            R(SDF, TOT, "", "casualties", "all", "", "isis", 11),
        ),
        month=121,
    ),
    # ---------------------------------------------------------------- §6 cumulative totals
    Case(
        "cumulative_since_start_of_stated_year",
        (
            'خلال الشهر 103 من عمر "الخلافة"، نفذت خلايا تنظيم "داعش" 10 عمليات في مناطق نفوذ "الإدارة '
            'الذاتية"، '
            "أسفرت عن مقتل 6 من العسكريين.",
            'وبذلك ترتفع حصيلة عمليات التنظيم في مناطق "الإدارة الذاتية" منذ مطلع العام 2023 إلى 23 عملية، '
            "خلّفت 19 "
            "قتيلاً، هم: 5 مدنيين بينهم سيدة وطفلان، و14 من العسكريين، بالإضافة إلى 3 من عناصر التنظيم "
            "قُتلوا "
            "برصاص "
            '"قسد".',
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 10),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 6),
            R(SDF, TOT, "", "operations", "all", "", "isis", 23, scope="cumulative", since="2023-01-01"),
            R(SDF, TOT, "", "killed", "all", "", "isis", 19, scope="cumulative", since="2023-01-01"),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 5, scope="cumulative", since="2023-01-01"),
            R(
                SDF,
                TOT,
                "",
                "killed",
                "civilians",
                "women",
                "isis",
                1,
                scope="cumulative",
                since="2023-01-01",
            ),
            R(
                SDF,
                TOT,
                "",
                "killed",
                "civilians",
                "children",
                "isis",
                2,
                scope="cumulative",
                since="2023-01-01",
            ),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 14, scope="cumulative", since="2023-01-01"),
            R(SDF, TOT, "", "killed", "isis", "", "sdf", 3, scope="cumulative", since="2023-01-01"),
        ),
        month=103,
        period=(D(2023, 1, 29), D(2023, 2, 28)),
    ),
    Case(
        "cumulative_since_start_of_year_without_year",
        (
            'في الشهر 108 من عمر "الخلافة"، نفذ التنظيم 12 عملية في البادية السورية أسفرت عن مقتل 15 من '
            "العسكريين.",
            "أما منذ مطلع العام، فقد بلغ عدد عمليات التنظيم في البادية 187 عملية، قُتل فيها 243 من العسكريين.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 12),
            R(BAD, TOT, "", "killed", GF, "", "isis", 15),
            R(BAD, TOT, "", "operations", "all", "", "isis", 187, scope="cumulative", since="2023-01-01"),
            R(BAD, TOT, "", "killed", GF, "", "isis", 243, scope="cumulative", since="2023-01-01"),
        ),
        month=108,
        period=(D(2023, 6, 29), D(2023, 7, 28)),
    ),
    Case(
        "cumulative_since_a_date_then_same_date",
        (
            'خلال الشهر 127 من عمر "الخلافة"، نفذت خلايا التنظيم 6 عمليات في مناطق نفوذ "قسد" أسفرت عن مقتل '
            "4 "
            "من "
            "العسكريين.",
            'وترتفع بذلك حصيلة عمليات التنظيم في مناطق "قسد" منذ 24 آذار 2019 إلى 2402 عملية، أودت بحياة '
            "1517 "
            "شخصاً.",
            "أما في البادية السورية، فقد وثقت المنظمات منذ التاريخ ذاته 3860 عملية للتنظيم، قُتل فيها نحو "
            "3700 "
            "من "
            "العسكريين.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 6),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 4),
            R(SDF, TOT, "", "operations", "all", "", "isis", 2402, scope="cumulative", since="2019-03-24"),
            R(SDF, TOT, "", "killed", "all", "", "isis", 1517, scope="cumulative", since="2019-03-24"),
            R(BAD, TOT, "", "operations", "all", "", "isis", 3860, scope="cumulative", since="2019-03-24"),
            R(BAD, TOT, "", "killed", GF, "", "isis", 3700, "approximately", "cumulative", "2019-03-24"),
        ),
        month=127,
    ),
    # ---------------------------------------------------------------- §6 period-only reports
    Case(
        "calendar_month_report",
        (
            '"داعش" في أيلول 2025.. 11 عملية في مناطق "قسد" والبادية',
            "رصدت منظمات حقوقية خلال شهر أيلول 2025 تنفيذ خلايا التنظيم 11 عملية في عموم الأراضي السورية، "
            "أسفرت "
            "عن "
            "مقتل 13 شخصاً بين مدنيين وعسكريين.",
            'ففي مناطق نفوذ "قسد"، نفذ التنظيم 7 عمليات قُتل خلالها 8 أشخاص، هم: 3 من المدنيين، و5 من '
            "العسكريين.",
            "أما في البادية السورية، فقد نفذ التنظيم 4 عمليات ضد قوات الحكومة السورية، أسفرت عن مقتل 5 من "
            "عناصر "
            "وزارة الدفاع.",
        ),
        rows(
            R(ALL, HEAD, "", "operations", "all", "", "isis", 11),
            R(ALL, TOT, "", "operations", "all", "", "isis", 11),
            R(ALL, TOT, "", "killed", "all", "", "isis", 13),
            R(SDF, TOT, "", "operations", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "all", "", "isis", 8),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 3),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 5),
            R(BAD, TOT, "", "operations", "all", "", "isis", 4),
            R(BAD, TOT, "", "killed", GF, "", "isis", 5),
        ),
        month=134,
        period=(D(2025, 8, 29), D(2025, 9, 28)),
        kind="calendar_month",
    ),
    Case(
        "annual_report",
        (
            'حصاد 2022.. 312 عملية لتنظيم "داعش" في مناطق "قسد" والبادية السورية',
            'نشر المرصد السوري لحقوق الإنسان حصيلته السنوية لعمليات تنظيم "الدولة الإسلامية" خلال عام 2022، '
            "بعد "
            "أكثر "
            "من 3 سنوات على إعلان هزيمته.",
            'ففي مناطق نفوذ "الإدارة الذاتية"، وثق المرصد خلال العام 141 عملية للتنظيم، أسفرت عن مقتل 97 '
            "شخصاً، "
            "هم: "
            "26 مدنياً، و71 من العسكريين، وتوزعت على النحو الآتي:",
            "88 عملية في دير الزور أسفرت عن مقتل 15 مدنياً و44 من العسكريين",
            "53 عملية في الحسكة أسفرت عن مقتل 11 مدنياً و27 من العسكريين",
            "وفي البادية السورية، وثق المرصد 171 عملية للتنظيم خلفت مقتل 305 من عناصر الجيش السوري والمسلحين "
            "الموالين له.",
        ),
        rows(
            R(ALL, HEAD, "", "operations", "all", "", "isis", 312),
            R(SDF, TOT, "", "operations", "all", "", "isis", 141),
            R(SDF, TOT, "", "killed", "all", "", "isis", 97),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 26),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 71),
            R(SDF, BRK, DEZ, "operations", "all", "", "isis", 88),
            R(SDF, BRK, DEZ, "killed", "civilians", "", "isis", 15),
            R(SDF, BRK, DEZ, "killed", "sdf", "", "isis", 44),
            R(SDF, BRK, "Hasakah", "operations", "all", "", "isis", 53),
            R(SDF, BRK, "Hasakah", "killed", "civilians", "", "isis", 11),
            R(SDF, BRK, "Hasakah", "killed", "sdf", "", "isis", 27),
            R(BAD, TOT, "", "operations", "all", "", "isis", 171),
            R(BAD, TOT, "", "killed", GF, "", "isis", 305),
        ),
        month=None,
        period=(D(2022, 1, 1), D(2022, 12, 31)),
        kind="year",
    ),
    # ---------------------------------------------------------------- §5 event dates
    Case(
        "event_dates_across_a_new_year",
        (
            'خلال الشهر 102 من عمر "الخلافة"، وثقت منظمات حقوقية 5 عمليات للتنظيم في مناطق نفوذ "الإدارة '
            'الذاتية"، '
            "أسفرت عن مقتل 3 من العسكريين.",
            "وفي 2 كانون الثاني، قُتل قيادي في التنظيم بغارة لطائرة مسيّرة تابعة للتحالف الدولي في ريف "
            "الحسكة "
            "الجنوبي.",
            "كما اعتقلت قوات سوريا الديمقراطية بمساندة التحالف 6 من عناصر التنظيم في بلدة الشحيل بريف دير "
            "الزور "
            "يوم "
            "11 يناير/كانون الثاني.",
            "وفي بادية الميادين، قُتل 4 من عناصر قوات النظام بكمين للتنظيم يوم 30 كانون الأول.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 5),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 3),
            R(SDF, BRK, "Hasakah", "killed", "isis", "", "coalition", 1),
            R(SDF, BRK, DEZ, "arrested", "isis", "", "coalition", 6),
            R(BAD, BRK, DEZ, "killed", GF, "", "isis", 4),
        ),
        month=102,
        period=(D(2022, 12, 29), D(2023, 1, 28)),
        events=(
            (D(2023, 1, 2), "Hasakah", "coalition", "isis_leader"),
            (D(2023, 1, 11), DEZ, "coalition", "isis"),
            (D(2022, 12, 30), DEZ, "isis", GF),
        ),
    ),
    Case(
        "event_dates_egyptian_names",
        (
            'خلال الشهر 97 من عمر "الخلافة"، نفذ التنظيم 3 عمليات في مناطق نفوذ "قسد".',
            "وفي 14 أغسطس، قُتل قيادي في التنظيم بإنزال جوي للتحالف الدولي قرب بلدة البصيرة بريف دير الزور.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 3),
            R(SDF, BRK, DEZ, "killed", "isis", "", "coalition", 1),
        ),
        month=97,
        period=(D(2022, 7, 29), D(2022, 8, 28)),
        events=((D(2022, 8, 14), DEZ, "coalition", "isis_leader"),),
    ),
    # ---------------------------------------------------------------- more wordings met in real reports
    Case(
        "more_qualifiers_and_arrest_wordings",
        (
            'خلال الشهر 106 من عمر "الخلافة"، نفذ التنظيم ما يربو على 30 عملية في البادية السورية، قُتل '
            "خلالها "
            "زهاء "
            "50 من عناصر قوات النظام.",
            "وألقت قوى الأمن الداخلي القبض على 8 من عناصر خلية تابعة للتنظيم في مدينة الرقة.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 30, "at_least"),
            R(BAD, TOT, "", "killed", GF, "", "isis", 50, "approximately"),
            R(SDF, BRK, "Raqqa", "arrested", "isis", "", "sdf", 8),
        ),
        month=106,
    ),
    Case(
        "split_words_in_counts_and_tolls",
        (
            'خلال الشهر 120 من عمر "الخلافة"، نفذت خلايا "د ا ع ش" 9 عمليـ ـات في مناطق نفوذ "قسد"، خلّفت 12 '
            "قتـ ـيلاً، هم: 5 مدنـ ـيين، و7 من القوات العسـ ـكرية.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 9),
            R(SDF, TOT, "", "killed", "all", "", "isis", 12),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 5),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 7),
        ),
        month=120,
    ),
    Case(
        "persian_digits_with_arabic_thousands_separator",
        (
            "ومنذ مطلع العام 2022، وثق المرصد ۱٬۲۰۴ عمليات للتنظيم في البادية السورية، وذلك حتى نهاية الشهر "
            "۹۳ "
            "من "
            'عمر "الخلافة".',
        ),
        rows(R(BAD, TOT, "", "operations", "all", "", "isis", 1204, scope="cumulative", since="2022-01-01")),
        month=93,
    ),
    Case(
        "isis_killed_by_the_new_security_forces",
        (
            'خلال الشهر 128 من عمر "الخلافة"، قُتل 3 من عناصر تنظيم "داعش" برصاص الأمن العام خلال مداهمة في '
            "ريف "
            "دمشق، فيما قُتل 2 من عناصر الأمن العام في الاشتباكات.",
        ),
        rows(
            R(GOV, BRK, "Rif Dimashq", "killed", "isis", "", GF, 3),
            R(GOV, BRK, "Rif Dimashq", "killed", GF, "", "isis", 2),
        ),
        month=128,
    ),
    Case(
        "operations_of_them_per_area",
        (
            'خلال الشهر 112 من عمر "الخلافة"، نفذ التنظيم 9 عمليات في البادية السورية قُتل خلالها 13 من '
            "العسكريين، "
            "5 منها في بادية حمص، و4 في بادية دير الزور.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 9),
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 5),
            R(BAD, BRK, DEZ, "operations", "all", "", "isis", 4),
            R(BAD, TOT, "", "killed", GF, "", "isis", 13),
        ),
        month=112,
    ),
    Case(
        "same_month_after_a_running_total",
        (
            'خلال الشهر 104 من عمر "الخلافة"، نفذ التنظيم 7 عمليات في مناطق نفوذ "قسد" أسفرت عن مقتل 5 من '
            "العسكريين.",
            'وبذلك ترتفع حصيلة عمليات التنظيم في مناطق "قسد" منذ مطلع العام 2023 إلى 21 عملية.',
            "ووثقت المنظمات خلال الشهر ذاته 15 عملية للتنظيم في البادية السورية، أسفرت عن مقتل 22 من عناصر "
            "الجيش "
            "السوري.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 7),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 5),
            R(SDF, TOT, "", "operations", "all", "", "isis", 21, scope="cumulative", since="2023-01-01"),
            R(BAD, TOT, "", "operations", "all", "", "isis", 15),
            R(BAD, TOT, "", "killed", GF, "", "isis", 22),
        ),
        month=104,
    ),
    Case(
        "page_furniture_in_a_text_copy",
        (
            'الشهر 116 لإعلان "الخلافة".. 10 عمليات للتنظيم في البادية',
            "المشاهدات: 3,480",
            "شارك: 57",
            'وثقت منظمات حقوقية خلال الشهر 116 لإعلان "الخلافة" 10 عمليات لتنظيم "داعش" في البادية السورية، '
            "أسفرت "
            "عن مقتل 14 من عناصر الجيش السوري.",
        ),
        rows(
            R(BAD, HEAD, "", "operations", "all", "", "isis", 10),
            R(BAD, TOT, "", "operations", "all", "", "isis", 10),
            R(BAD, TOT, "", "killed", GF, "", "isis", 14),
        ),
        month=116,
    ),
    Case(
        "singular_nouns_as_totals",
        (
            'خلال الشهر 87 من عمر "الخلافة"، نفذ التنظيم عملية واحدة في مناطق نفوذ "قسد"، أسفرت عن مقتل عنصر '
            "من "
            "الأسايش، كما قُتل مدني في البادية السورية بهجوم للتنظيم."
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 1),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 1),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 1),
        ),
        month=87,
    ),
    Case(
        "among_them_women_with_feminine_marker",
        ('خلال الشهر 90 من عمر "الخلافة"، قتل التنظيم 4 مدنيات بينهن طفلة في بادية الرقة.',),
        rows(
            R(BAD, BRK, "Raqqa", "killed", "civilians", "", "isis", 4),
            R(BAD, BRK, "Raqqa", "killed", "civilians", "children", "isis", 1),
        ),
        month=90,
    ),
    Case(
        "injured_persons_and_arrest_with_the_coalition",
        (
            'خلال الشهر 118 من عمر "الخلافة"، نفذ التنظيم 6 عمليات في مناطق نفوذ "قسد"، أسفرت عن مقتل 4 من '
            "العسكريين، وإصابة 7 أشخاص بجروح.",
            "ونفذت قوات التحالف الدولي مع قسد عملية إنزال جوي في ريف دير الزور الشرقي، اعتقلت خلالها 3 من "
            "قياديي "
            "التنظيم.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 6),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 4),
            R(SDF, TOT, "", "injured", "all", "", "isis", 7),
            R(SDF, BRK, DEZ, "arrested", "isis", "", "coalition", 3),
        ),
        month=118,
    ),
    Case(
        "killed_and_wounded_counted_separately",
        (
            'خلال الشهر 91 من عمر "الخلافة"، نفذ التنظيم 8 عمليات ضد مواقع قوات النظام في البادية السورية، '
            "خلّفت 7 "
            "قتلى و11 جريحاً.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 8),
            R(BAD, TOT, "", "killed", "all", "", "isis", 7),
            R(BAD, TOT, "", "injured", "all", "", "isis", 11),
        ),
        month=91,
        period=(D(2022, 1, 29), D(2022, 2, 28)),
    ),
    Case(
        "in_addition_adds_another_group",
        (
            'خلال الشهر 94 من عمر "الخلافة"، نفذ التنظيم 10 عمليات في البادية السورية قُتل خلالها 12 من '
            "عناصر "
            "الجيش "
            "السوري، بالإضافة إلى مدنيين اثنين من رعاة الأغنام.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 10),
            R(BAD, TOT, "", "killed", GF, "", "isis", 12),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 2),
        ),
        month=94,
    ),
    Case(
        "two_zones_in_one_sentence",
        (
            'خلال الشهر 101 من عمر "الخلافة"، نفذ التنظيم 12 عملية في البادية السورية، و5 عمليات في مناطق '
            "نفوذ "
            '"قسد".',
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 12),
            R(SDF, TOT, "", "operations", "all", "", "isis", 5),
        ),
        month=101,
    ),
    Case(
        "cumulative_since_start_of_current_year",
        (
            'خلال الشهر 119 من عمر "الخلافة"، نفذ التنظيم 9 عمليات في البادية السورية.',
            "ومنذ مطلع العام الجاري، بلغ عدد عمليات التنظيم في البادية 64 عملية، قُتل خلالها 97 من عناصر "
            "الجيش "
            "السوري.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 9),
            R(BAD, TOT, "", "operations", "all", "", "isis", 64, scope="cumulative", since="2024-01-01"),
            R(BAD, TOT, "", "killed", GF, "", "isis", 97, scope="cumulative", since="2024-01-01"),
        ),
        month=119,
        period=(D(2024, 5, 29), D(2024, 6, 28)),
    ),
    Case(
        "cumulative_since_beginning_of_year_and_same_period",
        (
            'خلال الشهر 124 من عمر "الخلافة"، نفذ التنظيم 6 عمليات في مناطق نفوذ "قسد".',
            'ومنذ بداية العام 2024، نفذت خلايا التنظيم 118 عملية في مناطق نفوذ "قسد"، فيما اعتقلت قوات سوريا '
            "الديمقراطية بمساندة التحالف الدولي 233 من المشتبه بانتمائهم للتنظيم خلال الفترة ذاتها.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 6),
            R(SDF, TOT, "", "operations", "all", "", "isis", 118, scope="cumulative", since="2024-01-01"),
            R(SDF, TOT, "", "arrested", "isis", "", "coalition", 233, scope="cumulative", since="2024-01-01"),
        ),
        month=124,
    ),
    Case(
        "title_date_line_month_and_year_only",
        (
            'الشهر 72 على إعلان "خلافة البغدادي"',
            "المرصد السوري لحقوق الإنسان",
            "يونيو/حزيران 2020",
            "3119",
            'ووثق المرصد السوري خلال الشهر 72 من عمر "الخلافة" 21 عملية للتنظيم في البادية السورية، أسفرت عن '
            "مقتل 38 "
            "من عناصر قوات النظام والمسلحين الموالين لها.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 21),
            R(BAD, TOT, "", "killed", GF, "", "isis", 38),
        ),
        month=72,
        period=(D(2020, 6, 29), D(2020, 7, 28)),
    ),
    Case(
        "headline_with_two_death_words",
        (
            'الشهر 87 لإعلان "الخلافة".. 16 شهيداً وقتيلاً في مناطق "قسد"',
            'ووثق المرصد السوري خلال الشهر 87 من عمر "الخلافة" 13 عملية للتنظيم في مناطق نفوذ "قسد"، خلّفت '
            "16 "
            "شهيداً "
            "وقتيلاً، هم: 6 مدنيين، و10 من العسكريين.",
        ),
        rows(
            R(SDF, HEAD, "", "killed", "all", "", "isis", 16),
            R(SDF, TOT, "", "operations", "all", "", "isis", 13),
            R(SDF, TOT, "", "killed", "all", "", "isis", 16),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 6),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 10),
        ),
        month=87,
    ),
    Case(
        "arrests_of_leaders_and_members",
        (
            'خلال الشهر 109 من عمر "الخلافة"، أعلنت قوات التحالف الدولي اعتقال 13 من قيادات وعناصر التنظيم '
            "خلال "
            "عمليات مشتركة مع قوات سوريا الديمقراطية في أرياف الحسكة ودير الزور.",
        ),
        rows(R(SDF, TOT, "", "arrested", "isis", "", "coalition", 13)),
        month=109,
    ),
    Case(
        "words_for_a_toll_and_its_parts",
        (
            'خلال الشهر 84 من عمر "الخلافة"، نفذ التنظيم تسع عمليات في مناطق نفوذ "قسد"، أسفرت عن مقتل عشرة '
            "أشخاص، "
            "هم: أربعة مدنيين، وستة من العسكريين.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 9),
            R(SDF, TOT, "", "killed", "all", "", "isis", 10),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 4),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 6),
        ),
        month=84,
    ),
    Case(
        "leader_killed_is_its_own_figure",
        (
            'خلال الشهر 113 من عمر "الخلافة"، قُتل قيادي في تنظيم "داعش" بغارة جوية للتحالف الدولي في ريف '
            "الرقة "
            "الشمالي بتاريخ 9 كانون الأول.",
        ),
        rows(R(SDF, BRK, "Raqqa", "killed", "isis", "", "coalition", 1)),
        month=113,
        events=((D(2023, 12, 9), "Raqqa", "coalition", "isis_leader"),),
    ),
    # ---------------------------------------------------------------- §6 English versions of the series
    Case(
        "english_sdf_areas_with_obfuscation",
        (
            'In the 103rd month after the declaration of the so-called "Caliphate", IS*IS cells carried out '
            "over 9 "
            "operations in areas controlled by SDF, ki*lling 6 persons: 2 civilians, including a child, and "
            "4 "
            "combatants.",
        ),
        rows(
            R(SDF, TOT, "", "operations", "all", "", "isis", 9, "at_least"),
            R(SDF, TOT, "", "killed", "all", "", "isis", 6),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 2),
            R(SDF, TOT, "", "killed", "civilians", "children", "isis", 1),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 4),
        ),
        month=103,
        period=(D(2023, 1, 29), D(2023, 2, 28)),
    ),
    Case(
        "english_title_and_number_words",
        (
            "ISIS in March 2023 | Eight operations kill five in SDF-held areas",
            'In the one hundred and fourth month after the declaration of the "Caliphate", the Syrian '
            "Observatory "
            "documented eight operations by ISIS cells in areas under the control of the Autonomous "
            "Administration, "
            "killing five people: a civilian and four members of SDF.",
            "In the Syrian desert, ISIS cells carried out twelve attacks, killing nineteen members of regime "
            "forces.",
        ),
        rows(
            R(SDF, HEAD, "", "operations", "all", "", "isis", 8),
            R(SDF, HEAD, "", "killed", "all", "", "isis", 5),
            R(SDF, TOT, "", "operations", "all", "", "isis", 8),
            R(SDF, TOT, "", "killed", "all", "", "isis", 5),
            R(SDF, TOT, "", "killed", "civilians", "", "isis", 1),
            R(SDF, TOT, "", "killed", "sdf", "", "isis", 4),
            R(BAD, TOT, "", "operations", "all", "", "isis", 12),
            R(BAD, TOT, "", "killed", GF, "", "isis", 19),
        ),
        month=104,
        period=(D(2023, 3, 1), D(2023, 3, 28)),
    ),
    Case(
        "english_casualties_and_running_total",
        (
            'In the 121st month of the so-called "Caliphate", IS*IS carried out 11 operations in the Syrian '
            "desert, in "
            "which about 20 regime soldiers were ki*lled or injured, while Russian airstrikes ki*lled at "
            "least "
            "6 IS*IS "
            "members.",
            "Since early 2024, SOHR has documented 73 IS*IS operations in the Badia, which killed 121 "
            "people: 9 "
            "civilians, including a woman, and 112 members of regime forces.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 11),
            R(BAD, TOT, "", "casualties", GF, "", "isis", 20, "approximately"),
            R(BAD, TOT, "", "killed", "isis", "", "russia", 6, "at_least"),
            R(BAD, TOT, "", "operations", "all", "", "isis", 73, scope="cumulative", since="2024-01-01"),
            R(BAD, TOT, "", "killed", "all", "", "isis", 121, scope="cumulative", since="2024-01-01"),
            R(BAD, TOT, "", "killed", "civilians", "", "isis", 9, scope="cumulative", since="2024-01-01"),
            R(
                BAD,
                TOT,
                "",
                "killed",
                "civilians",
                "women",
                "isis",
                1,
                scope="cumulative",
                since="2024-01-01",
            ),
            R(BAD, TOT, "", "killed", GF, "", "isis", 112, scope="cumulative", since="2024-01-01"),
        ),
        month=121,
    ),
    # ---------------------------------------------------------------- harder real-world wordings
    Case(
        "subcount_of_another_kind_inside_a_group",
        (
            'خلال الشهر 113 من عمر "الخلافة"، نفذ التنظيم 11 عملية في البادية السورية، أسفرت عن مقتل 15 من '
            "عناصر قوات "
            "النظام، بينهم 4 من عناصر الفرقة الرابعة.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 11),
            R(BAD, TOT, "", "killed", GF, "", "isis", 15),
            R(BAD, TOT, "", "killed", GF, "other", "isis", 4),
        ),
        month=113,
    ),
    Case(
        "unit_name_with_a_number_is_no_figure",
        'خلال الشهر 113 من عمر "الخلافة"، قُتل 3 من عناصر الفرقة 17 بكمين نصبته خلايا التنظيم في بادية الرقة.',
        rows(R(BAD, BRK, "Raqqa", "killed", GF, "", "isis", 3)),
        month=113,
    ),
    Case(
        "title_block_numeric_date_line",
        (
            'الشهر 113 من عمر "الخلافة".. 15 قتيلاً من قوات النظام في البادية',
            "المرصد السوري لحقوق الإنسان",
            "28/12/2023",
            'وثق المرصد السوري خلال الشهر 113 من عمر "الخلافة" 11 عملية للتنظيم في البادية السورية، أسفرت عن '
            "مقتل 15 "
            "من عناصر قوات النظام.",
        ),
        rows(
            R(BAD, HEAD, "", "killed", GF, "", "isis", 15),
            R(BAD, TOT, "", "operations", "all", "", "isis", 11),
            R(BAD, TOT, "", "killed", GF, "", "isis", 15),
        ),
        month=113,
    ),
    Case(
        "dual_death_noun_after_a_verb",
        'خلال الشهر 96 من عمر "الخلافة"، نفذ التنظيم هجومين في البادية السورية، خلّفا قتيلين من عناصر قوات '
        "النظام.",
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 2), R(BAD, TOT, "", "killed", GF, "", "isis", 2)
        ),
        month=96,
    ),
    Case(
        "dual_soldiers_injured",
        (
            'خلال الشهر 96 من عمر "الخلافة"، شن التنظيم هجومين في بادية حمص أسفرا عن مقتل عنصرين من قوات '
            "النظام "
            "وإصابة جنديين آخرين."
        ),
        rows(
            R(BAD, BRK, "Homs", "operations", "all", "", "isis", 2),
            R(BAD, BRK, "Homs", "killed", GF, "", "isis", 2),
            R(BAD, BRK, "Homs", "injured", GF, "", "isis", 2),
        ),
        month=96,
    ),
    Case(
        "verb_subject_object_singular",
        'خلال الشهر 96 من عمر "الخلافة"، قتل التنظيم مدنياً وجرح طفلين في بادية دير الزور.',
        rows(
            R(BAD, BRK, DEZ, "killed", "civilians", "", "isis", 1),
            R(BAD, BRK, DEZ, "injured", "civilians", "", "isis", 2),
        ),
        month=96,
    ),
]

# §4/§6: the month phrase in its many shapes, each with the same small body.
BODY = "، نفذت خلايا {org} 7 عمليات في البادية السورية أسفرت عن مقتل 12 من عناصر الجيش السوري."
MONTH_PHRASES = [
    ('خلال الشهر 99 على إعلان "خلافة البغدادي"', 99, 'تنظيم "داعش"'),
    ("في الشهر 97 على إعلان «خلافة الدولة الإسلامية»", 97, "تنظيم الدولة"),
    ('بعد 88 شهراً على إعلان "دولة الخلافة"', 88, "التنظيم"),
    ("بعد مرور 129 شهرًا على “الخلافة” المزعومة", 129, 'تنظيم "الدولة الإسلامية"'),
    ('خلال الشهر 113 من عمر "الخلافة"', 113, "داعش"),
    ("خلال الشهر 78 لإعلان 'الخلافة'", 78, "تنظيم داعش"),
    ("خلال الشهر الـ 119 من عمر «الخلافة»", 119, "التنظيم"),
    ('خلال الشهر الـ84 لإعلان "دولة الخلافة"', 84, "تنظيم الدولة"),
    ("خلال الشهر السابع بعد المئة من عمر الخلافة", 107, "التنظيم"),
    ('خلال الشهر الرابع والتسعين على إعلان "الخلافة"', 94, "التنظيم"),
]
for phrase, n, org in MONTH_PHRASES:
    CASES.append(
        Case(
            f"month_phrase_{n}",
            (phrase + BODY.format(org=org),),
            rows(
                R(BAD, TOT, "", "operations", "all", "", "isis", 7),
                R(BAD, TOT, "", "killed", GF, "", "isis", 12),
            ),
            month=n,
        )
    )
CASES.append(
    Case(
        "month_phrase_enters_month_of_its_caliphate",
        (
            'يدخل تنظيم "الدولة الإسلامية" الشهر 68 من عمر "خلافته" بعد أن نفذت خلاياه 7 عمليات في البادية '
            "السورية "
            "أسفرت "
            "عن مقتل 12 من عناصر الجيش السوري.",
        ),
        rows(
            R(BAD, TOT, "", "operations", "all", "", "isis", 7), R(BAD, TOT, "", "killed", GF, "", "isis", 12)
        ),
        month=68,
    )
)

IDS = [c.id for c in CASES]


@cache
def _parse_text(text: str, report_id: str):
    return parse_report(text, report_id=report_id)


def _parse(case: Case):
    """Parse a fragment once per session (reports are immutable)."""
    return _parse_text(case.text, case.id)


def test_enough_fragments():
    assert len(CASES) >= 40
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_rows_are_exact(case):
    got, expected = figure_rows(_parse(case)), case.expected()
    assert got == expected, "\n" + diff(got, expected)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_unexplained_numbers(case):
    assert [u.text for u in _parse(case).unexplained] == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_checks_pass(case):
    report = _parse(case)
    failed = [
        (c.kind, c.zone, c.measure, c.group, c.stated, c.computed) for c in check_report(report) if not c.ok
    ]
    assert failed == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_period(case):
    report = _parse(case)
    assert report.month == case.month
    assert report.period_kind == case.kind
    if case.period is not None:
        assert (report.period_start, report.period_end) == case.period


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_figures_point_at_their_raw_numbers(case):
    text = case.text
    for f in _parse(case).figures:
        phrase = text[f.start : f.end]
        assert phrase.strip() and phrase in f.sentence and f.sentence in text, (f, phrase)


@pytest.mark.parametrize("case", [c for c in CASES if c.events is not None], ids=lambda c: c.id)
def test_events(case):
    got = sorted(((e.date, e.admin1, e.actor, e.target) for e in _parse(case).events), key=str)
    assert got == sorted(case.events, key=str)


# --- a few explicit checks on top of the rows ---------------------------------------------------------------


def _case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


def test_dozens_get_no_row_and_no_invented_value():
    case = _case("approximate_and_bounded_with_dozens")
    report = _parse(case)
    assert [f for f in report.figures if f.measure == "injured"] == []
    assert [f.value for f in report.figures if f.measure == "arrested"] == [40]
    assert not any("عشرات" in case.text[f.start : f.end] for f in report.figures)


def test_military_term_resolves_by_zone_and_keeps_the_arabic_term():
    report = _parse(_case("zone_headings_set_the_zone"))
    terms = {(f.zone, f.group): f.group_ar for f in report.figures if f.measure == "killed"}
    assert terms == {("badia", GF): "العسكريين", ("sdf_areas", "sdf"): "العسكريين"}


def test_a_figure_span_quotes_the_obfuscated_raw_digits():
    case = _case("digits_thousands_separators_cumulative")
    report = _parse(case)
    arrested = next(f for f in report.figures if f.measure == "arrested")
    assert "١٬٤٠٧" in case.text[arrested.start : arrested.end]
    ops = next(f for f in report.figures if f.value == 2318)
    assert "2,318" in case.text[ops.start : ops.end]


def test_cumulative_figures_are_checked_only_against_cumulative_parts():
    report = _parse(_case("cumulative_since_start_of_stated_year"))
    got = [(c.kind, c.zone, c.measure, c.group, c.stated, c.computed, c.ok) for c in check_report(report)]
    assert got == [("total_vs_parts", "sdf_areas", "killed", "all", 19, 19, True)]


def test_annual_report_checks():
    report = _parse(_case("annual_report"))
    got = sorted(
        (c.kind, c.zone, c.measure, c.group, c.stated, c.computed) for c in check_report(report) if c.ok
    )
    assert got == [
        ("headline_vs_body", "all", "operations", "all", 312, 312),
        ("total_vs_breakdown", "sdf_areas", "killed", "civilians", 26, 26),
        ("total_vs_breakdown", "sdf_areas", "killed", "sdf", 71, 71),
        ("total_vs_breakdown", "sdf_areas", "operations", "all", 141, 141),
        ("total_vs_parts", "sdf_areas", "killed", "all", 97, 97),
    ]


# --- §4 pages saved from the web ------------------------------------------------------------------------

SAVED_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أخبار سوريا | 12</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<nav><a href="/">الرئيسية</a> | <a href="/n/44">ملفات 44</a></nav>
<div class="ticker">عاجل: ارتفاع أسعار الخبز 15 بالمئة في حلب</div>
<article>
<h1>الشهر 110 من عمر &quot;الخلافة&quot;.. 9 عمليات للتنظيم في البادية</h1>
<div class="meta"><span>3 أيلول 2023</span> | <span class="views">المشاهدات: 1,205</span></div>
<p>وثقت منظمات حقوقية خلال الشهر 110 من عمر &quot;الخلافة&quot; 9 عمليات لخلايا تنظيم &quot;داعش&quot;
في البادية السورية، أسفرت عن مقتل 14 من عناصر الجيش السوري.</p>
</article>
<aside><a href="/r/109">الشهر 109 من عمر &quot;الخلافة&quot;: 11 عملية</a></aside>
<footer>© 2023 | زوار اليوم: 7,731</footer>
<script>var id = 5531;</script>
</body></html>
"""


def test_saved_web_page_keeps_only_the_article(tmp_path):
    path = tmp_path / "saved_110.html"
    path.write_text(SAVED_PAGE, encoding="utf-8")
    text = read_report(path)
    report = parse_report(text, report_id=path.stem)
    expected = Counter(
        tuple(r.split(","))
        for r in (
            R(BAD, HEAD, "", "operations", "all", "", "isis", 9),
            R(BAD, TOT, "", "operations", "all", "", "isis", 9),
            R(BAD, TOT, "", "killed", GF, "", "isis", 14),
        )
    )
    got = figure_rows(report)
    assert got == expected, "\n" + diff(got, expected)
    assert [u.text for u in report.unexplained] == []
    assert report.month == 110 and report.status == "ok"
    for f in report.figures:
        assert text[f.start : f.end].strip() and text[f.start : f.end] in f.sentence


# --- not reports of the series --------------------------------------------------------------------------

NOT_REPORTS = {
    "sports_report": (
        "تعادل فريق الجيش مع ضيفه تشرين بهدف لمثله في المباراة التي أقيمت على ملعب حماة البلدي ضمن المرحلة 9 "
        "من "
        "الدوري السوري لكرة القدم، ليرفع الجيش رصيده إلى 17 نقطة.\nوأصيب مهاجم الفريق في الدقيقة 54 وغادر "
        "الملعب، "
        "ويحتاج إلى نحو 3 أسابيع للتعافي."
    ),
    "economy_article": (
        "ارتفع سعر صرف الدولار في أسواق دمشق وحلب إلى 14,750 ليرة سورية، بعد أن سجل 13,900 ليرة مطلع الشهر "
        "الماضي.\n"
        "وقال تجار إن أسعار المواد الغذائية ارتفعت بنحو 12 بالمئة خلال شهر تشرين الأول، فيما تراجعت حركة "
        "البيع في "
        "الأسواق الشعبية بدير الزور والرقة."
    ),
    "weather_note": (
        "تتأثر البادية السورية اعتباراً من يوم غد بكتلة هوائية حارة، وتتراوح درجات الحرارة العظمى بين 41 و44 "
        "درجة في "
        "دير الزور والرقة، فيما تنخفض إلى 19 درجة ليلاً في حمص وحماة.\nوتنصح الأرصاد بعدم التعرض لأشعة الشمس "
        "بين "
        "الساعة 11 والساعة 4 عصراً."
    ),
    "empty_string": "",
    "only_whitespace": " \n\t\n\u00a0  \r\n",
    "bom_and_marks": "\ufeff\u200f\n\n",
    "english_unrelated": (
        "The city council approved a budget of 4.2 million dollars for 2024, including 12 new parks and 3 "
        "libraries. "
        "About 350 residents attended the meeting on 14 March."
    ),
    "arabic_without_figures_mentioning_isis": (
        'عقدت ندوة في دمشق لمناقشة كتاب جديد عن تاريخ تنظيم "داعش" وأسباب صعوده، بحضور عدد من الباحثين '
        "والصحفيين."
    ),
}


@pytest.mark.parametrize("report_id", sorted(NOT_REPORTS))
def test_not_a_report_raises_a_clear_error_naming_it(report_id):
    with pytest.raises(NotAReportError, match=report_id):
        parse_report(NOT_REPORTS[report_id], report_id=report_id)


@pytest.mark.parametrize("phrase", ["أحد عناصر التنظيم", "أحد  عناصر التنظيم", 'أحد "عناصر" التنظيم',
                                    "أحد عناصر “التنظيم”"])
def test_an_implied_noun_of_several_words_keeps_its_group_whatever_stands_between_them(phrase):
    # the noun was looked up by its text: quotes or a double space inside lost the group and the agent
    head = "في البادية السورية نفذ التنظيم 40 عملية خلال الشهر 112 من عمر الخلافة.\n"
    text = f"{head}وقتل {phrase} بغارة روسية"
    killed = [f for f in parse_report(text, report_id="t").figures if f.measure == "killed"]
    assert [(f.value, f.group, f.perpetrator) for f in killed] == [(1, "isis", "russia")]
