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

from collections.abc import Iterator
from typing import Any

import yaml

from sppterm.errors import InputError, Problem

MAX_DEPTH = 64  # the glossary nests 6 deep; deeper input is a nesting bomb, not data

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_C = _Parser is not yaml.SafeLoader
_STR = "tag:yaml.org,2002:str"


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
    return InputError.at(path, ev.start_mark.line + 1, message)


def check(text: str, path: str) -> None:
    """Refuse what :func:`load` refuses (syntax, anchors, aliases, tags) without building data:
    for YAML another library (ruamel's round trip) is about to load."""
    documents = 0
    for ev in events(text, path):
        if type(ev) is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(ev, path, "invalid YAML: expected a single document in the stream")


_RESOLVER = yaml.SafeLoader("")  # only its resolver and scalar constructors are used


def _scalar(ev: yaml.ScalarEvent, line: int, path: str) -> Any:
    plain = ev.implicit[0]
    tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False)) if plain else _STR
    if tag == _STR:
        s = LStr(ev.value)
        s.line = line
        return s
    node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark)
    try:
        return _RESOLVER.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as e:  # 2024-13-45 looks like a date
        raise InputError.at(path, line, f"invalid YAML value {ev.value!r}: {e}") from None


def load(text: str, path: str) -> Any:
    """Parse YAML ``text`` into plain dicts, lists and scalars with lines; raise
    :class:`InputError` (file:line) on syntax, duplicate keys, anchors, aliases or tags."""
    problems: list[Problem] = []
    root: Any = None
    documents = 0
    # Open containers: [container, pending key, its line, key pending?]
    stack: list[list[Any]] = []
    for ev in events(text, path):
        cls = type(ev)
        if cls is yaml.ScalarEvent:
            line = ev.start_mark.line + 1
            value = _scalar(ev, line, path)
        elif cls is yaml.MappingStartEvent:
            d = LDict()
            d.line = ev.start_mark.line + 1
            d.key_lines = {}
            stack.append([d, None, 0, False])
            continue
        elif cls is yaml.SequenceStartEvent:
            seq = LList()
            seq.line = ev.start_mark.line + 1
            stack.append([seq, None, 0, False])
            continue
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            value = stack.pop()[0]
            line = value.line
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(ev, path, "invalid YAML: expected a single document in the stream")
            continue
        else:
            continue
        if not stack:
            root = value
            continue
        frame = stack[-1]
        parent = frame[0]
        if type(parent) is LList:
            parent.append(value)
        elif not frame[3]:
            frame[1], frame[2], frame[3] = value, line, True
        else:
            key, key_line = frame[1], frame[2]
            frame[3] = False
            if not isinstance(key, str | int):
                problems.append(Problem(path, key_line, "mapping key must be text"))
                continue
            key = str(key)
            if key in parent:
                first = parent.key_lines[key]
                problems.append(Problem(path, key_line, f"duplicate key {key!r} (first on line {first})"))
                continue
            parent.key_lines[key] = key_line
            parent[key] = value
    if problems:
        raise InputError(problems)
    return root


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
