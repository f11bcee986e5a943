"""The number rule: the values in the source and the translation agree."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from typing import NamedTuple

from sppterm.checks import counted, figures
from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context, Finding, Rule
from sppterm.checks.coverage import shared_lexicon
from sppterm.glossary.matcher import fast_paths
from sppterm.glossary.validity import Period
from sppterm.numerals import (
    ABOUT,
    QUALIFIER_WORDS,
    Quantity,
    display,
    en_approximations,
    en_quantities,
    may_hold_en,
    may_hold_zh,
    nfkc,
    positions,
    same,
    zh_approximations,
    zh_quantities,
)
from sppterm.units.placeholders import strip


def _fmt(v: float) -> str:
    """A value as the messages show it (13 trillion, 1/3, 27); never raises, even on inf/nan."""
    return display(v)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text  # the common case: nothing to mask
    chars = list(text)
    for a, b in spans:
        for k in range(a, b):
            chars[k] = " "
    return "".join(chars)


class Numbers(Rule):
    """Numbers inside glossary names (十年方案框架 / 10YFP, 二十国集团 / G20, 2030年议程 /
    2030 Agenda) belong to the name: both sides are masked where a concept matched."""

    id = "number"
    title = "Numbers differ between source and target"
    severity = ERROR
    severity_why = """
        Error: a missing or changed amount, date, ordinal, percentage or approximation is a
        factual error in the bulletin. Warning only for a number word the English alone has
        where nothing in the source is replaced (an ordinal, a month name, "decade", "half":
        the first to, the second half), which English adds for its own reasons. An
        approximation added, dropped or reversed is an error: "more than 70", "70" and
        "nearly 70" countries are three different facts. Only a number both sides have is
        compared, with the qualifier beside it, and the false friends (ranges, over =
        during, 高达 = up to, an estimate) are read as agreeing, so what is left is wrong.
        """
    uses_glossary = True  # numbers inside glossary names are masked
    what = """
        The numbers of the source and the translation agree, as values: Arabic and full-width
        digits, thousands separators (groups of three: 2019，2020 is two years), decimals (3.5,
        三点五), Chinese numerals (一…九十百千两, 一百五 = 150, 十四五 = 14th and 5), scale
        words 万/亿/万亿, also spaced or chained (20 亿 = 2 billion, 1亿2000万 = 120 million,
        13万亿美元 = USD 13 trillion), percentages (百分之二十 = 20%), fractions (三分之一 =
        one third, a third, 1/3; 一半 = half), multiples (两倍 = twice), dates and ranges
        (2022年10月18日至19日 = 18–19 October 2022; 7月 only as July), English number words
        (two million, a hundred and fifty, a million, two and a half).

        Ordinals are read on both sides: 第二届, 首届, 首次, 第一次 against second, first,
        inaugural, 1st. Approximations are compared by class: more than (多, 余, 逾, 超过,
        以上, 至少 / more than, over, at least, upwards of, in excess of, 15,000+), under (近,
        将近, 不到 / nearly, almost, under, less than, fewer than, up to) and about (约, 左右,
        上下 / about, around, approximately, some). A qualifier dropped (40多 as "40"), added
        (70 as "more than 70") or reversed (70多 as "nearly 70") is reported. A range has one
        qualifier for both ends (30至40人左右 = about 30 to 40); "over eight months" (over =
        during), "up to" for 高达/多达, "an estimated" for 约 and "some countries" (no number)
        are no differences; ordinals, months and years are not compared.

        Some numbers may stand in the English but need not: ranges (两三, 三四 = two or
        three), 十几, 上千, enumerations (二是, 其二 = second), 再次 (a second time), 双方
        (the two sides), 增加一倍 (double, up 100%), and in English both, double, a dozen.
        Vague amounts (数十, 数千, 几十: dozens, thousands) are no numbers.

        The policies, one sentence each. Approximation classes: more than, under and about
        are three facts, and a number's class must agree on both sides ("up to" is under, "an
        estimated" about). Ceilings: 高达, 多达, 最多, 可达 or 可占到 earlier in the clause
        (可占到一国GDP的30%) agree with "up to" and "as much as". Year qualifiers: years are
        not compared as amounts, but a year the source gives exactly made approximate ("by
        around 2030" for 到2030年) is an error, and 2030年前后 is "around 2030". 之一 after a
        superlative (最大的…之一) dropped is an error, as "the largest" claims more than "one
        of the largest" (三分之一 is no 之一). Roman numerals numbering parts (Part II, Phase
        III, Annex I) are read as their digits. Added counts: a cardinal word of two to ten
        that the translator adds for items the source lists ("the three organizations" for
        A、B和C) is no difference when the source has a coordination of that size, and an
        error otherwise ("the four organizations"). Multipliers: 两倍, 三倍 (twice, three
        times, twofold, two-fold, threefold, tripled, by a factor of three, up to tenfold),
        增加一倍 (double, up 100%; 增加两倍 is 2 or 3 times), 翻番 (doubled), 翻两番
        (quadrupled), 减半 and 减少一半 (halved, by half, 50%) and 增长三分之一 (a third
        more) agree, and a multiplier the English gives in place of another is an error.
        A multiplier verb (double, tripled, quadruple, halve) must give the source's factor
        even where its value is another number of the source: 增长两倍 is increased by 200%
        (tripled, not doubled), 提高到两倍 is twice, 翻倍 doubled; double counting and the
        triple planetary crisis multiply nothing. Dates: 2019年5月…2023年6月 as "June 2019 …
        May 2023" has every part but not together, an error (dates are compared as year and
        month, and day where both sides give one). 100%: a universal quantifier the English
        has beyond the source's own (所有, 每 …) may render it ("in all of its tenders",
        "every new bus", "without exception"). Plans: a five-year plan's years may follow its
        name (“十四五”规划 as "14th Five-Year Plan (2021–2025)"): they are read from its
        number, and another year stays an error. Figures moved: two figures of the unit
        swapped between what they quantify are an error when both pairings are sure (below).

        Counts are read with their measure words (两笔资助 "two grants", 三座城市, 五项举措;
        in 6大类45种产品 类 counts itself, "six categories"). A
        count the source lists beside it (100万美元和50万欧元两笔资助; 两笔资助，分别为A和B) may
        be given in English by the list alone ("grants of A and B"): no difference when the
        translation has a coordination of as many items. Counts swapped between their nouns
        (30个国家的50个城市 as "50 countries and 30 cities") are an error when both pairings are
        sure: each English noun after a number glosses (CC-CEDICT) the other count's Chinese
        noun and not its own; where a noun has no gloss or glosses both, nothing is said.
        Other figures (percentages, amounts, counts, years) are paired with the stretch of
        text they stand in, cut at the strongest punctuation between two of them (法国的目标是
        100%，立陶宛的目标是95% as "France's target is 95 per cent and Lithuania's 100 per
        cent"): the words, glossary concepts and other numbers one Chinese stretch has and the
        other lacks are its anchors, and the two figures are swapped when no anchor stands
        beside its own figure in the English and at least two stand beside the other (in the
        whole stretches, or one each among the two anchors either side of each figure); two
        figures in one stretch, a value written twice or "respectively" say nothing.

        A number inside a glossary name belongs to the name (十年方案框架 = 10YFP, 二十国集团 =
        G20, COP28): where the translation names the concept, both are ignored; where it
        paraphrases it (三大环境危机 as "three major environmental crises"), the name's
        numbers may appear. English names the source does not spell out (疫情 as "the
        COVID-19 pandemic", SDG 12) are ignored the same way.

        Severity. A number of the source missing from the translation is an error, and so
        is a wrong approximation. A number only in the translation is an error when it takes
        the place of a source number of the same kind (an ordinal for an ordinal, a
        percentage for a percentage: 首届 as "second", COP27 as COP28), when it is a figure
        (digits, a percentage, a scale word: "70 countries" for 多个国家) or a cardinal word
        ("three" where the source has none); it is a warning when it is an ordinal word, a
        month name, "decade" or "half" with nothing in the source to replace (the first to,
        the second half): English adds those words for its own reasons. A 1 in the English is
        never reported, and a count of 1 in the source (一, 1个) is not asked for: 一 is also
        "a". Each message names the number as written and what it means, and what the other
        side has instead.
        """
    why = """
        A wrong amount, date, ordinal or percentage is the most damaging slip a bulletin can
        publish, and 万 and 亿 make factor-of-ten errors easy (13万亿 is 13 trillion, not 13
        billion). An approximation is part of the fact: "more than 70 countries" and "nearly
        70 countries" are different reports. Reading number words, ordinals and approximate
        ranges the way a reviser does keeps the rule quiet on right translations (第二届 =
        "second", 百分之百 = "100 per cent", 一半 = "half"), so that what it reports fails CI.
        """
    example = """
        `报告显示，13万亿美元用于公共采购。` translated as "The report shows that USD 13 billion
        goes to public procurement.":

            x.po:5:1: number “13 billion” in the translation is not in the source; the
                source has 13万亿 (13 trillion)
            x.po:5:1: number 13万亿 (13 trillion) of the source is not in the translation;
                the translation has “13 billion”

        Fix: "USD 13 trillion". And `来自70多个国家的代表签署了宣言。` as "Representatives of
        nearly 70 countries signed the declaration.":

            x.po:5:1: number 70多 (more than 70) of the source is “nearly 70” (under 70) in the translation

        Fix: "more than 70 countries".
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        seen: set[str] = set()
        for message, term, severity, (side, written) in self._check(unit, ctx):
            if message not in seen:  # 11月11日 dropped: one finding per number as written
                seen.add(message)
                span = _span((unit.key if side == "source" else unit.target) or "", written)
                yield self.finding(unit, message, term=term, severity=severity, side=side, span=span)

    def _check(self, unit: CheckUnit, ctx: Context) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
        """(message, term, severity, (side, number as written)) of each difference, perhaps
        repeated."""
        if not unit.target or unit.english_source:
            return
        source, target = strip(unit.key), strip(unit.target)
        src, tgt = _sides(source, target, ctx, ctx.when(unit))
        src_index, tgt_index = _Index(src), _Index(tgt)
        unmatched_src = all_unmatched = [n for n in src if not tgt_index.find(n.q)]
        if unmatched_src:
            listed = _listed_counts(source, target, src, unmatched_src)
            unmatched_src = [n for n in unmatched_src if n not in listed]
        # 1 as a count is too ambiguous to ask for (一 is "a", "one" a pronoun): only ordinals
        # (首届, 第一次 = first) and digits (7月1日) are; a 1 in the English is never reported.
        unmatched_tgt = [t for t in tgt if t.q.value != 1 and not src_index.find(t.q)]
        partners = _Partners(all_unmatched)
        by_kind: dict[str, list[_Number]] = {}
        for t in unmatched_tgt:
            by_kind.setdefault(_kind(t.q), []).append(t)
        has = {k: "; the translation has " + _list(t.q.text for t in ts) for k, ts in by_kind.items()}
        has_any = "; the translation has " + _list(t.q.text for t in unmatched_tgt) if unmatched_tgt else ""
        universals = None
        for n in dict.fromkeys(unmatched_src):  # each number as written once
            if n.q.soft or n.name:
                continue
            if n.q.kind == "percent" and n.q.value == 100:
                if universals is None:
                    universals = _universals(source, target)
                if universals > 0:
                    universals -= 1  # 法国的目标是100% as "France aims to … all of its tenders"
                    continue
            found = has.get(_kind(n.q), has_any)
            message = f"{_show(n.q)} of the source is not in the translation{found}"
            yield message, _fmt(n.q.value), ERROR, ("source", n.q.text)
        list_sizes: set[int] | None = None
        reported: set[str] = set()  # the target numbers reported: not again as a multiplier
        for t in dict.fromkeys(unmatched_tgt):
            partner = partners.find(t)
            if (t.q.soft or t.name) and partner is None:
                continue  # an idiom (both, double) or a name the source does not spell out (疫情 = COVID-19)
            if partner is None and _added_count(t.q):
                if list_sizes is None:
                    list_sizes = _source_lists(source, ctx)
                if t.q.value in list_sizes:
                    continue  # "the two co-leads" for A和B作为联合牵头方: the count of the source's list
            severity = ERROR if partner is not None or not _idiom(t.q) else WARNING
            instead = f"; the source has {_show(partner.q)}" if partner is not None else ""
            message = f"{_quote(t.q.text)}{_value(t.q)} in the translation is not in the source{instead}"
            reported.add(t.q.text)
            yield message, f"+{_fmt(t.q.value)}", severity, ("target", t.q.text)
        yield from _multiplier_verbs(source, target, src, [t for t in tgt if t.q.text not in reported])
        yield from _swapped_dates(source, target)
        yield from _qualifier_findings(src, tgt_index)
        yield from _year_approximations(source, src, tgt_index)
        yield from _one_of(source, target)
        swapped = list(_swapped_counts(source, target, src, tgt, tgt_index))
        yield from swapped
        if not swapped:  # figures moved between the nouns they quantify (checks.figures)
            yield from figures.moved(source, target, src, tgt, ctx, ctx.when(unit))


def _listed_counts(source: str, target: str, src: list[_Number], unmatched: list[_Number]) -> set[_Number]:
    """The counts of the source the translation gives by listing the items: a Chinese numeral
    of 2 to 10 before a measure word (两笔, 三份), with as many items listed beside it in the
    source (100万美元和50万欧元两笔资助; 两笔资助，分别为A和B) and a coordination of at least as
    many in the English ("grants of A and B")."""
    maybe = {
        n
        for n in unmatched
        if n.q.kind == "cardinal" and not n.q.figure and not n.name and 2 <= n.q.value <= 10
    }
    if not maybe:
        return set()
    text = nfkc(source)
    size = counted.en_list_size(target)
    out = set()
    for n, (a, b) in zip(src, positions(text, [m.q for m in src]), strict=True):
        if (
            n in maybe
            and a >= 0
            and text[b : b + 1] in counted.COUNT_MEASURES
            and size >= n.q.value
            and counted.zh_listed(text, a, b) >= n.q.value
        ):
            out.add(n)
    return out


def _added_count(q: Quantity) -> bool:
    """A cardinal word (two to ten) a translator may add to count what the source lists."""
    return q.kind == "cardinal" and not q.figure and 2 <= q.value <= 10 and q.value == int(q.value)


def _source_lists(source: str, ctx: Context) -> set[int]:
    """The sizes of the source's coordinations, its glossary names masked (so that the 和 of
    荷兰基础设施和水资源管理部 separates nothing)."""
    chars = list(source)
    for h in ctx.zh_matcher.find(source):
        chars[h.start : h.end] = "名" * (h.end - h.start)  # same length: overlapping names are safe
    return counted.zh_list_sizes("".join(chars))


_MOST_COUNTS = 12  # a unit with more counts than this is a list, not two facts to pair


def _swapped_counts(
    source: str, target: str, src: list[_Number], tgt: list[_Number], tgt_index: _Index
) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """Counts swapped between their nouns (30个国家的50个城市 as "50 countries and 30 cities"):
    each count paired with the noun after it on both sides (the Chinese noun through its
    CC-CEDICT gloss), reported when both pairings are confident (sppterm.checks.counted)."""
    cards = [n for n in src if n.q.kind == "cardinal" and not n.name and not n.q.soft]
    if len(cards) < 2 or len(cards) > _MOST_COUNTS:
        return
    if not any(c in counted.COUNT_MEASURES for c in source):
        return
    lex = shared_lexicon()
    if lex is None:
        return  # no dictionary: no pairing to be sure of
    src_counts = counted.zh_counts(source, [n.q for n in src], lex)
    tgt_nouns = counted.en_nouns(target, [t.q for t in tgt])
    noun_of = {id(t): k for t, k in zip(tgt, tgt_nouns, strict=True)}
    pairs: list[tuple[counted.Count, frozenset[str] | None]] = []
    mates: list[tuple[_Number, str]] = []
    for n, count in zip(src, src_counts, strict=True):
        if count is None or n not in cards:
            continue
        found = [t for t in tgt_index.matching(n.q) if t.q.kind == "cardinal" and not t.name]
        noun = noun_of.get(id(found[0])) if len(found) == 1 else None
        if noun is not None:
            pairs.append((count, noun[1]))
            mates.append((found[0], noun[0]))
    for i, j in counted.swapped(pairs):
        a, b = pairs[i][0], pairs[j][0]
        (ta, wa), (tb, wb) = mates[i], mates[j]
        message = (
            f"the counts of {a.written} and {b.written} are swapped in the translation: "
            f"{_quote(f'{ta.q.text} {wa}')} and {_quote(f'{tb.q.text} {wb}')}"
        )
        yield message, f"{_fmt(a.q.value)}<>{_fmt(b.q.value)}", ERROR, ("target", ta.q.text)


def _qualifier_findings(
    src: list[_Number], tgt_index: _Index
) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """A number both sides have, whose approximation differs: added (70 → "more than 70"),
    dropped (40多 → "40") or reversed (近70 → "more than 70"). A range's qualifier belongs to
    both its ends (30至40人左右 = about 30 to 40); ordinals, months, years, idioms and names
    are not compared; "over eight months" (during), "up to" for 高达 and "an estimated" for
    约 are no differences."""
    for n in dict.fromkeys(src):
        if not _comparable(n):
            continue
        mates = [t for t in tgt_index.matching(n.q) if _comparable(t)]
        if not mates or any(_agree(n, t) for t in mates):
            continue
        value = f"~{_fmt(n.q.value)}"
        if n.approx is None:
            t = mates[0]
            message = (
                f"{_quote(t.q.text)}{_value(t.q)} in the translation adds an approximation; "
                f"the source has {_show(n.q)}"
            )
            yield message, value, ERROR, ("target", t.q.text)
            continue
        qualified = [t for t in mates if t.approx is not None]
        t = qualified[0] if qualified else mates[0]
        what = "" if qualified else f": its approximation ({QUALIFIER_WORDS[n.approx]}) is dropped"
        message = f"{_show(n.q)} of the source is {_quote(t.q.text)}{_value(t.q)} in the translation{what}"
        yield message, value, ERROR, ("target", t.q.text)


# 100% rendered by a universal quantifier ("all of its tenders", "every new bus", "without
# exception"): one the English has beyond those rendering the source's own (所有, 全部, 每 …).
_EN_UNIVERSAL = re.compile(
    r"\b(?:all|every|each|entire|entirely|whole|full|fully|complete|completely|totally|universal|universally"
    r"|without\s+exception)\b",
    re.IGNORECASE,
)
_ZH_UNIVERSAL = re.compile(r"所有|全部|一切|全体|每|任何|凡|整个|全面|各")


def _universals(source: str, target: str) -> int:
    """How many universal quantifiers the English has beyond the source's universal words."""
    return len(_EN_UNIVERSAL.findall(target)) - len(_ZH_UNIVERSAL.findall(source))


# The English verbs and adjectives that multiply (double, tripled, fourfold, halve) and the
# idioms where they do not (double counting, the triple planetary crisis).
_EN_MULTIPLIER = re.compile(
    r"(?:double|doubled|doubles|doubling|twofold|two-fold|triple|tripled|triples|tripling|treble|"
    r"trebled|threefold|three-fold|quadruple|quadrupled|quadrupling|fourfold|four-fold|"
    r"[a-z]+fold|halve|halved|halves|halving)",
    re.IGNORECASE,
)
_EN_NOT_MULTIPLIER = re.compile(
    r"(?:double|triple)[\s-]+(?:count\w*|standards?|tax\w*|burdens?|dividends?|materiality|wins?|"
    r"bottom|helix|planetary|crisis|crises|challenges?|roles?|digits?|checks?|edged|decker|majors?|"
    r"degrees?|rooms?|glaz\w*)\b",
    re.IGNORECASE,
)
_ZH_HALVED = re.compile(r"减半|(?:减少|降低|削减|缩减|下降|减小|压缩)了?一半")
_ZH_TO = frozenset("到至为成")  # 提高到两倍 "to twice": a times, not an increase by


def _multiplier_verbs(
    source: str, target: str, src: list[_Number], tgt: list[_Number]
) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """A multiplier verb the English gives in place of the source's: 增加一倍/翻番 (×2) as
    "tripled" or "halved", 减半 as "doubled", 增长两倍 (×3: increased by 200%) as "doubled".
    Only where the source has a multiplier; a verb that matches one of its values is right."""
    text = nfkc(source)
    zh = [n for n in src if not n.name and n.q.kind == "times"]
    halved = [m.group() for m in _ZH_HALVED.finditer(text)]
    if not zh and not halved:
        return
    allowed = {0.5} if halved else set()
    for n, (a, _b) in zip(zh, positions(text, [n.q for n in zh]), strict=True):
        q = n.q
        if q.alts == (q.value + 1,) and not (a > 0 and text[a - 1] in _ZH_TO):
            allowed.add(q.alts[0])  # 增长两倍: increased by 200%, tripled
        else:
            allowed.update(v for v in q.values() if v < 100)
    # a percentage may say the same: 增长100% "doubled", 减少50% "halved"
    allowed.update(1 + sign * n.q.value / 100 for n in src if n.q.kind == "percent" for sign in (1, -1))
    written = [n.q.text for n in zh] + halved
    for t in tgt:
        word = t.q.text.split()[-1] if t.q.text.split() else ""
        if t.name or not t.q.soft or not _EN_MULTIPLIER.fullmatch(word):
            continue
        at = target.find(word)
        if at >= 0 and _EN_NOT_MULTIPLIER.match(target, at):
            continue  # double counting, the triple planetary crisis
        if any(same(t.q.value, v) for v in allowed):
            continue
        message = (
            f"{_quote(t.q.text)} (×{_fmt(t.q.value)}) in the translation is not the source's multiplier: "
            f"the source has {_list(written)} (×{' or ×'.join(_fmt(v) for v in sorted(allowed))})"
        )
        yield message, f"×{_fmt(t.q.value)}", ERROR, ("target", t.q.text)


# Dates with their parts together: 2019年5月(18日) and "May 2019", "18 May 2019", "May 18, 2019".
_ZH_DATE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_MONTH_RE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
)
_EN_DATE = re.compile(
    r"(?:(?<![\d–-])(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+)?"
    + _MONTH_RE
    + r"\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?(?P<year>\d{4})(?!\d)"
)
_MONTH_NAMES = "January February March April May June July August September October November December"
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTH_NAMES.split(" "), 1)}


