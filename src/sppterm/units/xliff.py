"""XLIFF 1.2 and 2.1 exchange with CAT tools, merged back into the PO without losing work.

1.2: one ``trans-unit`` per PO entry, ``id`` = the unit key (the normalised Chinese text),
sentences as ``<seg-source><mrk mtype="seg">``, ``state`` from the PO flags, the translation
at export time kept as ``<alt-trans origin="sppterm-base">`` to detect conflicts on import.
2.1: ``unit/@id`` must be an NMTOKEN, so it is a hash of the key and ``@name`` is the key;
each unit carries its glossary entries in ``gls:glossary`` and the base in ``mda:metadata``.
Inline placeholders <b>/<i> become ``<g ctype>`` (1.2) or ``<pc subType>`` (2.1).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import polib
from lxml import etree

from sppterm import placeholders, xmlsafe
from sppterm.errors import InputError
from sppterm.glossary.matcher import Hit, ZhMatcher
from sppterm.glossary.model import Status
from sppterm.ids import check_id
from sppterm.units.po import control_problem
from sppterm.zh import IDEOGRAPH, sentences

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS_GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
NS_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
BASE = "sppterm-base"
_STYLE12 = {"b": "bold", "i": "italic"}
_STYLE20 = {"b": "xlf:b", "i": "xlf:i"}


def unit_id_21(key: str) -> str:
    """A stable NMTOKEN id for XLIFF 2.x, derived from the key."""
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- inline content ----------------------------------------------------------------------------
def _fill(parent: etree._Element, text: str, version: str) -> None:
    """Append ``text`` (with <b>/<i> placeholders) to ``parent`` as XLIFF inline markup."""
    stack = [parent]
    counter = 0
    last: etree._Element | None = None  # element whose tail receives following text

    def put(s: str) -> None:
        nonlocal last
        cur = stack[-1]
        if last is not None and last.getparent() is cur:
            last.tail = (last.tail or "") + s
        else:
            cur.text = (cur.text or "") + s

    for part in placeholders.SPLIT.split(text):
        if not part:
            continue
        m = re.fullmatch(r"<(/?)(b|i)>", part)
        if not m:
            put(part)
        elif not m.group(1):
            counter += 1
            if version == "1.2":
                el = etree.SubElement(stack[-1], f"{{{NS12}}}g", id=str(counter), ctype=_STYLE12[m.group(2)])
            else:
                el = etree.SubElement(
                    stack[-1], f"{{{NS20}}}pc", id=str(counter), type="fmt", subType=_STYLE20[m.group(2)]
                )
            stack.append(el)
            last = None
        else:
            last = stack.pop() if len(stack) > 1 else None


_TAG_OF_STYLE = {"bold": "b", "italic": "i", "xlf:b": "b", "xlf:i": "i"}


def _text(el: etree._Element, codes: dict[str, str] | None = None) -> str:
    """Inverse of :func:`_fill` (and of the OmegaT flavour's codes): inline markup back to
    placeholders. A 1.2 ``<bpt>``/``<ept>`` pair is bold or italic by its ``ctype`` or its native
    data (``<b>``), the ``<ept>`` found by its ``id``; other codes are dropped with their data."""
    codes = {} if codes is None else codes  # bpt id -> placeholder tag name
    out = [el.text or ""]
    for child in el:
        local = etree.QName(child).localname
        if local in ("g", "pc", "mrk"):
            tag = _TAG_OF_STYLE.get(child.get("ctype") or child.get("subType") or "")
            inner = _text(child, codes)
            out.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
        elif local == "bpt":
            native = (child.text or "").strip()
            tag = _TAG_OF_STYLE.get(child.get("ctype") or "") or {"<b>": "b", "<i>": "i"}.get(native)
            if tag:
                codes[child.get("id") or child.get("rid") or ""] = tag
                out.append(f"<{tag}>")
        elif local == "ept":
            tag = codes.pop(child.get("id") or child.get("rid") or "", None)
            if tag:
                out.append(f"</{tag}>")
        out.append(child.tail or "")
    return "".join(out)


def _segments(text: str) -> list[str]:
    """Sentences of a unit, unless a placeholder pair would straddle two of them."""
    parts = sentences(text)
    if all(_balanced(p) for p in parts):
        return parts or [text]
    return [text]


def _balanced(s: str) -> bool:
    depth = 0
    for t in placeholders.tags(s):
        depth += -1 if t.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


# -- export ------------------------------------------------------------------------------------
def _state12(entry: polib.POEntry) -> str | None:
    if not entry.msgstr:
        return None
    return "needs-review-translation" if "fuzzy" in entry.flags else "translated"


def _state21(entry: polib.POEntry) -> tuple[str, str | None]:
    if not entry.msgstr:
        return "initial", None
    if "fuzzy" in entry.flags:
        return "initial", "sppterm:fuzzy"
    return "translated", None


def export_xliff(
    po: polib.POFile, bulletin_id: str, original: str, version: str, matcher: ZhMatcher | None = None
) -> bytes:
    """The active PO entries of a bulletin as XLIFF ``version`` ("1.2" or "2.1"; "2.0" too)."""
    entries = [e for e in po if not e.obsolete and e.msgid]
    if version == "1.2":
        root = _xliff12(entries, original)
    elif version in ("2.0", "2.1"):
        root = _xliff2(entries, original, version, matcher)
    else:
        raise ValueError(f"unsupported XLIFF version {version}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def notes(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(text, category) of the notes a unit carries: the PO's comment (glossary hints, source
    anomalies) and the source a fuzzy translation was made for."""
    out = [(entry.comment, "sppterm")] if entry.comment else []
    if entry.previous_msgid:
        out.append((entry.previous_msgid, "sppterm-previous-source"))
    return out


def _xliff12(entries: list[polib.POEntry], original: str) -> etree._Element:
    """An XLIFF 1.2 document: one file, a header naming sppterm, one trans-unit per entry."""
    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12}, version="1.2")
    f = etree.SubElement(
        root,
        f"{{{NS12}}}file",
        # one attrib dict (not **{...}, which mypy matches against attrib and nsmap), same order
        {
            "original": original,
            "datatype": "plaintext",
            "source-language": "zh-CN",
            "target-language": "en",
        },
    )
    hdr = etree.SubElement(f, f"{{{NS12}}}header")
    etree.SubElement(hdr, f"{{{NS12}}}tool", {"tool-id": "sppterm", "tool-name": "sppterm"})
    body = etree.SubElement(f, f"{{{NS12}}}body")
    for e in entries:
        _trans_unit12(body, e)
    return root


