"""Config validation: every mistake exits 2 with one line naming the file, table and key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor.config import load_settings, parse_schedule, reference_markdown
from tests.conftest import run_cli

MINIMAL = '[[sites]]\nid = "mfa"\nname = "Ministry"\nurl = "https://example.org/news/"\n'

MISTAKES = [
    pytest.param('[email]\nsmtp_securty = "tls"\n' + MINIMAL, r"\[email\] smtp_securty: unknown key; did you mean 'smtp_security'\?",
                 id="unknown-key-typo"),
    pytest.param('[http]\ntimeout = "fast"\n' + MINIMAL, r"\[http\] timeout: must be a number, not a string", id="wrong-type"),
    pytest.param('[http]\nrespect_robots = 1\n' + MINIMAL, r"\[http\] respect_robots: must be true or false", id="int-for-bool"),
    pytest.param('[[sites]]\nid = "a"\nname = "A"\n', r"\[\[sites\]\] #1 \(id 'a'\) url: missing required key", id="missing-required"),
    pytest.param(MINIMAL + MINIMAL, r"\[\[sites\]\] #2 \(id 'mfa'\) id: duplicate site id 'mfa'", id="duplicate-id"),
    pytest.param(MINIMAL.replace("https://example.org/news/", "example.org/news"),
                 r"\[\[sites\]\] #1 \(id 'mfa'\) url: 'example.org/news' is not an http\(s\) URL", id="malformed-url"),
    pytest.param("[database\nurl = 1\n", r"TOML syntax error", id="toml-syntax"),
    pytest.param(MINIMAL + 'schedule = "every now and then"\n', r"\(id 'mfa'\) schedule: .* neither", id="bad-schedule"),
    pytest.param(MINIMAL + 'schedule = "61 * * * *"\n', r"\(id 'mfa'\) schedule: .*not a valid cron", id="bad-cron"),
    pytest.param('[email]\nbackend = "pigeon"\n' + MINIMAL, r"\[email\] backend: must be one of 'file', 'smtp'", id="bad-choice"),
    pytest.param('[emial]\n' + MINIMAL, r"\[emial\]|emial: unknown key; did you mean 'email'\?", id="unknown-table"),
    pytest.param(MINIMAL + 'selectors = { link = "a" }\n', r"selectors link: unknown key; did you mean 'links'\?",
                 id="selector-typo"),
    pytest.param('[digest]\ntimezone = "Mars/Olympus"\n' + MINIMAL, r"\[digest\] timezone: unknown time zone", id="bad-tz"),
    pytest.param(MINIMAL + 'id2 = "x"\n', r"\(id 'mfa'\) id2: unknown key; did you mean 'id'\?", id="site-unknown-key"),
    pytest.param(MINIMAL.replace('"mfa"', '"m f a"'), r"id: 'm f a' is not a slug", id="bad-slug"),
    pytest.param("sites = 3\n", r"\[\[sites\]\]: must be an array of tables", id="sites-not-array"),
]


@pytest.mark.parametrize(("content", "message"), MISTAKES)
def test_config_mistake_exits_2_naming_the_key(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content, encoding="utf-8")
    result = run_cli("--config", str(path), "sites")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "config.toml" in lines[0]
    assert re.search(message, lines[0]), lines[0]
    assert "Traceback" not in result.output


def test_minimal_site_of_three_keys_is_valid_with_documented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    settings = load_settings(path)
    site = settings.site("mfa")
    assert (site.id, site.name, site.url) == ("mfa", "Ministry", "https://example.org/news/")
    assert site.parsed_schedule.seconds == 30 * 60
    assert site.enabled
    assert settings.email.backend == "file"
    assert settings.web.host == "127.0.0.1"


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    path = folder / "config.toml"
    path.write_text('[database]\nurl = "sqlite:///data/m.db"\n[email]\noutbox = "mail"\n' + MINIMAL, encoding="utf-8")
    settings = load_settings(path)
    assert settings.database.url == f"sqlite:///{folder.resolve() / 'data' / 'm.db'}"
    assert settings.resolve(settings.email.outbox) == folder.resolve() / "mail"


def test_config_is_found_through_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("MONITOR_CONFIG", str(path))
    monkeypatch.chdir(tmp_path)
    result = run_cli("sites", "--json")
    assert result.exit_code == 0, result.output
    assert '"id": "mfa"' in result.stdout
    assert (tmp_path / "monitor.db").exists()


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("--config", str(tmp_path / "nope.toml"), "sites")
    assert result.exit_code == 2
    assert "config file not found" in result.stderr


@pytest.mark.parametrize(
    ("text", "seconds", "cron"),
    [("every 30 minutes", 1800, None), ("every 1 hour", 3600, None), ("every 45 seconds", 45, None),
     ("Every 2 Hours", 7200, None), ("*/15 * * * *", None, "*/15 * * * *"), ("0 7 * * mon-fri", None, "0 7 * * mon-fri")],
)
def test_schedules(text: str, seconds: float | None, cron: str | None) -> None:
    schedule = parse_schedule(text)
    assert (schedule.seconds, schedule.cron) == (seconds, cron)


def test_readme_configuration_reference_is_current() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert reference_markdown() in readme, "README's configuration reference is stale: paste `monitor config-reference`"


def test_shipped_config_is_valid_and_lists_the_required_sites() -> None:
    settings = load_settings(Path(__file__).resolve().parents[1] / "config.toml")
    hosts = {site.url.split("/")[2] for site in settings.sites}
    assert "id.china-embassy.gov.cn" in hosts
    assert "www.fmprc.gov.cn" in hosts
    assert len(settings.sites) >= 4
