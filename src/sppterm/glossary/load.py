"""Load ``glossary/*.yaml``: schema validation, every problem reported with file and line."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from sppterm import yamlloc
from sppterm.errors import InputError, Problem
from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.textio import read_text

SCHEMA_NAME = "schema.json"


@cache
def schema() -> dict[str, Any]:
    """The glossary JSON Schema shipped with the package."""
    return json.loads(resources.files("sppterm.glossary").joinpath(SCHEMA_NAME).read_text("utf-8"))


def glossary_files(root: str | Path) -> list[Path]:
    """The YAML files of a glossary directory (or the file itself), in name order."""
    p = Path(root)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise InputError.at(str(p), None, "glossary directory not found")
    return sorted([*p.glob("*.yaml"), *p.glob("*.yml")])


def _entries(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _term(entry: Any, lang: str, status: Status, default_line: int) -> Term:
    if isinstance(entry, dict):
        text, note, pos = entry["term"], entry.get("note", ""), entry.get("pos", "")
        line = getattr(entry, "line", 0) or default_line
    else:
        text, note, pos = entry, "", ""
        line = getattr(entry, "line", 0) or default_line
    return Term(str(text), lang, status, str(note), str(pos), line)


def _concept(raw: dict[str, Any], path: str) -> Concept:
    line = getattr(raw, "line", 0)
    terms: list[Term] = []
    for lang in ("zh", "en"):
        block = raw[lang]
        for status in Status:
            for entry in _entries(block.get(status.value)):
                terms.append(_term(entry, lang, status, getattr(block, "line", line)))
    return Concept(
        id=str(raw["id"]),
        type=str(raw["type"]),
        terms=terms,
        abbr=[str(a) for a in raw.get("abbr", [])],
        definition=str(raw.get("definition", "")),
        note=str(raw.get("note", "")),
        attested=[str(a) for a in raw.get("attested", [])],
        verified=bool(raw.get("verified", True)),
        related=[str(r) for r in raw.get("related", [])],
        lint_ignore=[str(r) for r in raw.get("lint-ignore", [])],
        path=path,
        line=line,
    )


def load_file(path: str | Path) -> list[Concept]:
    """Concepts of one glossary file; raises :class:`InputError` listing every problem."""
    p = str(path)
    data = yamlloc.load(read_text(path), p)
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        parts = list(err.absolute_path)
        where = "/".join(str(x) for x in parts) or "(top level)"
        problems.append(Problem(p, yamlloc.line_of(data, parts), f"{where}: {_message(err)}"))
    if problems:
        raise InputError(problems)
    return [_concept(raw, p) for raw in data["concepts"]]


def _message(err: jsonschema.ValidationError) -> str:
    if err.validator == "oneOf" and err.context:
        # Report the most specific sub-error rather than "is not valid under any schema".
        best = jsonschema.exceptions.best_match(err.context)
        return best.message
    return err.message


def load_glossary(root: str | Path) -> Glossary:
    """Load every file of a glossary; problems of all files are reported together."""
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for f in glossary_files(root):
        try:
            concepts.extend(load_file(f))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return Glossary(concepts)
