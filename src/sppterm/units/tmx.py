"""TMX 1.4b export of the series memory, block- and sentence-level, for OmegaT/Trados users."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from sppterm import __version__, placeholders
from sppterm.align import sentence_pairs
from sppterm.patterns import XML_LANG
from sppterm.units.memory import memory_entries
from sppterm.units.po import load_po_dir


def export_tmx(po_dir: Path, sentences: bool = True) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="sppterm",
        creationtoolversion=__version__,
        segtype="paragraph",
        adminlang="en",
        srclang="zh-CN",
        datatype="plaintext",
        **{"o-tmf": "PO"},
    )
    body = etree.SubElement(root, "body")

    def tu(src: str, tgt: str, origin: str, segtype: str) -> None:
        el = etree.SubElement(body, "tu", segtype=segtype)
        etree.SubElement(el, "prop", type="x-bulletin").text = origin
        for lang, text in (("zh-CN", src), ("en", tgt)):
            tuv = etree.SubElement(el, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = placeholders.strip(text)

    for src, tgt, origin in memory_entries(load_po_dir(po_dir)):
        tu(src, tgt, origin, "block")
        if sentences:
            for zs, es in sentence_pairs(src, tgt):
                tu(zs, es, origin, "sentence")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
