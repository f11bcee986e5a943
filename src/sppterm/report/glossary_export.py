"""``sppterm glossary export``: one table from format name to writer, for CAT tools, MT,
spreadsheets and the web. Light to import: the writers load their modules when called."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sppterm.glossary.model import Glossary


def _tbx_basic(g: Glossary) -> bytes:
    from sppterm.glossary import exports

    return exports.tbx_basic(g)


def _tbx_martif(g: Glossary) -> bytes:
    from sppterm.glossary import exports

    return exports.tbx_martif(g)


def _omegat(g: Glossary) -> bytes:
    from sppterm.glossary import exports

    return exports.omegat(g).encode("utf-8")


def _deepl(g: Glossary) -> bytes:
    from sppterm.glossary import exports

    return exports.deepl(g).encode("utf-8")


def _csv(g: Glossary) -> bytes:
    from sppterm.glossary import exports

    return exports.weblate_csv(g).encode("utf-8")


def _html(g: Glossary) -> bytes:
    from sppterm.publish.edition import PROGRAMME
    from sppterm.publish.html import render_glossary

    title = next((c.en for c in g if c.id == "spp-bulletin"), "SPP Programme Bulletin")
    return render_glossary(g, title, PROGRAMME).encode("utf-8")


GLOSSARY_FORMATS: dict[str, Callable[[Glossary], bytes]] = {
    "tbx-basic": _tbx_basic,
    "tbx-martif": _tbx_martif,
    "omegat": _omegat,
    "deepl": _deepl,
    "csv": _csv,
    "html": _html,
}
# Formats written to a file under target_en/ by default (the others go to standard output).
DEFAULT_FILE: dict[str, str] = {"html": "glossary.html"}


def export(fmt: str, glossary: Glossary) -> bytes:
    """The glossary in format ``fmt`` (a key of :data:`GLOSSARY_FORMATS`), as bytes to write."""
    return GLOSSARY_FORMATS[fmt](glossary)


def default_output(fmt: str, target: Path) -> Path | None:
    """Where ``fmt`` is written without ``-o``: a file under ``target``, or None for stdout."""
    name = DEFAULT_FILE.get(fmt)
    return target / name if name else None
