"""``sppterm glossary import``, the counterpart of :mod:`exports`: concepts from TBX (TBX-Basic
or 2008 martif), CSV or TSV merged into glossary/*.yaml. New concepts are added, existing ones
(found by id or by any Chinese term) gain new terms, conflicting statuses are reported and left
alone. The YAML is rewritten through ruamel.yaml's round trip, so comments and the
terminologists' ordering survive; importing one of our own exports changes no byte.

The format is told by content, not by the file's name (:func:`read_file`): an XML root
``martif`` or ``tbx`` is TBX; otherwise a table, tab-separated if its first line holds a tab
(OmegaT), else CSV; with a ``source,target`` header its columns are named (Weblate), without one
they are source, target[, comment]. A table states Chinese statuses only through the marks our
exports write in the comment or explanation (:data:`exports.ZH_STATUS_MARK`); a table of bare
source,target pairs (DeepL) states none, so a known Chinese form is never a conflict there."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from ruamel.yaml import YAML

from sppterm import xmlsafe, yamlloc
from sppterm.errors import InputError
from sppterm.glossary.exports import VALIDITY_NOTE, ZH_STATUS_MARK, restore
from sppterm.glossary.load import glossary_files, load_glossary
from sppterm.glossary.model import Status
from sppterm.patterns import XML_LANG
from sppterm.textio import decode, read_text, write_atomic

STATUS = {
    "preferredterm-admn-sts": Status.PREFERRED,
    "admittedterm-admn-sts": Status.ADMITTED,
    "deprecatedterm-admn-sts": Status.DEPRECATED,
    "supersededterm-admn-sts": Status.DEPRECATED,
}
ORDER = ["preferred", "admitted", "deprecated", "forbidden"]


@dataclass
class Incoming:
    id: str = ""
    type: str = "concept"
    terms: list[tuple[str, str, Status]] = field(default_factory=list)  # (lang, text, status)
    definition: str = ""
    # Languages whose statuses the file does not state (DeepL's pairs): a term known in another
    # status is no conflict, a new one comes in as admitted (preferred in a new concept).
    unstated: frozenset[str] = frozenset()
    # (lang, text) → (valid_from, valid_until) of a dated term (TBX: exports.validity_note).
    validity: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    validity_stated: bool = False  # the format carries validity (TBX): an undated term is undated


@dataclass
class GlossaryImportReport:
    """What a glossary import did, by concept id; conflicts are reported and left alone."""

    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unchanged: int = 0


TBX_ROOTS = ("tbx", "martif")


def read_file(path: Path) -> list[Incoming]:
    """The concepts of a glossary file in any format :mod:`exports` writes, told by content:
    TBX if it is XML, else a CSV or TSV table (see the module docstring)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError.at(str(path), None, f"cannot read: {e.strerror}") from None
    try:  # XML in any encoding it may declare (UTF-16, UTF-32...), then the tables' encodings
        head = xmlsafe.decode(data, str(path))
    except InputError:
        head = decode(data, str(path))
    if head.lstrip("\ufeff \t\r\n").startswith("<"):
        return read_tbx(path)
    return read_table(path, decode(data, str(path)))


def read_tbx(path: Path) -> list[Incoming]:
    """The concepts of a TBX file: TBX-Basic (conceptEntry › langSec › termSec) or 2008 martif
    (termEntry › langSet › tig or ntig). Other XML is refused."""
    root = xmlsafe.parse(path).getroot()
    if _local(root) not in TBX_ROOTS:
        raise InputError.at(
            str(path), root.sourceline, f"not a TBX glossary: the root element is <{_local(root)}>"
        )
    entries = (_read_entry(e) for e in root.iter() if _local(e) in ("conceptEntry", "termEntry"))
    return [inc for inc in entries if inc.terms]


def _local(el: etree._Element) -> str | None:
    """An element's name without its namespace; None for comments and processing instructions."""
    return etree.QName(el).localname if isinstance(el.tag, str) else None


def _children(parent: etree._Element, *names: str) -> list[etree._Element]:
    return [el for el in parent if _local(el) in names]


