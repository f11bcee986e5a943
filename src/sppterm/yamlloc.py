"""The one YAML loader of sppterm: line numbers, no duplicate keys, nothing but plain data.

Every YAML file sppterm reads (glossary, hints, front matter, check corpora, the glossary files
``glossary import`` rewrites) goes through here. The containers are built straight from the
parser's event stream, which does three things at once:

* every value carries the 1-based line it came from, so later errors can name ``file:line``;
* anchors, aliases and explicit tags are refused *at the event* that introduces them, before
  anything is composed or expanded: a "billion laughs" alias bomb costs a few kilobytes, not
  gigabytes, and no tag (``!!python/object``, ``!custom``, ``!!timestamp x``) can pick a
  constructor: the glossary is data, never a code path;
* libyaml's parser (when PyYAML has it) with no node graph in between is ~20 times faster than
  composing with the pure-Python loader, which matters for glossaries of tens of thousands of
  concepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from sppterm.errors import InputError, Problem

MAX_DEPTH = 64  # the glossary nests 6 deep; deeper input is a nesting bomb, not data

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_C = _Parser is not yaml.SafeLoader
_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_KNOWN_MAX = 4096


class LStr(str):
    line: int = 0


class LDict(dict):
    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0


def _syntax_error(e: yaml.YAMLError, text: str, path: str) -> InputError:
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        return InputError.at(path, mark.line + 1 if mark else None, f"invalid YAML: {e.problem or e}")
    if isinstance(e, yaml.reader.ReaderError):
        # libyaml counts bytes of the UTF-8 text, PyYAML characters.
        before = text.encode("utf-8")[: e.position] if _C else text[: e.position].encode("utf-8")
        return InputError.at(path, before.count(b"\n") + 1, f"invalid YAML: {e.reason}")
    return InputError.at(path, None, f"invalid YAML: {e}")


def events(text: str, path: str) -> Iterator[yaml.Event]:
    """The parser's events, refusing anchors, aliases and explicit tags where they appear.

    Raises :class:`InputError` (file:line) on those, on syntax errors and on nesting deeper than
    :data:`MAX_DEPTH`, having looked at no more of the text than it had to.
    """
    parser = _Parser(text)
    depth = 0
    try:
        while parser.check_event():
            ev = parser.get_event()
            cls = type(ev)
            if cls is yaml.ScalarEvent or cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if ev.anchor is not None:
                    raise _refuse(ev, path, f"YAML anchors are not allowed (&{ev.anchor})")
                if ev.tag is not None:
                    tag = ev.tag.replace("tag:yaml.org,2002:", "!!", 1)
                    raise _refuse(ev, path, f"YAML tags are not allowed ({tag})")
                if cls is not yaml.ScalarEvent:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise _refuse(ev, path, f"YAML nested more than {MAX_DEPTH} levels deep")
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                depth -= 1
            elif cls is yaml.AliasEvent:
                raise _refuse(ev, path, f"YAML aliases are not allowed (*{ev.anchor})")
            yield ev
    except yaml.YAMLError as e:
        raise _syntax_error(e, text, path) from None
    finally:
        parser.dispose()


def _refuse(ev: yaml.Event, path: str, message: str) -> InputError:
    return InputError.at(path, ev.start_mark.line + 1 if ev.start_mark is not None else None, message)


def check(text: str, path: str) -> None:
    """Refuse what :func:`load` refuses (syntax, anchors, aliases, tags) without building data:
    for YAML another library (ruamel's round trip) is about to load."""
    documents = 0
    for ev in events(text, path):
        if type(ev) is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(ev, path, "invalid YAML: expected a single document in the stream")


_RESOLVER = yaml.SafeLoader("")  # only its scalar constructors are used
# The implicit resolvers by first character, wildcard resolvers appended: what
# ``Resolver.resolve`` tries for a plain scalar, without a method call per scalar. A plain scalar
# whose first character has no resolver (most text: letters other than yYnNtTfFoO, Chinese) is a
# string with no regular expression tried at all.
_WILDCARD = list(yaml.SafeLoader.yaml_implicit_resolvers.get(None, []))
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [*resolvers, *_WILDCARD]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if first is not None
}
_NO_RESOLVER: list[tuple[str, re.Pattern[str]]] = _WILDCARD
# The tags as the resolvers hold them (one object each), so a tag is compared by identity.
_TAGS = {tag: tag for resolvers in _IMPLICIT.values() for tag, _ in resolvers}
_STR, _BOOL, _NULL = _TAGS.get(_STR, _STR), _TAGS.get(_BOOL, _BOOL), _TAGS.get(_NULL, _NULL)
if yaml.SafeLoader.yaml_path_resolvers:  # never in PyYAML's SafeLoader; keep its semantics if so
    raise ImportError("sppterm.yamlloc does not support path resolvers")


def _construct(tag: str, ev: yaml.ScalarEvent, line: int, path: str) -> Any:
    # The C parser's marks are yaml._yaml.Mark, which ScalarNode takes as well as yaml.Mark; the stubs
    # accept only the latter.
    node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark)  # type: ignore[arg-type]
    try:
        return _RESOLVER.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as e:  # 2024-13-45 looks like a date
        raise InputError.at(path, line, f"invalid YAML value {ev.value!r}: {e}") from None
    finally:  # the constructor remembers every node it built, for aliases: there are none
        _RESOLVER.constructed_objects.pop(node, None)


