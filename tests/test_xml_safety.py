"""XML from outside cannot carry a DTD in any encoding: XXE, external DTDs, parameter entities,
billion laughs and plain internal entities are refused by xmlsafe.parse and by the real CLI
(XLIFF and TBX import) with exit 2, one ``file:line`` message, nothing written, nothing leaked.

Every hostile document is parsed in a child process under a 2 GB address-space limit, so a
regression that expands a bomb fails the test instead of eating the machine."""

from __future__ import annotations

import codecs
import json
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.xmltrap import serve

MEMORY_LIMIT = 2 * 1024**3

# What each payload would smuggle in if it worked; none may appear in any output or file.
SECRET = "xxe-secret-c0ffee"
MARKERS = (SECRET, "internal-expanded-7f3a", "pe-expanded-4b2e", "external-dtd-loaded-5d6f", "lollollol")

LAUGHS = "".join(
    ['<!ENTITY lol "lol">']
    + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
)


def payloads(secret: Path, dtd: Path, url: str) -> dict[str, tuple[str, str]]:
    """name -> (DOCTYPE, entity reference placed in an attribute that reaches the output)."""
    return {
        "xxe-file": (f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>', "&s;"),
        "xxe-http": (f'<!DOCTYPE x [<!ENTITY r SYSTEM "{url}/xxe">]>', "&r;"),
        "parameter-entities": (
            f'<!DOCTYPE x [<!ENTITY % rem SYSTEM "{url}/pe.dtd"> %rem;'
            "<!ENTITY % pe \"<!ENTITY leak 'pe-expanded-4b2e'>\"> %pe;]>",
            "&leak;",
        ),
        "billion-laughs": (f"<!DOCTYPE x [{LAUGHS}]>", "&lol9;"),
        "external-dtd": (f'<!DOCTYPE x SYSTEM "file://{dtd}">', "&ext;"),
        "internal-entity": ('<!DOCTYPE x [<!ENTITY g "internal-expanded-7f3a">]>', "&g;"),
    }


PAYLOADS = list(payloads(Path("s"), Path("d"), "u"))


def _bom(bom: bytes, codec: str) -> Callable[[str], bytes]:
    return lambda text: bom + text.encode(codec)


# name -> (encoding declared, text -> bytes)
ENCODINGS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "utf-8": ("UTF-8", _bom(b"", "utf-8")),
    "utf-8-bom": ("UTF-8", _bom(codecs.BOM_UTF8, "utf-8")),
    "utf-16-le-bom": ("UTF-16", _bom(codecs.BOM_UTF16_LE, "utf-16-le")),
    "utf-16-be-bom": ("UTF-16", _bom(codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32-le-bom": ("UTF-32", _bom(codecs.BOM_UTF32_LE, "utf-32-le")),
    "utf-32-be-bom": ("UTF-32", _bom(codecs.BOM_UTF32_BE, "utf-32-be")),
    "utf-16-le-nobom": ("UTF-16LE", _bom(b"", "utf-16-le")),
    "utf-16-be-nobom": ("UTF-16BE", _bom(b"", "utf-16-be")),
}

CASES = [(p, e) for p in PAYLOADS for e in ENCODINGS]


def xliff(enc: str, doctype: str = "", ref: str = "") -> str:
    """XLIFF 1.2 for 2022-04; ``ref`` as a unit id, which import reports as unknown. Attributes,
    because an entity in an attribute is expanded even without resolve_entities (no entity node)."""
    extra = f'<trans-unit id="{ref}"><source>x</source><target>y</target></trans-unit>' if ref else ""
    return (
        f'<?xml version="1.0" encoding="{enc}"?>\n{doctype}\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '<file original="source_zh/2022-04.md" source-language="zh-CN" target-language="en" '
        'datatype="plaintext"><body>\n'
        '<trans-unit id="同一个地球网络最新进展"><source>同一个地球网络最新进展</source>'
        f"<target>Latest from the One Planet network</target></trans-unit>\n{extra}\n"
        "</body></file></xliff>\n"
    )


def tbx(enc: str, doctype: str = "", ref: str = "") -> str:
    """TBX-Basic with one new concept; ``ref`` in the concept id, which is written to the YAML."""
    status = '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>'
    return (
        f'<?xml version="1.0" encoding="{enc}"?>\n{doctype}\n'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>\n"
        f'<text><body><conceptEntry id="c-safety-probe{ref}">\n'
        f'<langSec xml:lang="zh-CN"><termSec><term>安全探针</term>{status}</termSec></langSec>\n'
        f'<langSec xml:lang="en"><termSec><term>safety probe</term>{status}</termSec></langSec>\n'
        "</conceptEntry></body></text></tbx>\n"
    )


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A child Python under the memory limit (never parse a bomb in the test process)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit,
        cwd=cwd,
    )


HITS: list[str] = []  # every request the trap server received


def _xml_safety_body(path: str) -> bytes:
    return b'<!ENTITY leak "pe-expanded-4b2e">' if path.endswith(".dtd") else SECRET.encode()


@pytest.fixture(scope="module")
def trap() -> Iterator[str]:
    """A local HTTP server that serves entity payloads and records any request."""
    with serve(_xml_safety_body, HITS) as url:
        yield url


@pytest.fixture
def hostile(tmp_path: Path, trap: str) -> Callable[[str, str, str], Path]:
    """Write one hostile document: (payload, encoding, xliff|tbx) -> path."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY ext "external-dtd-loaded-5d6f">', "utf-8")
    table = payloads(secret, dtd, trap)

    def make(payload: str, encoding: str, kind: str) -> Path:
        declared, encode = ENCODINGS[encoding]
        doctype, ref = table[payload]
        text = (xliff if kind == "xliff" else tbx)(declared, doctype, ref)
        path = tmp_path / "in" / f"{payload}.{encoding}.{'xlf' if kind == 'xliff' else 'tbx'}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(encode(text))
        return path

    HITS.clear()
    return make


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_refused(r: subprocess.CompletedProcess[str], path: Path) -> None:
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "Traceback" not in out
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:"), out
    assert "refused" in lines[0]
    for marker in MARKERS:
        assert marker not in out
    assert not HITS, f"network request made: {HITS}"


PARSE = """
import json, sys
from lxml import etree
from sppterm import xmlsafe
from sppterm.errors import InputError
try:
    tree = xmlsafe.parse(sys.argv[1])
except InputError as e:
    print(json.dumps({"problems": [str(p) for p in e.problems]}))
else:
    attrs = " ".join(v for el in tree.iter() if isinstance(el.tag, str) for v in el.attrib.values())
    print(json.dumps({"accepted": etree.tostring(tree, encoding="unicode") + " " + attrs}))
"""


@pytest.mark.parametrize("payload,encoding", CASES)
def test_xmlsafe_parse_refuses_any_dtd(hostile, tmp_path, payload, encoding):
    path = hostile(payload, encoding, "xliff")
    r = run(["-c", PARSE, str(path)], tmp_path)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    result = json.loads(r.stdout)
    assert "accepted" not in result, result["accepted"][:500]
    (problem,) = result["problems"]
    assert problem.startswith(f"{path}:2: DOCTYPE"), problem
    assert not HITS


@pytest.mark.parametrize("payload,encoding", CASES)
def test_cli_xliff_import_refuses_any_dtd(project, hostile, payload, encoding):
    path = hostile(payload, encoding, "xliff")
    before = snapshot(project)
    r = run(
        ["-m", "sppterm", "--root", str(project), "xliff", "import", str(path), "--id", "2022-04"], project
    )
    assert_refused(r, path)
    assert snapshot(project) == before


@pytest.mark.parametrize("payload,encoding", CASES)
def test_cli_glossary_import_refuses_any_dtd(project, hostile, payload, encoding):
    path = hostile(payload, encoding, "tbx")
    before = snapshot(project)
    r = run(["-m", "sppterm", "--root", str(project), "glossary", "import", str(path)], project)
    assert_refused(r, path)
    assert snapshot(project) == before


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_wellformed_xliff_without_dtd_imports_in_any_encoding(project, tmp_path, encoding):
    declared, encode = ENCODINGS[encoding]
    path = tmp_path / "ok.xlf"
    path.write_bytes(encode(xliff(declared)))
    r = run(
        ["-m", "sppterm", "--root", str(project), "xliff", "import", str(path), "--id", "2022-04"], project
    )
    assert r.returncode == 0, r.stderr
    assert "1 updated" in r.stdout
    po = (project / "target_en" / "po" / "2022-04.po").read_text("utf-8")
    assert 'msgstr "Latest from the One Planet network"' in po


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_wellformed_tbx_without_dtd_imports_in_any_encoding(project, tmp_path, encoding):
    declared, encode = ENCODINGS[encoding]
    path = tmp_path / "ok.tbx"
    path.write_bytes(encode(tbx(declared)))
    r = run(["-m", "sppterm", "--root", str(project), "glossary", "import", str(path)], project)
    assert r.returncode == 0, r.stderr
    assert "1 added" in r.stdout
    assert "安全探针" in (project / "glossary" / "imported.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    "data,message",
    [
        (b'<?xml version="1.0" encoding="UTF-16"?>\n<r/>', "declares encoding 'UTF-16' but is not"),
        (b'<?xml version="1.0" encoding="x-no-such"?>\n<r/>', "unknown encoding 'x-no-such'"),
        # codecs Python knows but that are not text encodings, or fail without a position
        (b'<?xml version="1.0" encoding="rot13"?>\n<r/>', "unknown encoding 'rot-13'"),
        (b'<?xml version="1.0" encoding="base64"?>\n<r/>', "unknown encoding 'base64'"),
        (b'<?xml version="1.0" encoding="undefined"?>\n<r/>', "not valid UNDEFINED"),
        (b'<?xml version="1.0"?>\n<r>\xff</r>', "not valid UTF-8"),
        (b'<?xml version="1.0"?>\n<r>\n<!doctype r></r>', "DOCTYPE refused"),
    ],
)
def test_encoding_problems_are_file_line_errors(tmp_path, data, message):
    from sppterm import xmlsafe
    from sppterm.errors import InputError

    path = tmp_path / "x.xml"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        xmlsafe.parse(path)
    assert message in str(e.value) and str(e.value).startswith(f"{path}:")


def test_line_numbers_survive_decoding(tmp_path):
    from sppterm import xmlsafe
    from sppterm.errors import InputError

    path = tmp_path / "x.xml"
    path.write_bytes(
        codecs.BOM_UTF16_LE + '<?xml version="1.0"\n encoding="UTF-16"?>\n<r>\n</x>'.encode("utf-16-le")
    )
    with pytest.raises(InputError) as e:
        xmlsafe.parse(path)
    assert str(e.value).startswith(f"{path}:4: malformed XML")
