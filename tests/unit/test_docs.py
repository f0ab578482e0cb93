"""The documentation site: ``mkdocs build --strict`` (as ``make docs`` runs it) into a temporary folder,
then no broken link or anchor, every page in both languages, the generated pages current, and every
setting, metric, alert, CLI command and event type on its page in Chinese and in English."""

import importlib
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from prometheus_client import CollectorRegistry, generate_latest
from pydantic_settings import BaseSettings

from docsite import DOCS, LANGUAGES, REPO, events, generated, reference
from docsite.screenshots import SCREENSHOTS
from shared.events.registry import model_for


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=REPO,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}"
    return target


class _Page(HTMLParser):
    """The ids and the links (href, src) of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.links.append(value)


def _pages(site: Path) -> dict[Path, _Page]:
    parsed = {}
    for path in site.rglob("*.html"):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path] = page
    return parsed


def _html(site: Path, lang: str, page: str) -> str:
    prefix = site if lang == "zh" else site / lang
    return (prefix / Path(page).with_suffix("") / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_no_link_or_anchor_is_broken(site: Path) -> None:
    pages = _pages(site)
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # outside the site
            # The site is served at the root: absolute paths (404.html, the language switcher) start there.
            base = site if parts.path.startswith("/") else path.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(sorted(set(broken)))


def _sources(lang: str) -> set[str]:
    return {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*") if p.suffix == ".md"}


def test_every_page_exists_in_both_languages(site: Path) -> None:
    assert _sources("zh") == _sources("en")
    assert set(generated.PAGES) <= _sources("zh")
    built: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for path in site.rglob("index.html"):
        relative = path.relative_to(site)
        lang = "en" if relative.parts[0] == "en" else "zh"
        built[lang].add(relative.relative_to("en").as_posix() if lang == "en" else relative.as_posix())
    assert built["zh"] == built["en"]
    assert len(built["zh"]) == len(_sources("zh"))
    assert '<html lang="zh"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_generated_pages_are_current_and_never_committed(site: Path) -> None:
    for path, text in generated.render_all().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is not what the build generates"
    tracked = subprocess.run(
        ["git", "ls-files", "--", *[str(path.relative_to(REPO)) for path in generated.targets()]],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert tracked == "", f"generated pages must not be committed (docs/.gitignore):\n{tracked}"
    # The English reference pages are the files README links to (make api-coverage, make docs-cli).
    assert reference.coverage_page("en") == (DOCS / "api-coverage.md").read_text(encoding="utf-8")
    assert reference.cli_page("en") == (DOCS / "cli.md").read_text(encoding="utf-8")
    # The English runbook is docs/operations.md itself (alerts.yaml links there).
    assert _text(_html(site, "en", "operate/runbook.md")).count("Broker or Redis outage") >= 1
    assert generated.problems() == []


def _settings_classes() -> Iterator[tuple[str, type[BaseSettings]]]:
    """Every settings class of shared/ and each service, found by file: a new service's settings too."""
    modules = ["shared.settings", "sandbox.service"] + [
        f"services.{path.parent.name}.settings" for path in sorted((REPO / "services").glob("*/settings.py"))
    ]
    for name in modules:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseSettings) and cls.__module__ == name:
                yield name, cls


def test_every_setting_is_on_the_settings_page_in_both_languages(site: Path) -> None:
    variables = {field.upper() for _, cls in _settings_classes() for field in cls.model_fields}
    assert {"AMQP_URL", "MAX_BODY_BYTES", "DAILY_FETCH_LIMIT", "WEB_SESSION_SECRET", "PROXY_DAILY_LIMITS"} <= variables
    for lang in LANGUAGES:
        html = _html(site, lang, "operate/settings.md")
        missing = sorted(v for v in variables if f"<code>{v}</code>" not in html)
        assert not missing, f"settings missing from the {lang} settings page: {missing}"


def _scraped_metrics() -> set[str]:
    """Every wxmp_* metric family of every service's metrics class, as /metrics names it."""
    names = set()
    for path in sorted((REPO / "services").glob("*/metrics.py")):
        module = importlib.import_module(f"services.{path.parent.name}.metrics")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and cls.__name__.endswith("Metrics"):
                registry: CollectorRegistry = getattr(cls(), "registry")  # noqa: B009 - any metrics class
                text = generate_latest(registry).decode()
                names |= set(re.findall(r"^# TYPE (wxmp_\w+) ", text, re.MULTILINE))
    return {name for name in names if not name.endswith("_created")}


