"""``sppterm terms suggest`` as a library: candidates with their likely English, and the glossary
entries a terminologist reviews and pastes into glossary/*.yaml (nothing is added by itself)."""

from __future__ import annotations

import yaml

from sppterm.glossary.discover import Aligner, Candidate, candidates, slug
from sppterm.glossary.model import Glossary


def suggest(
    units: list[tuple[str, str, int]],
    pairs: list[tuple[str, str]],
    glossary: Glossary,
    min_count: int = 3,
    limit: int = 50,
) -> list[Candidate]:
    """The first ``limit`` candidates of ``units`` = (Chinese text, bulletin id, line) not yet in
    ``glossary``, each given the English the translated ``pairs`` = (zh, en) associate with it."""
    aligner = Aligner(pairs, glossary)
    found = candidates(units, glossary, min_count)[:limit]
    for c in found:
        c.english, c.score = aligner.best(c.zh, c.abbr)
    return found


def entry(c: Candidate) -> dict:
    """A glossary entry for ``c`` in the schema of glossary/*.yaml, unverified, with a note that
    says where it came from, so it cannot pass for a checked term once pasted."""
    title = c.kind == "title"
    out: dict = {
        "id": slug(c.english or c.abbr or "candidate"),
        "type": "publication" if title else "concept",
        "zh": {"preferred": f"《{c.zh}》" if title else c.zh},
        "en": {"preferred": c.english or "TODO"},
    }
    if c.abbr:
        out["abbr"] = [c.abbr]
    out["verified"] = False
    out["note"] = (
        f"Suggested by sppterm terms suggest ({c.kind}, {c.count}×, Dice {c.score:.2f}); "
        "check the English and its attestation before accepting."
    )
    return out


def entries_yaml(found: list[Candidate]) -> str:
    """``concepts:`` with an :func:`entry` per candidate, as YAML ready to paste."""
    data = {"concepts": [entry(c) for c in found]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
