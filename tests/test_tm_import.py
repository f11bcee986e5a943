"""``sppterm tm import``: legacy TMX from real producers seeds the project's memory; ``extract``
offers it as fuzzy suggestions with the origin recorded; hostile XML is refused.

Fixtures (tests/data/tmx/, see its README): ``po2tmx-2022-04.tmx`` written by translate-toolkit's
own po2tmx from target_en/po/2022-04.po, ``trados-studio.tmx`` and ``omegat-project_save.tmx``
laid out as Trados Studio (SDL Language Platform) and OmegaT 3.6 write them, and
``edge-cases.tmx`` (language tags, inline codes, units to skip). The po2tmx case is also run live.
"""

from __future__ import annotations

import ast
import codecs
import json
import re
import resource
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from translate.storage import tmx as tttmx

from sppterm.errors import InputError
from sppterm.units.extract import Unit, memory_suggestion, merge
from sppterm.units.memory import ImportedMemory, SeriesMemory
from sppterm.units.po import is_final, read_po
from sppterm.units.tmx_import import import_tmx, language, load_imported_memory, read_tmx, seg_text
from tests.conftest import ROOT
from tests.xmltrap import serve

DATA = Path(__file__).parent / "data" / "tmx"
SRC = ROOT / "src" / "sppterm"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def sppterm(root: Path, *args: str) -> Ran:
    """The command line in this process (click's runner): the real commands, without paying a
    Python start-up per call; the hostile-XML tests below run real child processes."""
    from click.testing import CliRunner

    from sppterm.cli import main

    r = CliRunner().invoke(main, ["--root", str(root), *args])
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Ran(r.exit_code, r.stdout, r.stderr)


# -- the fixtures, as each producer writes them ------------------------------------------------
@pytest.mark.parametrize(
    "name,tool,units,kept,skipped",
    [
        ("po2tmx-2022-04", "Translate Toolkit", 36, 36, {}),
        ("trados-studio", "SDL Language Platform", 16, 15, {"translating a source again": 1}),
        ("omegat-project_save", "OmegaT", 12, 11, {"translating a source again": 1}),
        (
            "edge-cases",
            "Handmade",
            17,
            8,
            {
                "in traditional Chinese only": 2,
                "without Chinese": 2,
                "without English": 1,
                "with an empty segment": 1,
                "with the source copied as translation": 1,
                "repeating an earlier unit": 1,
                "translating a source again": 1,
            },
        ),
    ],
)
def test_fixture_counts(name, tool, units, kept, skipped):
    read = read_tmx(DATA / f"{name}.tmx")
    assert (read.tool, read.units, len(read.entries)) == (tool, units, kept)
    assert {reason.split(" (")[0]: n for reason, n in read.skipped.items()} == skipped
    assert read.units == len(read.entries) + sum(read.skipped.values())


def test_edge_cases_languages_and_markup():
    entries = {e.source: (e.target, e.target_lang) for e in read_tmx(DATA / "edge-cases.tmx").entries}
    assert entries == {
        # zh-Hans/en-US, then the same source newer (changedate) with en-GB: the newer wins
        "可持续公共采购": ("sustainable public procurement (SPP)", "en-GB"),
        "生态标志": ("ecolabel", "en"),  # ZH-CN / EN
        "生命周期成本核算": ("life-cycle costing", "en-GB"),  # zh with en-US and en-GB: British
        "绿色公共采购": ("green public procurement", "en-GB"),  # zh_CN / en_GB, French ignored
        # bold (type="bold") and <em> pairs become placeholders; the footnote <ph> goes
        "请阅读<b>《塑料指南》</b>和<i>附件</i>。": (
            "Read the <b>plastics guidance</b> and its <i>annex</i>.",
            "en-GB",
        ),
        # link codes with a <sub>, <it>, <ut> dropped; <hi> keeps its text
        "访问网站了解更多信息。": ("Visit the website for more information.", "en-GB"),
        "采购指南": ("procurement guidance", "en-GB"),  # an unpaired bold code: words only
        "循环经济行动": ("circular economy action", "en"),  # white space collapsed, none in Chinese
    }


