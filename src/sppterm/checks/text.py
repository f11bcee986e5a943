"""Rules on the form of the translation: untranslated, URLs and e-mails, punctuation,
whitespace, placeholders, consistency across the series."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sppterm import placeholders
from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context, Finding, Fix, Rule
from sppterm.checks.locations import unstripped
from sppterm.checks.terms import follows_glossary
from sppterm.patterns import EMAIL_RE, URL_RE
from sppterm.zh import IDEOGRAPH, text_key

_URL = URL_RE  # the URLs the publisher links (sppterm.patterns)
_EMAIL = EMAIL_RE
# Chinese punctuation that has no place in English (curly quotes, dashes, … are English too).
_FULLWIDTH = re.compile(r"[，。、；：！？（）【】《》「」『』〔〕～　]")
_PAIRS = [("(", ")"), ("[", "]"), ("“", "”")]
# A run of Chinese as the untranslated message quotes it: ideographs, and a middle dot
# between two of them (a transliterated name).
_HAN_RUN = re.compile(f"{IDEOGRAPH.pattern}(?:[·・]?{IDEOGRAPH.pattern})*")


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


class Untranslated(Rule):
    id = "untranslated"
    title = "Unit not translated, only fuzzy, or with Chinese left in the English"
    severity = ERROR
    precondition = True
    severity_why = """
        Error: a unit that is empty, unreviewed or half Chinese cannot be published (a release
        build refuses it), so CI fails on it. Nothing about it is a matter of taste.
        """
    what = """
        An empty translation, a fuzzy one (a suggestion nobody has reviewed), or a translation
        that still contains Chinese characters; the message quotes each Chinese run as it
        stands in the English, in order. Blocks that are already English in the source are
        pre-filled and never reported.
        """
    why = """
        An untranslated unit cannot be published: a release build refuses the bulletin. It is
        a precondition: on an empty or fuzzy unit every other rule is skipped, as their
        findings would be consequences of the missing translation. Where Chinese is left in
        an English translation, the rules that read the English words are skipped (the
        Chinese words would be their missing terms, numbers and full-width marks) and those
        still meaningful run, such as url-email and placeholders; `sppterm rules untranslated`
        lists both. A unit that keeps Chinese on purpose (a name quoted in Chinese) takes the
        flag `#, ignore-untranslated`, and then every rule checks it.
        """
    example = """
        `msgid "合作伙伴最新进展"` with `msgstr ""`:

            x.po:12:1: untranslated not translated

        Fix: translate the unit, or review the suggestion and remove the fuzzy flag. And
        "The 净零排放 target of 生态环境部":

            x.po:13:12: untranslated Chinese left in the translation: “净零排放”, “生态环境部”
        """

    def unmet(self, unit: CheckUnit) -> bool:
        """Empty or fuzzy: nothing reviewed to check yet."""
        return unit.untranslated

    def partly_unmet(self, unit: CheckUnit) -> bool:
        """Chinese left in the English: the words the other rules read are not all there."""
        return bool(unit.target and not unit.english_source and IDEOGRAPH.search(unit.target))

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if unit.target is None:
            return
        if not unit.target.strip():
            yield self.finding(unit, "not translated")
        elif unit.fuzzy:
            yield self.finding(unit, "fuzzy: the suggestion has not been reviewed")
        elif not unit.english_source and IDEOGRAPH.search(unit.target):
            runs = list(_HAN_RUN.finditer(unit.target))
            shown = list(dict.fromkeys(m.group() for m in runs))  # in order, each once
            listed = ", ".join(f"“{_clip(r, 20)}”" for r in shown[:5])
            more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
            yield self.finding(
                unit,
                f"Chinese left in the translation: {listed}{more}",
                term="chinese",
                side="target",
                span=runs[0].span(),
            )


class UrlEmail(Rule):
    id = "url-email"
    title = "URL or e-mail of the source missing or changed"
    severity = ERROR
    reads_english = False  # addresses are checked even where Chinese is left in the English
    severity_why = """
        Error: a changed address is a dead link or a lost e-mail, never a choice of wording.
        """
    what = """
        Every URL and e-mail address of the source appears unchanged in the translation.
        """
    why = """
        Readers of the English edition follow the same links and write to the same addresses;
        a changed letter sends them nowhere, and nobody proofreads URLs.
        """
    example = """
        `详情请见www.oneplanetnetwork.org。` translated as "See www.oneplanet.org for details.":

            x.po:6:1: url-email URL www.oneplanetnetwork.org of the source is missing or changed

        Fix: copy the address from the source.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target:
            return
        # (no @, no e-mail: the pattern would otherwise be retried from every character of a word)
        patterns = ((_URL, "URL"), (_EMAIL, "e-mail address")) if "@" in unit.key else ((_URL, "URL"),)
        for pattern, what in patterns:
            for found in sorted({m.group(0).rstrip(".,;:") for m in pattern.finditer(unit.key)}):
                if not _has_whole(unit.target, found):
                    at = unit.key.find(found)
                    yield self.finding(
                        unit,
                        f"{what} {found} of the source is missing or changed",
                        term=found,
                        suggestion=found,
                        side="source",
                        span=(at, at + len(found)),
                    )


