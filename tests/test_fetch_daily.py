"""What ``briefgen fetch`` saves is what ``briefgen build`` reads; ``briefgen daily`` with the README's briefgen.toml
fetches its configured feed first. Against the loopback server of test_fetch (``[sources] allow_private`` to reach it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefgen import cli
from test_fetch import FAST, article_page, rss, saved_records, site  # noqa: F401  (site: the loopback server fixture)

ROOT = Path(__file__).resolve().parents[1]


def serve_feed(site) -> None:  # noqa: F811
    site.page("/quetta", article_page("quetta-protest.txt", site_name="Frontier Post", published="2025-03-10", author="Jane Roe"))
    site.page("/bannu", article_page("border-post-attack.md", site_name=None, published="2025-03-09", author="Ali Shah"))
    site.page("/feed.xml", rss(site, "Frontier Times", ["/quetta", "/bannu?utm_source=rss"]), "application/rss+xml", ETag='"v1"')


def test_build_reads_each_fetched_page_with_its_url_title_publisher_and_date(site, tmp_path, capsys):  # noqa: F811
    serve_feed(site)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    assert cli.main(["fetch", site.url("/feed.xml"), "--into", str(inbox), *FAST]) == 0
    assert cli.main(["build", str(inbox), "--out", str(out), "--format", "md,json", "--date", "2025-03-10", "--quiet"]) == 0
    articles = {article["url"]: article for article in json.loads((out / "brief.json").read_text(encoding="utf-8"))["articles"]}
    assert sorted(articles) == [site.url("/bannu?utm_source=rss"), site.url("/quetta")]  # each once: .raw/ is not read again
    quetta, bannu = articles[site.url("/quetta")], articles[site.url("/bannu?utm_source=rss")]
    assert (quetta["title"], quetta["publisher"], quetta["published"]) == (
        "Traders shut markets in Quetta over extortion threats (sample, fictional)", "Frontier Post", "2025-03-10")
    assert (bannu["title"], bannu["publisher"], bannu["published"]) == (
        "Militants attack border post in Bannu, two soldiers killed (sample, fictional)", "Frontier Times", "2025-03-09")
    assert quetta["text"].startswith("Hundreds of traders shut their shops")
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "Frontier Post" in brief and "Frontier Times" in brief and site.url("/quetta") in brief


def readme_config(site, site_dir: Path) -> str:  # noqa: F811
    """The README's briefgen.toml with its feeds pointed at the loopback server (allowed) and its site folder in the test's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (config,) = re.findall(r"```toml\n(.+?)```", readme, re.DOTALL)
    feeds = re.search(r"^feeds = \[.+\]$", config, re.MULTILINE)
    assert feeds and "[sources]" in config, "the README's briefgen.toml configures no feeds"
    config = config.replace(feeds.group(0), f'feeds = ["{site.url("/feed.xml")}"]\nallow_private = true\ndelay = 0.01')
    return config.replace('dir = "/srv/briefgen/site"', f'dir = "{site_dir}"')


def test_the_readme_daily_example_fetches_its_feed_then_builds_and_publishes(site, tmp_path, monkeypatch, capsys):  # noqa: F811
    serve_feed(site)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_text(readme_config(site, tmp_path / "site"), encoding="utf-8")
    # The README's cron line without --mail (no SMTP server here); md and json only, to keep the test quick.
    assert cli.main(["daily", "inbox/2025-03-10", "--date", "2025-03-10", "--quiet", "--format", "md,json"]) == 0, capsys.readouterr().err
    assert sorted(saved_records(tmp_path / "inbox" / "2025-03-10")) == ["127-0-0-1-bannu.json", "127-0-0-1-quetta.json"]
    brief = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    assert sorted(article["publisher"] for article in brief["articles"]) == ["Frontier Post", "Frontier Times"]
    assert (tmp_path / "site" / "2025-03-10" / "index.html").is_file()
    assert (tmp_path / "state" / "fetched.json").is_file()  # [sources] seen: one store for every day's folder

    # The next day the feed is unchanged: one store for all days, so nothing is fetched again.
    site.requests.clear()
    assert cli.main(["daily", "inbox/2025-03-11", "--date", "2025-03-11", "--quiet", "--format", "md,json"]) == 2
    assert [path for path, _ in site.requests] == ["/robots.txt", "/feed.xml"]
    assert "no supported files in this directory" in capsys.readouterr().err
