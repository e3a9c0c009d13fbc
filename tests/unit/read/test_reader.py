"""Reading report files: encodings, saved web pages, and every way a file can fail to be a report's text."""

import codecs
import random
from pathlib import Path

import pytest

from helpers.build.corpus import read_report
from helpers.contract.report import ReadError
from helpers.read.reader import bytes_to_text, decode
from helpers.read.webpage import looks_like_html, page_text

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"
PAGE_27 = ROOT / "tests" / "data" / "conformance" / "27_saved_web_page.html"
SOHR_PAGE = ROOT / "tests" / "data" / "html" / "sohr_style_112.html"


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


ENCODINGS = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8_bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf16_bom": lambda t: t.encode("utf-16"),
    "utf16le_no_bom": lambda t: t.encode("utf-16-le"),
    "utf16be_no_bom": lambda t: t.encode("utf-16-be"),
    "cp1256": lambda t: t.encode("cp1256"),
    "cp1256_crlf": lambda t: t.replace("\n", "\r\n").encode("cp1256"),
    "utf8_crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_every_supported_encoding_gives_the_same_text(tmp_path, sample, encoding):
    path = tmp_path / f"report_{encoding}.txt"
    path.write_bytes(ENCODINGS[encoding](sample))
    assert read_report(path) == sample


def test_english_utf16_without_bom_is_not_mistaken_for_binary():
    text = "ISIS in month 112 of the caliphate: 11 operations in SDF areas\n"
    assert decode(text.encode("utf-16-le"), name="en.txt") == text


def _undecodable() -> bytes:
    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000))


BAD = {
    "empty": (b"", "empty file"),
    "whitespace": (b" \n\r\n\t \n", "empty file"),
    "nul_bytes": (b"\x00" * 64, "binary"),
    "control_characters": (bytes(range(1, 32)) * 20, "binary"),
    "random_bytes": (_undecodable(), "undecodable"),
    "truncated_utf8": ("الشهر 112".encode()[:-1] + "مدني".encode()[:1], "truncated"),
    "truncated_utf16": ("الشهر 112 من عمر".encode("utf-16")[:-1], "truncated"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_bytes_raise_read_error_naming_the_file_and_cause(case):
    data, cause = BAD[case]
    with pytest.raises(ReadError) as caught:
        bytes_to_text(data, name=f"folder/{case}.txt", suffix=".txt")
    message = str(caught.value)
    assert message.startswith(f"folder/{case}.txt: ")
    assert cause in message


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(ReadError, match=r"huge\.txt: too large: 2,048 bytes, over the limit of 1,000"):
        read_report(path, max_bytes=1000)


def test_missing_file_is_a_read_error_not_an_os_error(tmp_path):
    with pytest.raises(ReadError, match="gone.txt: unreadable"):
        read_report(tmp_path / "gone.txt")


def test_truncated_web_page_is_refused():
    with pytest.raises(ReadError, match="page.html: truncated web page"):
        bytes_to_text(b"<!DOCTYPE html><html><body><article><p>\xd8\xa7", name="page.html", suffix=".html")


def test_page_without_text_is_refused():
    with pytest.raises(ReadError, match="blank.htm: web page without text"):
        bytes_to_text(b"<html><body><script>var x = 1;</script></body></html>", name="blank.htm",
                      suffix=".htm")


def test_saved_page_keeps_only_the_article_with_its_headline_first():
    text = read_report(PAGE_27)
    lines = text.split("\n")
    assert lines[0] == 'التنظيم ينفذ 21 عملية في مناطق "قسد" والبادية خلال الشهر 115 من عمر "الخلافة"'
    assert "7 عمليات في دير الزور أسفرت عن مقتل مدنيين اثنين و3 من العسكريين" in lines
    assert "5 عمليات في الحسكة أسفرت عن مقتل مدني و2 من العسكريين" in lines
    assert "\u200f9 عمليات" in text  # kept for the parser to handle
    for boilerplate in ("الرئيسية", "عاجل", "2,418", "شارك", "57", "اقرأ أيضاً", "9,812", "pageId", "&quot;"):
        assert boilerplate not in text


def test_headline_outside_the_post_body_comes_first_and_site_furniture_goes(sample):
    text = read_report(SOHR_PAGE)
    headline, body = text.split("\n", 1)
    assert headline.startswith("الشهر 112 من عمر “الخلافة”")
    assert body == sample  # paragraphs and <br> lines give back the report line for line
    for boilerplate in ("عاجل", "3,120", "تعليق", "شارك", "مقالات ذات صلة", "وسوم", "الأكثر قراءة", "9,812",
                        "dataLayer", "الخميس 30"):
        assert boilerplate not in text


def test_page_in_windows_1256_honours_its_meta_charset(tmp_path, sample):
    page = SOHR_PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1256"')
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1256", errors="strict"))
    assert read_report(path).split("\n", 1)[1] == sample


def test_page_saved_as_txt_is_still_reduced_to_its_article(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_bytes(PAGE_27.read_bytes())
    assert read_report(path) == read_report(PAGE_27)


def test_page_text_structure():
    html = ("<html><body><nav>menu 1</nav><article><h1>Title &amp; more</h1><p>one\n  two</p>"
            "<p>three<br>four <b>bold</b></p><ul><li>a</li><li>b</li></ul><div class='share-box'>5</div>"
            "<pre>keep\n  this</pre></article></body></html>")
    assert page_text(html) == "Title & more\none two\nthree\nfour bold\na\nb\nkeep\nthis"


@pytest.mark.parametrize(("text", "expected"), [
    ("<!DOCTYPE html><html><body>x</body></html>", True),
    ("\ufeff  <html lang='ar'>", True),
    ("الشهر 112 <b>", False),
    ("plain text report\nwith lines", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected
