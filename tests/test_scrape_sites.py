"""`monitor scrape` on three differently built recorded sites (tests/sites), generic logic and selectors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import run_cli
from tests.localserver import LocalServer

SITES = Path(__file__).resolve().parent / "sites"
SITE_FACTS = json.loads((SITES / "expected" / "sites.json").read_text(encoding="utf-8"))


def expected_pages(site: str) -> dict[str, dict[str, Any]]:
    """Path on our server → the recorded page's expected title, date and text checks."""
    pages = {}
    for file in sorted((SITES / "expected" / site).glob("*.json")):
        expected = json.loads(file.read_text(encoding="utf-8"))
        pages["/" + expected["file"].split("/", 1)[1]] = expected
    return pages


def listed_paths(site: str) -> set[str]:
    return {urlsplit(e["url"]).path for listing in SITE_FACTS[site]["listings"] for e in listing["entries"]}


def serve_site(server: LocalServer, site: str) -> str:
    server.add_file_tree("/", SITES / site)
    for listing in SITE_FACTS[site]["listings"]:  # pages addressed by query string (?page=2)
        query = urlsplit(listing["url"]).query
        if query:
            path = urlsplit(listing["url"]).path + "?" + query
            server.add(path, (SITES / listing["file"]).read_bytes(), content_type="text/html")
    server.add("/robots.txt", "User-agent: *\nDisallow: /search/\n", content_type="text/plain")
    return server.url(urlsplit(SITE_FACTS[site]["listings"][0]["url"]).path)


@pytest.mark.parametrize("site", ["embassy", "ministry", "portal"])
@pytest.mark.parametrize("use_selectors", [False, True], ids=["generic", "selectors"])
def test_recorded_site_yields_clean_statements(site: str, use_selectors: bool, local_server: LocalServer,
                                               write_config: Any) -> None:
    listing = serve_site(local_server, site)
    entry: dict[str, Any] = {"id": site, "name": site.title(), "url": listing}
    if use_selectors:
        entry["selectors"] = {k: v for k, v in SITE_FACTS[site]["selectors"].items() if v}
    config = write_config([entry], scrape={"first_check_pages": 5})
    result = run_cli("--config", str(config), "scrape", site, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    expected = expected_pages(site)
    listed = listed_paths(site)
    found = {urlsplit(s["url"]).path: s for s in report["statements"]}
    assert set(found) == set(expected) & listed, report["errors"]
    # Listed statements whose page was never recorded answer 404: reported, not dropped silently.
    assert {urlsplit(e["url"]).path for e in report["errors"]} == listed - set(expected)
    for path, statement in found.items():
        facts = expected[path]
        assert statement["title"] == facts["title"], path
        assert statement["published"] == facts["published"], path
        for sentence in facts["must_contain"]:
            assert sentence in statement["text"], (path, sentence)
        for boilerplate in facts["must_not_contain"]:
            assert boilerplate not in statement["text"], (path, boilerplate)
    dates = [s["published"] for s in report["statements"] if s["published"]]
    assert dates == sorted(dates)
