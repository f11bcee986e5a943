"""YAML loading that remembers line numbers and refuses duplicate keys.

PyYAML's composer gives nodes with marks; we turn them into plain containers that also carry
the 1-based line they came from, so every later error can name ``file:line``.
"""

from __future__ import annotations

from typing import Any

import yaml

from sppterm.errors import InputError, Problem


class LStr(str):
    line: int = 0


class LDict(dict):
    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0


def _convert(node: yaml.Node, path: str, problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line = line
        out.key_lines = {}
        for knode, vnode in node.value:
            key = _convert(knode, path, problems)
            if not isinstance(key, str | int):
                problems.append(Problem(path, knode.start_mark.line + 1, "mapping key must be text"))
                continue
            key = str(key)
            if key in out:
                problems.append(
                    Problem(
                        path,
                        knode.start_mark.line + 1,
                        f"duplicate key {key!r} (first on line {out.key_lines[key]})",
                    )
                )
                continue
            out.key_lines[key] = knode.start_mark.line + 1
            out[key] = _convert(vnode, path, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_convert(n, path, problems) for n in node.value)
        seq.line = line
        return seq
    resolved = _SCALAR_LOADER.construct_object(node, deep=True)
    if isinstance(resolved, str):
        s = LStr(resolved)
        s.line = line
        return s
    return resolved


_SCALAR_LOADER = yaml.SafeLoader("")


def load(text: str, path: str) -> Any:
    """Parse YAML ``text``; raise :class:`InputError` (file:line) on syntax or duplicate keys."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise InputError.at(path, line, f"invalid YAML: {e.problem or e}") from None
    if node is None:
        return None
    problems: list[Problem] = []
    data = _convert(node, path, problems)
    if problems:
        raise InputError(problems)
    return data


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