def _read_entry(entry: etree._Element) -> Incoming:
    """One concept entry: its id, subject field, definition and Chinese and English terms."""
    inc = Incoming(id=re.sub(r"^c-", "", entry.get("id", "")), validity_stated=True)
    for el in _children(entry, "descrip"):
        if el.get("type") == "subjectField" and el.text:
            inc.type = el.text.strip()
        elif el.get("type") == "definition" and el.text:
            inc.definition = el.text.strip()
    for lang_el in _children(entry, "langSec", "langSet"):
        lang = (lang_el.get(XML_LANG) or "").lower()
        lang = "zh" if lang.startswith("zh") else "en" if lang.startswith("en") else ""
        if not lang:
            continue
        for ts in _children(lang_el, "termSec", "tig", "ntig"):
            term = _read_term(ts, lang)
            if term is not None:
                text, status, bounds = term
                inc.terms.append((lang, text, status))
                if any(bounds):
                    inc.validity[(lang, text)] = bounds
    return inc


def _read_term(ts: etree._Element, lang: str) -> tuple[str, Status, tuple[str, str]] | None:
    """(text, status, (valid_from, valid_until)) of a term section; None without a term, or for
    an acronym (the glossary keeps abbreviations apart from terms). No status is admitted; an
    English term whose note starts with "forbidden" is forbidden (TBX has no such status: our
    export writes deprecated and that note); a validity note gives the bounds and the status
    while valid."""
    term = next((x.text for x in ts.iter() if _local(x) == "term"), None)
    acronym = any(
        isinstance(x.tag, str) and x.get("type") == "termType" and x.text == "acronym" for x in ts.iter()
    )
    if not term or acronym:
        return None
    status_el = next(
        (x for x in ts.iter() if _local(x) == "termNote" and x.get("type") == "administrativeStatus"),
        None,
    )
    status = (
        STATUS.get((status_el.text or "").strip().lower(), Status.ADMITTED)
        if status_el is not None
        else Status.ADMITTED
    )
    notes = [x.text or "" for x in ts.iter() if _local(x) == "note"]
    if lang == "en" and any(n.startswith("forbidden") for n in notes):
        status = Status.FORBIDDEN
    # A dated term (exports.validity_note): the glossary lists it under its status while valid.
    valid = next((m for n in notes if (m := VALIDITY_NOTE.match(n.strip()))), None)
    bounds = ("", "")
    if valid is not None:
        status = Status(valid["s"])
        bounds = (valid["a"] or valid["f"] or "", valid["b"] or valid["u"] or "")
    return term.strip(), status, bounds


def read_table(path: Path, text: str | None = None) -> list[Incoming]:
    """CSV (Weblate columns, or source,target pairs as DeepL's) or TSV (OmegaT: source, target,
    comment). Consecutive rows of one concept (same context id, or same target without one) make
    one :class:`Incoming`, so a concept's Chinese forms come in together."""
    text = read_text(path) if text is None else text
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Not csv.Sniffer: on short Chinese rows with commas in the English it guesses wrong.
    delim = "\t" if "\t" in first else ","
    # OmegaT's tab format has no quoting: a cell may begin with a quotation mark.
    if delim == "\t":
        reader = csv.reader(io.StringIO(text), delimiter=delim, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(text))
    # Cells our export quoted against formula injection come back as they were.
    rows = [(reader.line_num, [restore(c) for c in row]) for row in reader if any(c.strip() for c in row)]
    if rows and [c.strip().lower() for c in rows[0][1][:2]] == ["source", "target"]:
        header, rows = [c.strip().lower() for c in rows[0][1]], rows[1:]
    else:
        width = max((len(r) for _, r in rows), default=2)
        header = ["source", "target", "comment"][: max(width, 2)]
    # Only a comment or explanation column can carry the status marks.
    unstated = frozenset() if "comment" in header or "explanation" in header else frozenset({"zh"})
    out: list[Incoming] = []
    for n, row in rows:
        rec = {k: v.strip() for k, v in zip(header, row, strict=False)}
        if not rec.get("source") or not rec.get("target"):
            raise InputError.at(str(path), n, "a row needs a source and a target")
        mark = ZH_STATUS_MARK.match(rec.get("explanation") or rec.get("comment") or "")
        zh_status = Status(mark.group(1)) if mark else Status.PREFERRED
        en_status = Status.FORBIDDEN if "forbidden" in rec.get("flags", "") else Status.PREFERRED
        key = rec.get("context", "") or rec["target"]
        if not out or (out[-1].id or _en(out[-1])) != key:
            out.append(Incoming(id=rec.get("context", ""), unstated=unstated))
        inc = out[-1]
        for lang, term, status in (("zh", rec["source"], zh_status), ("en", rec["target"], en_status)):
            if not any(lang == la and term == t for la, t, _ in inc.terms):
                inc.terms.append((lang, term, status))
    return out


