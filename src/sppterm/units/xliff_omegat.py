"""The XLIFF 1.2 flavour OmegaT translates: the Chinese in ``<target>``, bold/italic as codes.

OmegaT's XLIFF filter (Debian's 3.6 as much as later ones) treats ``<source>``, ``<seg-source>``,
``<alt-trans>`` and ``<note>`` as fixed and offers the text of ``<target>`` for translation; a
unit without a ``<target>`` is not offered at all. So this flavour writes every unit's Chinese
twice, in ``<source>`` and in ``<target>``; OmegaT replaces the target with the translation and
leaves a copy of the Chinese where nothing was translated (the import refuses such copies:
``xliff.untranslated_target``). The PO's translation at export time is kept as the
``sppterm-base`` alt-trans, as in the standard export, so the import still sees conflicts.

Placeholders are written as ``<bpt>``/``<ept>`` whose native data is the placeholder itself
(``&lt;b&gt;``), the same codes as the paragraph entries of ``sppterm tm export``: OmegaT shows
both as ``<b0>…</b0>`` (with "TMX level 2" on), so units with bold text match the memory exactly.
The targets carry no ``state``: OmegaT never changes it, and what it writes is the translator's
confirmed text (or the memory's exact match), read back as a final translation.
"""

from __future__ import annotations

import polib
from lxml import etree

from sppterm.units.tmx import write_inline
from sppterm.units.xliff import BASE, NS12, notes


def export_omegat(po: polib.POFile, original: str) -> bytes:
    """The active PO entries as an XLIFF 1.2 file OmegaT translates from the Chinese."""
    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12}, version="1.2")
    f = etree.SubElement(
        root,
        f"{{{NS12}}}file",
        {"original": original, "datatype": "plaintext", "source-language": "zh-CN", "target-language": "en"},
    )
    hdr = etree.SubElement(f, f"{{{NS12}}}header")
    etree.SubElement(hdr, f"{{{NS12}}}tool", {"tool-id": "sppterm", "tool-name": "sppterm (OmegaT flavour)"})
    body = etree.SubElement(f, f"{{{NS12}}}body")
    for e in po:
        if e.obsolete or not e.msgid:
            continue
        tu = etree.SubElement(body, f"{{{NS12}}}trans-unit", id=e.msgid)
        fill_codes(etree.SubElement(tu, f"{{{NS12}}}source"), e.msgid)
        fill_codes(etree.SubElement(tu, f"{{{NS12}}}target"), e.msgid)
        if e.msgstr:
            alt = etree.SubElement(tu, f"{{{NS12}}}alt-trans", origin=BASE)
            fill_codes(etree.SubElement(alt, f"{{{NS12}}}target"), e.msgstr)
        extra = [(e.msgstr, "sppterm-draft")] if e.msgstr and "fuzzy" in e.flags else []
        for text, who in notes(e) + extra:
            etree.SubElement(tu, f"{{{NS12}}}note", {"from": who}).text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def fill_codes(parent: etree._Element, text: str) -> None:
    """``text`` into ``parent``, each placeholder an XLIFF 1.2 ``<bpt>``/``<ept>`` carrying the
    placeholder as its native data (the TMX writer's codes, renamed: i → id, type → ctype)."""
    tmp = etree.Element("seg")
    write_inline(tmp, text)
    parent.text = tmp.text
    for code in tmp:
        kind = etree.QName(code).localname  # bpt or ept
        attrs = {"id": code.get("i", "0")}
        if kind == "bpt":
            attrs["ctype"] = code.get("type", "x-unknown")
        el = etree.SubElement(parent, f"{{{NS12}}}{kind}", attrs)
        el.text, el.tail = code.text, code.tail
