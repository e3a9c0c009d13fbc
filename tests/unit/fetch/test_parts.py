"""The fetcher's parts on their own: names, sidecars, sources files, headers, robots, feeds, config, CLI."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from helpers.__main__ import main
from helpers.fetch import naming
from helpers.fetch.config import FeedSpec, SeriesRule, load_config
from helpers.fetch.feeds import FeedEntry, is_series
from helpers.fetch.http import media_type, retry_after
from helpers.fetch.robots import RobotsRules, agent_token
from helpers.fetch.sidecar import Provenance, atomic_write, read_sidecar, web_sources, write_sidecar
from helpers.fetch.sources import SourcesError, read_sources
from helpers.fetch.store import PageStore
from helpers.fetch.wayback import raw_snapshot_url
from tests.unit.fetch.conftest import files
from tests.unit.fetch.server import Reply

# --------------------------------------------------------------------------------------------- naming


def test_names_are_stable_safe_and_distinct():
    url = "https://www.Example.org/2023/12/%D8%AF%D8%A7%D8%B9%D8%B4-112/?p=5#comments"
    assert naming.host_folder(url) == "www.example.org"
    assert naming.stem(url) == naming.stem(url.replace("#comments", ""))  # the fragment names nothing
    assert naming.stem(url).startswith("2023-12-112-p-5_")
    assert all(c.isascii() and (c.isalnum() or c in "-_") for c in naming.stem(url))
    assert naming.stem("https://a.org/x?y") != naming.stem("https://a.org/x-y")  # same slug, other URL
    assert naming.stem("https://a.org/").startswith("index_")
    assert naming.host_folder("http://127.0.0.1:8080/x") == "127.0.0.1_8080"
    assert len(naming.stem("https://a.org/" + "word-" * 100)) <= naming.SLUG_LENGTH + 1 + naming.HASH_LENGTH
    assert naming.version_name(url, 1, ".html").endswith(".html")
    assert naming.version_name(url, 3, ".txt") == naming.stem(url) + ".v3.txt"
    assert naming.version_pattern(url).match(naming.version_name(url, 12, ".html")).group(1) == "12"
    assert not naming.version_pattern(url).match(naming.version_name(url, 2, ".html") + ".json")


# -------------------------------------------------------------------------------------------- sidecar


def _provenance(body: bytes, **changes) -> Provenance:
    import hashlib

    fields = dict(requested_url="https://a.org/r", final_url="https://a.org/r", status=200,
                  content_type="text/html", retrieved_at="2026-12-07T09:30:00Z",
                  sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    return Provenance(**(fields | changes))


def test_sidecar_round_trip_keeps_unknown_keys(tmp_path):
    body = tmp_path / "r.html"
    body.write_bytes(b"x")
    path = write_sidecar(body, _provenance(b"x", feed_entry={"title": "عنوان"}))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "r.html.json" and data["feed_entry"]["title"] == "عنوان"
    data["added_later"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    again = read_sidecar(path)
    assert again.feed_entry == {"title": "عنوان"} and again.extra == {"added_later": 1}
    assert read_sidecar(tmp_path / "missing.json") is None


def test_atomic_write_leaves_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "f.html"

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        atomic_write(target, b"data")
    assert files(tmp_path) == []


def test_atomic_write_never_clobbers_when_told(tmp_path):
    target = tmp_path / "f.html"
    atomic_write(target, b"old")
    with pytest.raises(FileExistsError):
        atomic_write(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old" and files(tmp_path) == ["f.html"]


def test_store_versions_and_a_body_whose_sidecar_was_lost(tmp_path):
    store = PageStore(tmp_path)
    url = "https://a.org/r"
    first = store.save(url, b"one", _provenance(b"one"))
    first.path.with_name(first.path.name + ".json").unlink()  # interrupted after the body
    again = store.save(url, b"one", _provenance(b"one"))
    assert again.status == "unchanged" and again.path == first.path
    assert read_sidecar(first.path.with_name(first.path.name + ".json")) is not None
    second = store.save(url, b"two", _provenance(b"two", content_type="text/plain"))
    assert second.status == "new_version" and second.path.name.endswith(".v2.txt")
    assert [v.number for v in store.versions(url)] == [1, 2]
    with pytest.raises(ValueError):
        store.save(url, b"three", _provenance(b"not three"))


def test_web_sources_reads_only_listed_sidecars(tmp_path):
    (tmp_path / "a.html").write_bytes(b"x")
    write_sidecar(tmp_path / "a.html", _provenance(b"x", archived_url="https://web.archive.org/web/1/x"))
    (tmp_path / "b.txt").write_bytes(b"y")
    found = web_sources(tmp_path, ["a.html", "b.txt"], ["a.html.json", "manifest.csv"])
    assert list(found) == ["a.html"]
    assert found["a.html"].retrieved_at == dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
    assert found["a.html"].archived_url.startswith("https://web.archive.org")


# -------------------------------------------------------------------------------------------- sources


def test_sources_file(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("url,month,language,note\nhttps://a.org/112,112,ar,the sample\n\n#https://skip.org,,,\n"
                    "https://a.org/113,,EN,\nhttps://a.org/112,,,again\n", encoding="utf-8")
    targets = read_sources(path)
    assert [(t.url, t.month, t.language, t.note) for t in targets] == [
        ("https://a.org/112", 112, "ar", "the sample"), ("https://a.org/113", None, "en", None)]
    assert targets[0].source() == {"month": 112, "language": "ar", "note": "the sample"}
    assert targets[1].source() == {"language": "en"}


@pytest.mark.parametrize("text, message", [
    ("link\nhttps://a.org\n", "no 'url' column"),
    ("url,when\nhttps://a.org,1\n", "unknown columns"),
    ("url\nftp://a.org/x\n", ":2: 'ftp://a.org/x' is not an http(s) URL"),
    ("url,month\nhttps://a.org,May\n", ":2: month 'May'"),
    ("url,language\nhttps://a.org,fr\n", "language 'fr'"),
])
def test_sources_file_errors_name_the_line(tmp_path, text, message):
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_sources(path)
    with pytest.raises(SourcesError, match="cannot read"):
        read_sources(tmp_path / "missing.csv")


# -------------------------------------------------------------------------------------------- headers


def test_media_type_and_retry_after():
    assert media_type('text/html; charset="UTF-8"') == ("text/html", "UTF-8")
    assert media_type("Application/PDF") == ("application/pdf", None)
    assert media_type(None) == ("", None)
    assert retry_after("120") == 120.0
    now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    assert retry_after("Mon, 07 Dec 2026 09:00:30 GMT", now) == 30.0
    assert retry_after("Mon, 07 Dec 2026 08:00:00 GMT", now) == 0.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_robots_rules():
    agent = "helpers-fetch/0.1 (research)"
    assert agent_token(agent) == "helpers-fetch"
    rules = RobotsRules.parse("x/robots.txt", agent, "User-agent: helpers-fetch\nDisallow: /wp-admin/\n"
                              "Crawl-delay: 10\n\nUser-agent: *\nDisallow: /\n")
    assert rules.allowed("https://a.org/2023/report/") and not rules.allowed("https://a.org/wp-admin/x")
    assert rules.crawl_delay == 10.0
    assert RobotsRules.allow_all("x", agent, "404").allowed("https://a.org/any")
    assert not RobotsRules.disallow_all("x", agent, "503").allowed("https://a.org/any")


def test_unreachable_robots_txt_disallows_the_site(server, config, sleeps, tmp_path):
    from helpers.fetch.session import fetch
    from helpers.fetch.sources import Target

    server.route("/robots.txt", Reply(503, b"", "text/plain"))
    server.route("/page", Reply(body=b"<html>p</html>"))
    result = fetch([Target(server.url("/page"))], config=config, out_dir=tmp_path, progress=False,
                   sleep=sleeps, use_wayback=False)
    assert result.pages[0].status == "failed" and "robots.txt unreachable" in result.pages[0].message
    assert server.requested("/page") == [] and files(tmp_path) == []


def test_wayback_raw_url():
    assert raw_snapshot_url("http://web.archive.org/web/20231201000000/https://a.org/x") == \
        "http://web.archive.org/web/20231201000000id_/https://a.org/x"
    assert raw_snapshot_url("http://web.archive.org/web/20231201000000im_/https://a.org/x").endswith(
        "20231201000000id_/https://a.org/x")


# ---------------------------------------------------------------------------------------------- feeds


def test_series_words_come_from_the_data_file_and_are_folded():
    rules = load_config().series
    assert set(rules) == {"ar", "en"}

    def entry(title, language=None, summary=""):
        return FeedEntry("f", "https://a.org/x", title, summary, language=language)

    assert is_series(entry('خلال الشهر ١١٢ من عمر "الخلافـــة" المزعومة', "ar"), rules)  # tatweel, digits
    assert is_series(entry("130 شهرًا على \"الخلافة\" المزعومة"), rules)  # tanween
    assert is_series(entry("ISIS in the 113th MONTH of the “Caliphate”", "en"), rules)
    assert not is_series(entry("قصف على ريف إدلب", "ar"), rules)
    assert not is_series(entry("ISIS in the 113th month of the caliphate", "ar"), rules)  # feed language
    assert is_series(entry("report", "en", summary="month 112 of the caliphate"), rules)
    excluded = {"en": SeriesRule(all_of=(("month", "caliphate"),), none_of=("podcast",))}
    assert not is_series(entry("Podcast: month 112 of the caliphate", "en"), excluded)


def test_config_overrides_and_relative_feeds(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text('[site]\nbase_url = "https://site.org"\n[[feed]]\nurl = "/feed/"\nlanguage = "en"\n'
                    '[[feed]]\nurl = "https://other.org/rss"\n[wayback]\navailability_url = "https://wb/a"\n'
                    '[manners]\ndelay_seconds = 9\nmax_megabytes = 1\n', encoding="utf-8")
    config = load_config(path)
    assert config.feeds == (FeedSpec("https://site.org/feed/", "en"), FeedSpec("https://other.org/rss"))
    assert config.manners.delay == 9.0 and config.manners.max_bytes == 2**20
    assert config.wayback_url == "https://wb/a"
    moved = load_config(path, base_url="http://127.0.0.1:9", wayback_url="http://127.0.0.1:9/wb")
    assert moved.feeds[0].url == "http://127.0.0.1:9/feed/" and moved.wayback_url == "http://127.0.0.1:9/wb"
    default = load_config()
    assert default.feeds and all(f.url.startswith("https://") for f in default.feeds)
    assert "helpers-fetch/" in default.manners.user_agent and "{version}" not in default.manners.user_agent


# ------------------------------------------------------------------------------------------------ CLI


def test_cli_fetches_and_prints_the_summary(server, tmp_path, capsys):
    server.route("/r", Reply(body=b"<html>r</html>"))
    sources = tmp_path / "s.csv"
    sources.write_text(f"url,note\n{server.url('/pdf')},a pdf\n", encoding="utf-8")
    server.route("/pdf", Reply(body=b"%PDF", content_type="application/pdf"))
    status = main(["fetch", server.url("/r"), "--sources", str(sources), "--out", str(tmp_path / "web"),
                   "--delay", "0", "--retries", "0", "--no-wayback", "-q"])
    assert status == 1 and capsys.readouterr().out == ""
    assert len(files(tmp_path / "web")) == 2
    status = main(["fetch", server.url("/r"), "--out", str(tmp_path / "web"), "--delay", "0", "--no-wayback"])
    out = capsys.readouterr().out
    assert status == 0 and out.startswith(f"fetch -> {tmp_path / 'web'}: 1 page") and "1 same as kept" in out


def test_cli_usage_errors(tmp_path, capsys):
    assert main(["fetch", "--out", str(tmp_path)]) == 2
    assert main(["fetch", "not-a-url", "--out", str(tmp_path)]) == 2
    assert main(["fetch", "--sources", str(tmp_path / "none.csv"), "--out", str(tmp_path)]) == 2
    assert files(tmp_path) == []