_KEY = object()  # "the next value of this mapping is a key"


def load(text: str, path: str) -> Any:
    """Parse YAML ``text`` into plain dicts, lists and scalars with lines; raise
    :class:`InputError` (file:line) on syntax, duplicate keys, anchors, aliases or tags.

    One loop over the parser's events (what :func:`events` refuses, refused here too, inline:
    this is the glossary's hot path, half a million events at 20,000 concepts).
    """
    parser = _Parser(text)
    try:
        return _build(parser, path)
    except yaml.YAMLError as e:
        raise _syntax_error(e, text, path) from None
    finally:
        parser.dispose()


def _build(parser: Any, path: str) -> Any:
    scalar_ev, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end, doc_start = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.DocumentStartEvent
    alias_ev = yaml.AliasEvent
    implicit_get, no_resolver, str_tag = _IMPLICIT.get, _NO_RESOLVER, _STR
    bool_tag, null_tag, bool_values = _BOOL, _NULL, _RESOLVER.bool_values
    known: dict[str, str] = {}  # plain scalar → its tag: keys and values repeat (id, zh, false)
    known_get = known.get
    lstr, ldict, llist = LStr, LDict, LList
    get_event = parser.get_event
    problems: list[Problem] = []
    root: Any = None
    documents = 0
    # The open container, whether it is a mapping, its pending key (or _KEY) and that key's line;
    # the enclosing ones as tuples of the same four on the stack.
    cur: Any = None
    is_map = False
    key: Any = _KEY
    key_line = 0
    stack: list[tuple[Any, bool, Any, int]] = []
    while True:
        ev = get_event()
        cls = type(ev)
        if cls is scalar_ev:
            if ev.anchor is not None or ev.tag is not None:
                raise _refuse_properties(ev, path)
            line = ev.start_mark.line + 1
            raw = ev.value
            tag: str | None  # a known tag, or None until resolved (a declaration: no run-time cost)
            if not ev.implicit[0]:
                tag = str_tag
            else:
                tag = known_get(raw)
                if tag is None:
                    tag = str_tag
                    for resolved, regexp in implicit_get(raw[:1], no_resolver):
                        if regexp.match(raw):
                            tag = resolved
                            break
                    if len(known) < _KNOWN_MAX:
                        known[raw] = tag
            if tag is str_tag:
                if is_map and key is _KEY:  # a text key: kept as plain str, its line aside
                    key, key_line = raw, line
                    continue
                value: Any = lstr(raw)
                value.line = line
            elif tag is bool_tag:
                value = bool_values[raw.lower()]
            elif tag is null_tag:
                value = None
            else:
                value = _construct(tag, ev, line, path)
        elif cls is map_start or cls is seq_start:
            if ev.anchor is not None or ev.tag is not None:
                raise _refuse_properties(ev, path)
            if len(stack) >= MAX_DEPTH:
                raise _refuse(ev, path, f"YAML nested more than {MAX_DEPTH} levels deep")
            stack.append((cur, is_map, key, key_line))
            if cls is map_start:
                cur = ldict()
                cur.key_lines = {}
                is_map = True
            else:
                cur = llist()
                is_map = False
            cur.line = ev.start_mark.line + 1
            key = _KEY
            continue
        elif cls is map_end or cls is seq_end:
            value = cur
            line = value.line
            cur, is_map, key, key_line = stack.pop()
        elif cls is doc_start:
            documents += 1
            if documents > 1:
                raise _refuse(ev, path, "invalid YAML: expected a single document in the stream")
            continue
        elif cls is alias_ev:
            raise _refuse(ev, path, f"YAML aliases are not allowed (*{ev.anchor})")
        elif ev is None:
            break
        else:
            continue
        if cur is None:
            root = value
        elif not is_map:
            cur.append(value)
        elif key is _KEY:
            key, key_line = value, line
        else:
            k = key
            key = _KEY
            if type(k) is not str:
                if not isinstance(k, str | int):
                    problems.append(Problem(path, key_line, "mapping key must be text"))
                    continue
                k = str(k)
            if k in cur:
                first = cur.key_lines[k]
                problems.append(Problem(path, key_line, f"duplicate key {k!r} (first on line {first})"))
                continue
            cur.key_lines[k] = key_line
            cur[k] = value
    if problems:
        raise InputError(problems)
    return root


def _refuse_properties(ev: Any, path: str) -> InputError:
    if ev.anchor is not None:
        return _refuse(ev, path, f"YAML anchors are not allowed (&{ev.anchor})")
    tag = ev.tag.replace("tag:yaml.org,2002:", "!!", 1)
    return _refuse(ev, path, f"YAML tags are not allowed ({tag})")


def line_of(data: Any, path_parts: list[Any]) -> int | None:
    """Line of the value at ``path_parts`` inside loaded data (best effort: nearest ancestor)."""
    best = getattr(data, "line", None)
    cur = data
    for part in path_parts:
        try:
            if isinstance(cur, dict) and isinstance(part, str) and hasattr(cur, "key_lines"):
                best = cur.key_lines.get(part, best)
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            break
        best = getattr(cur, "line", None) or best
    return best
