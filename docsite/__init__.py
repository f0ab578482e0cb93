"""The documentation site's generated pages (``mkdocs.yml``, ``make docs``): the event contract, the
settings, the metrics and alerts, the API coverage and the command line, rendered from the code
during every build by ``docsite/hooks.py``, in Chinese and English."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
LANGUAGES = ("zh", "en")
