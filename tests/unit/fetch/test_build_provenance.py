"""A fetched page in the build: the same figures as the page saved by hand, its provenance, its links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import views
from helpers.build.corpus import build
from helpers.fetch.session import fetch
from helpers.fetch.sources import Target
from helpers.paths import RAW_DIR
from tests.unit.fetch.conftest import Sleeps, fast_config
from tests.unit.fetch.server import LocalServer, Reply

SAMPLE = RAW_DIR / "000_ce1fad4af3d1fbde.txt"


@pytest.fixture(scope="module")
def served():
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def built(served, tmp_path_factory):
    """The sample report built three times: saved by hand, fetched live, fetched from the archive."""
    return _built(served, fast_config(served), Sleeps(), tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="module")
def built_dir(built):
    return built[3]


def _built(server, config, sleeps, tmp_path):
    body = SAMPLE.read_bytes()
    server.route("/2023/12/month-112/", Reply(body=body, content_type="text/plain; charset=utf-8"))
    server.route("/gone/", Reply(404, b"", "text/plain"))
    stamp = "20231201093000"
    listed = server.url(f"/web/{stamp}/{server.url('/gone/')}")
    server.route("/wayback/available*", Reply(body=json.dumps({"archived_snapshots": {"closest": {
        "available": True, "status": "200", "timestamp": stamp, "url": listed}}}).encode(),
        content_type="application/json"))
    server.route(f"/web/{stamp}id_/*", Reply(body=body, content_type="text/plain"))
    by_hand, fetched = tmp_path / "hand", tmp_path / "fetched"
    by_hand.mkdir()
    shutil.copy(SAMPLE, by_hand / SAMPLE.name)
    result = fetch([Target(server.url("/2023/12/month-112/"))], config=config, out_dir=fetched / "web",
                   progress=False, sleep=sleeps)
    assert [o.status for o in result.pages] == ["new"]
    archived = tmp_path / "archived"
    fetch([Target(server.url("/gone/"))], config=config, out_dir=archived / "web", progress=False,
          sleep=sleeps)
    out = {}
    for name, raw in (("hand", by_hand), ("fetched", fetched), ("archived", archived)):
        out[name] = build(raw, tmp_path / f"processed_{name}", jobs=1, progress=False, use_cache=False)
    return server, listed, out, tmp_path


FIGURE_COLUMNS = ["month", "zone", "level", "admin1", "measure", "group", "subgroup", "perpetrator", "value",
                  "qualifier", "scope", "sentence", "start", "end"]


def test_fetched_page_gives_the_same_figures_as_the_page_saved_by_hand(built):
    _, _, results, _ = built
    hand, fetched = results["hand"].tables, results["fetched"].tables
    assert len(hand.figures) == 28
    pd.testing.assert_frame_equal(hand.figures[FIGURE_COLUMNS], fetched.figures[FIGURE_COLUMNS])
    assert results["fetched"].ignored and all(p.endswith(".json") for p in results["fetched"].ignored)
    assert hand.reports["sha256"].tolist() == fetched.reports["sha256"].tolist()


def test_reports_carry_the_provenance_of_fetched_pages(built):
    server, listed, results, _ = built
    hand = results["hand"].tables.reports.iloc[0]
    assert pd.isna(hand["source_url"]) and pd.isna(hand["retrieved_at"]) and pd.isna(hand["archived_url"])
    row = results["fetched"].tables.reports.iloc[0]
    assert row["source_url"] == server.url("/2023/12/month-112/")
    assert row["retrieved_at"].tzinfo is not None and pd.isna(row["archived_url"])
    assert row["path"].startswith("web/127.0.0.1_")
    archived = results["archived"].tables.reports.iloc[0]
    assert archived["source_url"] == server.url("/gone/") and archived["archived_url"] == listed
    assert archived["month"] == 112


def test_written_tables_keep_the_retrieval_time(built_dir):
    tmp_path = built_dir
    csv = (tmp_path / "processed_fetched" / "reports.csv").read_text(encoding="utf-8")
    header, row = csv.splitlines()[:2]
    assert header.endswith("same_as,source_url,retrieved_at,archived_url")
    assert row.split(",")[-2].endswith("Z") and "T" in row.split(",")[-2]
    data = views.load_tables(tmp_path / "processed_fetched")
    assert data.reports["source_url"].notna().all()


def test_brief_links_open_the_page_at_the_sentence(built):
    server, listed, _, tmp_path = built
    data = views.load_tables(tmp_path / "processed_fetched")
    sources = views.total_sources(data, data.reports["report_id"].tolist(), "../data/raw")
    link = sources["link"].iloc[0]
    assert "](../data/raw/web/127.0.0.1_" in link and "#char=" in link
    assert f" · [page]({server.url('/2023/12/month-112/')}#:~:text=" in link
    archived = views.load_tables(tmp_path / "processed_archived")
    ids = archived.reports["report_id"].tolist()
    link = views.total_sources(archived, ids, "../data/raw")["link"].iloc[0]
    assert f"[page]({listed}#:~:text=" in link
    by_hand = views.load_tables(tmp_path / "processed_hand")
    link = views.total_sources(by_hand, by_hand.reports["report_id"].tolist(), "../data/raw")["link"].iloc[0]
    assert "[page]" not in link


def test_text_fragment_encodes_its_syntax_characters():
    assert views.text_fragment("a-b, c&d") == "#:~:text=a%2Db%2C%20c%26d"
    long = "one two three four five six seven eight nine ten"
    assert views.text_fragment(long) == "#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
    assert views.text_fragment("   ") == ""
    link = views.source_link("../data/raw", "a.txt", 1, 2, page="https://x.org/p(1)#top", sentence="نص قصير")
    assert link == ("[a.txt chars 1-2](../data/raw/a.txt#char=1,2) · "
                    "[page](https://x.org/p%281%29#:~:text=%D9%86%D8%B5%20%D9%82%D8%B5%D9%8A%D8%B1)")


def test_an_unreadable_sidecar_is_ignored_by_the_build(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / "r.txt")
    (raw / "r.txt.json").write_text("{not json", encoding="utf-8")
    result = build(raw, tmp_path / "processed", jobs=1, progress=False, use_cache=False)
    assert result.failed == 0 and pd.isna(result.tables.reports.iloc[0]["source_url"])


def test_sample_exists():
    assert Path(SAMPLE).is_file()


def test_a_changed_page_counts_in_its_newest_version(server, config, sleeps, tmp_path):
    text = SAMPLE.read_bytes()
    server.route("/report/", Reply(body=text, content_type="text/plain"),
                 Reply(body=text + "\nتصحيح.\n".encode(), content_type="text/plain"))
    raw = tmp_path / "raw"
    first = fetch([Target(server.url("/report/"))], config=config, out_dir=raw / "web", progress=False,
                  sleep=sleeps).pages[0].path
    sidecar = first.with_name(first.name + ".json")
    earlier = sidecar.read_text(encoding="utf-8").replace('"retrieved_at": "20', '"retrieved_at": "19')
    sidecar.write_text(earlier, encoding="utf-8")  # fetched long ago
    second = fetch([Target(server.url("/report/"))], config=config, out_dir=raw / "web", progress=False,
                   sleep=sleeps).pages[0].path
    reports = build(raw, tmp_path / "processed", jobs=1, progress=False, use_cache=False).tables.reports
    reports = reports.set_index("report_id")
    assert pd.isna(reports.loc[second.stem, "same_as"])
    assert reports.loc[first.stem, "same_as"] == second.stem
