"""sppterm score on a small reference with known scores; post-editing of suggestions."""

import textwrap

import pytest
from click.testing import CliRunner

from sppterm.cli import main
from sppterm.score import compare, post_edit
from sppterm.units.po import po_text, read_po

EDITION = """\
---
id: 2099-01
title: Test
---

# Title

## Contents

- [A](#a)

## Section

### {h1}

{p1}

### {h2}

{p2}
"""


def _edition(path, h1, p1, h2, p2):
    path.write_text(textwrap.dedent(EDITION).format(h1=h1, p1=p1, h2=h2, p2=p2), "utf-8")
    return path


def test_identical_scores_perfectly(tmp_path):
    a = _edition(
        tmp_path / "a.md", "Launch", "the strategy was launched in Paris", "Award", "a prize of two million"
    )
    results, sigs = compare(a, a)
    assert [r.label for r in results] == ["Launch", "Award", "overall"]
    for r in results:
        assert (round(r.bleu, 6), round(r.chrf, 6), round(r.ter, 6)) == (100.0, 100.0, 0.0)
    assert sigs["BLEU"].startswith("nrefs:1|") and "case:mixed" in sigs["BLEU"]
    assert sigs["TER"].startswith("nrefs:1|")


def test_known_ter_and_disjoint_text(tmp_path):
    hyp = _edition(tmp_path / "h.md", "Alpha beta gamma delta", "one two three four", "xx", "yy zz")
    ref = _edition(tmp_path / "r.md", "Alpha beta kappa delta", "one two three four", "qq", "ww vv")
    results, _ = compare(hyp, ref)
    first, second, overall = results
    # one substitution in 8 reference words (heading + paragraph) = TER 12.5
    assert first.ter == pytest.approx(12.5)
    assert second.bleu == pytest.approx(0.0) and second.ter == pytest.approx(100.0)
    assert 0 < overall.bleu < 100 and overall.segments == 4


def test_cli_score_prints_table_and_signatures(tmp_path):
    a = _edition(tmp_path / "a.md", "Launch", "the strategy was launched", "Award", "a prize")
    r = CliRunner().invoke(main, ["score", str(a), str(a)])
    assert r.exit_code == 0, r.output
    assert "overall" in r.output and "100.0" in r.output
    assert "BLEU signature: nrefs:1|" in r.output and "chrF signature:" in r.output
    b = tmp_path / "b.po"
    b.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "utf-8")
    assert CliRunner().invoke(main, ["score", str(a), str(b)]).exit_code == 2


def test_post_edit_of_memory_suggestions(project):
    po_dir = project / "target_en" / "po"
    po = read_po(po_dir / "2022-04.po")
    footer = next(e for e in po if e.msgid.startswith("简报内容来源于"))
    footer.msgstr = (
        "The bulletin compiles public information published by the One Planet network and partners."
    )
    next(e for e in po if e.msgid == "合作伙伴最新进展").msgstr = "Partner updates"
    (po_dir / "2022-04.po").write_text(po_text(po), "utf-8")
    assert CliRunner().invoke(main, ["--root", str(project), "extract"]).exit_code == 0
    p2021 = read_po(po_dir / "2021-03.po")
    fuzzy_footer = next(e for e in p2021 if e.msgid.startswith("简报内容来源于"))
    assert "fuzzy" in fuzzy_footer.flags
    fuzzy_footer.msgstr = (
        "The bulletin compiles public information published by the One Planet network and its partners."
    )
    fuzzy_footer.flags.remove("fuzzy")
    (po_dir / "2021-03.po").write_text(po_text(p2021), "utf-8")
    assert CliRunner().invoke(main, ["--root", str(project), "extract"]).exit_code == 0  # provenance survives
    pe = post_edit(po_dir / "2021-03.po")
    assert pe.units == 2 and pe.unchanged == 1  # section name kept, footer edited by one word
    assert pe.ter == pytest.approx(100 / (14 + 2))  # one insertion over 16 reference words
    r = CliRunner().invoke(main, ["--root", str(project), "score", "--post-edit", "2021-03"])
    assert r.exit_code == 0 and "2021-03" in r.output and "TER signature" in r.output


def test_post_edit_all_measures_every_po_file(root, tmp_path):
    """``--post-edit all`` (as the help says), ``ALL`` and a bare ``--post-edit`` give one row per
    PO file, each the row ``--post-edit ID`` gives."""
    from sppterm.score import post_edit_files

    po_dir = root / "target_en" / "po"
    ids = sorted(p.stem for p in po_dir.glob("*.po"))
    assert len(ids) >= 5

    def run(*args):
        r = CliRunner().invoke(main, ["--root", str(root), "score", *args])
        return r.exit_code, r.output

    singles = {i: run("--post-edit", i) for i in ids}
    rows = [out.splitlines()[2].split() for code, out in singles.values() if code == 0]
    assert len(rows) == len(ids)
    for args in (["--post-edit", "all"], ["--post-edit", "ALL"], ["--post-edit"]):
        code, out = run(*args)
        assert code == 0, out
        assert [line.split() for line in out.splitlines()[2 : 2 + len(ids)]] == rows
        assert "TER signature: nrefs:1|" in out
    assert post_edit_files(po_dir, "all") == sorted(po_dir.glob("*.po"))
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "score", "--post-edit", "all"])
    assert r.exit_code == 2 and "no PO files to measure" in r.output
    code, out = run("--post-edit", "all", str(po_dir / f"{ids[0]}.po"))
    assert code == 2 and "not both" in out