def _en(inc: Incoming) -> str:
    """The first English term of an incoming concept (what keys a row without a context)."""
    return next((t for lang, t, _ in inc.terms if lang == "en"), "")


def _entries(block: Any, status: str) -> list[Any]:  # block: a ruamel mapping or None
    v = block.get(status) if block is not None else None
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _text(e: object) -> str:
    return str(e["term"]) if isinstance(e, dict) else str(e)


def _checked(path: Path) -> str:
    """The text of a glossary file, refused (file:line) if it holds anchors, aliases or tags,
    before ruamel's round trip constructs tagged values or carries an alias bomb along."""
    text = read_text(path)
    yamlloc.check(text, str(path))
    return text


def import_concepts(
    glossary_dir: Path, incoming: list[Incoming], default_file: str = "imported.yaml"
) -> GlossaryImportReport:
    """Merge ``incoming`` into the YAML files (validated before anything is written)."""
    # The files must be a valid glossary before we merge into them: errors name file:line.
    load_glossary(glossary_dir)
    yaml = _round_trip_yaml()
    docs = {p: yaml.load(_checked(p)) for p in glossary_files(glossary_dir)}
    by_id, by_zh = _index(docs)
    report = GlossaryImportReport()
    new_concepts = []
    for inc in incoming:
        existing = by_id.get(inc.id) or next(
            (by_zh[t] for lang, t, _ in inc.terms if lang == "zh" and t in by_zh), None
        )
        if existing is None:
            concept = _add_concept(inc, by_id, report)
            if concept is not None:
                new_concepts.append(concept)
        elif _merge_terms(existing, inc, report):
            report.merged.append(str(existing["id"]))
        else:
            report.unchanged += 1
    if new_concepts:
        _append_concepts(docs, new_concepts, glossary_dir, default_file, yaml)
    _write_valid(docs, yaml)
    return report


def _round_trip_yaml() -> YAML:
    """ruamel's round trip in the glossary's own layout, so comments and ordering survive."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _index(docs: dict[Path, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The YAML concepts by id and by Chinese term (preferred, admitted or deprecated)."""
    by_zh, by_id = {}, {}
    for doc in docs.values():
        for c in doc["concepts"]:
            by_id[str(c["id"])] = c
            for status in ORDER[:3]:
                for e in _entries(c["zh"], status):
                    by_zh[_text(e)] = c
    return by_id, by_zh


def _add_concept(inc: Incoming, by_id: dict[str, Any], report: GlossaryImportReport) -> dict[str, Any] | None:
    """A new YAML concept for ``inc`` (unverified, with a note asking for a check), registered
    under a free id; None, reported as a conflict, without a preferred Chinese and English term."""
    cid = inc.id or re.sub(
        r"[^a-z0-9]+", "-", next((t for lang, t, _ in inc.terms if lang == "en"), "concept").lower()
    ).strip("-")
    while cid in by_id:
        cid += "-2"
    concept: dict[str, Any] = {"id": cid, "type": inc.type, "zh": {}, "en": {}}
    for lang, text, status in inc.terms:
        block = concept[lang]
        key = status.value if (lang == "en" or status is not Status.FORBIDDEN) else "deprecated"
        entry = _entry(inc, lang, text)
        dated = entry is not text
        if key == "preferred" and "preferred" in block and not dated:
            key = "admitted"  # two preferred terms only when their validity tells them apart
        if key == "preferred" and "preferred" not in block:
            block[key] = entry
        else:
            _add_term(block, key, entry)
    if "preferred" not in concept["zh"] or "preferred" not in concept["en"]:
        report.conflicts.append(f"{cid}: skipped, it needs a preferred Chinese and English term")
        return None
    if inc.definition:
        concept["definition"] = inc.definition
    concept["verified"] = False
    concept["note"] = "Imported; check the attestation of the English."
    by_id[cid] = concept
    report.added.append(cid)
    return concept


