"""Parsing XML from outside: no entity expansion, no DTD loading, no network."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from sppterm.errors import InputError


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)


def parse(path: str | Path) -> etree._ElementTree:
    """Parse an XML file safely. A DOCTYPE declaring entities is refused before parsing, so
    neither external entities (XXE) nor entity expansion (billion laughs) can happen."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError.at(p, None, f"cannot read: {e.strerror}") from None
    doctype = _DOCTYPE.search(data)
    if doctype and _ENTITY.search(data, doctype.end()):
        line = data.count(b"\n", 0, doctype.start()) + 1
        raise InputError.at(
            p, line, "DOCTYPE with entity declarations refused (no external entities or entity expansion)"
        )
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser()))
    except etree.XMLSyntaxError as e:
        raise InputError.at(p, e.lineno or None, f"malformed XML: {e.msg}") from None
    for el in tree.iter():
        if isinstance(el, etree._Entity):
            raise InputError.at(p, el.sourceline, f"entity reference &{el.name}; refused")
    return tree
