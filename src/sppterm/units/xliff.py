"""XLIFF 1.2 and 2.1 exchange with CAT tools, merged back into the PO without losing work.

1.2: one ``trans-unit`` per PO entry, ``id`` = the unit key (the normalised Chinese text),
sentences as ``<seg-source><mrk mtype="seg">``, ``state`` from the PO flags, the translation
at export time kept as ``<alt-trans origin="sppterm-base">`` to detect conflicts on import.
2.1: ``unit/@id`` must be an NMTOKEN, so it is a hash of the key and ``@name`` is the key;
each unit carries its glossary entries in ``gls:glossary`` and the base in ``mda:metadata``, and
one segment, or (``segments="sentence"``) one per Chinese sentence, reassembled on import.
OmegaT's flavour of 1.2 (the Chinese in ``<target>``) is units/xliff_omegat.py.
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
from sppterm.en import sentences as en_sentences
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
    po: polib.POFile,
    bulletin_id: str,
    original: str,
    version: str,
    matcher: ZhMatcher | None = None,
    segments: str = "unit",
) -> bytes:
    """The active PO entries of a bulletin as XLIFF ``version`` ("1.2" or "2.1"; "2.0" too).
    ``segments="sentence"`` (2.x): one ``<segment>`` per Chinese sentence, see :func:`_segment21`."""
    entries = [e for e in po if not e.obsolete and e.msgid]
    if segments not in ("unit", "sentence"):
        raise ValueError(f"unsupported segmentation {segments}")
    if version == "1.2":
        if segments != "unit":
            raise ValueError("XLIFF 1.2 marks sentences in <seg-source>; sentence segments are 2.x")
        root = _xliff12(entries, original)
    elif version in ("2.0", "2.1"):
        root = _xliff2(entries, original, version, matcher, segments == "sentence")
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
    entries: list[polib.POEntry],
    original: str,
    version: str,
    matcher: ZhMatcher | None,
    by_sentence: bool = False,
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
        _segment21(unit, e, by_sentence)
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


def _segment21(unit: etree._Element, e: polib.POEntry, by_sentence: bool = False) -> None:
    """The unit's segments: one, or (``by_sentence``) one per Chinese sentence with the
    whitespace between sentences as ``<ignorable>``. Each has the unit's state (a fuzzy
    translation is initial, sppterm:fuzzy), its source and its part of the target. A translated
    unit is split only where its English splits into as many sentences and joins back to the
    very same text (:func:`join_targets`); otherwise it keeps one segment."""
    state, sub = _state21(e)
    pieces = sentence_pieces(e.msgid) if by_sentence else None
    targets: list[str] | None = None
    if pieces and e.msgstr:
        english = en_sentences(e.msgstr)
        seps = [separator(gap) for gap in _between(pieces)]
        n = sum(is_seg for is_seg, _ in pieces)
        if len(english) == n and all(map(_balanced, english)) and join_targets(english, seps) == e.msgstr:
            targets = english
        else:
            pieces = None
    if not pieces:
        pieces = [(True, e.msgid)]
        targets = [e.msgstr] if e.msgstr else None
    k = 0
    for is_seg, text in pieces:
        if not is_seg:
            ign = etree.SubElement(unit, f"{{{NS20}}}ignorable")
            etree.SubElement(ign, f"{{{NS20}}}source").text = text
            continue
        k += 1
        seg = etree.SubElement(unit, f"{{{NS20}}}segment", state=state)
        if len(pieces) > 1:
            seg.set("id", f"s{k}")
        if sub:
            seg.set("subState", sub)
        _fill(etree.SubElement(seg, f"{{{NS20}}}source"), text, "2.1")
        if targets:
            _fill(etree.SubElement(seg, f"{{{NS20}}}target"), targets[k - 1], "2.1")


def sentence_pieces(text: str) -> list[tuple[bool, str]] | None:
    """``text`` as (is_segment, piece): its Chinese sentences (zh.sentences, whole placeholder
    pairs only) and the whitespace around them, joining back to ``text``; None for one sentence."""
    parts = _segments(text)
    if len(parts) < 2:
        return None
    out: list[tuple[bool, str]] = []
    pos = 0
    for part in parts:
        at = text.find(part, pos)
        if at < 0 or text[pos:at].strip():
            return None
        if at > pos:
            out.append((False, text[pos:at]))
        out.append((True, part))
        pos = at + len(part)
    if pos < len(text):
        out.append((False, text[pos:]))
    return out if "".join(p for _, p in out) == text else None


def _between(pieces: list[tuple[bool, str]]) -> list[str]:
    """The whitespace between consecutive segments ("" where they abut): one per junction."""
    out: list[str] = []
    gap: str | None = None
    for is_seg, text in pieces:
        if is_seg:
            if gap is not None:
                out.append(gap)
            gap = ""
        elif gap is not None:
            gap += text
    return out


def separator(source_gap: str, target: str | None = None) -> str:
    """What joins two segments' English: an ignorable's own target, else a line break where the
    Chinese had one between the sentences, else a space."""
    if target is not None:
        return target
    return "\n" if "\n" in source_gap else " "


def join_targets(targets: list[str], separators: list[str]) -> str:
    """One English text from the targets of a unit's segments and the separators between them
    (a space where a separator is missing)."""
    out = targets[:1]
    for k, t in enumerate(targets[1:]):
        out += [separators[k] if k < len(separators) else " ", t]
    return "".join(out)


# -- import ------------------------------------------------------------------------------------
@dataclass
class XliffUnit:
    id: str  # the id attribute
    key: str  # the unit key it names (1.2: the id itself; 2.x: the name attribute)
    target: str | None
    fuzzy: bool
    base: str | None
    line: int
    partial: str | None = None  # sentence segments only partly translated: how many


@dataclass
class XliffImportReport:
    """What an XLIFF import did. Units in any list but ``updated`` were not merged (exit 1), but
    ``partial`` ones (sentence segments partly translated, into an untranslated PO entry), merged
    as fuzzy; the other units' updates are still applied, and no existing translation is ever
    replaced by an empty target, a copy of the source or a partial translation."""

    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    unknown: list[str] = field(default_factory=list)
    placeholder: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)  # empty target or a copy of the source
    invalid: list[str] = field(default_factory=list)  # text a PO file must not hold
    partial: list[str] = field(default_factory=list)  # sentence segments partly translated: fuzzy

    @property
    def problems(self) -> int:
        return len(self.messages())

    def messages(self) -> list[str]:
        """One ``file:line: unit …: why`` line per unit that was not merged or merged only as fuzzy."""
        return (
            self.unknown + self.placeholder + self.conflicts + self.untranslated + self.invalid + self.partial
        )

    def summary(self) -> str:
        return (
            f"{len(self.updated)} updated, {self.unchanged} unchanged, {len(self.unknown)} unknown, "
            f"{len(self.placeholder)} placeholder mismatches, {len(self.conflicts)} conflicts, "
            f"{len(self.untranslated)} untranslated (empty or source copied), {len(self.invalid)} invalid"
            + (f", {len(self.partial)} partly translated (fuzzy)" if self.partial else "")
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
            target, fuzzy, partial = _target21(unit)
            base_el = unit.find(f".//{{{NS_MDA}}}meta[@type='{BASE}']")
            units.append(
                XliffUnit(
                    unit.get("id", ""),
                    unit.get("name") or "",
                    target,
                    fuzzy,
                    base_el.text or "" if base_el is not None else None,
                    unit.sourceline or 0,
                    partial,
                )
            )
        return root.get("version", "2.0"), units
    raise InputError.at(str(path), root.sourceline, f"not an XLIFF document (namespace {ns!r})")


def _target21(unit: etree._Element) -> tuple[str | None, bool, str | None]:
    """(target, fuzzy, partial) of a 2.x unit. One segment: its target. Several (sentence
    segments): the paragraph reassembled (:func:`join_targets`, an ignorable's target or the
    Chinese whitespace between them deciding the separator); when only some segments carry an
    English target (none, an empty one or a copy of the Chinese), ``partial`` says how many, and
    the target is the English of those only."""
    segs: list[tuple[etree._Element, etree._Element | None]] = []
    gaps: list[tuple[str, str | None]] = []  # per junction: the ignorables' source, target
    gap_src, gap_tgt = "", None
    for child in unit:
        local = etree.QName(child).localname
        if local == "segment":
            if segs:
                gaps.append((gap_src, gap_tgt))
            segs.append((child, child.find(f"{{{NS20}}}target")))
            gap_src, gap_tgt = "", None
        elif local == "ignorable":
            src, tgt = child.find(f"{{{NS20}}}source"), child.find(f"{{{NS20}}}target")
            gap_src += _text(src) if src is not None else ""
            if tgt is not None:
                gap_tgt = (gap_tgt or "") + _text(tgt)
    if all(t is None for _, t in segs):
        return None, False, None
    fuzzy = any(seg.get("state", "initial") == "initial" for seg, _ in segs)
    if len(segs) == 1:
        return _text(segs[0][1]) if segs[0][1] is not None else None, fuzzy, None
    texts = [(_text(src) if (src := seg.find(f"{{{NS20}}}source")) is not None else "") for seg, _ in segs]
    targets = [_text(t) if t is not None else "" for _, t in segs]
    done = [k for k, t in enumerate(targets) if untranslated_target(texts[k], t) is None]
    seps = [separator(src, tgt) for src, tgt in gaps]
    if len(done) in (0, len(segs)):
        return join_targets(targets, seps), fuzzy, None
    english = join_targets([targets[k] for k in done], [" "] * (len(done) - 1))
    return english, True, f"only {len(done)} of {len(segs)} segments translated"


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
        if u.partial and entry.msgstr:
            report.untranslated.append(f"{where}: {u.partial} (kept the PO's translation)")
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
        if u.partial:
            report.partial.append(f"{where}: {u.partial} (merged as fuzzy)")
        entry.msgstr = u.target
        if u.fuzzy:
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        else:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = None
        report.updated.append(entry.msgid)
    return report


def merge_into_po(
    po_file: Path, units: list[XliffUnit], path: str, translator: str | None = None
) -> XliffImportReport:
    """:func:`import_into` on a PO file, under the PO lock from reading to writing; when units
    change, the header records the revision (:func:`sppterm.units.history.stamp_revision`)
    and the file is rewritten atomically, otherwise it is not touched."""
    from sppterm.textio import write_atomic
    from sppterm.units.history import stamp_revision
    from sppterm.units.lock import po_lock
    from sppterm.units.po import po_text, read_po

    with po_lock(po_file.parent):
        po = read_po(po_file)
        report = import_into(po, units, path)
        if report.updated:
            stamp_revision(po.metadata, translator)
            write_atomic(po_file, po_text(po))
    return report


def original_id(path: str | Path) -> str:
    """The bulletin id named by the XLIFF file's ``original`` attribute (source_zh/ID.md)."""
    root = xmlsafe.parse(path).getroot()
    for el in root.iter():
        original = el.get("original")
        if etree.QName(el).localname == "file" and original:
            return check_id(Path(original).stem, str(path), el.sourceline)
    raise InputError.at(str(path), root.sourceline, "no <file original=...>: give the bulletin with --id")
