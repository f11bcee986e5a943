"""TMX 1.4b: the export of the series memory (for OmegaT/Trados users) and the one TMX writer.

:func:`export_tmx` writes every final translation of the series as a paragraph-level unit (bold
and italic as ``<bpt>``/``<ept>`` codes, which OmegaT's TMX level 2 matches) and,
where a unit and its translation split into the same number of sentences, as sentence-level
units. Each ``<tu>`` says which it is (``segtype``); the header's ``segtype``, the default for a
``<tu>`` without one, is ``sentence`` when sentences are written (OmegaT, segmenting by sentence,
reads a ``paragraph`` header as "re-segment everything") and ``paragraph`` without them.

The writer is lxml, not translate-toolkit's ``tmxfile``: tmxfile's header is fixed
(``addheader`` sets creationtool "Translate Toolkit", ``o-tmf``, ``datatype``), a ``<prop>`` or a
``segtype`` on a ``<tu>`` would have to be set on its raw XML element anyway, and its output adds
a DOCTYPE that points at a DTD nobody loads. Reading is where translate-toolkit serves
(units/tmx_import.py); tests read this export back with it.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from sppterm import __version__, placeholders
from sppterm.align import sentence_pairs
from sppterm.patterns import XML_LANG
from sppterm.units.memory import memory_entries
from sppterm.units.po import load_po_dir

SEGTYPES = ("block", "paragraph", "sentence", "phrase")  # TMX 1.4b
_KIND = {"b": "bold", "i": "italic"}


def new_document(segtype: str, o_tmf: str) -> tuple[etree._Element, etree._Element]:
    """(root, body) of a TMX 1.4b document written by sppterm, source language zh-CN."""
    root = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "sppterm",
        "creationtoolversion": __version__,
        "segtype": segtype,
        "adminlang": "en",
        "srclang": "zh-CN",
        "datatype": "plaintext",
        "o-tmf": o_tmf,
    }
    etree.SubElement(root, "header", header)
    return root, etree.SubElement(root, "body")


def add_tu(
    body: etree._Element,
    pairs: list[tuple[str, str]],
    segtype: str,
    attrs: dict[str, str] | None = None,
    props: list[tuple[str, str]] | None = None,
    inline: bool = False,
) -> etree._Element:
    """Append a ``<tu>`` with one ``<tuv>`` per (language, text). ``inline``: placeholders
    (<b>…</b>, <i>…</i>) as paired ``<bpt>``/``<ept>`` codes; otherwise they are dropped."""
    el = etree.SubElement(body, "tu", {"segtype": segtype} | (attrs or {}))
    for kind, value in props or []:
        etree.SubElement(el, "prop", type=kind).text = value
    for lang, text in pairs:
        tuv = etree.SubElement(el, "tuv", {XML_LANG: lang})
        seg = etree.SubElement(tuv, "seg")
        if inline:
            write_inline(seg, text)
        else:
            seg.text = placeholders.strip(text)
    return el


def write_inline(seg: etree._Element, text: str) -> None:
    """``text`` into ``seg``, each placeholder as a TMX code carrying the tag as its native data
    (also the OmegaT XLIFF flavour's codes, units/xliff_omegat.py)."""
    last: etree._Element | None = None
    opened: list[tuple[str, str]] = []  # (tag name, i)
    n = 0
    for piece in placeholders.SPLIT.split(text):
        if not piece:
            continue
        if placeholders.TAG.fullmatch(piece):
            name = piece.strip("</>")
            if piece.startswith("</"):
                i = opened.pop()[1] if opened else "0"
                last = etree.SubElement(seg, "ept", i=i)
            else:
                n += 1
                opened.append((name, str(n)))
                last = etree.SubElement(seg, "bpt", i=str(n), type=_KIND[name])
            last.text = piece
        elif last is None:
            seg.text = (seg.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_tmx(po_dir: Path, sentences: bool = True) -> bytes:
    root, body = new_document("sentence" if sentences else "paragraph", "PO")
    for src, tgt, origin in memory_entries(load_po_dir(po_dir)):
        prop = [("x-bulletin", origin)]
        # inline codes: OmegaT (TMX level 2) then matches units with bold text exactly
        add_tu(body, [("zh-CN", src), ("en", tgt)], "paragraph", props=prop, inline=True)
        if sentences:
            for zs, es in sentence_pairs(src, tgt):
                add_tu(body, [("zh-CN", zs), ("en", es)], "sentence", props=prop)
    return serialise(root)