@pytest.mark.parametrize(
    "tag,kind",
    [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("ZH-CN", "zh"),
        ("zh_CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh-hans-SG", "zh"),
        ("zh-Hans-TW", "zh"),  # the script decides
        ("cmn-Hans-CN", "zh"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("en", "en"),
        ("en-GB", "en"),
        ("EN-US", "en"),
        ("en_GB", "en"),
        ("eng", None),
        ("fr-FR", None),
        ("", None),
        (None, None),
        ("*all*", None),
    ],
)
def test_language_tags(tag, kind):
    assert language(tag) == kind


def test_omegat_memory_uses_lang_and_tag_shortcuts():
    """OmegaT's level-1 memory: ``lang`` (not ``xml:lang``), dates on the target tuv, its tag
    shortcuts (<b0>…</b0>) as text; translate-toolkit alone finds no language there."""
    path = DATA / "omegat-project_save.tmx"
    read = read_tmx(path)
    bold = [e for e in read.entries if "<b>" in e.source]
    assert len(bold) == 1 and "<b>three environmental problems</b>" in bold[0].target
    assert all(e.target_lang == "en-GB" and dict(e.attrs)["changeid"] == "translator" for e in read.entries)
    # The alternative translation (older) lost to the default one.
    heading = next(e for e in read.entries if e.source == "高级别部长宣言强调十年方案框架的重要性")
    assert heading.target != "High-level ministerial declaration stresses the importance of the 10YFP"
    store = tttmx.tmxfile.parsefile(str(path))
    assert store.units[0].getlanguageNodes() and store.units[0].gettarget("en-GB") is None


def test_seg_text_without_seg_or_codes():
    from lxml import etree

    assert seg_text(None) == ""
    seg = etree.fromstring(
        "<seg>a <ph x='1'>{1}</ph>b<bpt i='9'>&lt;b&gt;</bpt>c<ept i='9'>&lt;/b&gt;</ept></seg>"
    )
    assert seg_text(seg) == "a b<b>c</b>"


# -- import: normalised, deterministic, idempotent ------------------------------------------------
def test_import_is_normalised_idempotent_and_read_by_translate_toolkit(project):
    src = DATA / "trados-studio.tmx"
    first = sppterm(project, "tm", "import", str(src))
    assert first.returncode == 0, first.stderr
    out = project / "memory" / "trados-studio.tmx"
    assert "memory/trados-studio.tmx: 15 of 16 translation units from trados-studio.tmx" in first.stdout
    assert first.stdout.rstrip().endswith("written")
    data = out.read_bytes()
    again = sppterm(project, "tm", "import", str(src))
    assert again.returncode == 0 and again.stdout.rstrip().endswith("unchanged")
    assert out.read_bytes() == data
    # The normalised copy re-imported onto itself is a fixed point, and --check agrees.
    assert sppterm(project, "tm", "import", str(out)).stdout.rstrip().endswith("unchanged")
    assert out.read_bytes() == data
    check = sppterm(project, "tm", "import", "--check", str(src))
    assert check.returncode == 0 and "up to date" in check.stdout
    # Deterministic: no clock, no absolute path; the producer and the file named in the header.
    text = data.decode()
    assert str(project) not in text and "lastusagedate" not in text and "x-Context" not in text
    assert '<prop type="x-sppterm-creationtool">SDL Language Platform</prop>' in text
    assert '<prop type="x-sppterm-original">trados-studio.tmx</prop>' in text
    assert text.count('<tu segtype="sentence"') == 15
    # translate-toolkit reads the copy with the languages we wrote.
    store = tttmx.tmxfile.parsefile(str(out))
    assert len(store.units) == 15
    assert store.units[0].gettarget("en-GB") == read_tmx(src).entries[0].target
    # An edited source file is OUT OF DATE for --check (exit 1), nothing written.
    edited = project / "trados-studio.tmx"
    edited.write_bytes(src.read_bytes().replace("区域路径".encode(), "区域途径".encode()))
    check = sppterm(project, "tm", "import", "--check", str(edited))
    assert check.returncode == 1 and "OUT OF DATE" in check.stdout
    assert out.read_bytes() == data


def test_import_round_trips_placeholders(tmp_path):
    """Bold and italic come back as placeholders from the normalised copy (as bpt/ept there)."""
    result = import_tmx(DATA / "edge-cases.tmx", tmp_path)
    text = result.path.read_text("utf-8")
    assert '<bpt i="1" type="bold">&lt;b&gt;</bpt>《塑料指南》<ept i="1">&lt;/b&gt;</ept>' in text
    assert [(e.source, e.target) for e in read_tmx(result.path).entries] == [
        (e.source, e.target) for e in result.read.entries
    ]


def test_memory_name(tmp_path):
    assert import_tmx(DATA / "edge-cases.tmx", tmp_path, "legacy").path == tmp_path / "legacy.tmx"
    assert import_tmx(DATA / "edge-cases.tmx", tmp_path, "旧记忆库.tmx").path.name == "旧记忆库.tmx"
    for bad in ("../x", "a/b", ".hidden", "", "a b"):
        with pytest.raises(InputError, match="cannot name a memory"):
            import_tmx(DATA / "edge-cases.tmx", tmp_path, bad)


# -- extract with the imported memory -------------------------------------------------------------
def _series_project(tmp_path: Path, without: str) -> Path:
    """The real project with its translations, minus one bulletin's PO file."""
    for d in ("glossary", "source_zh"):
        shutil.copytree(ROOT / d, tmp_path / d)
    shutil.copytree(ROOT / "target_en" / "po", tmp_path / "target_en" / "po")
    (tmp_path / "target_en" / "po" / f"{without}.po").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.sppterm]\nseeds = "../seeds"\n', "utf-8")
    return tmp_path