def _ymd(date: tuple[int, ...]) -> str:
    """(2019, 5) as 2019-05, (2022, 10, 18) as 2022-10-18."""
    return "-".join(f"{v:02d}" if k else str(v) for k, v in enumerate(date))


def _swapped_dates(source: str, target: str) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """Months or days swapped between two dates (2019年5月 … 2023年6月 as "June 2019 … May
    2023"): every year, month and day is there, but not together. Dates are compared as (year,
    month) and, where both sides give the day, (year, month, day); a day range (18–19 October)
    gives no day."""
    if "月" not in source or not any(m in target for m in _MONTH_NUMBER):
        return
    # (a date without its day has day 0)
    zh = [(int(y), int(m), int(d or 0)) for y, m, d in _ZH_DATE.findall(nfkc(source))]
    if len(zh) < 2:
        return
    en = []
    for m in _EN_DATE.finditer(nfkc(target)):
        d = m.group("d1") or m.group("d2") or 0
        en.append((int(m.group("year")), _MONTH_NUMBER[m.group("month")], int(d)))
    if len(en) != len(zh):
        return
    for parts in ((0, 1), (0, 1, 2)):
        a = sorted(tuple(x[i] for i in parts) for x in zh if all(x[i] for i in parts))
        b = sorted(tuple(x[i] for i in parts) for x in en if all(x[i] for i in parts))
        if len(a) != len(b) or len(a) < 2 or a == b:
            continue
        if any(sorted(x[i] for x in a) != sorted(x[i] for x in b) for i in range(len(parts))):
            return  # not the same parts: a changed number, reported as such
        given = ", ".join(_ymd(x) for x in b if x not in a)
        meant = ", ".join(_ymd(x) for x in a if x not in b)
        message = f"the dates of the source are recombined in the translation: {given} for {meant}"
        yield message, "date", ERROR, ("target", "")
        return


