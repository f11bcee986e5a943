"""The managed glossary: model, loading, lint, matching."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sppterm.glossary.load import load_glossary
    from sppterm.glossary.model import Concept, Glossary, Status, Term

__all__ = ["Concept", "Glossary", "Status", "Term", "load_glossary"]


def __getattr__(name: str) -> Any:
    """The names above on first use: importing a submodule (``sppterm search`` needs only the
    cache directory of :mod:`sppterm.glossary.cache`) does not load the YAML loader and matcher."""
    if name == "load_glossary":
        from sppterm.glossary.load import load_glossary

        return load_glossary
    if name in __all__:
        from sppterm.glossary import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
