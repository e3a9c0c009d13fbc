"""Links from the HTML exports to a figure's characters.

Text reports link into the raw folder, web pages into the article text the build writes (where their spans
count).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.views import source_link
from helpers.build import corpus

HTML_REPORT = Path(__file__).resolve().parents[2] / "data" / "html" / "sohr_style_112.html"


def test_the_build_writes_web_pages_article_text_where_their_spans_count(tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    (raw / "pages").mkdir(parents=True)
    shutil.copy(HTML_REPORT, raw / "pages" / HTML_REPORT.name)
    corpus.build(raw, processed, progress=False)
    text = (processed / paths.TEXT_FOLDER / "pages" / f"{HTML_REPORT.name}.txt").read_text(encoding="utf-8")
    figures = pd.read_parquet(processed / "figures.parquet")
    assert len(figures) > 5
    for row in figures.itertuples():  # each span lies inside its sentence, in the article text
        at = text.find(row.sentence)
        assert at >= 0 and at <= row.start < row.end <= at + len(row.sentence)
    html = (raw / "pages" / HTML_REPORT.name).read_text(encoding="utf-8")
    assert html[figures.start.iloc[0]:figures.end.iloc[0]] != text[figures.start.iloc[0]:figures.end.iloc[0]]

    (raw / "pages" / HTML_REPORT.name).unlink()
    (raw / "a.txt").write_text("نص", encoding="utf-8")
    corpus.build(raw, processed, progress=False)
    assert list((processed / paths.TEXT_FOLDER).rglob("*.txt")) == []  # the page is gone, so is its text


def test_source_link_points_at_the_raw_text_or_the_article_text():
    base = paths.LinkBase(raw="../../data/raw", text="../../data/processed/text")
    assert source_link(base, "synthetic/m1.txt", 3, 5) == (
        "[m1.txt chars 3-5](../../data/raw/synthetic/m1.txt#char=3,5)")
    assert source_link(base, "pages/r.html", 3, 5) == (
        "[r.html article text, chars 3-5](../../data/processed/text/pages/r.html.txt#char=3,5)")
    assert source_link("../data/raw", "r.txt", 1, 2) == "[r.txt chars 1-2](../data/raw/r.txt#char=1,2)"
    assert source_link(base, None, 1, 2) == "chars 1-2"


def test_links_resolve_from_the_run_folder(tmp_path):
    base = paths.link_base(paths.REPORTS_DIR / "m113")
    assert (paths.REPORTS_DIR / "m113" / base.raw).resolve() == paths.RAW_DIR.resolve()
    assert (paths.REPORTS_DIR / "m113" / base.text).resolve() == (paths.PROCESSED_DIR / "text").resolve()


def test_web_page_suffixes_are_the_readers():
    from helpers.analysis import views
    from helpers.read.reader import HTML_SUFFIXES

    assert views.WEB_PAGE_SUFFIXES == HTML_SUFFIXES


def test_article_texts_are_read_again_only_when_the_page_changed(tmp_path):
    import os

    raw, text_dir = tmp_path / "raw", tmp_path / "text"
    raw.mkdir()
    page = raw / "r.html"
    shutil.copy(HTML_REPORT, page)
    sources, _ = corpus.discover(raw)
    assert corpus.write_article_texts(raw, sources, text_dir) == [text_dir / "r.html.txt"]
    assert corpus.write_article_texts(raw, sources, text_dir) == []
    page.write_text(page.read_text(encoding="utf-8").replace("</p>", " 7</p>", 1), encoding="utf-8")
    later = (text_dir / "r.html.txt").stat().st_mtime + 5
    os.utime(page, (later, later))
    assert corpus.write_article_texts(raw, sources, text_dir) == [text_dir / "r.html.txt"]