# 最大的终端市场之一 "one of the largest end markets", 最早…的城市之一 "among the first": a
# superlative with 之一 in one clause. Rendered "the largest", the translation claims more.
_ZH_ONE_OF = re.compile(r"最[^，。；：！？,;:!?]{0,30}?(?<!分)之一")  # not 三分之一 (a third)
_EN_ONE_OF = re.compile(
    r"\b(?:one|some|several|two|three|a few|many)\s+of\b|\bamong\b|\bone\s+in\b",
    re.IGNORECASE,
)


def _one_of(source: str, target: str) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """之一 after a superlative (最…之一) dropped: "one of the largest" as "the largest"."""
    m = _ZH_ONE_OF.search(source)
    if m is None or _EN_ONE_OF.search(target):
        return
    message = (
        f"{m.group()} (one of) of the source is not in the translation: "
        "without “one of” or “among” the English claims a superlative"
    )
    yield message, "1 of", ERROR, ("source", m.group())


_YEAR_ABOUT = re.compile(r"年?(?:前后|左右|上下)")


def _year(q: Quantity) -> bool:
    return q.kind == "cardinal" and 1900 <= q.value <= 2100 and q.value == int(q.value) and not q.soft


def _year_approximations(
    source: str, src: list[_Number], tgt_index: _Index
) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """A year the source gives exactly (到2030年) that the translation makes approximate ("by
    around 2030"). Years are not compared as amounts (2030年前后 "around 2030" is a date, and
    "over 2021" is "during"): only an "about" added is reported, 前后/左右 after the year
    being the source's own "around"."""
    years = [n for n in dict.fromkeys(src) if not n.name and _year(n.q) and n.approx is None]
    if not years:
        return
    text = nfkc(source)
    for n, (_a, b) in zip(years, positions(text, [n.q for n in years]), strict=True):
        if b >= 0 and _YEAR_ABOUT.match(text, b):
            continue
        about = [t for t in tgt_index.matching(n.q) if t.approx == ABOUT and not t.name]
        exact = [t for t in tgt_index.matching(n.q) if t.approx is None]
        if about and not exact:
            t = about[0]
            message = (
                f"{_quote(t.q.text)} in the translation makes the year approximate; "
                f"the source has {_show(n.q)}"
            )
            yield message, f"~{_fmt(n.q.value)}", ERROR, ("target", t.q.text)


