"""TMX from other tools into the project's imported memory, ``memory/NAME.tmx``.

A team's legacy translations come as TMX: OmegaT's project memory, a Trados Studio export,
translate-toolkit's ``po2tmx``, sppterm's own ``tm export``. :func:`import_tmx` reads one, keeps
its Chinese–English pairs and writes them, normalised, to ``memory/NAME.tmx``: one ``<tu>`` per
Chinese source in the order of the file, the text without foreign inline codes, the producer
named in the header, no timestamps of ours. The same input always gives the same bytes, so a
re-import changes nothing and a new version of the legacy memory is a readable diff.
``extract`` reads every ``memory/*.tmx`` with the same reader (:func:`load_imported_memory`) and
offers what matches as fuzzy suggestions, never as final translations (units/extract.py).

**Hardening.** The bytes are decoded by :func:`sppterm.xmlsafe.decode` (BOM, UTF-16/32 by their
null bytes, the declared encoding) and the decoded *text* is checked before any parser sees it.
TMX writers put a bare ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` in front (translate-toolkit's
po2tmx, OmegaT; the TMX notes call it recommended, not required), so that one form, a DOCTYPE
with an external identifier and nothing else, is accepted and blanked out: no DTD is ever read.
An internal subset, any ``<!ENTITY``, a DOCTYPE for another root or after the root is refused.
The checked text, with no DTD left, is re-encoded as UTF-8 (line numbers unchanged) and only
then handed to translate-toolkit's :class:`translate.storage.tmx.tmxfile`, whose parser resolves
no entities and touches no network either. An entity reference that survives can only be
undefined, a well-formedness error, and is refused with its line.

**Reading.** translate-toolkit's store gives the units (``tmxunit``) and their language nodes;
sppterm picks the languages itself, because tmxfile matches only ``xml:lang`` while TMX 1.1
(OmegaT's ``project_save.tmx``) writes ``lang``, and takes the text of ``<seg>`` itself, because
translate-toolkit's text includes the native codes inside ``<bpt>``/``<ept>``/``<ph>``. Language
tags are BCP 47, matched case-insensitively by prefix: ``zh``, ``zh-CN``, ``zh-Hans``, ``ZH-CN``
(not ``zh-TW``/``zh-HK``/``zh-Hant``: traditional characters never match these bulletins) and
``en``, ``en-GB``, ``en-US``; ``srclang="*all*"`` or a wrong ``srclang`` does not matter, the
tags do. Inline codes: ``<ph>``, ``<it>``, ``<ut>`` and unrecognised ``<bpt>``/``<ept>`` pairs
are dropped with their native data, a bold or italic pair (``type="bold"``/``"italic"``, or native
``<b>``, ``<strong>``, ``<i>``, ``<em>``) becomes sppterm's placeholder ``<b>…</b>``/``<i>…</i>``,
``<hi>`` keeps its text. A unit without both languages, with an empty side or with a "translation"
that is a copy of the source is skipped and counted; of two units with one source, the newer
(``changedate``, else ``creationdate``) wins, the earlier on a tie.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage.tmx import tmxfile

from sppterm import placeholders, xmlsafe
from sppterm.errors import InputError
from sppterm.patterns import XML_LANG
from sppterm.textio import write_atomic_bytes
from sppterm.units.memory import ImportedMemory
from sppterm.units.tmx import SEGTYPES, add_tu, new_document, serialise
from sppterm.zh import despace, normalise

MEMORY_DIR = "memory"  # beside pyproject.toml: the project's imported memories
_KEPT_ATTRS = ("tuid", "creationdate", "creationid", "changedate", "changeid")
_PROP = "x-sppterm-"  # header props of a normalised file: where its units came from

# -- checking the text before it is parsed ----------------------------------------------------
_DECL = re.compile(r"<\?xml\s[^>]*?\?>")
_LITERAL = r"""(?:"[^"]*"|'[^']*')"""
_EXTERNAL_ID = rf"(?:SYSTEM\s+{_LITERAL}|PUBLIC\s+{_LITERAL}\s+{_LITERAL})"
_BARE_DOCTYPE = re.compile(rf"<!DOCTYPE\s+tmx(?:\s+{_EXTERNAL_ID})?\s*>")
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_ELEMENT = re.compile(r"<[^?!]")
_UNDEFINED = re.compile(r"Entity '([^']+)' not defined")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def checked_bytes(data: bytes, path: str) -> bytes:
    """The document as UTF-8 with no DTD in it, lines where they were; refuses what is not safe."""
    text = xmlsafe.decode(data, path)
    if m := _ENTITY_DECL.search(text):
        raise InputError.at(path, _line(text, m.start()), "entity declaration refused (TMX needs no DTD)")
    doctypes = list(_DOCTYPE.finditer(text))
    if len(doctypes) > 1:
        raise InputError.at(path, _line(text, doctypes[1].start()), "second DOCTYPE refused")
    if doctypes:
        start = doctypes[0].start()
        bare = _BARE_DOCTYPE.match(text, start)
        if bare is None or _ELEMENT.search(text, 0, start):
            raise InputError.at(
                path,
                _line(text, start),
                'DOCTYPE refused: only <!DOCTYPE tmx SYSTEM "…"> before the root is accepted, '
                "and never loaded (no internal subset, entities or DTDs in input XML)",
            )
        text = text[:start] + "\n" * bare.group().count("\n") + text[bare.end() :]
    if decl := _DECL.match(text):  # the text is UTF-8 now, whatever the declaration said
        text = "\n" * decl.group().count("\n") + text[decl.end() :]
    return text.encode("utf-8")


