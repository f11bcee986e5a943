"""House-style rules written in YAML (``styles/*.yaml``, packs shipped in ``sppterm/styles``).

Each rule of a style file becomes a :class:`~sppterm.checks.base.Rule` (a class of its own, so
its id, title and documentation are class attributes like a built-in rule's), and its findings
go through the same runner, reports, ``#, ignore-<id>`` flags, baseline and severity overrides.
Four kinds, after Vale's: ``existence`` (a pattern must not occur in the English),
``substitution`` (use X, not Y: the finding carries the fix), ``first-use`` (an abbreviation is
spelt out at its first use in each file: a series rule, units in document order) and
``bilingual`` (when the Chinese matches P the English must, or must not, match Q), which no
English-only linter can express.

Patterns are compiled with the ``regex`` module (variable-length look-behind, which house-style
exceptions need) and every search runs under :data:`TIMEOUT`: a pattern that backtracks
catastrophically on some text stops the check with the rule's file:line (exit 2), never hangs it.
Matches inside <b>/<i> placeholders, URLs, e-mail addresses, an ``exceptions`` pattern's match or
(unless ``glossary_exempt: false``) an accepted English form of the glossary are not reported:
official names keep their own spelling (Organisation for Economic Co-operation and Development).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import string
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, cast

import regex

from sppterm import yamlloc
from sppterm.checks.base import CheckUnit, Context, Finding, Fix, Rule
from sppterm.checks.first_use import Abbreviations, read_bulletin, whole_bulletin
from sppterm.errors import InputError
from sppterm.glossary.model import Glossary
from sppterm.patterns import EMAIL, URL, lazy_compile
from sppterm.placeholders import TAG
from sppterm.textio import read_text, write_atomic_bytes

TIMEOUT = 0.5  # seconds one search of one pattern may take on one text
PACK_PREFIX = "sppterm:"  # "sppterm:un" in [tool.sppterm] styles: the pack shipped as styles/un.yaml
_FIELDS = {"match", "fix", "zh"}
# Never style-checked: the placeholders (their quotes and letters are markup), URLs, e-mails.
_PROTECTED = regex.compile(rf"{TAG.pattern}|{URL}|{EMAIL}")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    text: str
    replacement: str | None = None  # substitution: what to write instead


@dataclass
class Spec:
    """A style rule as loaded: compiled patterns and where it was written (for errors)."""

    kind: str
    message: str
    path: str
    line: int
    patterns: list[regex.Pattern[str]] = field(default_factory=list)
    swaps: list[tuple[regex.Pattern[str], str]] = field(default_factory=list)
    zh: regex.Pattern[str] | None = None
    must: regex.Pattern[str] | None = None
    exceptions: list[regex.Pattern[str]] = field(default_factory=list)
    roles: frozenset[str] | None = None
    skip_roles: frozenset[str] = frozenset()
    fix: bool = True
    glossary_exempt: bool = True
    any: regex.Pattern[str] | None = None  # all English patterns in one, for a quick reject
    lazy: bool = False  # patterns compiled on first use (a style file that loaded before)

    def __post_init__(self) -> None:
        self.combine()

    def combine(self) -> None:
        """:attr:`any`: the English patterns as one alternation (None when there is one, or
        when they cannot be joined, e.g. a back-reference to a group number)."""
        pats = [*self.patterns, *(p for p, _ in self.swaps)]
        self.any = None
        if len(pats) > 1 and not any(regex.search(r"\\\d|\(\?\(|\\g<", p.pattern) for p in pats):
            source = "|".join(f"(?:{p.pattern})" for p in pats)
            if self.lazy:  # it compiled when these bytes were loaded first
                self.any = _lazy(source, pats[0].flags)
                return
            try:
                self.any = regex.compile(source, pats[0].flags)
            except regex.error:
                self.any = None

    def search(self, pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
        """Every match of ``pattern`` in ``text``, or InputError (file:line) past :data:`TIMEOUT`."""
        try:
            return list(pattern.finditer(text, timeout=TIMEOUT))
        except TimeoutError:
            raise InputError.at(
                self.path,
                self.line,
                f"pattern {pattern.pattern[:60]!r} took over {TIMEOUT} s on a text of {len(text)} "
                "characters: it backtracks too much (simplify it)",
            ) from None

    def english_patterns(self) -> list[regex.Pattern[str]]:
        """The patterns matched against the English (what glossary forms are exempted from)."""
        return [*self.patterns, *(p for p, _ in self.swaps), *([self.must] if self.must else [])]


class StyleRule(Rule):
    """A rule of a style file; :func:`rule_class` makes one subclass per rule."""

    kind: ClassVar[str]
    spec: ClassVar[Spec]

    def __init__(self) -> None:
        self._exempt: tuple[int, regex.Pattern[str] | None] = (-1, None)
        self._defined: tuple[int, Abbreviations] = (-1, Abbreviations())

    # -- what a unit's English is checked for ----------------------------------------------
    def applies(self, unit: CheckUnit) -> bool:
        s = self.spec
        if not unit.target or unit.english_source or unit.fuzzy:
            return False
        if s.roles is not None and unit.role not in s.roles:
            return False
        return unit.role not in s.skip_roles

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if self.series or not self.applies(unit):
            return
        s = self.spec
        target = unit.target or ""
        zh = ""
        if s.zh is not None:
            hit = s.search(s.zh, unit.key)
            if not hit:
                return
            zh = hit[0].group()
            if s.must is not None:
                if not s.search(s.must, target):
                    yield self._finding(unit, _Match(0, 0, ""), zh, span=False)
                return
        for m in self.matches(target, ctx.glossary):
            yield self._finding(unit, m, zh)

    def matches(self, text: str, glossary: Glossary | None) -> list[_Match]:
        """The reportable matches in ``text``: found, not protected, exempted or excepted."""
        return [m for m, in_name in self.scan(text, glossary) if not in_name]

    def scan(self, text: str, glossary: Glossary | None) -> list[tuple[_Match, bool]]:
        """The matches in ``text`` that are not protected or excepted, each with whether it
        lies inside an exempt glossary form (which :meth:`matches` leaves out)."""
        s = self.spec
        if s.any is not None and s.any.search(text, timeout=TIMEOUT) is None:
            return []  # most texts: one search for all the rule's patterns, nothing found
        found: list[tuple[int, int, _Match]] = []
        for i, p in enumerate(s.patterns):
            found += [(m.start(), i, _Match(m.start(), m.end(), m.group())) for m in s.search(p, text)]
        for i, (p, repl) in enumerate(s.swaps):
            for m in s.search(p, text):
                found.append((m.start(), i, _Match(m.start(), m.end(), m.group(), _cased(m, repl))))
        if not found:
            return []
        blocked = [m.span() for m in _PROTECTED.finditer(text)]
        for p in s.exceptions:
            blocked += [m.span() for m in s.search(p, text)]
        exempt = self._exempt_forms(glossary) if s.glossary_exempt and glossary is not None else None
        names = [m.span() for m in s.search(exempt, text)] if exempt is not None else []
        out: list[tuple[_Match, bool]] = []
        for _, _, hit in sorted(found, key=lambda x: (x[0], x[1])):
            if hit.end <= hit.start or any(a <= hit.start and hit.end <= b for a, b in blocked):
                continue  # empty, or inside a placeholder, URL or exception
            if _overlaps_tag(text, hit) or (out and hit.start < out[-1][0].end):
                continue  # across a placeholder, or overlapping an earlier match (which wins)
            out.append((hit, any(a <= hit.start and hit.end <= b for a, b in names)))
        return out

    def _finding(self, unit: CheckUnit, m: _Match, zh: str, span: bool = True) -> Finding:
        values = {"match": m.text, "fix": m.replacement or "", "zh": zh}
        fix = Fix(m.start, m.end, m.replacement) if self.spec.fix and m.replacement is not None else None
        return self.finding(
            unit,
            self.spec.message.format_map(values),
            term=(m.text or zh).lower(),
            suggestion=m.replacement or "",
            side="target",
            span=(m.start, m.end) if span else None,
            fix=fix,
        )

    def _exempt_forms(self, glossary: Glossary) -> regex.Pattern[str] | None:
        """The glossary's accepted English forms (and abbreviations) this rule would match:
        official names keep their spelling. Built once per glossary."""
        if self._exempt[0] == id(glossary):
            return self._exempt[1]
        forms = set()
        pats = self.spec.english_patterns()
        for c in glossary:
            texts = [t.text for t in c.terms if t.lang == "en" and t.status.accepted]
            # first-use: an abbreviation inside a name is no use of it (Circular and Fair ICT
            # Pact), but the glossary's abbreviations themselves are what it checks.
            texts = [t for t in texts if t not in c.abbr] if self.series else texts + list(c.abbr)
            for t in texts:
                if any(p.search(t, timeout=TIMEOUT) for p in pats):
                    forms.add(t)
        pattern = None
        if forms:
            body = "|".join(regex.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
            pattern = regex.compile(rf"(?<!\w)(?:{body})(?!\w)")
        self._exempt = (id(glossary), pattern)
        return pattern

    # -- first-use: a series rule ----------------------------------------------------------
    def check_series(self, units: list[CheckUnit], ctx: Context) -> Iterable[Finding]:
        """Each bulletin (file) in reading order: checks.first_use.read_bulletin, or the
        variants of a consistency rule."""
        by_file: dict[str, list[CheckUnit]] = {}
        for u in units:
            by_file.setdefault(u.path, []).append(u)
        if self.kind == "consistency":
            for path in sorted(by_file):
                yield from self._consistency(sorted(by_file[path], key=lambda u: u.line), ctx)
            return
        abbrs = self._abbreviations(ctx.glossary)
        for path in sorted(by_file):
            read = [u for u in sorted(by_file[path], key=lambda u: u.line) if self.applies(u)]
            tokens = [
                (
                    u.line,
                    u.role,
                    u.target or "",
                    [(m.start, m.end, m.text, n) for m, n in self.scan(u.target or "", ctx.glossary)],
                )
                for u in read
            ]
            whole = whole_bulletin(sorted(by_file[path], key=lambda u: u.line))
            for slip in read_bulletin(tokens, abbrs, whole):
                unit = read[slip.index]
                shown = slip.abbr if " " in slip.abbr else slip.token  # "SPP Programme", "NDCs"
                message = self.spec.message.format_map({"match": shown, "fix": "", "zh": ""})
                if slip.kind == "late":
                    message = (
                        f"'{shown}' is introduced here, but its full name was written in the unit at line "
                        f"{slip.at} without it: introduce '({shown})' there, at the first use"
                    )
                elif slip.kind == "twice":
                    message = (
                        f"'{shown}' was already introduced in the unit at line {slip.at}: write '{shown}' "
                        "alone, without the full name again"
                    )
                elif slip.at:
                    message += f" (the full name in the unit at line {slip.at} lacks '({shown})')"
                yield self.finding(
                    unit,
                    message,
                    term=slip.abbr.lower() + (" (twice)" if slip.kind == "twice" else ""),
                    side="target",
                    span=(slip.start, slip.end),
                )

    def _consistency(self, units: list[CheckUnit], ctx: Context) -> Iterable[Finding]:
        """One file: the variant its English-source blocks use (the source's own English),
        else the most frequent in it, first listed on a tie; every other variant reported."""
        s = self.spec
        found: list[tuple[CheckUnit, int, _Match]] = []  # (unit, variant, match)
        for u in units:
            if not u.target or u.fuzzy or (not u.english_source and not self.applies(u)):
                continue
            hits = self.matches(u.target, ctx.glossary)
            if hits:
                which = {
                    x.span(): i
                    for i, p in reversed(list(enumerate(s.patterns)))
                    for x in s.search(p, u.target)
                }
                found += [(u, which[(m.start, m.end)], m) for m in hits if (m.start, m.end) in which]
        if len({v for _, v, _ in found}) < 2:
            return
        source = [v for u, v, _ in found if u.english_source]
        pool = source or [v for _, v, _ in found]
        ref = max(range(len(s.patterns)), key=lambda i: (pool.count(i), -i))
        texts = [m.text for _, v, m in found if v == ref]
        fix = max(texts, key=texts.count)
        for u, v, m in found:
            if v != ref and not u.english_source:
                yield self._finding(u, _Match(m.start, m.end, m.text, fix), "")

    def _abbreviations(self, glossary: Glossary) -> Abbreviations:
        """What the glossary says about abbreviations, built once per glossary."""
        if self._defined[0] != id(glossary):
            self._defined = (id(glossary), Abbreviations.of(glossary))
        return self._defined[1]


def _overlaps_tag(text: str, m: _Match) -> bool:
    return any(t.start() < m.end and m.start < t.end() for t in TAG.finditer(text, 0, len(text)))


def _cased(m: regex.Match[str], replace: str) -> str:
    """The replacement with the match's capital kept ("Organise" → "Organize")."""
    if replace.startswith(_MAPPED):
        out = json.loads(replace[len(_MAPPED) :]).get(m.group().lower(), m.group())
    else:
        out = m.expand(replace)
    first = m.group()[:1]
    if first.isupper() and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out


# -- loading ------------------------------------------------------------------------------------
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("sppterm.checks").joinpath("style_schema.json").read_text("utf-8")
    )
    return data