def _trans_unit12(body: etree._Element, e: polib.POEntry) -> None:
    """A trans-unit: the source, its sentences as seg-source marks, the target with its state and
    again as the base (alt-trans) an import compares with, and the notes."""
    tu = etree.SubElement(body, f"{{{NS12}}}trans-unit", id=e.msgid)
    if "fuzzy" not in e.flags and e.msgstr:
        tu.set("approved", "yes")
    _fill(etree.SubElement(tu, f"{{{NS12}}}source"), e.msgid, "1.2")
    seg = etree.SubElement(tu, f"{{{NS12}}}seg-source")
    for k, sent in enumerate(_segments(e.msgid), start=1):
        _fill(etree.SubElement(seg, f"{{{NS12}}}mrk", mtype="seg", mid=str(k)), sent, "1.2")
    if e.msgstr:
        tgt = etree.SubElement(tu, f"{{{NS12}}}target", state=_state12(e) or "translated")
        _fill(tgt, e.msgstr, "1.2")
        alt = etree.SubElement(tu, f"{{{NS12}}}alt-trans", origin=BASE)
        _fill(etree.SubElement(alt, f"{{{NS12}}}target"), e.msgstr, "1.2")
    for text, who in notes(e):
        etree.SubElement(tu, f"{{{NS12}}}note", {"from": who}).text = text


def _xliff2(
    entries: list[polib.POEntry], original: str, version: str, matcher: ZhMatcher | None
) -> etree._Element:
    """An XLIFF 2.x document: one file, one unit per entry with its glossary entries (when a
    matcher is given), the base translation as metadata, the notes and one segment."""
    root = etree.Element(
        f"{{{NS20}}}xliff",
        nsmap={None: NS20, "gls": NS_GLS, "mda": NS_MDA},
        version=version,
        srcLang="zh-CN",
        trgLang="en",
    )
    f = etree.SubElement(root, f"{{{NS20}}}file", id="f1", original=original)
    for e in entries:
        unit = etree.SubElement(f, f"{{{NS20}}}unit", id=unit_id_21(e.msgid), name=e.msgid)
        hits = matcher.find(placeholders.strip(e.msgid)) if matcher else []
        if hits:
            _glossary21(unit, hits)
        if e.msgstr:
            md = etree.SubElement(unit, f"{{{NS_MDA}}}metadata")
            grp = etree.SubElement(md, f"{{{NS_MDA}}}metaGroup", category="sppterm")
            etree.SubElement(grp, f"{{{NS_MDA}}}meta", type=BASE).text = e.msgstr
        unit_notes = notes(e)
        if unit_notes:
            notes_el = etree.SubElement(unit, f"{{{NS20}}}notes")
            for text, cat in unit_notes:
                etree.SubElement(notes_el, f"{{{NS20}}}note", category=cat).text = text
        _segment21(unit, e)
    return root