def parse_store(data: bytes, path: str) -> tmxfile:
    """translate-toolkit's TMX store of the checked document; errors are ``file:line``."""
    checked = checked_bytes(data, path)
    try:
        store = tmxfile.parsestring(checked)
    except etree.XMLSyntaxError as e:
        if m := _UNDEFINED.search(e.msg or ""):
            message = f"entity reference &{m.group(1)}; refused (no DTD is loaded, so no entity is defined)"
            raise InputError.at(path, e.lineno or None, message) from None
        raise InputError.at(path, e.lineno or None, f"malformed XML: {e.msg}") from None
    except AssertionError:  # tmxfile asserts the root element; name it (the error path only)
        root = etree.fromstring(checked, xmlsafe.parser())
        name = etree.QName(root).localname
        raise InputError.at(path, root.sourceline, f"not TMX: the root element is <{name}>") from None
    root = store.document.getroot()
    if root.tag != "tmx":  # (python -O drops tmxfile's assert)
        name = etree.QName(root).localname
        raise InputError.at(path, root.sourceline, f"not TMX: the root element is <{name}>")
    if store.body is None:
        raise InputError.at(path, root.sourceline, "not TMX: no <body>")
    info = store.document.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError.at(path, 1, "DOCTYPE refused")
    for el in store.document.iter():
        if isinstance(el, etree._Entity):
            raise InputError.at(path, el.sourceline, f"entity reference &{el.name}; refused")
    return store


# -- languages and text ------------------------------------------------------------------------
def language(tag: str | None) -> str | None:
    """``zh`` (Simplified Chinese), ``zh-Hant`` (traditional), ``en`` or None, for a BCP 47 tag
    compared case-insensitively (``ZH-CN``, ``zh_CN``, ``zh-Hans-SG``, ``en-GB``)."""
    parts = (tag or "").strip().replace("_", "-").lower().split("-")
    if parts[0] in ("zh", "cmn"):
        rest = parts[1:]
        if "hans" in rest:
            return "zh"
        return "zh-Hant" if any(p in ("hant", "tw", "hk", "mo") for p in rest) else "zh"
    return "en" if parts[0] == "en" else None


def _lang_of(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _is_gb(tag: str) -> bool:
    return tag.replace("_", "-").lower().startswith("en-gb")


def bcp47_case(tag: str) -> str:
    """``ZH-CN`` → ``zh-CN``, ``en-gb`` → ``en-GB``, ``zh-hans`` → ``zh-Hans``."""
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p.lower())
    return "-".join(out)


_BOLD = re.compile(r"<\s*(?:b|strong)(?:\s[^>]*)?>", re.I)
_ITALIC = re.compile(r"<\s*(?:i|em)(?:\s[^>]*)?>", re.I)
_CODES = ("ph", "it", "ut")


def _placeholder(bpt: etree._Element) -> str | None:
    kind = (bpt.get("type") or "").lower()
    native = "".join(bpt.itertext()).strip()
    if kind in ("bold", "b", "strong") or _BOLD.fullmatch(native):
        return "b"
    if kind in ("italic", "i", "em") or _ITALIC.fullmatch(native):
        return "i"
    return None


# OmegaT's tag shortcuts (<b0>, </b0>, <br1/>, <f2>), written as text in its level-1 memories.
_OMEGAT_TAG = re.compile(r"<(/?)([^\s/\d<>]+)\d+(/?)>")


