"""The fetcher against local HTTP servers: every way a page can arrive, change, stay, or fail."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from helpers.fetch.config import FeedSpec
from helpers.fetch.session import FEED_STATE, fetch
from helpers.fetch.sources import Target
from tests.unit.fetch.conftest import files
from tests.unit.fetch.server import Reply

ARABIC_PAGE = ("<!DOCTYPE html><html><head><title>تقرير</title></head><body><article><p>خلال الشهر 112 من "
               "عمر \"الخلافة\" وثّق المرصد 14 عملية.</p></article></body></html>")


def run(config, out: Path, sleeps, *urls: str, **kwargs):
    targets = [Target(u) for u in urls]
    return fetch(targets, config=config, out_dir=out, progress=False, sleep=sleeps, **kwargs)


NO_SNAPSHOT = Reply(body=b'{"archived_snapshots": {}}', content_type="application/json")


def only_page(out: Path) -> tuple[Path, dict]:
    bodies = [p for p in out.rglob("*") if p.is_file() and p.suffix != ".json"]
    assert len(bodies) == 1, files(out)
    sidecar = json.loads(bodies[0].with_name(bodies[0].name + ".json").read_text(encoding="utf-8"))
    return bodies[0], sidecar


def assert_nothing_partial(out: Path) -> None:
    assert not [f for f in files(out) if f.endswith(".part")]


# ----------------------------------------------------------------------------------------------- pages


def test_page_is_kept_byte_for_byte_with_its_provenance(server, config, sleeps, tmp_path):
    body = ARABIC_PAGE.encode("cp1256")  # declared in the header only: never re-encoded
    validators = {"ETag": '"v1"', "Last-Modified": "Fri, 01 Dec 2023 10:00:00 GMT"}
    server.route("/2023/12/isis-month-112/", Reply(body=body, content_type="text/html; charset=windows-1256",
                                                    headers=validators))
    url = server.url("/2023/12/isis-month-112/")
    result = run(config, tmp_path, sleeps, url)
    assert [o.status for o in result.pages] == ["new"]
    page, sidecar = only_page(tmp_path)
    assert page.read_bytes() == body
    assert page.parent.name == f"127.0.0.1_{url.split(':')[2].split('/')[0]}"
    assert page.name.startswith("2023-12-isis-month-112_") and page.suffix == ".html"
    assert sidecar["requested_url"] == sidecar["final_url"] == url
    assert sidecar["status"] == 200
    assert sidecar["content_type"] == "text/html" and sidecar["charset"] == "windows-1256"
    assert sidecar["sha256"] == hashlib.sha256(body).hexdigest() and sidecar["size"] == len(body)
    assert sidecar["etag"] == '"v1"' and sidecar["last_modified"] == "Fri, 01 Dec 2023 10:00:00 GMT"
    assert sidecar["retrieved_at"].endswith("Z") and sidecar["archived_url"] is None
    assert sidecar["feed_entry"] is None and sidecar["redirects"] == []
    request = server.requested("/2023/12/isis-month-112/")[0]
    assert request.headers["user-agent"] == "helpers-fetch/test (tests)"
    assert "If-None-Match".lower() not in request.headers
    assert result.exit_code() == 0 and "1 new" in result.summary()


def test_redirect_chain_is_followed_and_recorded(server, config, sleeps, tmp_path):
    server.route("/old", Reply(301, headers={"Location": "/moved"}, content_type=None))
    server.route("/moved", Reply(302, headers={"Location": server.url("/final")}, content_type=None))
    server.route("/final", Reply(body=b"<html><body>final</body></html>"))
    result = run(config, tmp_path, sleeps, server.url("/old"))
    assert [o.status for o in result.pages] == ["new"]
    page, sidecar = only_page(tmp_path)
    assert page.name.startswith("old_")  # named from the URL asked for
    assert sidecar["final_url"] == server.url("/final")
    assert sidecar["redirects"] == [server.url("/old"), server.url("/moved")]


def _snapshot_routes(server, path: str, body: bytes, stamp: str = "20231201093000"):
    original = server.url(path)
    listed = server.url(f"/web/{stamp}/{original}")
    server.route("/wayback/available*", Reply(body=json.dumps({"url": original, "archived_snapshots": {
        "closest": {"available": True, "status": "200", "timestamp": stamp, "url": listed}}}).encode(),
        content_type="application/json"))
    server.route(f"/web/{stamp}id_/*", Reply(body=body))
    return listed


@pytest.mark.parametrize("status", [404, 410, 403, 451])
def test_gone_or_refused_falls_back_to_the_wayback_snapshot(server, config, sleeps, tmp_path, status):
    server.route("/gone", Reply(status, b"no", "text/html"))
    archived = b"<html><body>as archived</body></html>"
    listed = _snapshot_routes(server, "/gone", archived)
    result = run(config, tmp_path, sleeps, server.url("/gone"))
    assert [(o.status, o.archived) for o in result.pages] == [("new", True)]
    page, sidecar = only_page(tmp_path)
    assert page.read_bytes() == archived and page.name.startswith("gone_")
    assert sidecar["requested_url"] == server.url("/gone")
    assert sidecar["archived_url"] == listed
    assert sidecar["archived_at"] == "2023-12-01T09:30:00Z"
    assert str(status) in sidecar["archive_reason"]
    assert sidecar["final_url"].endswith(f"/web/20231201093000id_/{server.url('/gone')}")
    assert sidecar["etag"] is None
    assert "from the Wayback Machine" in result.summary()


def test_404_without_snapshot_leaves_nothing_and_says_so(server, config, sleeps, tmp_path):
    server.route("/gone", Reply(404, b"no", "text/html"))
    server.route("/wayback/available*", NO_SNAPSHOT)
    result = run(config, tmp_path, sleeps, server.url("/gone"))
    [outcome] = result.pages
    assert outcome.status == "failed" and outcome.path is None
    assert "HTTP 404 Not Found" in outcome.message and "no snapshot" in outcome.message
    assert files(tmp_path) == [] and result.exit_code() == 1
    assert "FAILED" in result.summary()


def test_archived_takes_every_page_from_the_archive(server, config, sleeps, tmp_path):
    server.route("/live", Reply(body=b"<html>live</html>"))
    _snapshot_routes(server, "/live", b"<html>archived</html>")
    result = run(config, tmp_path, sleeps, server.url("/live"), archived=True)
    page, sidecar = only_page(tmp_path)
    assert page.read_bytes() == b"<html>archived</html>" and sidecar["archived_url"]
    assert sidecar["archive_reason"].startswith("--archived")
    assert server.requested("/live") == [] and result.pages[0].archived


def test_429_waits_as_retry_after_says(server, config, sleeps, tmp_path):
    server.route("/busy", Reply(429, b"slow down", "text/plain", headers={"Retry-After": "7"}),
                 Reply(body=b"<html>ok</html>"))
    result = run(config, tmp_path, sleeps, server.url("/busy"))
    assert [o.status for o in result.pages] == ["new"]
    assert 7.0 in sleeps and len(server.requested("/busy")) == 2


def test_429_asking_too_long_a_wait_gives_up_without_sleeping(server, config, sleeps, tmp_path):
    server.route("/busy", Reply(429, b"", "text/plain", headers={"Retry-After": "3600"}))
    result = run(config, tmp_path, sleeps, server.url("/busy"))
    [outcome] = result.pages
    assert outcome.status == "failed" and "Retry-After" in outcome.message and "3600" in outcome.message
    assert 3600 not in sleeps and files(tmp_path) == []


def test_5xx_that_recovers_is_retried_with_backoff(server, config, sleeps, tmp_path):
    server.route("/flaky", Reply(503, b"", "text/plain"), Reply(502, b"", "text/plain"),
                 Reply(body=b"<html>ok</html>"))
    result = run(config, tmp_path, sleeps, server.url("/flaky"))
    assert [o.status for o in result.pages] == ["new"]
    assert sleeps == [1.0, 2.0]  # backoff 1 s, doubled


def test_5xx_that_does_not_recover_fails_cleanly(server, config, sleeps, tmp_path):
    server.route("/down", Reply(500, b"", "text/plain"))
    server.route("/wayback/available*", NO_SNAPSHOT)
    result = run(config, tmp_path, sleeps, server.url("/down"))
    [outcome] = result.pages
    assert outcome.status == "failed"
    assert "HTTP 500 Internal Server Error after 3 attempts" in outcome.message
    assert len(server.requested("/down")) == 3 and files(tmp_path) == []


def test_robots_txt_disallowing_a_path_is_obeyed(server, config, sleeps, tmp_path):
    robots = b"User-agent: *\nDisallow: /private/\n"
    server.route("/robots.txt", Reply(body=robots, content_type="text/plain"))
    server.route("/private/report", Reply(body=b"<html>secret</html>"))
    server.route("/public/report", Reply(body=b"<html>open</html>"))
    result = run(config, tmp_path, sleeps, server.url("/private/report"), server.url("/public/report"))
    assert [o.status for o in result.pages] == ["failed", "new"]
    assert "disallowed by" in result.pages[0].message and "robots.txt" in result.pages[0].message
    assert server.requested("/private/report") == []
    assert len(server.requested("/robots.txt")) == 1  # read once per site
    assert server.requested("/wayback/available?url=" + server.url("/private/report")) == []


def test_robots_crawl_delay_and_per_host_delay(server, config, sleeps, tmp_path):
    server.route("/robots.txt", Reply(body=b"User-agent: helpers-fetch\nCrawl-delay: 5\nDisallow:\n",
                                      content_type="text/plain"))
    server.route("/a", Reply(body=b"<html>a</html>"))
    server.route("/b", Reply(body=b"<html>b</html>"))
    run(config.with_overrides(delay=1.0), tmp_path, sleeps, server.url("/a"), server.url("/b"))
    assert len(sleeps) >= 1 and all(3.0 < s <= 5.0 for s in sleeps)  # one request at a time, 5 s apart


def test_slow_server_times_out(server, config, sleeps, tmp_path):
    server.route("/slow", Reply(body=b"<html>late</html>", delay=1.0))
    config = config.with_overrides(timeout=0.2, retries=1)
    result = run(config, tmp_path, sleeps, server.url("/slow"), use_wayback=False)
    [outcome] = result.pages
    assert outcome.status == "failed" and "timed out" in outcome.message and outcome.kind == "timeout"
    assert files(tmp_path) == []


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "no-content-length"])
def test_oversize_body_is_refused(server, config, sleeps, tmp_path, length):
    server.route("/big", Reply(body=b"<html>" + b"x" * 100_000 + b"</html>", length=length))
    result = run(config, tmp_path, sleeps, server.url("/big"))
    [outcome] = result.pages
    assert outcome.status == "failed" and outcome.kind == "too_large"
    assert "65,536 bytes" in outcome.message
    assert files(tmp_path) == []


def test_pdf_is_refused_with_a_clear_message(server, config, sleeps, tmp_path):
    server.route("/report.pdf", Reply(body=b"%PDF-1.7 ...", content_type="application/pdf"))
    result = run(config, tmp_path, sleeps, server.url("/report.pdf"))
    [outcome] = result.pages
    assert outcome.status == "failed" and outcome.kind == "content_type"
    assert "application/pdf" in outcome.message and "PDF" in outcome.message
    assert files(tmp_path) == [] and not [r for r in server.log if r.path.startswith("/wayback")]


def test_connection_dropped_mid_body_leaves_nothing(server, config, sleeps, tmp_path):
    server.route("/cut", Reply(body=b"<html>" + b"y" * 5000 + b"</html>", drop_after=100))
    result = run(config, tmp_path, sleeps, server.url("/cut"), use_wayback=False)
    [outcome] = result.pages
    assert outcome.status == "failed" and outcome.kind == "dropped"
    assert "dropped" in outcome.message and "nothing was saved" in outcome.message
    assert len(server.requested("/cut")) == 3  # retried
    assert files(tmp_path) == []


def test_dropped_then_complete_is_saved(server, config, sleeps, tmp_path):
    body = b"<html>" + b"z" * 5000 + b"</html>"
    server.route("/cut", Reply(body=body, drop_after=100), Reply(body=body))
    result = run(config, tmp_path, sleeps, server.url("/cut"))
    assert [o.status for o in result.pages] == ["new"]
    assert only_page(tmp_path)[0].read_bytes() == body
    assert_nothing_partial(tmp_path)


# ----------------------------------------------------------------------------------------- second runs


def test_second_run_is_a_304(server, config, sleeps, tmp_path):
    body = b"<html>report</html>"

    def conditional(request):
        if request.headers.get("if-none-match") == '"abc"':
            return Reply(304, b"", None, headers={"ETag": '"abc"'}, length=False)
        return Reply(body=body, headers={"ETag": '"abc"', "Last-Modified": "Fri, 01 Dec 2023 10:00:00 GMT"})

    server.route("/report", conditional)
    first = run(config, tmp_path, sleeps, server.url("/report"))
    before = files(tmp_path)
    page = first.pages[0].path
    mtime = page.stat().st_mtime_ns
    second = run(config, tmp_path, sleeps, server.url("/report"))
    assert [o.status for o in second.pages] == ["not_modified"]
    assert second.pages[0].path == page and page.stat().st_mtime_ns == mtime
    assert files(tmp_path) == before
    last = server.requested("/report")[-1].headers
    assert last["if-none-match"] == '"abc"' and last["if-modified-since"] == "Fri, 01 Dec 2023 10:00:00 GMT"
    assert "1 not modified (304)" in second.summary() and second.exit_code() == 0


def test_same_body_without_validators_is_not_rewritten(server, config, sleeps, tmp_path):
    server.route("/report", Reply(body=b"<html>same</html>"))
    first = run(config, tmp_path, sleeps, server.url("/report"))
    mtime = first.pages[0].path.stat().st_mtime_ns
    second = run(config, tmp_path, sleeps, server.url("/report"))
    assert [o.status for o in second.pages] == ["unchanged"]
    assert second.pages[0].path.stat().st_mtime_ns == mtime and len(files(tmp_path)) == 2


def test_changed_page_becomes_a_new_version(server, config, sleeps, tmp_path):
    server.route("/report", Reply(body=b"<html>first</html>"), Reply(body=b"<html>corrected</html>"))
    first = run(config, tmp_path, sleeps, server.url("/report"))
    second = run(config, tmp_path, sleeps, server.url("/report"))
    assert [o.status for o in second.pages] == ["new_version"]
    old, new = first.pages[0].path, second.pages[0].path
    assert old.read_bytes() == b"<html>first</html>" and new.read_bytes() == b"<html>corrected</html>"
    assert new.name == old.name.replace(".html", ".v2.html")
    sidecar = json.loads(new.with_name(new.name + ".json").read_text(encoding="utf-8"))
    assert sidecar["previous_version"] == old.name
    assert len(files(tmp_path)) == 4 and "1 new versions" in second.summary()


def test_kept_copy_is_not_replaced_by_a_snapshot_when_the_page_goes(server, config, sleeps, tmp_path):
    server.route("/report", Reply(body=b"<html>live</html>"), Reply(404, b"", "text/plain"))
    _snapshot_routes(server, "/report", b"<html>archived</html>")
    run(config, tmp_path, sleeps, server.url("/report"))
    second = run(config, tmp_path, sleeps, server.url("/report"))
    [outcome] = second.pages
    assert outcome.status == "failed" and "is kept" in outcome.message
    assert len(files(tmp_path)) == 2


# ----------------------------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Observatory</title><link>{base}/</link><description>d</description>
<item><title>خلال الشهر 112 من عمر "الخلافة".. 14 عملية للتنظيم</title><link>{base}/ar/112/</link>
<guid>{base}/?p=112</guid><pubDate>Fri, 01 Dec 2023 10:00:00 +0000</pubDate>
<description>تقرير</description></item>
<item><title>قصف على ريف إدلب</title><link>{base}/ar/idlib/</link><guid>{base}/?p=9</guid>
<description>أخبار</description></item>
<item><title>ISIS in the 113th month of the "caliphate" | 10 operations</title><link>{base}/en/113/</link>
<guid>{base}/?p=113</guid><description>SOHR documented</description></item>
<item><title>Weather report</title><link>{base}/en/weather/</link><description>rain</description></item>
</channel></rss>"""