def pack_path(name: str) -> Path:
    """The shipped pack ``name`` (sppterm/styles/NAME.yaml)."""
    return Path(str(resources.files("sppterm").joinpath("styles", f"{name}.yaml")))


def load_styles(entries: Sequence[str], root: Path, where: str, reserved: Iterable[str] = ()) -> list[Rule]:
    """The style rules of ``entries`` ([tool.sppterm] styles): ``sppterm:NAME`` for a shipped
    pack, else a YAML file or a directory of them (``*.yaml``, sorted) relative to ``root``.
    Ids must differ from ``reserved`` (the built-in rules) and from each other; errors name the
    file and line (InputError, exit 2). ``where`` is the file the entries come from."""
    files: list[Path] = []
    for entry in entries:
        if entry.startswith(PACK_PREFIX):
            p = pack_path(entry[len(PACK_PREFIX) :])
            if not p.is_file():
                raise InputError.at(where, None, f"[tool.sppterm] styles: no shipped style pack {entry!r}")
            files.append(p)
            continue
        p = root / entry
        if p.is_dir():
            files += sorted(p.glob("*.yaml"))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError.at(where, None, f"[tool.sppterm] styles: no such file or directory {entry!r}")
    rules: list[Rule] = []
    first: dict[str, str] = {r: "a built-in rule" for r in reserved}
    for f in files:
        for rule in load_file(f):
            other = first.get(rule.id)
            if other is not None:
                spec = rule.spec  # type: ignore[attr-defined]
                raise InputError.at(spec.path, spec.line, f"style rule id {rule.id!r} is already {other}")
            first[rule.id] = f"defined in {rule.spec.path}:{rule.spec.line}"  # type: ignore[attr-defined]
            rules.append(rule)
    return rules


