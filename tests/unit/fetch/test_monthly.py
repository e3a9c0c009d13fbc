"""The scheduled rerun: feeds -> new pages -> build -> the newest month, or one line: nothing arrived."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.__main__ import main
from helpers.fetch.config import FeedSpec
from helpers.fetch.monthly import Latest, latest_month, month_argument
from helpers.paths import RAW_DIR
from helpers.run import runner
from tests.unit.fetch.server import Reply

SAMPLE = RAW_DIR / "000_ce1fad4af3d1fbde.txt"
FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
<link>{base}/</link><description>d</description>{items}</channel></rss>"""
SERIES_ITEM = """<item><title>خلال الشهر 112 من عمر "الخلافة"</title><link>{base}/112/</link></item>"""
OTHER_ITEM = """<item><title>أخبار أخرى</title><link>{base}/other/</link></item>"""


@pytest.fixture
def monthly(server, config, sleeps, tmp_path):
    def run(items: str, **kwargs) -> Latest:
        server.route("/feed/", Reply(body=FEED.format(base=server.base, items=items.format(base=server.base))
                                     .encode(), content_type="application/rss+xml"))
        feeds = dataclasses.replace(config, feeds=(FeedSpec(server.url("/feed/"), "ar"),))
        return latest_month(tmp_path / "raw", tmp_path / "processed", config=feeds, sleep=sleeps, **kwargs)

    server.route("/112/", Reply(body=SAMPLE.read_bytes(), content_type="text/plain; charset=utf-8",
                                headers={"ETag": '"112"'}))
    server.route("/other/", Reply(body=b"<html>other</html>"))
    (tmp_path / "raw").mkdir()
    return run


def test_a_new_report_names_its_month_and_a_second_run_finds_nothing(monthly, tmp_path):
    first = monthly(SERIES_ITEM + OTHER_ITEM)
    assert first.month == 112 and first.message.startswith("new report for month 112: web/127.0.0.1_")
    assert (tmp_path / "processed" / "reports.parquet").is_file()
    second = monthly(SERIES_ITEM + OTHER_ITEM)
    assert second.month is None and second.message == "no new report" and second.exit_code == 0


def test_a_feed_without_series_entries_is_no_new_report(monthly, tmp_path):
    latest = monthly(OTHER_ITEM)
    assert latest == Latest(None, "no new report", 0)
    assert not (tmp_path / "processed").exists()


def test_no_readable_feed_is_an_error(server, config, sleeps, tmp_path):
    server.route("/feed/", Reply(500, b"", "text/plain"))
    feeds = dataclasses.replace(config, feeds=(FeedSpec(server.url("/feed/")),))
    latest = latest_month(tmp_path, tmp_path / "processed", config=feeds, sleep=sleeps)
    assert latest.month is None and latest.exit_code == 1 and "no feed could be read" in latest.message


def test_month_argument():
    assert month_argument("latest") == "latest" and month_argument(" LATEST ") == "latest"
    assert month_argument("113") == 113
    with pytest.raises(ValueError):
        month_argument("soon")


def test_run_month_latest_stops_with_one_line_when_nothing_arrived(monkeypatch, capsys):
    monkeypatch.setattr(runner, "latest_month", lambda raw, processed: Latest(None, "no new report"))
    monkeypatch.setattr(runner, "run", lambda options: pytest.fail("no notebooks without a new report"))
    assert main(["run", "--month", "latest"]) == 0
    assert capsys.readouterr().out == "no new report\n"


def test_run_month_latest_runs_the_notebooks_for_the_new_month(monkeypatch, capsys):
    seen = []
    found = Latest(113, "new report for month 113")
    monkeypatch.setattr(runner, "latest_month", lambda raw, processed: found)
    monkeypatch.setattr(runner, "run", lambda options, done=None: seen.append(options.month) or 0)
    assert main(["run", "--month", "latest", "--only", "04"]) == 0
    assert seen == [113] and capsys.readouterr().out.startswith("new report for month 113\n")


def test_run_month_refuses_a_word_other_than_latest(capsys):
    assert main(["run", "--month", "soon"]) == 2
    assert "--month" in capsys.readouterr().err
