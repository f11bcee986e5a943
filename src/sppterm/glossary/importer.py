"""``sppterm glossary import``: concepts from TBX (TBX-Basic or 2008 martif), CSV or TSV merged
into glossary/*.yaml. New concepts are added, existing ones (found by any Chinese term) gain
new terms, conflicting statuses are reported and left alone. The YAML is rewritten through
ruamel.yaml's round trip, so comments and the terminologists' ordering survive."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from ruamel.yaml import YAML

from sppterm import xmlsafe, yamlloc
from sppterm.errors import InputError
from sppterm.glossary.exports import restore
from sppterm.glossary.load import glossary_files, load_glossary
from sppterm.glossary.model import Status
from sppterm.textio import read_text, write_atomic

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


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unchanged: int = 0


def read_tbx(path: Path) -> list[Incoming]:
    root = xmlsafe.parse(path).getroot()
    out = []
    for entry in root.iter():
        if not isinstance(entry.tag, str) or etree.QName(entry).localname not in (
            "conceptEntry",
            "termEntry",
        ):
            continue
        inc = Incoming(id=re.sub(r"^c-", "", entry.get("id", "")))
        for el in entry:
            if not isinstance(el.tag, str):
                continue
            name = etree.QName(el).localname
            if name == "descrip" and el.get("type") == "subjectField" and el.text:
                inc.type = el.text.strip()
            elif name == "descrip" and el.get("type") == "definition" and el.text:
                inc.definition = el.text.strip()
        for lang_el in entry:
            if not isinstance(lang_el.tag, str) or etree.QName(lang_el).localname not in (
                "langSec",
                "langSet",
            ):
                continue
            lang = (lang_el.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower()
            lang = "zh" if lang.startswith("zh") else "en" if lang.startswith("en") else ""
            if not lang:
                continue
            for ts in lang_el:
                if not isinstance(ts.tag, str) or etree.QName(ts).localname not in ("termSec", "tig", "ntig"):
                    continue
                term = next(
                    (
                        x.text
                        for x in ts.iter()
                        if isinstance(x.tag, str) and etree.QName(x).localname == "term"
                    ),
                    None,
                )
                status_el = next(
                    (
                        x
                        for x in ts.iter()
                        if isinstance(x.tag, str)
                        and etree.QName(x).localname == "termNote"
                        and x.get("type") == "administrativeStatus"
                    ),
                    None,
                )
                notes = [
                    x.text or ""
                    for x in ts.iter()
                    if isinstance(x.tag, str) and etree.QName(x).localname == "note"
                ]
                acronym = any(
                    isinstance(x.tag, str) and x.get("type") == "termType" and x.text == "acronym"
                    for x in ts.iter()
                )
                if not term or acronym:
                    continue
                status = (
                    STATUS.get((status_el.text or "").strip().lower(), Status.ADMITTED)
                    if status_el is not None
                    else Status.ADMITTED
                )
                if lang == "en" and any(n.startswith("forbidden") for n in notes):
                    status = Status.FORBIDDEN
                inc.terms.append((lang, term.strip(), status))
        if inc.terms:
            out.append(inc)
    return out


def read_table(path: Path) -> list[Incoming]:
    """CSV (Weblate columns or source,target) or TSV (OmegaT: source, target, comment)."""
    text = read_text(path)
    delim = "\t" if path.suffix.lower() in (".tsv", ".txt", ".utf8") else ","
    # Cells our export quoted against formula injection come back as they were.
    rows = [[restore(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delim)]
    if rows and [c.strip().lower() for c in rows[0][:2]] == ["source", "target"]:
        header, rows = [c.strip().lower() for c in rows[0]], rows[1:]
    else:
        header = ["source", "target", "comment"]
    out = []
    for n, row in enumerate(rows, start=2 if header else 1):
        rec = dict(zip(header, row, strict=False))
        if not rec.get("source") or not rec.get("target"):
            raise InputError.at(str(path), n, "a row needs a source and a target")
        flags = rec.get("flags", "")
        en_status = Status.FORBIDDEN if "forbidden" in flags else Status.PREFERRED
        inc = Incoming(id=rec.get("context", ""))
        if en_status is Status.FORBIDDEN:
            inc.terms = [
                ("zh", rec["source"].strip(), Status.PREFERRED),
                ("en", rec["target"].strip(), Status.FORBIDDEN),
            ]
        else:
            inc.terms = [
                ("zh", rec["source"].strip(), Status.PREFERRED),
                ("en", rec["target"].strip(), Status.PREFERRED),
            ]
        out.append(inc)
    return out


def _entries(block, status: str) -> list:
    v = block.get(status) if block is not None else None
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _text(e) -> str:
    return str(e["term"]) if isinstance(e, dict) else str(e)


def _checked(path: Path) -> str:
    """The text of a glossary file, refused (file:line) if it holds anchors, aliases or tags,
    before ruamel's round trip constructs tagged values or carries an alias bomb along."""
    text = read_text(path)
    yamlloc.check(text, str(path))
    return text