def _glossary21(unit: etree._Element, hits: list[Hit]) -> None:
    """The unit's glossary module: one glossEntry per distinct (term, concept) found."""
    gls = etree.SubElement(unit, f"{{{NS_GLS}}}glossary")
    seen = set()
    for h in hits:
        if (h.text, h.concept.id) in seen:
            continue
        seen.add((h.text, h.concept.id))
        ge = etree.SubElement(gls, f"{{{NS_GLS}}}glossEntry", ref=f"#sppterm-concept={h.concept.id}")
        etree.SubElement(ge, f"{{{NS_GLS}}}term", source="sppterm glossary").text = h.text
        for form in h.concept.accepted_en():
            etree.SubElement(ge, f"{{{NS_GLS}}}translation", source="sppterm glossary").text = form
        note = h.concept.definition or h.concept.note
        if h.term.status is Status.DEPRECATED:
            note = f"deprecated Chinese variant of {h.concept.zh}. " + note
        if note:
            etree.SubElement(ge, f"{{{NS_GLS}}}definition").text = note.strip()


def _segment21(unit: etree._Element, e: polib.POEntry) -> None:
    """The unit's one segment: its state (a fuzzy translation is initial, sppterm:fuzzy), the
    source and the target."""
    state, sub = _state21(e)
    seg = etree.SubElement(unit, f"{{{NS20}}}segment", state=state)
    if sub:
        seg.set("subState", sub)
    _fill(etree.SubElement(seg, f"{{{NS20}}}source"), e.msgid, "2.1")
    if e.msgstr:
        _fill(etree.SubElement(seg, f"{{{NS20}}}target"), e.msgstr, "2.1")


# -- import ------------------------------------------------------------------------------------
@dataclass
class XliffUnit:
    id: str  # the id attribute
    key: str  # the unit key it names (1.2: the id itself; 2.x: the name attribute)
    target: str | None
    fuzzy: bool
    base: str | None
    line: int


@dataclass
class XliffImportReport:
    """What an XLIFF import did. Units in any list but ``updated`` were not merged (exit 1); the
    other units' updates are still applied, and no existing translation is ever replaced by an
    empty target or a copy of the source."""

    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    unknown: list[str] = field(default_factory=list)
    placeholder: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)  # empty target or a copy of the source
    invalid: list[str] = field(default_factory=list)  # text a PO file must not hold

    @property
    def problems(self) -> int:
        return len(self.messages())

    def messages(self) -> list[str]:
        """One ``file:line: unit …: why`` line per unit that was not merged."""
        return self.unknown + self.placeholder + self.conflicts + self.untranslated + self.invalid

    def summary(self) -> str:
        return (
            f"{len(self.updated)} updated, {self.unchanged} unchanged, {len(self.unknown)} unknown, "
            f"{len(self.placeholder)} placeholder mismatches, {len(self.conflicts)} conflicts, "
            f"{len(self.untranslated)} untranslated (empty or source copied), {len(self.invalid)} invalid"
        )


def read_xliff(path: str | Path) -> tuple[str, list[XliffUnit]]:
    """(version, units) of an XLIFF 1.2 or 2.x file, parsed safely."""
    tree = xmlsafe.parse(path)
    root = tree.getroot()
    ns = etree.QName(root).namespace
    units: list[XliffUnit] = []
    if ns == NS12:
        for tu in root.iter(f"{{{NS12}}}trans-unit"):
            tgt = tu.find(f"{{{NS12}}}target")
            alt = tu.find(f"{{{NS12}}}alt-trans[@origin='{BASE}']/{{{NS12}}}target")
            target = _text(tgt) if tgt is not None else None
            state = tgt.get("state") if tgt is not None else None
            fuzzy = state in (
                "needs-review-translation",
                "needs-adaptation",
                "needs-l10n",
                "needs-translation",
            )
            units.append(
                XliffUnit(
                    tu.get("id", ""),
                    tu.get("id", ""),
                    target,
                    fuzzy,
                    _text(alt) if alt is not None else None,
                    tu.sourceline or 0,
                )
            )
        return "1.2", units
    if ns == NS20:
        for unit in root.iter(f"{{{NS20}}}unit"):
            segs = unit.findall(f"{{{NS20}}}segment")
            tgts = [s.find(f"{{{NS20}}}target") for s in segs]
            target = (
                "".join(_text(t) for t in tgts if t is not None) if any(t is not None for t in tgts) else None
            )
            fuzzy = any(s.get("state", "initial") == "initial" for s in segs) and target is not None
            base_el = unit.find(f".//{{{NS_MDA}}}meta[@type='{BASE}']")
            units.append(
                XliffUnit(
                    unit.get("id", ""),
                    unit.get("name") or "",
                    target,
                    fuzzy,
                    base_el.text or "" if base_el is not None else None,
                    unit.sourceline or 0,
                )
            )
        return root.get("version", "2.0"), units
    raise InputError.at(str(path), root.sourceline, f"not an XLIFF document (namespace {ns!r})")


