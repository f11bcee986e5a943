"""English typography of the editions (publish/typography.py) and where it applies (inline.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from sppterm.publish.inline import to_html, to_markdown
from sppterm.publish.typography import NBSP, smarten

from .timeguard import time_limit

CASES = [
    ("the G20's commitment", "the G20’s commitment"),
    ("countries' plans", "countries’ plans"),
    ('the "plastics procurement guidance"', "the “plastics procurement guidance”"),
    ('("Framework")', "(“Framework”)"),
    ("'Buy Less, Buy Better'", "‘Buy Less, Buy Better’"),
    ("the 2023-2024 workplan", "the 2023–2024 workplan"),
    ("on 18-19 October 2022", "on 18–19 October 2022"),
    ("COVID-19 waste", "COVID-19 waste"),  # a name, not a range
    ("Tel. +86-10-8420-1234", "Tel. +86-10-8420-1234"),  # a telephone number
    ("issue 2024-02-01", "issue 2024-02-01"),  # a date
    ("version 1.2-3", "version 1.2-3"),
    ("30 per cent", f"30{NBSP}per cent"),
    ("USD 1.3 million", f"USD{NBSP}1.3{NBSP}million"),
    ("No. 16", f"No.{NBSP}16"),
    ("Sustainable Public Procurement", "Sustainable Public Procurement"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_smarten(text: str, expected: str) -> None:
    assert smarten(text) == expected


@settings(max_examples=300, deadline=1000, derandomize=True, database=None)
@given(st.text(alphabet="\"'- 0123456789aA.+/(%”’\n", max_size=60) | st.text(max_size=60))
def test_smarten_is_one_character_for_one(text: str) -> None:
    with time_limit(2.0, "smarten"):
        out = smarten(text)
    assert len(out) == len(text)
    assert "'" not in out and '"' not in out


def test_smarten_is_linear() -> None:
    with time_limit(2.0, "smarten"):
        smarten("‘'\"1-2 per cent " * 20_000)


URL = "https://www.oneplanetnetwork.org/a-b?x='1'&y=2023-2024"


def test_links_keep_their_characters() -> None:
    text = f'See "{URL}" (2023-2024) and info@cec-e.org\'s page'
    html = to_html(text, smart=True)
    assert 'href="' + str(escape(URL)) + '"' in html
    assert "“<a " in html and "</a>”" in html and "2023–2024" in html
    md = to_markdown(text, smart=True)
    assert f"<{URL}>" in md and "“" in md and "2023–2024" in md


def test_titles_are_typeset_and_still_found() -> None:
    html = to_html('The buyer\'s guide, "short"', ["buyer's guide"], smart=True)
    assert html == "The <cite>buyer’s guide</cite>, “short”"


def test_chinese_and_drafts_are_left_alone() -> None:
    assert to_html('他说"2023-2024"') == "他说&#34;2023-2024&#34;"