def load_file(path: Path, text: str | None = None) -> list[Rule]:
    """The rules of one style file, validated against the schema; errors name file:line.

    A file whose exact text loaded without an error before (with this code, schema and
    ``regex``: :func:`_loaded_marker`) is not validated again and its patterns are compiled
    on first use: the schema validator's import and ~200 pattern compiles were a fifth of a
    series check."""
    where = str(path)
    source = read_text(path) if text is None else text
    data = yamlloc.load(source, where)
    marker = _loaded_marker(source)
    warm = marker is not None and marker.is_file()
    if not warm:
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema())
        errors = sorted(validator.iter_errors(data), key=lambda e: yamlloc.line_of(data, list(e.path)) or 0)
        if errors:
            e = errors[0]
            at = "/".join(str(p) for p in e.path) or "top level"
            raise InputError.at(where, yamlloc.line_of(data, list(e.path)), f"style file: {at}: {e.message}")
    rules: list[Rule] = [rule_class(r, where, lazy=warm)() for r in data["rules"]]
    if marker is not None and not warm:
        _write_marker(marker)
    return rules


_MARKER_PREFIX, _MARKER_SUFFIX, _MARKERS_KEPT = "style-", ".ok", 64


def _loaded_marker(source: str) -> Path | None:
    """The cache file (:func:`sppterm.glossary.cache.directory`) whose presence says that
    ``source`` loaded without an error: keyed by its text, this module, the loader, the schema
    and the versions of sppterm, Python and ``regex``. None: no cache (or the slow path)."""
    from sppterm.glossary.cache import directory
    from sppterm.glossary.matcher import fast_paths

    where = directory() if fast_paths() else None
    if where is None:
        return None
    import sppterm

    h = hashlib.sha256(b"sppterm style file loaded\0")
    h.update(f"{sppterm.__version__}\0{sys.version}\0{regex.__version__}\0".encode())
    package = Path(sppterm.__file__).parent
    try:
        for rel in ("checks/style.py", "checks/style_schema.json", "yamlloc.py", "patterns.py"):
            h.update(hashlib.sha256((package / rel).read_bytes()).digest())
    except OSError:
        return None
    h.update(source.encode("utf-8", "surrogatepass"))
    return where / f"{_MARKER_PREFIX}{h.hexdigest()[:32]}{_MARKER_SUFFIX}"


