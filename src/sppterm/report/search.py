"""``sppterm search`` output: key words in context (KWIC) for a terminal, or JSON.

Each hit is a head line (the PO file and msgid line, the bulletin, the source reference and the
unit's state) and both sides on a line each, cut to a window around the matches, which are in
colour on a terminal and bracketed ``[[…]]`` otherwise (a log or a pipe gets no escape codes).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import click

from sppterm.report.text import _one_line, clip

if TYPE_CHECKING:  # light to import: the command line builds its --format choice from FORMATS
    from sppterm.search import GlossaryHit, Hit, Result

Span = tuple[int, int]

AROUND = 40  # characters of context either side of the matches
MAX_SPAN = 200  # a longer window is cut in its middle (a match may be long)


def kwic(text: str, spans: Sequence[Span], around: int = AROUND) -> tuple[str, list[Span]]:
    """``text`` on one line, cut to ``around`` characters before the first match and after the
    last one kept, and where the matches are in the result. Matches beyond ``MAX_SPAN`` of the
    first are left out of the window (the count in the head line still has them); a match
    longer than ``MAX_SPAN`` keeps its start and its end around an ellipsis."""
    kept = merged(spans, len(text))
    if not kept:
        return clip(_one_line(text), 2 * around + MAX_SPAN), []
    first = kept[0][0]
    kept = [(a, b) for a, b in kept if a == first or b - first <= MAX_SPAN]
    a, b = max(0, first - around), min(len(text), kept[-1][1] + around)
    out = "…" if a > 0 else ""
    marks: list[Span] = []
    pos = a
    for s, e in kept:
        out += _one_line(text[pos:s])
        inner = _one_line(text[s:e])
        if len(inner) > MAX_SPAN:
            inner = inner[: MAX_SPAN // 2] + "…" + inner[-MAX_SPAN // 2 :]
        marks.append((len(out), len(out) + len(inner)))
        out += inner
        pos = e
    out += _one_line(text[pos:b]) + ("…" if b < len(text) else "")
    return out, marks


def merged(spans: Iterable[Span], length: int) -> list[Span]:
    """``spans`` clamped to ``[0, length]``, empty ones dropped, sorted, overlaps joined."""
    out: list[Span] = []
    for a, b in sorted((max(0, min(a, length)), max(0, min(b, length))) for a, b in spans):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _marked(text: str, spans: Sequence[Span], colour: bool) -> str:
    shown, marks = kwic(text, spans)
    out, pos = "", 0
    for a, b in marks:
        word = shown[a:b]
        out += shown[pos:a] + (
            click.style(word, fg="yellow", bold=True, reverse=True) if colour else f"[[{word}]]"
        )
        pos = b
    return out + shown[pos:]


def hit_lines(h: Hit, colour: bool = False) -> list[str]:
    r = h.row
    where = f"{r.path}:{r.line}:"
    state = "" if h.state == "translated" else f" [{h.state}]"
    ctxt = f" msgctxt {r.msgctxt!r}" if r.msgctxt else ""
    head = f"{click.style(where, bold=True) if colour else where} {r.bulletin} {r.source_ref}{ctxt}{state}"
    lines = [head]
    for label, text, spans in (("zh", r.msgid, h.zh), ("en", r.msgstr, h.en)):
        if text or label == "zh":
            lines.append(f"    {label}: {_marked(text, spans, colour)}")
        else:
            lines.append(f"    {label}: (untranslated)")
    lines += [f"    finding: {f}" for f in h.findings]
    return lines


def glossary_lines(g: GlossaryHit, colour: bool = False) -> list[str]:
    where = f"{g.path}:{g.line}:" if g.path else f"{g.concept}:"
    return [
        f"{click.style(where, bold=True) if colour else where} concept {g.concept} ({g.field})",
        f"    {_marked(g.text, g.spans, colour)}",
    ]


def text(result: Result, colour: bool = False) -> str:
    lines: list[str] = []
    for h in result.hits:
        lines += hit_lines(h, colour)
    for g in result.glossary:
        lines += glossary_lines(g, colour)
    n = sum(len(h.zh) + len(h.en) for h in result.hits)
    summary = f"{len(result.hits)} units ({n} matches) of {result.units}"
    if result.query.glossary:
        summary += f"; {len(result.glossary)} glossary fields"
    lines.append(summary)
    return "\n".join(lines)


def as_json(result: Result, colour: bool = False) -> str:
    q = result.query
    data = {
        "query": {
            "pattern": q.pattern,
            "regex": q.regex,
            "side": q.side,
            "bulletins": list(q.bulletins),
            "translated": q.translated,
            "rule": q.rule or None,
            "glossary": q.glossary,
        },
        "units_searched": result.units,
        "hits": [_Encoded(hit_json(h, bool(q.rule))) for h in result.hits],
    }
    if q.glossary:
        data["glossary"] = [
            {
                "concept": g.concept,
                "path": g.path,
                "line": g.line,
                "field": g.field,
                "text": g.text,
                "matches": [list(s) for s in g.spans],
            }
            for g in result.glossary
        ]
    return _json_lines(data)


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder (``indent`` is pure Python)
_STRING = json.encoder.encode_basestring  # the C function the encoder quotes strings with


class _Encoded(str):
    """A list item already written as JSON (:func:`_json_lines` writes it as it is)."""


def hit_json(h: Hit, findings: bool = False) -> str:
    """One hit as JSON: what ``_ENCODE`` writes for the hit's dict (these keys, in this order),
    written from its strings' quoted forms (a 1,300-hit search: ~4 ms instead of ~7; the tests
    compare the two)."""
    r, q = h.row, _STRING
    out = (
        f'{{"bulletin": {q(r.bulletin)}, "po": {q(r.path)}, "line": {int(r.line)}, '
        f'"msgstr_line": {int(r.msgstr_line)}, "msgctxt": {q(r.msgctxt) if r.msgctxt else "null"}, '
        f'"source": {q(r.source_ref)}, "state": {q(h.state)}, "zh": {q(r.msgid)}, "en": {q(r.msgstr)}, '
        f'"zh_matches": {_spans(h.zh)}, "en_matches": {_spans(h.en)}'
    )
    return out + (f', "findings": {_ENCODE(h.findings)}}}' if findings else "}")


def _spans(spans: Sequence[Span]) -> str:
    return "[" + ", ".join(f"[{int(a)}, {int(b)}]" for a, b in spans) + "]"


def _json_lines(data: dict[str, object]) -> str:
    """``data`` as JSON with each field, and each item of a list field, on a line of its own:
    readable and diffable, and written by json's C encoder (``indent=`` selects the
    pure-Python one, which took 45 ms for 500 hits)."""
    fields = []
    for k, v in data.items():
        if isinstance(v, list) and v:
            items = ",\n  ".join(x if isinstance(x, _Encoded) else _ENCODE(x) for x in v)
            fields.append(f" {_ENCODE(k)}: [\n  {items}\n ]")
        else:
            fields.append(f" {_ENCODE(k)}: {_ENCODE(v)}")
    return "{\n" + ",\n".join(fields) + "\n}"


FORMATS: dict[str, Callable[[Result, bool], str]] = {"text": text, "json": as_json}
