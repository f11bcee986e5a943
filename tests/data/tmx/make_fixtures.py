"""Write trados-studio.tmx and omegat-project_save.tmx: real bulletin sentences and their
committed English, laid out the way Trados Studio (SDL Language Platform) and OmegaT 3.6 write
their memories. Run from the repository root: ``python3 tests/data/tmx/make_fixtures.py``.
(po2tmx-2022-04.tmx is translate-toolkit's own: ``po2tmx -l en --source-language=zh-CN
target_en/po/2022-04.po tests/data/tmx/po2tmx-2022-04.tmx``; edge-cases.tmx is hand-written.)
"""

from pathlib import Path
from xml.sax.saxutils import escape

from sppterm.align import sentence_pairs
from sppterm.units.po import read_po

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent


def po(bid):
    entries = read_po(ROOT / "target_en" / "po" / f"{bid}.po")
    return {int(e.occurrences[0][1]): e for e in entries if e.occurrences}


# ---- Trados Studio (SDL Language Platform), UTF-8 with BOM, CRLF ----
p = po("2024-02")
segs = []  # (zh, en)
for line in (15, 38, 60, 94):
    segs.append((p[line].msgid, p[line].msgstr))
for line in (19, 62, 64):
    segs += sentence_pairs(p[line].msgid, p[line].msgstr)
segs.append((p[44].msgid, p[44].msgstr))
# An older translation memory: one sentence says 4.2亿 where the bulletin now says 4.18亿.
segs = [(z.replace("4.18亿", "4.2亿"), e.replace("418 million", "420 million")) for z, e in segs]
L = []
w = L.append
w('<?xml version="1.0" encoding="utf-8"?>')
w('<tmx version="1.4">')
w(
    '  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" adminlang="en-GB" srclang="zh-CN" creationdate="20240110T091500Z" creationid="SPP\\translator">'
)
for k, v in (
    ("x-Recognizers", "RecognizeAll"),
    ("x-IncludesContextContent", "True"),
    ("x-TMName", "SPP bulletins zh-CN en-GB"),
    ("x-TokenizerFlags", "DefaultFlags"),
    ("x-WordCountFlags", "DefaultFlags"),
):
    w(f'    <prop type="{k}">{v}</prop>')
w("  </header>")
w("  <body>")


def tu(zh, en, n, changed="20240112T140233Z"):
    w(
        f'    <tu creationdate="20240110T0930{n:02d}Z" creationid="SPP\\translator" changedate="{changed}" changeid="SPP\\reviewer" lastusagedate="20240301T1010{n:02d}Z" usagecount="{n % 3 + 1}">'
    )
    w('      <prop type="x-LastUsedBy">SPP\\reviewer</prop>')
    w(f'      <prop type="x-Context">{1785512343 + n}, {9823412 + n}</prop>')
    w('      <prop type="x-Origin">TM</prop>')
    w('      <prop type="x-ConfirmationLevel">ApprovedSignOff</prop>')
    w('      <tuv xml:lang="zh-CN">')
    w(f"        <seg>{zh}</seg>")
    w("      </tuv>")
    w('      <tuv xml:lang="en-GB">')
    w(f"        <seg>{en}</seg>")
    w("      </tuv>")
    w("    </tu>")


for n, (z, e) in enumerate(segs):
    z, e = escape(z), escape(e)
    if "数字公共基础设施（DPI）" in z:  # a formatted term: Trados writes empty paired codes
        z = z.replace("数字公共基础设施（DPI）", '<bpt i="1" x="1" />数字公共基础设施（DPI）<ept i="1" />', 1)
        e = e.replace(
            "digital public infrastructure",
            '<bpt i="1" x="1" />digital public infrastructure<ept i="1" />',
            1,
        )
    if "4.2亿" in z:  # a footnote reference: a placeholder code
        z = z.replace("。", '<ph x="2" />。', 1)
        e = e[:-1] + '<ph x="2" />' + e[-1]
    tu(z, e, n)
# The same source translated again, earlier: the newer (above) is kept.
tu(
    escape(p[15].msgid),
    "Digital public infrastructure for environmental sustainability: the future",
    40,
    changed="20231105T101500Z",
)
w("  </body>")
w("</tmx>")
(OUT / "trados-studio.tmx").write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(L) + "\r\n").encode("utf-8"))

# ---- OmegaT 3.6 project_save.tmx: lang (not xml:lang), EN-GB, dates on the target tuv ----
p = po("2021-03")
segs = []
for line in (15, 19, 25):
    segs.append((p[line].msgid, p[line].msgstr))
for line in (27, 33, 35):
    segs += sentence_pairs(p[line].msgid, p[line].msgstr)
segs += [(p[46].msgid, p[46].msgstr), (p[47].msgid, p[47].msgstr)]
L = []
w = L.append
w('<?xml version="1.0" encoding="UTF-8"?>')
w('<!DOCTYPE tmx SYSTEM "tmx11.dtd">')
w('<tmx version="1.4">')
w(
    '  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0_11" segtype="sentence" srclang="ZH-CN"/>'
)
w("  <body>")
w("<!-- Default translations -->")


def otu(zh, en, n, props=(), date=None):
    date = date or f"20230415T0830{n:02d}Z"
    w("    <tu>")
    for k, v in props:
        w(f'      <prop type="{k}">{escape(v)}</prop>')
    w('      <tuv lang="ZH-CN">')
    w(f"        <seg>{escape(zh)}</seg>")
    w("      </tuv>")
    w(
        f'      <tuv lang="EN-GB" changeid="translator" changedate="{date}" creationid="translator" creationdate="{date}">'
    )
    w(f"        <seg>{escape(en)}</seg>")
    w("      </tuv>")
    w("    </tu>")


for n, (z, e) in enumerate(segs):
    if z.startswith(
        "将可持续消费和生产与气候变化"
    ):  # bold in the source document: OmegaT's tag shortcuts as text
        z = z.replace("三大环境问题", "<b0>三大环境问题</b0>")
        e = e.replace("three environmental problems", "<b0>three environmental problems</b0>")
    otu(z, e, n)
w("<!-- Alternative translations -->")
otu(
    p[19].msgid,
    "High-level ministerial declaration stresses the importance of the 10YFP",
    1,
    props=(("file", "2021-03.xlf"), ("id", "19")),
    date="20230301T101500Z",
)
w("  </body>")
w("</tmx>")
with (OUT / "omegat-project_save.tmx").open("w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(L) + "\n")
