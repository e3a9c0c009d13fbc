import re

import pytest

from helpers.synth import render
from helpers.synth.render import RENDERERS, SyntheticReport
from helpers.synth.variations import Variations, families, parse_spec
from tests.unit.synth.test_stated import SAMPLE

ALL_OPTIONS = [(family, option) for family, options in families().items() for option in options]


def test_rendering_is_deterministic_given_truth_variations_and_seed():
    v = parse_spec("number_words=some,obfuscation=mixed,digits=mixed,prose=extended")
    assert render(SAMPLE, variations=v, seed=5) == render(SAMPLE, variations=v, seed=5)
    assert len({render(SAMPLE, variations=v, seed=s) for s in range(5)}) > 1


@pytest.mark.parametrize(("family", "option"), ALL_OPTIONS)
def test_every_option_renders_a_clean_text(family, option):
    text = render(SAMPLE, variations=Variations(**{family: option}), seed=1)
    assert not re.search(r"[{}‹›]", text), text
    assert "112" in text or family == "month_phrase" or family == "digits"


def test_plain_report_reads_like_the_sample():
    text = render(SAMPLE, variations=Variations(obfuscation="spaced", tolls="split"), seed=0)
    assert "د ا ع ش" in text and "“الإدارة الذاتية”" in text
    assert "الشهر 112 من عمر “الخلافة”" in text
    assert "5 عمليات في" in text and "دير الزور" in text
    assert "بادية حمص" in text and "درعا" in text and "الشدادي" in text


@pytest.mark.parametrize(("spec", "present", "absent"), [
    ("digits=arabic_indic", "١١٢", "112"),
    ("digits=persian", "۱۱۲", "112"),
    ("quotes=guillemets", "«", "“"),
    ("quotes=none", "الإدارة الذاتية", "“"),
    ("obfuscation=dots", "د.ا.ع.ش", "د ا ع ش"),
    ("month_phrase=ordinal", "الثاني عشر بعد المئة", "112"),
    ("month_phrase=calendar", "تشرين الثاني 2023", "الشهر 112"),
    ("breakdown_layout=bullet", "• ", "وتوزعت العمليات على النحو الآتي:\n5"),
    ("dates=egyptian", "23 نوفمبر", "تشرين الثاني"),
    ("sections=core_only", "الإدارة الذاتية", "درعا"),
])
def test_variation_options_change_the_text(spec, present, absent):
    text = render(SAMPLE, variations=parse_spec(spec), seed=2)
    assert present in text
    assert absent not in text


def test_unknown_language_and_option_are_refused():
    with pytest.raises(ValueError, match="no renderer"):
        render(SAMPLE, language="xx")
    with pytest.raises(ValueError, match="unknown option"):
        Variations(digits="roman")
    with pytest.raises(ValueError, match="unknown variation family"):
        parse_spec("colour=red")
    assert RENDERERS["ar"] == "helpers.synth.render_ar:render_arabic"


def test_synthetic_report_carries_its_rows_and_id():
    report = SyntheticReport.build(SAMPLE, Variations(), seed=3)
    assert report.report_id == "synthetic_m112" and report.rows and report.language == "ar"
    assert not report.failed_checks