def _write_marker(marker: Path) -> None:
    """Write ``marker`` (empty) and keep the newest :data:`_MARKERS_KEPT`; failures cost time only."""
    from sppterm.cachedir import prepare

    with contextlib.suppress(OSError, InputError):
        prepare(marker.parent)
        write_atomic_bytes(marker, b"")
        found = sorted(
            (e.stat().st_mtime_ns, e.path)
            for e in os.scandir(marker.parent)
            if e.name.startswith(_MARKER_PREFIX) and e.name.endswith(_MARKER_SUFFIX)
        )
        for _, old in found[:-_MARKERS_KEPT]:
            with contextlib.suppress(OSError):
                os.unlink(old)


def _lazy(source: str, flags: int) -> regex.Pattern[str]:
    """A pattern compiled with ``regex`` on first use (see :func:`sppterm.patterns.lazy_compile`)."""
    return cast("regex.Pattern[str]", lazy_compile(source, flags, regex.compile))


def _compile(source: str, ignorecase: bool, path: str, line: int) -> regex.Pattern[str]:
    try:
        return regex.compile(source, regex.IGNORECASE if ignorecase else 0)
    except (regex.error, ValueError, OverflowError, RecursionError) as e:
        raise InputError.at(path, line, f"invalid pattern {source[:60]!r}: {e}") from None


