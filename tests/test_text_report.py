"""The text report: severity on each finding, a window around the span with the span marked,
colour only on a terminal; and the messages it shows (Chinese runs in order, fractions)."""

from __future__ import annotations

import io
import re

import pytest

from sppterm.checks.base import CheckUnit
from sppterm.checks.registry import BY_ID
from sppterm.checks.runner import run
from sppterm.glossary import load_glossary
from sppterm.report import text
from sppterm.report.rules import behaviour
from sppterm.zh import width

from .conftest import ROOT, sppterm

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


def _findings(glossary, zh: str, en: str, rule: str | None = None):
    found = run([CheckUnit("x.po", 1, zh, en)], glossary)
    return [f for f in found if rule is None or f.rule == rule]


LONG_EN = (
    "The Programme held its annual meeting, where partners from many regions shared their experience "
    "of green buying, of procurement for a circular economy and of the reporting the network asks "
    "of its members, and the the partners agreed on the work plan."
)


def test_each_line_has_its_severity_and_the_span_far_into_the_unit_is_shown(glossary) -> None:
    [f] = _findings(glossary, "会议在北京举行。", LONG_EN, "repeated-word")
    out = text.render([f])
    head, _zh, en, marks = out.splitlines()[:4]
    assert head.startswith("x.po:1:") and " error repeated-word " in head
    assert f.span[0] > 200  # beyond the 120 characters the report used to cut at
    assert "the the" in en and en.startswith("    en: …")  # a window, not the unit's start
    col = marks.index("^")
    assert marks.strip() == "^" * len("the the")
    assert en[col : col + len("the the")] == "the the"  # the carets are under the span
    assert "\x1b[" not in out


def test_carets_count_wide_characters_twice(glossary) -> None:
    [f] = _findings(glossary, "会议在北京举行。", "会议 was held in Beijing.", "untranslated")
    lines = text.unit_lines(f)
    en, marks = lines[1], lines[2]
    assert en == "    en: 会议 was held in Beijing."
    assert marks == " " * 8 + "^" * width("会议")


def test_colour_marks_the_span_instead_of_carets(glossary) -> None:
    [f] = _findings(glossary, "报告已发布。", "The report has been published。", "punctuation")
    out = text.render([f], colour=True)
    assert "\x1b[" in out and "^" not in out
    plain = ANSI.sub("", out)
    assert "error punctuation" in plain.splitlines()[0]
    assert "published。" in plain


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color_or_ci(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert text.wants_colour(_Tty()) and not text.wants_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not text.wants_colour(_Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("CI", "true")
    assert not text.wants_colour(_Tty())


def test_the_command_line_writes_plain_text_to_a_pipe(project) -> None:
    po = project / "target_en" / "po" / "2022-04.po"
    po.write_text(
        po.read_text("utf-8").replace(
            'msgid "合作伙伴最新进展"\nmsgstr ""', 'msgid "合作伙伴最新进展"\nmsgstr "Partner updates。"'
        ),
        "utf-8",
    )
    r = sppterm(project, "check", str(po), "--rule", "punctuation")
    assert "\x1b[" not in r.stdout
    assert ": error punctuation full-width punctuation '。'" in r.stdout
    assert "^^" in r.stdout  # a full-width mark is two columns wide


def test_chinese_runs_in_order_each_once(glossary) -> None:
    [f] = _findings(
        glossary, "净零排放目标", "The 净零排放 target and 净零排放 of 生态环境部 and 习·近", "untranslated"
    )
    assert f.message == "Chinese left in the translation: “净零排放”, “生态环境部”, “习·近”"
    assert f.side == "target" and f.target[f.span[0] : f.span[1]] == "净零排放"


def test_chinese_left_skips_only_the_rules_reading_english(glossary) -> None:
    """`sppterm rules untranslated` and the runner agree: with Chinese left in the English,
    term-missing, number and punctuation are consequences and skipped, url-email still runs."""
    zh = "可持续公共采购报告显示，20亿人参与。详见www.oneplanetnetwork.org。"
    en = "The 可持续公共采购 report shows that 2 million people take part（see www.oneplanet.org)."
    got = {f.rule for f in _findings(glossary, zh, en)}
    assert got == {"untranslated", "url-email"}
    # without the Chinese, the same unit gets the findings the Chinese hid
    en_only = en.replace("可持续公共采购", "procurement")
    assert {"term-missing", "number", "punctuation", "url-email"} <= {
        f.rule for f in _findings(glossary, zh, en_only)
    }
    doc = behaviour(BY_ID["untranslated"])
    skipped, still = doc.split("are skipped (", 1)[1].split(") and the others still run (")
    assert {"term-missing", "number", "punctuation"} <= set(skipped.split(", "))
    assert "url-email" in still and "url-email" not in skipped


def test_fractions_show_as_fractions(glossary) -> None:
    messages = [
        f.message
        for f in _findings(glossary, "三分之一的国家参加了会议。", "A quarter of the countries attended.")
    ]
    assert messages and all("0.33" not in m and "0.25" not in m for m in messages)
    assert any("三分之一 (1/3)" in m for m in messages) and any("(1/4)" in m for m in messages)
