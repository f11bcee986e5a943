import pytest

from sppterm.zh import count_ideographs, despace, ends_sentence, normalise, skeleton, width


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("可持续消 费", "可持续消费"),  # space inside a word
        ("截止到 2023 年底，将有 20 亿人", "截止到2023年底，将有20亿人"),  # digits padded
        ("GDP 60% 以上", "GDP 60%以上"),  # Latin–digit space kept, digit–CJK removed
        ("私人 and 公共", "私人 and 公共"),  # spaces around a Latin word stay
        ("目标 SDG12.1的进展", "目标 SDG12.1的进展"),
        ("2024 年, 通过全球平台", "2024年,通过全球平台"),
        ("Buy Less, Buy Better", "Buy Less, Buy Better"),
        ("“同一个地球网络” (www.oneplanetnetwork.org) 和", "“同一个地球网络”(www.oneplanetnetwork.org)和"),
    ],
)
def test_despace(raw, fixed):
    assert despace(raw) == fixed


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("他说：“好的！”", True),
        ("好吗？！", True),
        ("正式获批启动。", True),
        ("等内容……", True),
        ("主要包括三大支柱行动：", True),
        ("与数", False),
        ("《全球战略》", False),
        ("（摘自：同一个地球网络网站）", False),
    ],
)
def test_ends_sentence(line, ends):
    assert ends_sentence(line) is ends


def test_width_counts_cjk_double():
    assert width("ab") == 2
    assert width("可持续") == 6
    assert width("（1）") == 5


def test_normalise_and_skeleton():
    assert normalise("  a\u3000 b\n c ") == "a b c"
    assert skeleton("COP27边会-利用 公共采购") == skeleton("COP27边会利用公共采购")
    assert count_ideographs("SPP计划2023年") == 3