def _line(value: Any, default: int) -> int:
    return getattr(value, "line", 0) or default


def rule_class(raw: dict[str, Any], path: str, lazy: bool = False) -> type[StyleRule]:
    """One style rule (schema-valid data) as a Rule subclass. ``lazy``: the data loaded
    without an error before, so its patterns are compiled on first use and not checked again."""
    line = _line(raw, 0)
    ic = bool(raw.get("ignorecase", False))

    def comp(value: Any) -> regex.Pattern[str]:
        if lazy:
            return _lazy(str(value), regex.IGNORECASE if ic else 0)
        return _compile(str(value), ic, path, _line(value, line))

    message = str(raw["message"])
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
    except ValueError as e:
        raise InputError.at(path, _line(raw["message"], line), f"message: {e}") from None
    if names - _FIELDS:
        bad = sorted(names - _FIELDS)[0]
        raise InputError.at(path, _line(raw["message"], line), f"message: unknown field {{{bad}}}")
    patterns = raw.get("pattern", [])
    patterns = [patterns] if isinstance(patterns, str) else patterns
    spec = Spec(
        kind=raw["kind"],
        message=message,
        path=path,
        line=line,
        patterns=[comp(p) for p in patterns],
        swaps=[(comp(s["pattern"]), _replacement(s)) for s in raw.get("swap", [])],
        zh=comp(raw["zh"]) if "zh" in raw else None,
        must=comp(raw["en_must"]) if "en_must" in raw else None,
        exceptions=[comp(p) for p in raw.get("exceptions", [])],
        roles=frozenset(raw["roles"]) if "roles" in raw else None,
        skip_roles=frozenset(raw.get("skip_roles", [])),
        fix=bool(raw.get("fix", True)),
        glossary_exempt=bool(raw.get("glossary_exempt", True)),
        lazy=lazy,
    )
    if "en_must_not" in raw:
        spec.patterns.append(comp(raw["en_must_not"]))
        spec.combine()
    for p, repl in [] if lazy else spec.swaps:
        try:
            _check_template(p, repl)
        except (regex.error, IndexError) as e:
            raise InputError.at(path, line, f"replace {repl!r}: {e}") from None
    docs = raw["docs"]
    source = str(docs["source"]) + (f" <{docs['link']}>" if "link" in docs else "")
    attrs = {
        "id": str(raw["id"]),
        "title": str(raw["title"]),
        "severity": str(raw["severity"]),
        "what": str(docs.get("what", raw["title"] + ".")) + f"\n\n{_KIND_DOC[raw['kind']]}",
        "why": f"{docs['why']}\n\nHouse style: {source}",
        "example": str(docs.get("example", "")),
        "severity_why": f"{str(raw['severity']).capitalize()}: set in {Path(path).name}; "
        "[tool.sppterm.check] severity overrides it.",
        "series": raw["kind"] in ("first-use", "consistency"),
        "kind": str(raw["kind"]),
        "spec": spec,
        "__module__": __name__,
    }
    return type(f"Style_{str(raw['id']).replace('-', '_')}", (StyleRule,), attrs)