def _omegat_tag(m: re.Match[str]) -> str:
    name = {"b": "b", "i": "i"}.get(m.group(2))
    return f"<{m.group(1)}{name}>" if name and not m.group(3) else ""


def seg_text(seg: etree._Element | None, omegat: bool = False) -> str:
    """The text of a ``<seg>``: foreign codes dropped, bold and italic as placeholders, white
    space collapsed as in a unit key. ``omegat``: also OmegaT's tag shortcuts in the text."""
    if seg is None:
        return ""
    out = [seg.text or ""]
    opened: dict[str, str] = {}  # bpt i → placeholder name

    def walk(el: etree._Element) -> None:
        for child in el:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name == "bpt":
                if kind := _placeholder(child):
                    opened[child.get("i", "")] = kind
                    out.append(f"<{kind}>")
            elif name == "ept":
                if kind := opened.pop(child.get("i", ""), ""):
                    out.append(f"</{kind}>")
            elif name and name not in _CODES:  # <hi>, <sub> outside a code, anything else
                out.append(child.text or "")
                walk(child)
            out.append(child.tail or "")

    walk(seg)
    text = "".join(out)
    text = normalise(_OMEGAT_TAG.sub(_omegat_tag, text) if omegat else text)
    if placeholders.problem(text, text):  # an unpaired code: keep the words only
        text = normalise(placeholders.strip(text))
    return text


# -- reading -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TmxEntry:
    source: str
    target: str
    target_lang: str  # as BCP 47 (en, en-GB, ...)
    segtype: str
    attrs: tuple[tuple[str, str], ...]  # tuid and the dates, as the producer wrote them
    line: int


@dataclass
class TmxRead:
    path: str
    tool: str  # the tool that wrote the memory (creationtool), through a normalised copy too
    tool_version: str
    o_tmf: str
    segtype: str  # the header's default
    original: str  # the file name the memory was imported from
    units: int = 0
    entries: list[TmxEntry] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    first_line: dict[str, int] = field(default_factory=dict)  # reason → first unit skipped so
    languages: Counter[str] = field(default_factory=Counter)  # language tags seen

    def skip(self, reason: str, line: int) -> None:
        self.skipped[reason] += 1
        self.first_line.setdefault(reason, line)

    def skipped_text(self) -> str:
        return ", ".join(
            f"{n} {reason} (first at line {self.first_line[reason]})"
            for reason, n in sorted(self.skipped.items(), key=lambda kv: self.first_line[kv[0]])
        )


def _header(store: tmxfile) -> tuple[etree._Element | None, dict[str, str]]:
    header = store.document.getroot().find("header")
    props = {}
    if header is not None:
        for p in header.iterchildren("prop"):
            if (p.get("type") or "").startswith(_PROP):
                props[p.get("type", "")[len(_PROP) :]] = p.text or ""
    return header, props


