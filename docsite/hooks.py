"""MkDocs hook (``mkdocs.yml``: ``hooks``): before each build, the generated pages are rendered from the
code into ``docs/{zh,en}/``; a setting or metric without its text is a warning, so ``--strict`` fails."""

import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docsite import generated

log = get_plugin_logger("docsite")


def on_pre_build(config: Any) -> None:
    for path in generated.write_all(Path(config["docs_dir"])):
        log.info(f"generated {path.relative_to(config['docs_dir'])}")
    for problem in generated.problems():
        log.warning(problem)