# What continues an address: a character of its body, or a dot before more of it
# (wangj@mepcec.com is not in wangj@mepcec.com.cn; it is in "wangj@mepcec.com.").
_ADDRESS_GOES_ON = re.compile(r"[A-Za-z0-9_~%#?=&+@/-]|\.[A-Za-z0-9]")
_ADDRESS_BEFORE = re.compile(r"[A-Za-z0-9._%+@/-]$")


def _has_whole(text: str, address: str) -> bool:
    """The address occurs in the text as a whole address, not as the start or end of a
    longer one."""
    at = text.find(address)
    while at != -1:
        end = at + len(address)
        if text.startswith("/", end) and "@" not in address:
            end += 1  # http://x.org/ is http://x.org
        if not _ADDRESS_GOES_ON.match(text, end) and not _ADDRESS_BEFORE.search(text[max(0, at - 1) : at]):
            return True
        at = text.find(address, at + 1)
    return False


class Punctuation(Rule):
    id = "punctuation"
    title = "Full-width punctuation or unbalanced brackets/quotes in English"
    severity = WARNING
    severity_why = """
        A full-width mark in English is an error: it is never right in the English editions
        (Chinese quoted in the English is the `untranslated` rule's business) and no correct
        unit of the series or the corpus has one. An unbalanced round or square bracket is an
        error where the Chinese balances its own and no enumerator such as "1)" explains it
        (a part of the sentence was lost). An unbalanced quotation mark (curly or straight) is
        an error where the Chinese balances its quotes: a defect of the published text (a
        quotation left open, or closed twice), which no correct unit of the series has. Where
        the Chinese leaves a quotation open too (it continues in the next paragraph), and for
        a bracket the Chinese does not balance, a warning: a reviser fixes or keeps it.
        """
    what = """
        Chinese (full-width) punctuation left in English text (，。、；：（）《》…), and
        unbalanced brackets or quotation marks.
        """
    why = """
        Full-width marks are the trace of a copied source; in English they look like typos and
        break the spacing. An unbalanced bracket or quote usually means a lost part of a
        sentence.
        """
    example = """
        "The meeting was held in Beijing。":

            x.po:7:32: punctuation full-width punctuation '。' in English

        Fix: "The meeting was held in Beijing."
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        text = placeholders.strip(unit.target)
        for m in _FULLWIDTH.finditer(text):
            yield self.finding(
                unit,
                f"full-width punctuation '{m.group(0)}' in English",
                term=m.group(0),
                severity=ERROR,
                side="target",
                span=unstripped(unit.target, *m.span()),
            )
            break
        for a, b in _PAIRS:
            if text.count(a) != text.count(b):
                yield self.finding(
                    unit,
                    f"unbalanced {a}{b}: {text.count(a)} opening, {text.count(b)} closing",
                    term=a + b,
                    severity=_bracket_severity(a, b, text, placeholders.strip(unit.key)),
                )
        straight = text.count('"')
        if straight % 2:
            yield self.finding(
                unit,
                'unbalanced straight quotes "',
                term='"',
                severity=ERROR if quotes_balanced(placeholders.strip(unit.key)) else WARNING,
            )


# Chinese brackets that correspond to the English ones, and an enumerator such as "1)" or "b)"
# that legitimately closes a bracket never opened.
_ZH_PAIRS = {"(": ("（", "）"), "[": ("【", "】")}
_ENUMERATOR = re.compile(r"(?<![\w(])(?:\d{1,2}|[a-z]|[ivx]{1,4})\)")


def _bracket_severity(a: str, b: str, text: str, source: str) -> str:
    """Error for an unbalanced round or square bracket where the Chinese balances its own and
    no "1)" enumerator explains it: then a part of the sentence was lost. Curly quotes: an
    error where the source balances its quotes (:func:`quotes_balanced`), a warning where it
    does not (a quotation running on into the next paragraph, on both sides)."""
    if a == "“":
        return ERROR if quotes_balanced(source) else WARNING
    if a not in _ZH_PAIRS or _ENUMERATOR.search(text):
        return WARNING
    za, zb = _ZH_PAIRS[a]
    balanced = source.count(a) + source.count(za) == source.count(b) + source.count(zb)
    return ERROR if balanced else WARNING


def quotes_balanced(source: str) -> bool:
    """Whether every quotation of the Chinese closes in the unit: “” and 「」『』 pair up and
    straight double quotes are even (the series writes "年度进展报告" as well as “…”)."""
    return (
        source.count("“") == source.count("”")
        and source.count("「") == source.count("」")
        and source.count("『") == source.count("』")
        and source.count('"') % 2 == 0
    )


# Horizontal whitespace of any kind (space, tab, NBSP, thin and other Unicode spaces), not
# newlines; and the invisible characters an editor or a PDF copy leaves in text.
_HSPACE_RUN = re.compile(r"(?<=\S)[^\S\r\n]{2,}(?=\S)")
_TAB = re.compile(r"(?<=\S)\t(?=\S)")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_EDGE_LEAD = re.compile(r"^\s*")
_EDGE_TRAIL = re.compile(r"\s*$")


class Whitespace(Rule):
    id = "whitespace"
    title = "Doubled spaces, tabs, invisible characters or edge whitespace unlike the source"
    severity = WARNING
    reads_english = False
    severity_why = """
        Warning: layout, not content; the HTML edition collapses most of it. Fixed in review,
        or by `check --fix`.
        """
    what = """
        A run of two or more spaces of any kind inside the translation (space, tab, no-break
        or thin space), a tab between words, an invisible character (zero-width space or
        joiner, word joiner, byte-order mark, soft hyphen) the source does not have, or
        leading/trailing whitespace that differs from the source.
        """
    why = """
        Doubled spaces show in the published HTML and PDF; a tab or an invisible character
        pasted from a PDF or a word processor breaks search, spelling and line breaking, and
        no reader sees it in review; leading or trailing whitespace unlike the source shifts
        the layout the editions rebuild from it. Every finding carries a fix: one space (one
        no-break space for a run of them), the character removed, the source's edges.
        """
    example = """
        "The meeting was  held in Beijing.":

            x.po:8:16: whitespace doubled space

        Fix: one space between words, and the source's leading/trailing whitespace.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        text = unit.target
        if not text or not text.strip():
            return  # empty or blank: the untranslated rule's
        m = _HSPACE_RUN.search(text)
        if m:  # the fix closes up this one; check --fix rechecks the unit for the next
            run = m.group()
            one = "\u00a0" if set(run) == {"\u00a0"} else " "
            what = "doubled space" if set(run) == {" "} else f"run of spaces {_names(run)}"
            yield self.finding(
                unit, what, term="double", side="target", span=m.span(), fix=Fix(*m.span(), one)
            )
        elif "\t" not in unit.key and (t := _TAB.search(text)):
            yield self.finding(
                unit, "tab between words", term="tab", side="target", span=t.span(), fix=Fix(*t.span(), " ")
            )
        for inv in _INVISIBLE.finditer(text):
            if inv.group() not in unit.key:
                yield self.finding(
                    unit,
                    f"invisible character {_names(inv.group())}",
                    term="invisible",
                    side="target",
                    span=inv.span(),
                    fix=Fix(*inv.span(), ""),
                )
                break  # one per unit: the fix removes it and --fix rechecks for the next
        lead_src, lead = _EDGE_LEAD.match(unit.key).group(), _EDGE_LEAD.match(text).group()  # type: ignore[union-attr]
        if bool(lead_src) != bool(lead):
            fix = Fix(0, len(lead), lead_src)
            yield self.finding(unit, "leading whitespace differs from the source", term="leading", fix=fix)
        trail_src = _EDGE_TRAIL.search(unit.key).group()  # type: ignore[union-attr]
        trail = _EDGE_TRAIL.search(text).group()  # type: ignore[union-attr]
        if bool(trail_src) != bool(trail) and len(trail) < len(text):
            fix = Fix(len(text) - len(trail), len(text), trail_src)
            yield self.finding(unit, "trailing whitespace differs from the source", term="trailing", fix=fix)