def test_every_metric_and_alert_is_on_the_metrics_page_in_both_languages(site: Path) -> None:
    metrics = _scraped_metrics()
    assert len(metrics) >= 30
    rules = yaml.safe_load((REPO / "deploy/k8s/base/alerts.yaml").read_text(encoding="utf-8"))
    alerts = {rule["alert"] for group in rules["spec"]["groups"] for rule in group["rules"] if "alert" in rule}
    for lang in LANGUAGES:
        html = _html(site, lang, "operate/metrics.md")
        shown = set(re.findall(r"<code>(wxmp_\w+)</code>", html))
        missing = sorted(m for m in metrics if m not in shown and f"{m}_total" not in shown)
        assert not missing, f"metrics missing from the {lang} metrics page: {missing}"
        assert not sorted(a for a in alerts if f'id="{a.lower()}"' not in html), f"alerts missing ({lang})"


def test_every_command_is_on_the_cli_page_in_both_languages(site: Path) -> None:
    commands = reference.command_paths()
    assert "wxmp menu apply" in commands
    for lang in LANGUAGES:
        html = _html(site, lang, "reference/cli.md")
        missing = [command for command in commands if f"<code>{command}</code>" not in html]
        assert not missing, f"commands missing from the {lang} CLI page: {missing}"


def test_every_event_type_is_on_the_contract_page_with_a_valid_example(site: Path) -> None:
    schema = events.load_schema()
    types = events.top_level(schema)
    assert len(types) >= 60
    pages = {lang: _text(_html(site, lang, "concepts/events.md")) for lang in LANGUAGES}
    for model_name, definition in types:
        body = events.example(definition, schema["$defs"])
        event = model_for(body["msg_type"], body["event"]).model_validate(body)
        assert type(event).__name__ == model_name
        assert not event.lenient_fields, f"{model_name}'s example is not of its declared types: {event.lenient_fields}"
        key = events.routing_key(definition)
        assert event.routing_key == key.replace("{app_id}", events.APP_ID)
        for lang, text in pages.items():
            assert key in text, f"{key} missing from the {lang} event contract"


def test_the_readmes_link_each_other_and_say_the_same_things() -> None:
    english = (REPO / "README.md").read_text(encoding="utf-8")
    chinese = (REPO / "README.zh-CN.md").read_text(encoding="utf-8")
    assert "README.zh-CN.md" in english and "README.md" in chinese
    headings = [re.findall(r"^#{2,3} ", text, re.MULTILINE) for text in (english, chinese)]
    assert headings[0] == headings[1], "README.zh-CN.md has other sections than README.md"
    variables = set(re.findall(r"`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`", english))
    missing = sorted(v for v in variables if v not in chinese)
    assert not missing, f"README.zh-CN.md does not mention {missing}"


def test_the_quick_start_shows_every_screenshot_the_script_takes(site: Path) -> None:
    folder = DOCS / "assets" / "screenshots"
    assert {path.name for path in folder.glob("*.png")} == {shot.file for shot in SCREENSHOTS}
    for lang in LANGUAGES:
        html = _html(site, lang, "quickstart.md")
        for shot in SCREENSHOTS:
            assert f"assets/screenshots/{shot.file}" in html, f"{shot.file} not on the {lang} quick start"


def test_the_chinese_runbook_has_every_section_of_docs_operations(site: Path) -> None:
    """docs/operations.md is the English runbook; its Chinese translation keeps its section anchors
    ({#id} on each heading), so a section added in English fails here until it is translated."""

    def sections(lang: str) -> set[str]:
        html = _html(site, lang, "operate/runbook.md")
        return {anchor for anchor in re.findall(r'<h[23] id="([^"]+)"', html) if not re.search(r"_\d+$", anchor)}

    missing = sorted(sections("en") - sections("zh"))
    assert not missing, f"docs/zh/operate/runbook.md lacks these sections of docs/operations.md: {missing}"