_KIND_DOC = {
    "existence": "A style rule (existence): each match of its pattern in the English is reported.",
    "substitution": "A style rule (substitution): each match is reported with what to write instead, "
    "which `sppterm check --fix` applies where the rule allows.",
    "first-use": "A style rule (first-use): each file read in document order, headings included.",
    "consistency": "A style rule (consistency): the variants its patterns list, one per file; the others "
    "are reported with the file's variant as the fix.",
    "bilingual": "A style rule (bilingual): the English is checked where the Chinese matches.",
}
_MAPPED = "\x00map:"  # a replacement looked up by the match (swap entries with "map")


def _replacement(entry: dict[str, Any]) -> str:
    if "map" in entry:
        return _MAPPED + json.dumps({str(k).lower(): str(v) for k, v in entry["map"].items()})
    return str(entry["replace"])


def _check_template(p: regex.Pattern[str], repl: str) -> None:
    """Refuse a replacement naming a group the pattern lacks (regex says so on expand only)."""
    if repl.startswith(_MAPPED):
        return
    refs = regex.compile(r"\\\\|\\(\d+)|\\g<(\w+)>")
    for m in refs.finditer(repl):
        number, name = m.groups()
        if number is not None and int(number) > p.groups:
            raise IndexError(f"no group {number} in the pattern")
        if name is not None and not name.isdigit() and name not in p.groupindex:
            raise IndexError(f"no group {name!r} in the pattern")
        if name is not None and name.isdigit() and int(name) > p.groups:
            raise IndexError(f"no group {name} in the pattern")
    # The rest of the template (bad escapes such as \A or a trailing backslash) fails on
    # expand only: expand it once on an empty match, with the group references taken out.
    regex.compile("").sub(refs.sub(lambda m: m.group() if m.group() == "\\\\" else "", repl), "")