def test_feed_brings_the_series_entries_only(server, config, sleeps, tmp_path):
    server.route("/feed/", Reply(body=RSS.format(base=server.base).encode(),
                                 content_type="application/rss+xml; charset=UTF-8", headers={"ETag": '"f1"'}))
    for path in ("/ar/112/", "/ar/idlib/", "/en/113/", "/en/weather/"):
        server.route(path, Reply(body=f"<html>{path}</html>".encode()))
    feed = FeedSpec(server.url("/feed/"), None)
    result = fetch([], config=config, out_dir=tmp_path, feeds=[feed], progress=False, sleep=sleeps)
    assert sorted(o.url for o in result.pages) == [server.url("/ar/112/"), server.url("/en/113/")]
    assert server.requested("/ar/idlib/") == [] and server.requested("/en/weather/") == []
    assert result.feeds[0].entries == 4 and result.feeds[0].series == 2
    page = next(o.path for o in result.pages if o.url.endswith("/ar/112/"))
    entry = json.loads(page.with_name(page.name + ".json").read_text(encoding="utf-8"))["feed_entry"]
    assert entry["feed_url"] == server.url("/feed/") and entry["title"].startswith("خلال الشهر 112")
    assert entry["id"] == f"{server.base}/?p=112" and entry["published"]
    assert json.loads((tmp_path / FEED_STATE).read_text())[server.url("/feed/")]["etag"] == '"f1"'