def _po2tmx(po_file: Path, out: Path) -> None:
    r = subprocess.run(
        [
            *(sys.executable, "-m", "translate.convert.po2tmx", "--progress=none"),
            *("-l", "en", "--source-language=zh-CN", str(po_file), str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and out.is_file(), r.stderr


def _suggestions(po: polib.POFile) -> dict[str, str]:
    """msgid → the imported-memory comment line of each unit that has one."""
    out = {}
    for e in po:
        line = next((x for x in e.comment.splitlines() if re.match(r"memory: .*\.tmx \(", x)), None)
        if line:
            out[e.msgid] = line
    return out


def test_po2tmx_export_of_a_bulletin_fills_a_fresh_project(tmp_path, capsys):
    """translate-toolkit's po2tmx on 2022-04.po, imported into a project without that PO file:
    every unit comes back, from the series where the series has it (final), else from the
    imported memory as a fuzzy suggestion, exact or fuzzy, with the origin recorded."""
    legacy = tmp_path / "po2tmx-2022-04.tmx"
    _po2tmx(ROOT / "target_en" / "po" / "2022-04.po", legacy)
    project = _series_project(tmp_path / "p", "2022-04")
    # One source sentence edited since the legacy translation was made: a fuzzy match.
    md = project / "source_zh" / "2022-04.md"
    md.write_text(md.read_text("utf-8").replace("正式获批启动", "正式获得批准并启动", 1), "utf-8")
    r = sppterm(project, "tm", "import", str(legacy))
    assert r.returncode == 0, r.stderr
    tus = len(tttmx.tmxfile.parsefile(str(legacy)).units)
    r = sppterm(project, "extract", "2022-04")
    assert r.returncode == 0, r.stderr
    po = read_po(project / "target_en" / "po" / "2022-04.po")
    original = {e.msgid: e.msgstr for e in read_po(ROOT / "target_en" / "po" / "2022-04.po") if is_final(e)}
    imported = _suggestions(po)
    series = [e for e in po if "memory: exact match from" in e.comment]
    exact = [k for k, line in imported.items() if line.endswith(", 100 %")]
    fuzzy = [k for k in imported if k not in exact]
    with capsys.disabled():
        print(
            f"\npo2tmx 2022-04: {tus} TUs; extract: {len(series)} from the series (final), "
            f"{len(exact)} exact and {len(fuzzy)} fuzzy from the imported memory; {r.stdout.strip()}"
        )
    assert len(series) + len(imported) == len(po) == tus
    assert all(is_final(e) for e in series)
    assert len(fuzzy) == 1 and "获得批准" in fuzzy[0]
    for e in po:
        if e.msgid in imported:
            assert "fuzzy" in e.flags and e.msgstr  # a suggestion, never final
            assert imported[e.msgid].startswith("memory: po2tmx-2022-04.tmx (Translate Toolkit), ")
            assert e.msgstr == original.get(e.msgid, e.msgstr)
            assert (e.previous_msgid is not None) == (e.msgid in fuzzy)
    assert f"; imported memory: {len(exact)} exact, 1 fuzzy (to review)" in r.stdout
    # Running extract again changes nothing; the suggestion's origin stays on record.
    again = sppterm(project, "extract", "--check")
    assert again.returncode == 0, again.stdout
    assert _suggestions(read_po(project / "target_en" / "po" / "2022-04.po")) == imported
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        m = subprocess.run(
            [msgfmt, "--check-format", "-o", str(tmp_path / "x.mo"), str(project / "target_en/po/2022-04.po")]
        )
        assert m.returncode == 0


def test_sentence_level_memories_fill_paragraphs(project, capsys):
    """Trados and OmegaT memories hold sentences; a paragraph whose every sentence matches gets
    them put together, scored by length (a changed number makes 99 %, not 100)."""
    for name in ("trados-studio", "omegat-project_save"):
        assert sppterm(project, "tm", "import", str(DATA / f"{name}.tmx")).returncode == 0
    r = sppterm(project, "extract")
    assert r.returncode == 0, r.stderr
    lines: list[str] = []
    for bid in ("2024-02", "2021-03"):
        po = read_po(project / "target_en" / "po" / f"{bid}.po")
        found = _suggestions(po)
        lines += found.values()
        assert all("fuzzy" in e.flags for e in po if e.msgid in found)
        assert not any(is_final(e) and e.msgid in found for e in po)
    by_sentence = [x for x in lines if "by sentence" in x]
    with capsys.disabled():
        print(
            f"\nTrados + OmegaT fixtures: {len(lines)} suggestions, {len(by_sentence)} put together by "
            f"sentence: " + "; ".join(sorted(set(re.sub(r"^memory: ", "", x) for x in lines)))
        )
    assert len(lines) == 16 and len(by_sentence) == 6
    assert "memory: trados-studio.tmx (SDL Language Platform), 99 % by sentence (3 sentences)" in lines
    assert "memory: omegat-project_save.tmx (OmegaT), 100 % by sentence (2 sentences)" in lines


def test_series_translations_come_first(project):
    po_file = project / "target_en" / "po" / "2021-03.po"
    po = read_po(po_file)
    heading = next(e for e in po if e.msgid == "同一个地球网络最新进展")
    heading.msgstr = "Latest from the One Planet network"
    from sppterm.units.po import po_text

    po_file.write_text(po_text(po), "utf-8")
    legacy = project / "legacy.tmx"
    legacy.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="X" srclang="zh-CN"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg>同一个地球网络最新进展</seg></tuv>'
        '<tuv xml:lang="en"><seg>One Planet network news</seg></tuv></tu></body></tmx>\n',
        "utf-8",
    )
    assert sppterm(project, "tm", "import", str(legacy)).returncode == 0
    assert sppterm(project, "extract").returncode == 0
    other = {e.msgid: e for e in read_po(project / "target_en" / "po" / "2022-04.po")}
    unit = other["同一个地球网络最新进展"]
    assert unit.msgstr == "Latest from the One Planet network" and is_final(unit)
    assert "memory: exact match from 2021-03" in unit.comment and "legacy.tmx" not in unit.comment


def test_ties_go_to_the_series_and_higher_scores_win():
    series = SeriesMemory([("可持续公共采购计划最新进展报告", "Latest SPP report", "2023")])
    imported = ImportedMemory([("可持续公共采购计划最新进展报告", "SPP report (legacy)", "old.tmx (X)")])
    key = "可持续公共采购计划最新进展通报"
    m, from_import = memory_suggestion(key, series, imported)
    assert (m.target, from_import) == ("Latest SPP report", False)  # same score: the series
    better = ImportedMemory([(key, "Latest SPP bulletin", "old.tmx (X)")])
    m, from_import = memory_suggestion(key, series, better)
    assert (m.target, m.score, from_import) == ("Latest SPP bulletin", 100.0, True)
    po, report = merge("x", [Unit(key, "article", [("a.md", 1)])], None, series, None, better)
    (entry,) = po
    assert entry.flags == ["fuzzy"] and entry.previous_msgid is None
    assert "memory: old.tmx (X), 100 %" in entry.comment.splitlines()
    assert (report.imported_exact, report.imported_fuzzy, report.fuzzy_memory) == (1, 0, 0)
    assert "imported memory: 1 exact" in report.summary()


def test_no_memory_folder_is_an_empty_memory(tmp_path):
    assert len(load_imported_memory(tmp_path / "memory")) == 0


# -- errors -----------------------------------------------------------------------------------------
def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "text,line,message",
    [
        (
            '<?xml version="1.0"?>\n<tmx version="1.4">\n<header/>\n<body>\n<tu>\n</body></tmx>',
            6,
            "malformed XML",
        ),
        (
            '<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>',
            2,
            "not TMX: the root element is <xliff>",
        ),
        ('<tmx version="1.4"><header/></tmx>', 1, "not TMX: no <body>"),
        (
            '<tmx version="1.4"><header/><body>\n<tu><tuv xml:lang="zh"><seg>&nbsp;</seg></tuv></tu></body></tmx>',
            2,
            "entity reference &nbsp; refused",
        ),
        (
            '<tmx version="1.4"><header/><body><tu><tuv xml:lang="fr"><seg>a</seg></tuv>'
            '<tuv xml:lang="de"><seg>b</seg></tuv></tu></body></tmx>',
            None,
            "no unit with both Chinese and English (languages found: de, fr)",
        ),
        ("\n\n<!DOCTYPE tmx>\n<!DOCTYPE tmx>\n<tmx/>", 4, "second DOCTYPE refused"),
        ('<tmx version="1.4"><header/><body/></tmx><!DOCTYPE tmx>', 1, "DOCTYPE refused"),
    ],
)
def test_malformed_tmx_is_exit_2_with_file_line_and_nothing_written(project, text, line, message):
    bad = project / "bad.tmx"
    bad.write_text(text, "utf-8")
    before = _snapshot(project)
    r = sppterm(project, "tm", "import", str(bad))
    assert r.returncode == 2, r.stdout + r.stderr
    where = f"{bad}:{line}: " if line else f"{bad}: "
    assert r.stderr.strip().startswith(where) and message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert _snapshot(project) == before


def test_extract_refuses_a_broken_memory_file(project):
    (project / "memory").mkdir()
    (project / "memory" / "broken.tmx").write_text('<tmx version="1.4"><header/><body>\n<tu>', "utf-8")
    before = _snapshot(project)
    r = sppterm(project, "extract")
    assert r.returncode == 2, r.stdout
    assert r.stderr.strip().startswith(f"{project / 'memory' / 'broken.tmx'}:2: malformed XML"), r.stderr
    assert _snapshot(project) == before


# -- hostile XML ------------------------------------------------------------------------------------
SECRET = "tmx-secret-9e1d"
MARKERS = (SECRET, "internal-expanded-3c9a", "external-dtd-loaded-77b0", "pe-expanded-a41f", "lollollol")
LAUGHS = "".join(
    ['<!ENTITY lol "lol">']
    + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
)
ENCODINGS = {
    "utf-8": ("UTF-8", lambda t: t.encode("utf-8")),
    "utf-8-bom": ("UTF-8", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    "utf-16-le-bom": ("UTF-16", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "utf-16-be-nobom": ("UTF-16BE", lambda t: t.encode("utf-16-be")),
    "utf-32-le-bom": ("UTF-32", lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le")),
}


def _payloads(secret: Path, dtd: Path, url: str) -> dict[str, tuple[str, str]]:
    """name → (DOCTYPE, entity reference in a segment and an attribute)."""
    return {
        "billion-laughs": (f"<!DOCTYPE tmx [{LAUGHS}]>", "&lol9;"),
        "xxe-file": (f'<!DOCTYPE tmx [<!ENTITY s SYSTEM "file://{secret}">]>', "&s;"),
        "xxe-http": (f'<!DOCTYPE tmx [<!ENTITY r SYSTEM "{url}/xxe">]>', "&r;"),
        "parameter-entities": (
            f'<!DOCTYPE tmx [<!ENTITY % rem SYSTEM "{url}/pe.dtd"> %rem;'
            "<!ENTITY % pe \"<!ENTITY leak 'pe-expanded-a41f'>\"> %pe;]>",
            "&leak;",
        ),
        "internal-entity": ('<!DOCTYPE tmx [<!ENTITY g "internal-expanded-3c9a">]>', "&g;"),
        # The bare DOCTYPE form TMX writers use, pointing at a DTD that defines the entity:
        # accepted as a form, never loaded, so the reference is undefined and refused.
        "external-dtd-file": (f'<!DOCTYPE tmx SYSTEM "file://{dtd}">', "&ext;"),
        "external-dtd-http": (f'<!DOCTYPE tmx PUBLIC "-//x//y" "{url}/ext.dtd">', "&ext;"),
        "other-root": (f'<!DOCTYPE x SYSTEM "file://{dtd}">', "&ext;"),
    }


PAYLOADS = list(_payloads(Path("s"), Path("d"), "u"))


def _tmx(declared: str, doctype: str, ref: str) -> str:
    return (
        f'<?xml version="1.0" encoding="{declared}"?>\n{doctype}\n'
        '<tmx version="1.4"><header creationtool="x" srclang="zh-CN"/><body>\n'
        f'<tu tuid="a{ref}"><tuv xml:lang="zh-CN"><seg>同一个地球网络最新进展{ref}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Latest from the One Planet network {ref}</seg></tuv></tu>\n'
        "</body></tmx>\n"
    )


HITS: list[str] = []  # every request the trap server received
_TRAP_BODIES = {"/xxe": SECRET.encode(), "/pe.dtd": b"<!ENTITY leak 'pe-expanded-a41f'>"}


@pytest.fixture(scope="module")
def trap() -> Iterator[str]:
    body = lambda path: _TRAP_BODIES.get(path, b'<!ENTITY ext "external-dtd-loaded-77b0">')  # noqa: E731
    with serve(body, HITS) as url:
        yield url


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))  # a bomb fails, not the machine


READ_ALL = """
import json, sys
from sppterm.errors import InputError
from sppterm.units.tmx_import import read_tmx
out = {}
for path in sys.argv[1:]:
    try:
        r = read_tmx(path)
        out[path] = {"accepted": [(e.source, e.target, e.attrs) for e in r.entries]}
    except InputError as e:
        out[path] = {"problems": [str(p) for p in e.problems]}
print(json.dumps(out))
"""


def test_hostile_tmx_is_refused_in_every_encoding(tmp_path, trap):
    """Every payload in every encoding, read in one child process under a 1 GB address-space
    limit: refused with file:line, nothing expanded, nothing fetched."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY ext "external-dtd-loaded-77b0">', "utf-8")
    table = _payloads(secret, dtd, trap)
    paths = []
    for payload, (doctype, ref) in table.items():
        for enc, (declared, encode) in ENCODINGS.items():
            path = tmp_path / f"{payload}.{enc}.tmx"
            path.write_bytes(encode(_tmx(declared, doctype, ref)))
            paths.append(path)
    HITS.clear()
    r = subprocess.run(
        [sys.executable, "-c", READ_ALL, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )
    assert r.returncode == 0, r.stderr
    results = json.loads(r.stdout)
    assert len(results) == len(PAYLOADS) * len(ENCODINGS)
    for path, result in results.items():
        assert "accepted" not in result, (path, result)
        (problem,) = result["problems"]
        assert problem.startswith(f"{path}:2: ") or problem.startswith(f"{path}:4: "), problem
        assert "refused" in problem, problem
        for marker in MARKERS:
            assert marker not in problem
    assert not HITS, f"network request made: {HITS}"


@pytest.mark.parametrize("enc", list(ENCODINGS))
def test_the_bare_doctype_tmx_writers_use_is_accepted_unread(tmp_path, trap, enc):
    declared, encode = ENCODINGS[enc]
    path = tmp_path / "ok.tmx"
    path.write_bytes(encode(_tmx(declared, f'<!DOCTYPE tmx SYSTEM "{trap}/tmx14.dtd">', "")))
    HITS.clear()
    read = read_tmx(path)
    assert [(e.source, e.target) for e in read.entries] == [
        ("同一个地球网络最新进展", "Latest from the One Planet network")
    ]
    assert not HITS


def test_cli_refuses_a_bomb_and_writes_nothing(project, tmp_path):
    bomb = tmp_path / "bomb.tmx"
    bomb.write_bytes(
        codecs.BOM_UTF16_LE + _tmx("UTF-16", f"<!DOCTYPE tmx [{LAUGHS}]>", "&lol9;").encode("utf-16-le")
    )
    before = _snapshot(project)
    r = subprocess.run(
        [sys.executable, "-m", "sppterm", "--root", str(project), "tm", "import", str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == f"{bomb}:2: entity declaration refused (TMX needs no DTD)"
    assert _snapshot(project) == before
    # The same file dropped into memory/ by hand: extract refuses it, PO files untouched.
    (project / "memory").mkdir()
    shutil.copy(bomb, project / "memory" / "bomb.tmx")
    before = _snapshot(project)
    r = subprocess.run(
        [sys.executable, "-m", "sppterm", "--root", str(project), "extract"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )
    assert r.returncode == 2 and "bomb.tmx:2: entity declaration refused" in r.stderr
    assert _snapshot(project) == before


# -- the export, its segtype, and the round trip -----------------------------------------------------
def test_export_declares_segtype_per_unit_and_imports_back(project, tmp_path):
    po_file = project / "target_en" / "po" / "2022-04.po"
    po = read_po(po_file)
    part = next(e for e in po if e.msgid.startswith("《2022年可持续公共采购全球述评》第一部分"))
    part.msgstr = (
        "Part 1 of the 2022 Global Review gives key insights into the state of sustainable "
        "procurement. It also makes recommendations to policymakers."
    )
    from sppterm.units.po import po_text

    po_file.write_text(po_text(po), "utf-8")
    out = tmp_path / "series.tmx"
    assert sppterm(project, "tm", "export", "-o", str(out)).returncode == 0
    text = out.read_text("utf-8")
    assert re.search(r'<header [^>]*segtype="sentence"', text)
    segtypes = re.findall(r'<tu segtype="(\w+)"', text)
    assert set(segtypes) == {"paragraph", "sentence"} and segtypes.count("sentence") == 2
    flat = tmp_path / "flat.tmx"
    assert sppterm(project, "tm", "export", "--no-sentences", "-o", str(flat)).returncode == 0
    flat_text = flat.read_text("utf-8")
    assert re.search(r'<header [^>]*segtype="paragraph"', flat_text) and 'segtype="sentence"' not in flat_text
    read = read_tmx(out)
    assert read.tool == "sppterm" and {e.segtype for e in read.entries} == {"paragraph", "sentence"}
    assert (part.msgid, part.msgstr) in {(e.source, e.target) for e in read.entries}


# -- dependencies honest (issue 12, point 7) ---------------------------------------------------------
def test_src_really_imports_translate_toolkit():
    """README and pyproject say sppterm is GPL-3.0-or-later because it imports translate-toolkit,
    a core dependency: the library must really import it (not only the tests)."""
    importers = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(n == "translate" or n.startswith("translate.") for n in names):
                importers.setdefault(path.relative_to(SRC).as_posix(), []).extend(names)
    assert "units/tmx_import.py" in importers, importers
    assert "translate.storage.tmx" in importers["units/tmx_import.py"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(re.match(r"translate-toolkit\b", d) for d in project["dependencies"])
    assert project["license"] == "GPL-3.0-or-later"
    licence = (ROOT / "README.md").read_text("utf-8").split("## Licence", 1)[1]
    assert "GPL-3.0-or-later" in licence and "translate-toolkit" in licence
    assert "translate.storage.tmx" in licence
