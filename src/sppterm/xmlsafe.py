"""Parsing XML from outside: no DTD at all, so no entity expansion, no DTD loading, no network.

This is the only way input XML (XLIFF, TBX) may be parsed. A byte-level regex is not enough: the
same ``<!DOCTYPE`` saved as UTF-16 or UTF-32 has null bytes between its letters. So the file is
decoded first (BOM, null-byte pattern of ``<?``, then the declared encoding), the *decoded* text
is checked, and lxml is handed that very text re-encoded as UTF-8, so what was checked is what
is parsed. The parser is locked down as well and the parsed document is checked again.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from sppterm.errors import InputError


def parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


# (leading bytes, codec, BOM length). UTF-32 before UTF-16: FF FE 00 00 starts with FF FE.
_SIGNATURES: list[tuple[bytes, str, int]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le", 4),
    (codecs.BOM_UTF32_BE, "utf-32-be", 4),
    (codecs.BOM_UTF8, "utf-8", 3),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
    # No BOM: "<?" with the null bytes of its encoding (XML 1.0, appendix F).
    (b"<\0\0\0?\0\0\0", "utf-32-le", 0),
    (b"\0\0\0<\0\0\0?", "utf-32-be", 0),
    (b"<\0?\0", "utf-16-le", 0),
    (b"\0<\0?", "utf-16-be", 0),
]
_DECL = re.compile(r"""<\?xml\s[^>]*?\?>""")
_DECL_ENC = re.compile(rb"""^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.I)
_WIDE = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def _fail(path: str, line: int | None, message: str) -> InputError:
    return InputError.at(path, line, message)


def decode(data: bytes, path: str) -> str:
    """The document's text, by BOM, else the null-byte pattern, else the XML declaration."""
    codec, bom = next(((c, n) for sig, c, n in _SIGNATURES if data.startswith(sig)), ("", 0))
    if not codec:
        codec = "utf-8"
        m = _DECL_ENC.match(data)
        if m:
            try:
                codec = codecs.lookup(m.group(1).decode("ascii")).name
            except LookupError:
                raise _fail(path, 1, f"unknown encoding {m.group(1).decode('ascii')!r}") from None
            if codec in _WIDE:  # declared 16/32-bit, but "<?xml" was read as single bytes
                raise _fail(path, 1, f"declares encoding {m.group(1).decode()!r} but is not encoded so")
    try:
        return data[bom:].decode(codec)
    except UnicodeDecodeError as e:
        text = data[bom : bom + e.start].decode(codec, errors="replace")
        line = text.count("\n") + 1
        raise _fail(path, line, f"not valid {codec.upper()}: {e.reason}") from None
    except LookupError:  # a codec that is not a text encoding: encoding="rot13", "base64", ...
        raise _fail(path, 1, f"unknown encoding {codec!r}") from None
    except (UnicodeError, ValueError) as e:  # codecs such as punycode raise without a position
        raise _fail(path, 1, f"not valid {codec.upper()}: {e}") from None


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8 with its declaration saying so (same line count, so lines still match)."""
    m = _DECL.match(text)
    if m:
        decl = m.group(0)
        version = re.search(r"""\bversion\s*=\s*["']([0-9.]+)["']""", decl)
        new = f'<?xml version="{version.group(1) if version else "1.0"}" encoding="UTF-8"?>'
        text = new + "\n" * decl.count("\n") + text[m.end() :]
    return text.encode("utf-8")


def parse(path: str | Path) -> etree._ElementTree:
    """Parse an XML file safely. Any DTD (a ``<!DOCTYPE`` or ``<!ENTITY`` anywhere) is refused in
    whatever encoding, so neither external entities (XXE), external DTDs nor entity expansion
    (billion laughs) can happen; errors are ``file:line``."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise _fail(p, None, f"cannot read: {e.strerror}") from None
    text = decode(data, p)
    m = _DTD.search(text)
    if m:
        what = (
            "DOCTYPE with entity declarations"
            if m.group(1).upper() == "DOCTYPE" and _DTD.search(text, m.end())
            else "DOCTYPE"
            if m.group(1).upper() == "DOCTYPE"
            else "entity declaration"
        )
        line = text.count("\n", 0, m.start()) + 1
        raise _fail(p, line, f"{what} refused (no DTDs, external entities or entity expansion in input XML)")
    try:
        root = etree.fromstring(_utf8(text), parser())
    except etree.XMLSyntaxError as e:
        raise _fail(p, e.lineno or None, f"malformed XML: {e.msg}") from None
    tree = root.getroottree()
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise _fail(p, 1, "DOCTYPE refused: XML with a DTD is not accepted")
    for el in tree.iter():
        if isinstance(el, etree._Entity):
            raise _fail(p, el.sourceline, f"entity reference &{el.name}; refused")
    return tree