def test_feed_filter_words_follow_the_feed_language(server, config, sleeps, tmp_path):
    server.route("/feed/", Reply(body=RSS.format(base=server.base).encode(),
                                 content_type="application/rss+xml"))
    server.route("*", Reply(body=b"<html>page</html>"))
    result = fetch([], config=config, out_dir=tmp_path, feeds=[FeedSpec(server.url("/feed/"), "en")],
                   progress=False, sleep=sleeps)
    assert [o.url for o in result.pages] == [server.url("/en/113/")]


def test_unchanged_feed_costs_one_304(server, config, sleeps, tmp_path):
    def feed(request):
        if request.headers.get("if-none-match") == '"f1"':
            return Reply(304, b"", None, length=False)
        return Reply(body=RSS.format(base=server.base).encode(), content_type="application/rss+xml",
                     headers={"ETag": '"f1"'})

    server.route("/feed/", feed)
    server.route("/ar/*", Reply(body=b"<html>ar</html>", headers={"ETag": '"p"'}))
    server.route("/en/*", Reply(body=b"<html>en</html>"))
    spec = FeedSpec(server.url("/feed/"))
    fetch([], config=config, out_dir=tmp_path, feeds=[spec], progress=False, sleep=sleeps)
    asked = len(server.log)
    second = fetch([], config=config, out_dir=tmp_path, feeds=[spec], progress=False, sleep=sleeps)
    assert second.pages == () and second.feeds[0].not_modified
    assert [r.path for r in server.log[asked:]] == ["/robots.txt", "/feed/"]  # robots.txt: once per run