def _agree(a: _Number, b: _Number) -> bool:
    return a.approx == b.approx or a.approx in b.also or b.approx in a.also


def _comparable(n: _Number) -> bool:
    """Whether a number's approximation is compared: not an idiom (两三, both), a name's number,
    an ordinal, a month or a year (2030年前后 "around 2030" is a date, not an amount)."""
    q = n.q
    if q.soft or n.name or q.kind in ("ordinal", "month", "times"):
        return False
    return not (q.kind == "cardinal" and 1900 <= q.value <= 2100 and q.value == int(q.value))


class _Number(NamedTuple):
    """A quantity of one side, whether it belongs to a glossary name, its approximation as
    the reader takes it (a range's for each end) and the approximations the wording also
    allows (``also``: "over eight months" may be none, 高达 "up to", "an estimated" about)."""

    q: Quantity
    name: bool = False
    approx: str | None = None
    also: frozenset[str | None] = frozenset()


# A glossary term holding a number: 十年方案框架, 二十国集团, 首届全球建筑和气候论坛, COP27.
_NUMERAL = re.compile(r"\d|[一二两三四五六七八九十百千首]")
_FIGURE_GOES_ON = re.compile(r"(?<=\d)(?:[.．]\d|\d)")


def _sides(
    source: str, target: str, ctx: Context, when: Period | None = None
) -> tuple[list[_Number], list[_Number]]:
    """The numbers of the source and of the translation as the rule compares them.

    A glossary name's numbers belong to the name (十年方案框架 = 10YFP, 二十国集团 = G20).
    Where the translation names the concept, both names are masked. Where it does not (a
    paraphrase: 三大环境危机 as "three major environmental crises", or a wrong name), the
    source name's numbers may stand in the English but need not. English names of concepts
    the source does not name (疫情 as "the COVID-19 pandemic") are read the same way.

    A side without a character a number needs has none (:func:`sppterm.numerals.may_hold_zh`,
    ``may_hold_en``): it is not read, and a unit with neither is not scanned for names."""
    zh_any, en_any = (may_hold_zh(source), may_hold_en(target)) if fast_paths() else (True, True)
    if not zh_any and not en_any:
        return [], []  # headings, captions, most sentences of the series
    hits = ctx.zh_matcher.find(source)
    named, bad = ctx.en_terms.scan(target, when)  # the names valid at the bulletin's date
    # A name ending in a figure that the source's number goes on from (SDG12 in SDG12.1, the
    # target 12.1) is no name there: the whole figure is the source's number.
    numbered = [
        h
        for h in hits
        if zh_any and _NUMERAL.search(source[h.start : h.end]) and not _FIGURE_GOES_ON.match(source, h.end)
    ]
    src = (
        [_Number(q) for q in zh_quantities(_mask(source, [(h.start, h.end) for h in numbered]))]
        if zh_any
        else []
    )
    for h in numbered:
        # a name the translation spells out keeps only its ordinal: 首届全球建筑和气候论坛 is
        # the Buildings and Climate Global Forum, and "the second Forum" is still wrong
        # (and its year, which the English may place elsewhere: 2025年全球公共采购论坛 as "Global
        # Public Procurement Forum 2025"; a year both sides have is no difference)
        keep = [
            q
            for q in zh_quantities(source[h.start : h.end])
            if h.concept.id not in named or q.kind == "ordinal" or _year(q)
        ]
        src += [_Number(q, name=True) for q in keep]
    # Mask the English names of the concepts found in the source (and of misused forms).
    spans = [(s, e) for s, e, _, _ in bad]
    in_source = {h.concept.id for h in hits}
    names: list[str] = []
    for c in {h.concept.id: h.concept for h in hits}.values() if en_any else ():
        pat = ctx.en_terms.numbered_forms(c)
        if pat is not None:
            spans += [m.span() for m in pat.finditer(target) if not _FIGURE_GOES_ON.match(target, m.end())]
    for cid in sorted(named - in_source) if en_any else ():
        concept = ctx.glossary.get(cid) if hasattr(ctx.glossary, "get") else None
        pat = ctx.en_terms.numbered_forms(concept) if concept is not None else None
        if pat is not None:
            for m in pat.finditer(target):
                if _FIGURE_GOES_ON.match(target, m.end()):
                    continue  # SDG 12 in SDG 12.1: the figure is the number, not the name's
                spans.append(m.span())
                names.append(m.group())
    tgt = [_Number(q) for q in en_quantities(_mask(target, spans))] if en_any else []
    for name in names:
        tgt += [_Number(q, name=True) for q in en_quantities(name)]
    # (built anew, not by _replace: a NamedTuple's _replace costs several times its constructor)
    src = [
        _Number(n.q, n.name, a, also)
        for n, (a, also) in zip(src, zh_approximations(source, [n.q for n in src]), strict=True)
    ]
    tgt = [
        _Number(n.q, n.name, a, also)
        for n, (a, also) in zip(tgt, en_approximations(target, [n.q for n in tgt]), strict=True)
    ]
    return src, tgt


