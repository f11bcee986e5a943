"""The managed glossary: model, loading, lint, matching."""

from sppterm.glossary.load import load_glossary
from sppterm.glossary.model import Concept, Glossary, Status, Term

__all__ = ["Concept", "Glossary", "Status", "Term", "load_glossary"]