def import_concepts(
    glossary_dir: Path, incoming: list[Incoming], default_file: str = "imported.yaml"
) -> ImportReport:
    """Merge ``incoming`` into the YAML files (validated before anything is written)."""
    # The files must be a valid glossary before we merge into them: errors name file:line.
    load_glossary(glossary_dir)
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # the glossary's own layout
    docs = {p: yaml.load(_checked(p)) for p in glossary_files(glossary_dir)}
    by_zh, by_id = {}, {}
    for doc in docs.values():
        for c in doc["concepts"]:
            by_id[str(c["id"])] = c
            for status in ORDER[:3]:
                for e in _entries(c["zh"], status):
                    by_zh[_text(e)] = c
    report = ImportReport()
    new_concepts = []
    for inc in incoming:
        existing = by_id.get(inc.id) or next(
            (by_zh[t] for lang, t, _ in inc.terms if lang == "zh" and t in by_zh), None
        )
        if existing is None:
            cid = inc.id or re.sub(
                r"[^a-z0-9]+", "-", next((t for lang, t, _ in inc.terms if lang == "en"), "concept").lower()
            ).strip("-")
            while cid in by_id:
                cid += "-2"
            concept = {"id": cid, "type": inc.type, "zh": {}, "en": {}}
            for lang, text, status in inc.terms:
                block = concept[lang]
                key = status.value if (lang == "en" or status is not Status.FORBIDDEN) else "deprecated"
                if key == "preferred" and "preferred" in block:
                    key = "admitted"
                if key == "preferred":
                    block[key] = text
                else:
                    block.setdefault(key, []).append(text)
            if "preferred" not in concept["zh"] or "preferred" not in concept["en"]:
                report.conflicts.append(f"{cid}: skipped, it needs a preferred Chinese and English term")
                continue
            if inc.definition:
                concept["definition"] = inc.definition
            concept["verified"] = False
            concept["note"] = "Imported; check the attestation of the English."
            new_concepts.append(concept)
            by_id[cid] = concept
            report.added.append(cid)
            continue
        changed = False
        for lang, text, status in inc.terms:
            block = existing[lang]
            have = {_text(e): s for s in ORDER for e in _entries(block, s)}
            if text in have:
                if have[text] != status.value and not (
                    status is Status.PREFERRED and have[text] == "admitted"
                ):
                    report.conflicts.append(
                        f"{existing['id']}: {lang} term {text!r} is {have[text]} here, "
                        f"{status.value} in the import (kept)"
                    )
                continue
            key = "admitted" if status is Status.PREFERRED else status.value
            if lang == "zh" and key == "forbidden":
                key = "deprecated"
            current = block.get(key)
            if current is None:
                block[key] = [text]
            elif isinstance(current, list):
                current.append(text)
            else:
                block[key] = [current, text]
            if status is Status.PREFERRED:
                report.conflicts.append(
                    f"{existing['id']}: preferred {lang} {text!r} in the import; "
                    f"added as admitted, the glossary's preferred term stays"
                )
            changed = True
        if changed:
            report.merged.append(str(existing["id"]))
        else:
            report.unchanged += 1
    if new_concepts:
        target = next((p for p in docs if p.name == default_file), glossary_dir / default_file)
        if target not in docs:
            docs[target] = yaml.load(
                "# yaml-language-server: $schema=../src/sppterm/glossary/schema.json\n"
                "# Concepts added by sppterm glossary import: review and move them.\nconcepts: []\n"
            )
        for c in new_concepts:
            docs[target]["concepts"].append(c)
    texts = {}
    for p, doc in docs.items():
        buf = io.StringIO()
        yaml.dump(doc, buf)
        texts[p] = buf.getvalue()
    with tempfile.TemporaryDirectory() as d:  # validate everything before touching a file
        for p, t in texts.items():
            (Path(d) / p.name).write_text(t, "utf-8")
        load_glossary(d)
    for p, t in texts.items():
        write_atomic(p, t)
    return report