def _matches(a: Quantity, b: Quantity) -> bool:
    """Same value (or an alternative value); a month (7月, July) only as a month: in "7月…G7"
    the G7 is no July."""
    if (a.kind == "month") != (b.kind == "month"):
        return False
    return any(same(x, y) for x in a.values() for y in b.values())


def _key(v: float) -> str:
    return f"{v:.6g}"


class _Index:
    """The numbers of one side by value, so that a unit with thousands of numbers (a fuzzed
    40,000-character run) is compared in linear time, not number by number."""

    def __init__(self, numbers: list[_Number]) -> None:
        groups: dict[tuple[float, bool], list[_Number]] = {}
        for n in numbers:
            month = n.q.kind == "month"
            groups.setdefault((n.q.value, month), []).append(n)
            for v in n.q.alts:
                groups.setdefault((v, month), []).append(n)
        self._exact = groups
        self._by_key: dict[tuple[str, bool], list[_Number]] | None = None  # by _key, on first need
        self._matching: dict[tuple, list[_Number]] = {}
        self._found: dict[tuple, bool] = {}

    def _by(self) -> dict[tuple[str, bool], list[_Number]]:
        """The numbers by rounded value (:func:`_key`), built when a value is first looked up
        by rounding: most units' numbers are all found by their exact value."""
        if self._by_key is None:
            self._by_key = {}
            for (v, month), same_value in self._exact.items():
                self._by_key.setdefault((_key(v), month), []).extend(same_value)
        return self._by_key

    def _candidates(self, q: Quantity) -> Iterable[_Number]:
        month = q.kind == "month"
        by = self._by()
        for v in q.values():
            # neighbours too: values within same()'s tolerance may round to another key
            # (in this order, each once: a set of strings iterates by the hash seed, and the first
            # match names the number a message quotes)
            for k in dict.fromkeys((_key(v), _key(v * (1 + 2e-6)), _key(v * (1 - 2e-6)))):
                yield from by.get((k, month), ())

    def find(self, q: Quantity) -> bool:
        key = (q.value, q.alts, q.kind == "month")
        found = self._found.get(key)
        if found is None:
            # a number of the same value first (the common case), then those that round near it
            month = key[2]
            # (one of exactly that value and kind matches: same(v, v) holds for all but NaN)
            found = q.value == q.value and (q.value, month) in self._exact
            exact = self._exact
            found = found or any(_matches(q, n.q) for v in q.values() for n in exact.get((v, month), ()))
            found = found or any(_matches(q, n.q) for n in self._candidates(q))
            self._found[key] = found
        return found

    def matching(self, q: Quantity) -> list[_Number]:
        """The numbers of this side with the value of ``q``."""
        key = (q.value, q.alts, q.kind == "month")
        found = self._matching.get(key)
        if found is None:
            found = self._matching[key] = [n for n in self._candidates(q) if _matches(q, n.q)]
        return found