def read_tmx(path: str | Path) -> TmxRead:
    """The Chinese–English pairs of a TMX file, with what was skipped and why."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError.at(p, None, f"cannot read: {e.strerror}") from None
    store = parse_store(data, p)
    header, props = _header(store)
    attr = dict(header.attrib) if header is not None else {}
    ours = "creationtool" in props  # a normalised copy: the producer is in its props
    read = TmxRead(
        path=p,
        tool=(props["creationtool"] if ours else attr.get("creationtool")) or "unknown tool",
        tool_version=props.get("creationtoolversion", "") if ours else attr.get("creationtoolversion", ""),
        o_tmf=attr.get("o-tmf") or "unknown",
        segtype=attr["segtype"] if attr.get("segtype") in SEGTYPES else "sentence",
        original=props.get("original") or Path(path).name,
    )
    chosen: dict[str, int] = {}  # source → index in read.entries
    for unit in store.units:
        read.units += 1
        _read_unit(read, unit.xmlelement, unit.getlanguageNodes(), chosen)
    return read


def _read_unit(read: TmxRead, tu: etree._Element, tuvs: list, chosen: dict[str, int]) -> None:
    line = tu.sourceline or 0
    zh = en = None
    traditional = False
    for tuv in tuvs:
        tag = _lang_of(tuv)
        read.languages[bcp47_case(tag) if tag else "(none)"] += 1
        kind = language(tag)
        if kind == "zh" and zh is None:
            zh = tuv
        elif kind == "en" and (en is None or (_is_gb(tag) and not _is_gb(_lang_of(en)))):
            en = tuv  # the first English, or the first British one: the series writes British English
        traditional |= kind == "zh-Hant"
    if zh is None:
        read.skip("in traditional Chinese only" if traditional else "without Chinese", line)
        return
    if en is None:
        read.skip("without English", line)
        return
    omegat = "omegat" in read.tool.lower()
    source = despace(seg_text(zh.find("seg"), omegat))  # no space between Chinese characters
    target = seg_text(en.find("seg"), omegat)
    if not source or not target:
        read.skip("with an empty segment", line)
        return
    if target == source:
        read.skip("with the source copied as translation", line)
        return
    declared = tu.get("segtype") or ""
    segtype = declared if declared in SEGTYPES else read.segtype
    attrs = tuple((a, v) for a in _KEPT_ATTRS if (v := tu.get(a) or en.get(a) or ""))
    entry = TmxEntry(source, target, bcp47_case(_lang_of(en)), segtype, attrs, line)
    at = chosen.get(source)
    if at is None:
        chosen[source] = len(read.entries)
        read.entries.append(entry)
        return
    old = read.entries[at]
    if old.target == entry.target:
        read.skip("repeating an earlier unit", line)
        return
    read.skip("translating a source again (kept: the one changed last, else the first)", line)
    if _date(entry) > _date(old):
        read.entries[at] = entry


def _date(e: TmxEntry) -> str:
    attrs = dict(e.attrs)
    return attrs.get("changedate") or attrs.get("creationdate") or ""  # YYYYMMDDThhmmssZ sorts


# -- the normalised copy in memory/ ---------------------------------------------------------------
def normalised(read: TmxRead) -> bytes:
    """The imported memory as sppterm keeps it: deterministic, diffable TMX 1.4b."""
    root, body = new_document(read.segtype, read.o_tmf)
    header = root[0]
    for key, value in (
        ("original", read.original),
        ("creationtool", read.tool),
        ("creationtoolversion", read.tool_version),
    ):
        if value:
            etree.SubElement(header, "prop", type=_PROP + key).text = value
    for e in read.entries:
        pairs = [("zh-CN", e.source), (e.target_lang, e.target)]
        add_tu(body, pairs, e.segtype, attrs=dict(e.attrs), inline=True)
    return serialise(root)


_NAME = re.compile(r"[^\W_][\w.-]*")


def memory_name(file: Path, name: str | None) -> str:
    """``NAME`` of ``memory/NAME.tmx``: the given name or the file's, a plain file name."""
    chosen = file.name if name is None else name
    chosen = chosen[:-4] if chosen.lower().endswith(".tmx") else chosen
    if not _NAME.fullmatch(chosen) or len(chosen) > 100:
        where = str(file) if name is None else "--name"
        raise InputError.at(
            where, None, f"{chosen!r} cannot name a memory: letters, digits, '.', '-', '_' (use --name)"
        )
    return chosen


@dataclass
class Imported:
    path: Path  # memory/NAME.tmx
    read: TmxRead
    changed: bool

    def summary(self) -> str:
        r = self.read
        text = f"{len(r.entries)} of {r.units} translation units from {r.original} ({r.tool})"
        return text + (f"; skipped {r.skipped_text()}" if r.skipped else "")


def import_tmx(file: Path, memory_dir: Path, name: str | None = None, write: bool = True) -> Imported:
    """Read ``file`` and write its normalised pairs to ``memory_dir/NAME.tmx`` (atomically, only
    if they differ). Nothing is written when the file is refused or holds no usable pair."""
    out = Path(memory_dir) / f"{memory_name(file, name)}.tmx"
    read = read_tmx(file)
    if not read.entries:
        seen = ", ".join(sorted(read.languages)) or "none"
        raise InputError.at(
            str(file), None, f"no unit with both Chinese and English (languages found: {seen})"
        )
    data = normalised(read)
    changed = not (out.is_file() and out.read_bytes() == data)
    if write and changed:
        write_atomic_bytes(out, data)
    return Imported(out, read, changed)


def load_imported_memory(memory_dir: Path) -> ImportedMemory:
    """Every ``memory/*.tmx``, files in name order, each unit's origin ``NAME.tmx (tool)``; the
    first file holding a source wins. An absent folder is an empty memory."""
    entries: list[tuple[str, str, str]] = []
    for path in sorted(Path(memory_dir).glob("*.tmx")) if Path(memory_dir).is_dir() else []:
        read = read_tmx(path)
        origin = f"{path.name} ({read.tool})"
        entries += [(e.source, e.target, origin) for e in read.entries]
    return ImportedMemory(entries)