def test_a_feed_that_is_not_a_feed_fails_clearly(server, config, sleeps, tmp_path):
    server.route("/feed/", Reply(body=b"<html>a page</html>", content_type="text/html"))
    result = fetch([], config=config, out_dir=tmp_path, feeds=[FeedSpec(server.url("/feed/"))],
                   progress=False, sleep=sleeps)
    assert result.feeds[0].error and "text/html" in result.feeds[0].error and result.exit_code() == 1


def test_cdx_api_stands_in_when_the_availability_api_names_nothing(server, config, sleeps, tmp_path):
    server.route("/gone", Reply(410, b"", "text/plain"))
    server.route("/wayback/available*", NO_SNAPSHOT)
    original = server.url("/gone")
    server.route("/cdx*", Reply(body=json.dumps([["timestamp", "original"], ["20240105120000", original]]
                                                ).encode(), content_type="application/json"))
    server.route("/web/20240105120000id_/*", Reply(body=b"<html>from cdx</html>"))
    cdx = dataclasses.replace(config, cdx_url=server.url("/cdx"))
    result = run(cdx, tmp_path, sleeps, original)
    page, sidecar = only_page(tmp_path)
    assert page.read_bytes() == b"<html>from cdx</html>" and result.pages[0].archived
    assert sidecar["archived_url"] == server.url(f"/web/20240105120000/{original}")
    assert sidecar["archived_at"] == "2024-01-05T12:00:00Z"
    asked = next(r.path for r in server.log if r.path.startswith("/cdx"))
    assert "filter=statuscode%3A200" in asked and "limit=-1" in asked


def test_cdx_api_without_captures(server, config, sleeps, tmp_path):
    server.route("/gone", Reply(404, b"", "text/plain"))
    server.route("/wayback/available*", NO_SNAPSHOT)
    server.route("/cdx*", Reply(body=b"", content_type="application/json"))
    cdx = dataclasses.replace(config, cdx_url=server.url("/cdx"))
    result = run(cdx, tmp_path, sleeps, server.url("/gone"))
    assert result.pages[0].status == "failed" and "no snapshot" in result.pages[0].message
    assert files(tmp_path) == []


def test_a_body_trickling_past_the_overall_limit_times_out(server, config, sleeps, tmp_path):
    server.route("/trickle", Reply(body=b"<html>" + b"t" * 50_000 + b"</html>", delay=0.0))
    config = config.with_overrides(max_seconds=-1.0, retries=0)  # any body is too slow
    result = run(config, tmp_path, sleeps, server.url("/trickle"), use_wayback=False)
    assert result.pages[0].kind == "timeout" and "the body took more than -1 s" in result.pages[0].message
    assert files(tmp_path) == []