def _merge_terms(existing: Any, inc: Incoming, report: GlossaryImportReport) -> bool:
    """Add the terms of ``inc`` that ``existing`` lacks; True when it gained one. The glossary's
    statuses win: a term it has with another status is reported, and an incoming preferred term
    is added as admitted."""
    changed = False
    for lang, text, status in inc.terms:
        block = existing[lang]
        have = {_text(e): s for s in ORDER for e in _entries(block, s)}
        stated = lang not in inc.unstated
        if text in have:
            tolerated = status is Status.PREFERRED and have[text] == "admitted"
            if stated and have[text] != status.value and not tolerated:
                report.conflicts.append(
                    f"{existing['id']}: {lang} term {text!r} is {have[text]} here, "
                    f"{status.value} in the import (kept)"
                )
            here = next(_bounds(e) for s in ORDER for e in _entries(block, s) if _text(e) == text)
            there = inc.validity.get((lang, text), ("", ""))
            if stated and inc.validity_stated and here != there:
                report.conflicts.append(
                    f"{existing['id']}: {lang} term {text!r} is valid {_span(here)} here, "
                    f"{_span(there)} in the import (kept)"
                )
            continue
        key = "admitted" if status is Status.PREFERRED else status.value
        _add_term(
            block, "deprecated" if lang == "zh" and key == "forbidden" else key, _entry(inc, lang, text)
        )
        if stated and status is Status.PREFERRED:
            report.conflicts.append(
                f"{existing['id']}: preferred {lang} {text!r} in the import; "
                f"added as admitted, the glossary's preferred term stays"
            )
        changed = True
    return changed


def _entry(inc: Incoming, lang: str, text: str) -> Any:
    """A term as the YAML writes it: the text, or ``{term, valid_from, valid_until}`` when the
    import dates it (TBX keeps the bounds in a note: exports.validity_note)."""
    bounds = inc.validity.get((lang, text))
    if bounds is None:
        return text
    entry: dict[str, str] = {"term": text}
    for key, value in zip(("valid_from", "valid_until"), bounds, strict=True):
        if value:
            entry[key] = value
    return entry


def _bounds(e: object) -> tuple[str, str]:
    if not isinstance(e, dict):
        return ("", "")
    return (str(e.get("valid_from") or ""), str(e.get("valid_until") or ""))


def _span(bounds: tuple[str, str]) -> str:
    lo, hi = bounds
    return f"from {lo or 'the start'} until {hi or 'now'}" if lo or hi else "at every date"


def _add_term(block: Any, key: str, text: Any) -> None:
    """Append ``text`` to the ``key`` list of a language block, turning a single term into a list."""
    current = block.get(key)
    if current is None:
        block[key] = [text]
    elif isinstance(current, list):
        current.append(text)
    else:
        block[key] = [current, text]


def _append_concepts(
    docs: dict[Path, Any], concepts: list[dict[str, Any]], glossary_dir: Path, default_file: str, yaml: YAML
) -> None:
    """New concepts go to ``default_file``, created with a header asking for review."""
    target = next((p for p in docs if p.name == default_file), glossary_dir / default_file)
    if target not in docs:
        docs[target] = yaml.load(
            "# yaml-language-server: $schema=../src/sppterm/glossary/schema.json\n"
            "# Concepts added by sppterm glossary import: review and move them.\nconcepts: []\n"
        )
    for c in concepts:
        docs[target]["concepts"].append(c)


def _write_valid(docs: dict[Path, Any], yaml: YAML) -> None:
    """Write every file, but only once the result as a whole loads as a valid glossary."""
    texts = {}
    for p, doc in docs.items():
        buf = io.StringIO()
        yaml.dump(doc, buf)
        texts[p] = buf.getvalue()
    with tempfile.TemporaryDirectory() as d:
        for p, t in texts.items():
            (Path(d) / p.name).write_text(t, "utf-8")
        load_glossary(d)
    for p, t in texts.items():
        write_atomic(p, t)