def _names(chars: str) -> str:
    """'U+0009 U+00A0' for the characters of a run, each once, in order."""
    return " ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in chars))


class Placeholders(Rule):
    id = "placeholders"
    title = "Markup placeholders missing or unpaired"
    severity = ERROR
    reads_english = False
    severity_why = """
        Error: the editions are rebuilt from the placeholders; a missing or unpaired one loses
        formatting or breaks the page, which the build cannot repair.
        """
    what = """
        Inline markup of the source (<b>…</b>, <i>…</i>, and the inline HTML the Markdown
        keeps: <u>, <sup>, <sub>, <span>, <a href="…">, <br/>) must appear in the
        translation, paired and properly nested (across kinds too: <b><u>…</b></u> crosses),
        with each link's href unchanged; a tag the source lacks is reported as well (the
        edition prints what is no placeholder as text).
        """
    why = """
        The published edition rebuilds the formatting from these placeholders: a missing or
        unpaired one loses the bold or italics, or breaks the page.
        """
    example = """
        `<b>会议</b>在北京举行。` translated as "The meeting was held in Beijing.":

            x.po:9:1: placeholders placeholders differ: source has <b> </b>, translation has none

        Fix: "<b>The meeting</b> was held in Beijing."
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        why = placeholders.problem(unit.key, unit.target or "") or markup_problem(unit.key, unit.target or "")
        if why:
            yield self.finding(unit, why)


# Inline HTML the Markdown parser keeps as written (sppterm.bulletin.parse: html_inline) besides
# the <b>/<i> placeholders: underline, super- and subscripts, spans, links, line breaks. The
# editions print them as text (sppterm.publish.inline escapes what is no placeholder), so one
# the source has and the translation lacks, or the reverse, or one left open, shows.
MARKUP = re.compile(r"<(/?)(u|sup|sub|span|a|br)\b([^<>]*)>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_VOID = {"br"}
_ANY_TAG = re.compile(f"{MARKUP.pattern}|{placeholders.TAG.pattern}", re.IGNORECASE)


def _markup(text: str) -> list[tuple[str, str, str]]:
    """(kind "open"/"close"/"void", tag name, the tag as written) of every inline tag of
    ``text``: the markup tags and the <b>/<i> placeholders, in order."""
    out = []
    for m in _ANY_TAG.finditer(text):
        whole = m.group()
        name = (m.group(2) or whole.strip("</>")).lower()
        closing = whole.startswith("</")
        kind = "void" if name in _VOID else "close" if closing else "open"
        out.append((kind, name, whole))
    return out


def _shown(t: tuple[str, str, str]) -> str:
    kind, name, whole = t
    if name == "a" and kind == "open":
        href = _HREF.search(whole)
        target = next((g for g in href.groups() if g is not None), "") if href else ""
        return f'<a href="{target}">' if href else "<a>"
    return f"</{name}>" if kind == "close" else f"<{name}/>" if kind == "void" else f"<{name}>"


def markup_problem(source: str, target: str) -> str | None:
    """Why ``target``'s inline HTML (<u>, <sup>, <sub>, <span>, <a href>, <br/>) does not match
    ``source``'s: a tag dropped or added, a link pointing elsewhere, a tag never closed or
    closed across another (also across the <b>/<i> placeholders); None when it matches."""
    if not target or ("<" not in source and "<" not in target):
        return None
    want = [_shown(t) for t in _markup(source) if t[1] not in ("b", "i")]
    got_tags = _markup(target)
    got = [_shown(t) for t in got_tags if t[1] not in ("b", "i")]
    if sorted(want) != sorted(got):
        has, gets = " ".join(want) or "none", " ".join(got) or "none"
        return f"markup differs: source has {has}, translation has {gets}"
    stack: list[str] = []
    for kind, name, _ in got_tags:
        if kind == "open":
            stack.append(name)
        elif kind == "close":
            if not stack:
                return f"tag </{name}> closes nothing"
            if stack[-1] != name:
                return f"tag </{name}> closes <{stack[-1]}>: the tags cross"
            stack.pop()
    if stack:
        return f"tag <{stack[-1]}> is never closed"
    return None


class Inconsistent(Rule):
    id = "inconsistent"
    title = "Same source translated differently in the series"
    severity = ERROR
    series = True
    reads_english = False
    severity_why = """
        Error on a unit translated otherwise than the reference when its own English does not
        follow the glossary (a term missing or a bad form) and the reference does: that unit is
        wrong. Warning when it does follow the glossary: both wordings may be right, and
        a reviser picks one; never an error on a correct translation. Warning for one English
        used for two different sources: often right (two phrasings of one heading), sometimes
        a pasted translation.
        """
    what = """
        The same Chinese text must have the same English everywhere in the series. The
        reference is the translation that follows the glossary (every concept of the source
        rendered by an accepted form, no deprecated or forbidden form), the most frequent of
        those, the first in series order on a tie; the units that differ from it are reported.
        The same English used for different Chinese sources is a warning: one of them may be
        mistranslated. Sources differing only in full-width vs half-width forms count as one.
        """
    why = """
        A series is read as a whole: a heading, a programme name or a recurring sentence that
        changes from issue to issue looks like a different thing, and a translation memory
        built from the series would carry both.
        """
    example = """
        `会议在北京举行。` is "The meeting took place in Beijing." in a.po and b.po, and
        "The meeting was held in Beijing." in x.po:

            x.po:7:1: inconsistent translated differently elsewhere in the series
            (a.po:20 has: The meeting took place in Beijing.)

        Fix: use the reference translation, or change all of them together.
        """

    def check_series(self, units: list[CheckUnit], ctx: Context | None = None) -> Iterable[Finding]:
        """Findings over every bilingual unit of the series (``ctx`` is not needed)."""
        final = [u for u in units if u.target and not u.fuzzy and u.target.strip()]
        by_source: dict[str, list[CheckUnit]] = {}
        by_target: dict[str, list[CheckUnit]] = {}
        for u in final:
            # NFKC: sources differing only in full-width vs half-width forms (（） and ()) are one.
            by_source.setdefault(text_key(u.key), []).append(u)
            if not u.english_source and u.target is not None:  # final units all have a target
                by_target.setdefault(u.target, []).append(u)
        for group in by_source.values():
            targets = {u.target for u in group if u.target is not None}
            if len(targets) < 2:
                continue
            # Judged by the glossary (without one, every translation counts as right): the
            # reference is the most frequent right one, first in series order on a tie.
            right = {t: ctx is None or follows_glossary(_unit_of(group, t), ctx) for t in targets}
            ref = max(targets, key=lambda t: (right[t], sum(u.target == t for u in group), -_first(group, t)))
            where = next(u for u in group if u.target == ref)
            for u in group:
                if u.target is not None and u.target != ref:
                    wrong = right[ref] and not right[u.target]
                    yield self.finding(
                        u,
                        f"translated differently elsewhere in the series"
                        f"{', and this translation does not follow the glossary' if wrong else ''} "
                        f"({where.path}:{where.line} has: {ref[:80]})",
                        term="source",
                        suggestion=ref,
                        severity=ERROR if wrong else WARNING,
                    )
        for group in by_target.values():
            sources = {text_key(u.key) for u in group}
            if len(sources) > 1:
                first = group[0]
                for u in group:
                    if text_key(u.key) != text_key(first.key):
                        yield self.finding(
                            u,
                            f"same translation as a different source at {first.path}:{first.line}",
                            term="target",
                            severity=WARNING,
                        )


def _unit_of(group: list[CheckUnit], target: str) -> CheckUnit:
    return next(u for u in group if u.target == target)


def _first(group: list[CheckUnit], target: str) -> int:
    return next(i for i, u in enumerate(group) if u.target == target)
