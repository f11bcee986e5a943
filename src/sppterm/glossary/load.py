"""Load ``glossary/*.yaml``: schema validation, every problem reported with file and line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


# -- a fast yes/no pre-check --------------------------------------------------------------------
# jsonschema walks 20,000 concepts in ~5 s (every step builds validator objects and resolves
# $refs). Valid files are the rule, so a file is first checked by the schema compiled into plain
# closures; only a file that fails goes through jsonschema, for its exact messages and paths.
# The compiler knows exactly the keywords below, with jsonschema's semantics; a schema using any
# other keyword is never pre-checked (jsonschema alone decides), so editing schema.json cannot
# make the pre-check wave anything through.
Check = Callable[[Any], bool]
_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
_KEYWORDS = _ANNOTATIONS | {
    *("$ref", "type", "properties", "additionalProperties", "required", "enum"),
    *("pattern", "minLength", "minItems", "items", "oneOf"),
}
_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


class _Unsupported(Exception):
    pass


def _compile(node: Any, defs: dict[str, Any], memo: dict[str, Check]) -> Check:
    if not isinstance(node, dict) or not set(node) <= _KEYWORDS:
        raise _Unsupported
    checks: list[Check] = []
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/") or ref[8:] not in defs or len(set(node) - _ANNOTATIONS) > 1:
            raise _Unsupported
        name = ref[8:]
        if name not in memo:
            memo[name] = lambda x: False  # placeholder while compiling (the schema is not recursive)
            memo[name] = _compile(defs[name], defs, memo)
        return memo[name]
    if "type" in node:
        if not isinstance(node["type"], str) or node["type"] not in _TYPES:
            raise _Unsupported
        checks.append(_TYPES[node["type"]])
    if "enum" in node:
        values = node["enum"]
        if not all(isinstance(v, str) for v in values):
            raise _Unsupported
        allowed = frozenset(values)
        checks.append(lambda x: isinstance(x, str) and x in allowed)
    if "pattern" in node:
        rx = re.compile(node["pattern"])
        checks.append(lambda x: not isinstance(x, str) or rx.search(x) is not None)
    if "minLength" in node:
        n = node["minLength"]
        checks.append(lambda x: not isinstance(x, str) or len(x) >= n)
    if "required" in node:
        req = tuple(node["required"])
        checks.append(lambda x: not isinstance(x, dict) or all(k in x for k in req))
    if "properties" in node or "additionalProperties" in node:
        props = {k: _compile(v, defs, memo) for k, v in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        if not isinstance(extra, bool):
            raise _Unsupported

        def check_props(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for k, v in x.items():
                sub = props.get(k)
                if sub is None:
                    if not extra:
                        return False
                elif not sub(v):
                    return False
            return True

        checks.append(check_props)
    if "minItems" in node:
        m = node["minItems"]
        checks.append(lambda x: not isinstance(x, list) or len(x) >= m)
    if "items" in node:
        item = _compile(node["items"], defs, memo)
        checks.append(lambda x: not isinstance(x, list) or all(item(v) for v in x))
    if "oneOf" in node:
        subs = [_compile(s, defs, memo) for s in node["oneOf"]]
        checks.append(lambda x: sum(1 for s in subs if s(x)) == 1)
    return lambda x: all(c(x) for c in checks)


@cache
def _precheck() -> Check | None:
    """The schema as closures, or None when it uses a keyword the compiler does not know."""
    s = schema()
    try:
        return _compile(s, s.get("$defs", {}), {})
    except _Unsupported:
        return None


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
    precheck = _precheck()
    if precheck is not None and precheck(data):
        return [_concept(raw, p) for raw in data["concepts"]]
    problems = []
    for top in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        err = _specific(top)
        parts = list(err.absolute_path)
        where = "/".join(str(x) for x in parts) or "(top level)"
        problems.append(Problem(p, yamlloc.line_of(data, parts), f"{where}: {_message(err)}"))
    if problems:
        raise InputError(problems)
    return [_concept(raw, p) for raw in data["concepts"]]


def _specific(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For "not valid under any of the given schemas", the sub-error that says why: the deepest
    one that is not merely the other branch's type ('x' is not of type 'object')."""
    while err.validator == "oneOf" and err.context:
        pool = [e for e in err.context if e.validator != "type"] or err.context
        err = max(pool, key=lambda e: len(e.absolute_path))
    return err


def _message(err: jsonschema.ValidationError) -> str:
    if err.validator == "pattern" and err.validator_value == schema()["$defs"]["termText"]["pattern"]:
        # The same words as lint's term-whitespace rule, not a regular expression.
        return f"term {err.instance!r} has leading or trailing whitespace or a line break"
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