def _list(texts: Iterable[str], most: int = 3) -> str:
    """“a”, “b”, “c” and 4 more: a message stays short whatever the unit holds."""
    items = list(dict.fromkeys(texts))
    shown = ", ".join(_quote(t) for t in items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _kind(q: Quantity) -> str:
    """What a changed number keeps: an ordinal stays an ordinal, a percentage a percentage."""
    return q.kind if q.kind in ("ordinal", "percent", "month") else "number"


class _Partners:
    """The source number a target-only number replaces, if any: one of the same kind that the
    translation lacks (an ordinal for an ordinal: 首届 → "second"; 一倍 → "triple"). Numbers of
    a name only stand for ordinals and names (第四届联合国环境大会 → "fifth session", COP27 →
    COP28). The closest in size is taken, a number of the text before one of a name."""

    def __init__(self, unmatched_src: list[_Number]) -> None:
        groups: dict[tuple[str, bool], list[tuple[float, int, _Number]]] = {}
        for i, n in enumerate(unmatched_src):
            groups.setdefault((_kind(n.q), n.name), []).append((_magnitude(n.q.value), i, n))
        self._groups = {k: sorted(v) for k, v in groups.items()}

    def find(self, t: _Number) -> _Number | None:
        if t.q.soft and t.q.kind not in ("times", "ordinal"):
            return None
        names = (False, True) if t.name or t.q.kind == "ordinal" else (False,)
        for name in names:
            group = self._groups.get((_kind(t.q), name))
            if group:
                m = _magnitude(t.q.value)
                k = bisect.bisect_left(group, (m,))
                near = [group[j] for j in (k - 1, k) if 0 <= j < len(group)]
                return min(near, key=lambda g: abs(g[0] - m))[2]
        return None


def _magnitude(v: float) -> float:
    return math.log10(abs(v)) if v and math.isfinite(v) else 0.0


def _idiom(q: Quantity) -> bool:
    """A number word English adds for its own reasons: an ordinal (the first to, a second
    round), a month name, "decade", "half". Only in the translation, it is a warning; a figure
    (digits, a percentage, a scale word) or a cardinal word is an error."""
    if q.figure:
        return False
    return q.kind in ("ordinal", "month") or q.text.lower() in ("decade", "half")


def _span(text: str, written: str) -> tuple[int, int] | None:
    """Where a number stands in ``text`` as the rule read it; None when its form was
    normalised (full-width digits): the finding is then about the whole text."""
    at = text.find(written) if written else -1
    return (at, at + len(written)) if at >= 0 else None


def _quote(text: str) -> str:
    return f"“{text}”"


def _value(q: Quantity) -> str:
    """' (2 billion)' when the value reads otherwise than the text, else ''."""
    d = q.describe()
    return "" if d.replace(",", "") == q.text.replace(",", "") else f" ({d})"


def _show(q: Quantity) -> str:
    """A source number as written and what it means: 20亿 (2 billion), 首届 (1st), 70多 (more than 70)."""
    return f"{q.text}{_value(q)}"
