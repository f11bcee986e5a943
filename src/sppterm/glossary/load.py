"""Load ``glossary/*.yaml``: schema validation, every problem reported with file and line.

A glossary whose files are unchanged since the last load comes from the cache
(:mod:`sppterm.glossary.cache`): the same concepts, terms and lines, without parsing. Nothing
but a valid glossary is ever cached, so a glossary with errors is parsed, and its errors
reported with ``file:line``, on every run. jsonschema and the YAML parser are imported only when
they are needed (a cold load; jsonschema only for a file the pre-check fails).
"""

from __future__ import annotations

import datetime
import gc
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sppterm.errors import InputError, Problem
from sppterm.glossary import cache as glossary_cache
from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.glossary.validity import status_now
from sppterm.textio import decode

if TYPE_CHECKING:
    import jsonschema

SCHEMA_NAME = "schema.json"


@cache
def schema_bytes() -> bytes:
    """The bytes of the glossary JSON Schema shipped with the package."""
    here = Path(__file__).with_name(SCHEMA_NAME)
    try:
        return here.read_bytes()
    except OSError:  # not a plain directory (a zip import): ask the loader
        from importlib import resources

        return resources.files("sppterm.glossary").joinpath(SCHEMA_NAME).read_bytes()


@cache
def schema() -> dict[str, Any]:
    """The glossary JSON Schema shipped with the package."""
    return json.loads(schema_bytes().decode("utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema

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
_KINDS: dict[str, type] = {"object": dict, "array": list, "string": str}


class _Unsupported(Exception):
    pass


def _all(checks: list[Check]) -> Check:
    """One check that passes when every one of ``checks`` does (no generator per value: the
    pre-check runs on a million values at 20,000 concepts)."""
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda x: a(x) and b(x)
    if len(checks) == 3:
        a, b, c = checks
        return lambda x: a(x) and b(x) and c(x)

    def every(x: Any) -> bool:
        for check in checks:  # noqa: SIM110 - all() over a generator is the cost being avoided
            if not check(x):
                return False
        return True

    return every


def _compile(node: Any, defs: dict[str, Any], memo: dict[str, Check]) -> Check:
    if not isinstance(node, dict) or not set(node) <= _KEYWORDS:
        raise _Unsupported
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/") or ref[8:] not in defs or len(set(node) - _ANNOTATIONS) > 1:
            raise _Unsupported
        name = ref[8:]
        if name not in memo:
            memo[name] = lambda x: False  # placeholder while compiling (the schema is not recursive)
            memo[name] = _compile(defs[name], defs, memo)
        return memo[name]
    # The keywords below each apply to one kind of value (pattern to strings, required to
    # objects...) and pass any other kind, as in JSON Schema; "type" decides the kind. When the
    # node fixes the kind with "type", a value of another kind has already failed, so the checks
    # after it test the kind no more. Order: the type, then cheap checks, then the recursive ones.
    kind: type | None = None
    checks: list[Check] = []
    if "type" in node:
        if not isinstance(node["type"], str) or node["type"] not in _TYPES:
            raise _Unsupported
        kind = _KINDS.get(node["type"])
        checks.append(_TYPES[node["type"]])
    if "enum" in node:
        values = node["enum"]
        if not all(isinstance(v, str) for v in values):
            raise _Unsupported
        allowed = frozenset(values)
        checks.append(lambda x: isinstance(x, str) and x in allowed)
    if "minLength" in node:
        n = node["minLength"]
        checks.append(
            (lambda x: len(x) >= n) if kind is str else (lambda x: not isinstance(x, str) or len(x) >= n)
        )
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(
            (lambda x: search(x) is not None)
            if kind is str
            else (lambda x: not isinstance(x, str) or search(x) is not None)
        )
    if "required" in node:
        req = tuple(node["required"])

        def check_required(x: Any) -> bool:
            if kind is not dict and not isinstance(x, dict):
                return True
            for k in req:  # noqa: SIM110 - as in every()
                if k not in x:
                    return False
            return True

        checks.append(check_required)
    if "minItems" in node:
        m = node["minItems"]
        checks.append(lambda x: not isinstance(x, list) or len(x) >= m)
    if "properties" in node or "additionalProperties" in node:
        props = {k: _compile(v, defs, memo) for k, v in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        if not isinstance(extra, bool):
            raise _Unsupported
        get = props.get

        def check_props(x: Any) -> bool:
            if kind is not dict and not isinstance(x, dict):
                return True
            for k, v in x.items():
                sub = get(k)
                if sub is None:
                    if not extra:
                        return False
                elif not sub(v):
                    return False
            return True

        checks.append(check_props)
    if "items" in node:
        item = _compile(node["items"], defs, memo)

        def check_items(x: Any) -> bool:
            if kind is not list and not isinstance(x, list):
                return True
            for v in x:  # noqa: SIM110 - as in every()
                if not item(v):
                    return False
            return True

        checks.append(check_items)
    if "oneOf" in node:
        subs = [_compile(s, defs, memo) for s in node["oneOf"]]

        def check_one(x: Any) -> bool:
            passed = 0
            for sub in subs:
                if sub(x):
                    passed += 1
            return passed == 1

        checks.append(check_one)
    return _all(checks)


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


_STATUSES = tuple((s.value, s) for s in Status)  # (key in the file, status), in Status order


def _texts(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    return [str(a) for a in value] if value else []


def _concept(raw: dict[str, Any], path: str) -> Concept:
    """The concept of a validated entry (the schema guarantees the shape read here)."""
    line = getattr(raw, "line", 0)
    terms: list[Term] = []
    add = terms.append
    for lang in ("zh", "en"):
        block = raw[lang]
        block_line = getattr(block, "line", line)
        for key, status in _STATUSES:
            value = block.get(key)
            if value is None:
                continue
            for entry in value if isinstance(value, list) else (value,):
                if isinstance(entry, dict):
                    text, note, pos = entry["term"], entry.get("note", ""), entry.get("pos", "")
                    since, until = entry.get("valid_from", ""), entry.get("valid_until", "")
                else:
                    text, note, pos, since, until = entry, "", "", "", ""
                entry_line = getattr(entry, "line", 0) or block_line
                if since or until:
                    now = status_now(status, str(until))
                    add(
                        Term(
                            str(text),
                            lang,
                            now,
                            str(note),
                            str(pos),
                            entry_line,
                            str(since),
                            str(until),
                            status,
                        )
                    )
                else:
                    add(Term(str(text), lang, status, str(note), str(pos), entry_line))
    return Concept(
        id=str(raw["id"]),
        type=str(raw["type"]),
        terms=terms,
        abbr=_texts(raw, "abbr"),
        definition=str(raw.get("definition", "")),
        note=str(raw.get("note", "")),
        attested=_texts(raw, "attested"),
        verified=bool(raw.get("verified", True)),
        related=_texts(raw, "related"),
        lint_ignore=_texts(raw, "lint-ignore"),
        path=path,
        line=line,
    )


def load_file(path: str | Path) -> list[Concept]:
    """Concepts of one glossary file; raises :class:`InputError` listing every problem."""
    return _load_bytes(_read_bytes(path), str(path))


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise InputError.at(str(path), None, f"cannot read: {e.strerror}") from None


def _load_bytes(content: bytes, p: str) -> list[Concept]:
    from sppterm import yamlloc

    data = yamlloc.load(decode(content, p), p)
    if b"valid_" in content:
        _bounds_as_text(data)
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


_BOUNDS = ("valid_from", "valid_until")


def _bounds_as_text(data: Any) -> None:
    """Validity bounds as the text they were written as: YAML reads 2017-10-26 as a date and
    2023 (a bulletin id) as a number, the schema (as JSON, and YAML editors) sees strings."""
    concepts = data.get("concepts") if isinstance(data, dict) else None
    for raw in concepts if isinstance(concepts, list) else ():
        for lang in ("zh", "en"):
            block = raw.get(lang) if isinstance(raw, dict) else None
            for value in block.values() if isinstance(block, dict) else ():
                for entry in value if isinstance(value, list) else (value,):
                    if not isinstance(entry, dict):
                        continue
                    for k in _BOUNDS:
                        v = entry.get(k)
                        if isinstance(v, datetime.date) or (isinstance(v, int) and not isinstance(v, bool)):
                            entry[k] = v.isoformat() if isinstance(v, datetime.date) else str(v)


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


def load_glossary(root: str | Path, *, cache_dir: str | Path | bool | None = None) -> Glossary:
    """Load every file of a glossary; problems of all files are reported together.

    ``cache_dir``: where the warm glossary is kept. None (the default) lets
    :func:`sppterm.glossary.cache.directory` decide (``SPPTERM_CACHE_DIR``, else the user's
    cache directory, ``~/.cache/sppterm``); False: no cache; a path: that directory.
    ``SPPTERM_NO_CACHE=1`` turns the cache off whatever is passed.
    """
    files = glossary_files(root)
    where = glossary_cache.directory(cache_dir)
    enabled = gc.isenabled()
    gc.disable()  # a million small acyclic objects: collections would only rescan them (-25 %)
    try:
        contents: list[bytes | InputError] = []
        for f in files:
            try:
                contents.append(_read_bytes(f))
            except InputError as e:
                contents.append(e)
        key = None
        if where is not None and all(isinstance(c, bytes) for c in contents):
            key = glossary_cache.key(
                [(f.name, c) for f, c in zip(files, contents, strict=True) if isinstance(c, bytes)]
            )
            hit = glossary_cache.read(where, key, [str(f) for f in files])
            if hit is not None:
                return Glossary(hit)
        concepts: list[Concept] = []
        per_file: list[list[Concept]] = []
        problems: list[Problem] = []
        for f, c in zip(files, contents, strict=True):
            try:
                if isinstance(c, InputError):
                    raise c
                found = _load_bytes(c, str(f))
            except InputError as e:
                problems.extend(e.problems)
                continue
            concepts.extend(found)
            per_file.append(found)
        if problems:
            raise InputError(problems)
        if where is not None and key is not None:
            glossary_cache.write(where, key, per_file)
        return Glossary(concepts)
    finally:
        if enabled:
            gc.enable()
