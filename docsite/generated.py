"""The generated pages, by path under each language's folder, and writing them into ``docs/{lang}/``
(``docs/.gitignore`` keeps them out of git: they are made by every build, never edited)."""

from collections.abc import Callable
from pathlib import Path

from docsite import DOCS, LANGUAGES, events, metrics, reference, settings

PAGES: dict[str, Callable[[str], str]] = {
    "concepts/events.md": events.render,
    "operate/settings.md": settings.render,
    "operate/metrics.md": metrics.render,
    "reference/api-coverage.md": reference.coverage_page,
    "reference/cli.md": reference.cli_page,
}


def targets(docs: Path = DOCS) -> dict[Path, tuple[str, str]]:
    """The file of every generated page → (language, page)."""
    return {docs / lang / page: (lang, page) for lang in LANGUAGES for page in PAGES}


def render_all(docs: Path = DOCS) -> dict[Path, str]:
    return {path: PAGES[page](lang) for path, (lang, page) in targets(docs).items()}


def write_all(docs: Path = DOCS) -> list[Path]:
    """Write every generated page whose text changed (so ``mkdocs serve`` does not rebuild forever);
    the paths written."""
    written = []
    for path, text in render_all(docs).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def problems() -> list[str]:
    """What the generated pages lack: a setting or a metric without its text in a language."""
    found = []
    for lang in LANGUAGES:
        found += [f"settings: {name} has no {lang} text in docsite/text.yaml" for name in settings.missing(lang)]
        found += [f"metrics: {name} has no {lang} text in docsite/text.yaml" for name in metrics.missing(lang)]
    return found