# Han ideographs: what a copy of the Chinese keeps.
_HAN = IDEOGRAPH
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _norm(text: str) -> str:
    """Compare-form: placeholders, whitespace and width/case differences removed."""
    text = unicodedata.normalize("NFKC", placeholders.strip(text)).casefold()
    return "".join(text.split())


def untranslated_target(source: str, target: str) -> str | None:
    """Why ``target`` is not an English translation of ``source`` (None when it may be one).

    CAT tools fill targets they were never given: OmegaT (Debian's 3.6) writes the source into
    untranslated ones, others leave them empty. A Chinese source's target that equals it
    (normalised) or that still carries the source's Han characters and no English word the
    source lacks is such a copy. An English source may legitimately be its own translation.
    """
    if not _norm(target):
        return "empty target"
    han_source = set(_HAN.findall(source))
    if not han_source:
        return None
    if _norm(target) == _norm(source):
        return "target is a copy of the Chinese source"
    han_target = _HAN.findall(target)
    if han_target and any(c in han_source for c in han_target):
        source_words = {w.casefold() for w in _LATIN_WORD.findall(unicodedata.normalize("NFKC", source))}
        english = [
            w
            for w in _LATIN_WORD.findall(unicodedata.normalize("NFKC", placeholders.strip(target)))
            if w.casefold() not in source_words
        ]
        if not english:
            return "target is still Chinese (the source's characters, no English)"
    return None


def import_into(po: polib.POFile, units: list[XliffUnit], path: str) -> XliffImportReport:
    """Merge XLIFF translations into ``po`` in place; report what could not be merged."""
    report = XliffImportReport()
    entries = {e.msgid: e for e in po if not e.obsolete}
    by_hash = {unit_id_21(k): e for k, e in entries.items()}
    for u in units:
        where = f"{path}:{u.line}: unit {u.id[:40]!r}"
        entry = entries.get(u.key) or by_hash.get(u.id)
        if entry is None:
            report.unknown.append(f"{where}: no such unit in the PO file (skipped)")
            continue
        if u.target is None:
            report.unchanged += 1
            continue
        if why := untranslated_target(entry.msgid, u.target):
            kept = "kept the PO's translation" if entry.msgstr else "left untranslated"
            report.untranslated.append(f"{where}: {why} ({kept})")
            continue
        # What the strict PO reader refuses (XML 1.0 admits CR as &#13;, DEL and C1).
        if bad := control_problem(u.target):
            report.invalid.append(f"{where}: {bad} in the target (skipped)")
            continue
        why = placeholders.problem(entry.msgid, u.target)
        if why:
            report.placeholder.append(f"{where}: {why} (skipped)")
            continue
        current = entry.msgstr
        same_state = ("fuzzy" in entry.flags) == u.fuzzy
        if u.target == current and same_state:
            report.unchanged += 1
            continue
        if current and u.base is not None and current != u.base and u.target not in (u.base, current):
            report.conflicts.append(
                f"{where}: translated differently in the PO and in the XLIFF since export (kept the PO's)"
            )
            continue
        if u.base is not None and u.target == u.base and current and current != u.base:
            report.unchanged += 1  # only the PO changed since export: keep it
            continue
        entry.msgstr = u.target
        if u.fuzzy:
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        else:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = None
        report.updated.append(entry.msgid)
    return report


def original_id(path: str | Path) -> str:
    """The bulletin id named by the XLIFF file's ``original`` attribute (source_zh/ID.md)."""
    root = xmlsafe.parse(path).getroot()
    for el in root.iter():
        original = el.get("original")
        if etree.QName(el).localname == "file" and original:
            return check_id(Path(original).stem, str(path), el.sourceline)
    raise InputError.at(str(path), root.sourceline, "no <file original=...>: give the bulletin with --id")
