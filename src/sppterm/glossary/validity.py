"""Terms valid in time: a term's ``valid_from`` / ``valid_until``, and its status at a date.

Names change (a ministry renamed in 2017, "UN Environment" used 2017–2019), so a term right in
one bulletin is wrong in another. A bound is an ISO date (``2017-10-26``) or a bulletin id
(``2021-03``: that bulletin's date); both bounds are inclusive, a missing one is open.

A term's status in the glossary file holds while it is valid (:attr:`Term.valid_status`);
outside that interval an accepted term (preferred, admitted) counts as deprecated. With no date
(a unit of no known bulletin) the glossary stands as at the open end of time: a term with a
``valid_until`` is deprecated, one with only a ``valid_from`` valid. That status is
:attr:`Term.status`, so code that knows no dates sees today's glossary.

A bulletin's date is a :data:`Period`, first and last day: the printed date when its front
matter has one (``date``), else its year (``year``, else the year its id starts with). Term
intervals are compared with it leniently: a term is valid in a bulletin if it is valid on any
day of the bulletin's period.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping

from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Concept, Glossary, Status, Term

Period = tuple[datetime.date, datetime.date]  # first and last day, inclusive
ALWAYS: Period = (datetime.date.min, datetime.date.max)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def looks_like_date(bound: str) -> bool:
    """True when ``bound`` is written as an ISO date (YYYY-MM-DD), valid or not."""
    return bool(_ISO.match(bound))


def parse_date(bound: str) -> datetime.date | None:
    """The date a bound writes as YYYY-MM-DD, else None (a bulletin id, or no real date)."""
    if not _ISO.match(bound):
        return None
    try:
        return datetime.date.fromisoformat(bound)
    except ValueError:
        return None


def status_now(declared: Status, valid_until: str) -> Status:
    """The status a term has with no date: its declared one, unless its validity has an end."""
    return Status.DEPRECATED if valid_until and declared.accepted else declared


class Timeline:
    """Resolves term validity against the bulletins' dates (bulletin id → :data:`Period`).

    A bound naming a bulletin not in ``dates`` is left open here (``glossary lint`` reports it);
    so is a date that does not exist (2017-02-30)."""

    def __init__(self, dates: Mapping[str, Period] | None = None) -> None:
        self.dates: Mapping[str, Period] = dates or {}

    def bound(self, text: str, end: bool) -> datetime.date | None:
        """The date of one bound (the last day of a bulletin for an end), None if unknown."""
        if not text:
            return None
        day = parse_date(text)
        if day is not None:
            return day
        period = self.dates.get(text)
        return None if period is None else period[1 if end else 0]

    def interval(self, term: Term) -> Period:
        """The days a term is valid, inclusive; open bounds are the ends of time."""
        lo = self.bound(term.valid_from, False)
        hi = self.bound(term.valid_until, True)
        return (lo or datetime.date.min, hi or datetime.date.max)

    def valid(self, term: Term, when: Period | None) -> bool:
        """Whether ``term`` is valid on some day of ``when`` (None: at the open end of time)."""
        if term.valid_status is None:
            return True
        if when is None:
            return not term.valid_until
        lo, hi = self.interval(term)
        return lo <= when[1] and hi >= when[0]

    def status(self, term: Term, when: Period | None) -> Status:
        """``term``'s status at ``when`` (None: no date, the term's :attr:`Term.status`)."""
        declared = term.valid_status
        if declared is None or when is None:
            return term.status
        if self.valid(term, when) or not declared.accepted:
            return declared
        return Status.DEPRECATED

    def preferred(self, concept: Concept, lang: str, when: Period | None) -> Term | None:
        """The preferred term of ``concept`` in ``lang`` valid at ``when``; with none valid
        then, the preferred term it has now (a replacement is always named)."""
        if when is not None:
            for t in concept.terms:
                if t.lang == lang and t.valid_status is Status.PREFERRED and self.valid(t, when):
                    return t
        return concept.preferred(lang)


def dated_view(glossary: Glossary, when: Period | None, timeline: Timeline | None = None) -> Glossary:
    """The glossary as at ``when`` (a bulletin's period): each dated term with its status then
    (:meth:`Timeline.status`), so code that reads ``Term.status`` and ``Concept.preferred`` —
    the PO hints, the editions' italics — sees the terms valid in that bulletin. A language
    with no preferred term valid then keeps today's (a replacement is always named, as
    :meth:`Timeline.preferred` does; ``glossary lint`` reports the gap). Concepts without dated
    terms are the glossary's own objects; with no dated term at all, or no date, the glossary
    itself is returned (today's statuses)."""
    if when is None or not any(t.valid_status is not None for c in glossary for t in c.terms):
        return glossary
    timeline = timeline or Timeline()
    concepts = []
    for c in glossary:
        if all(t.valid_status is None for t in c.terms):
            concepts.append(c)
            continue
        terms = [
            t if t.valid_status is None else dataclasses.replace(t, status=timeline.status(t, when))
            for t in c.terms
        ]
        for lang in ("zh", "en"):
            now = c.preferred(lang)
            if now is not None and not any(t.lang == lang and t.status is Status.PREFERRED for t in terms):
                terms = [
                    dataclasses.replace(t, status=Status.PREFERRED) if o is now else t
                    for t, o in zip(terms, c.terms, strict=True)
                ]
        concepts.append(dataclasses.replace(c, terms=terms))
    return Glossary(concepts)


class DatedViews:
    """Each bulletin's :func:`dated_view` of one glossary and its Chinese matcher, built once
    per distinct period (bulletins of one year share them): what extraction and publishing
    use for a bulletin instead of the glossary as it stands today."""

    def __init__(self, glossary: Glossary, dates: Mapping[str, Period] | None = None) -> None:
        self.glossary, self.timeline = glossary, Timeline(dates)
        self._views: dict[Period | None, tuple[Glossary, ZhMatcher]] = {}

    def _get(self, bulletin_id: str) -> tuple[Glossary, ZhMatcher]:
        when = self.timeline.dates.get(bulletin_id)
        if when not in self._views:
            view = dated_view(self.glossary, when, self.timeline)
            same = next((m for g, m in self._views.values() if g is view), None)
            self._views[when] = (view, same or ZhMatcher(view))
        return self._views[when]

    def view(self, bulletin_id: str) -> Glossary:
        return self._get(bulletin_id)[0]

    def matcher(self, bulletin_id: str) -> ZhMatcher:
        return self._get(bulletin_id)[1]


def dated_hint(term: Term, concept: Concept) -> str:
    """Why a term the glossary file accepts is not to be used in a bulletin, and what to use,
    for a translator's hint: 'valid until 2017-10-25; use 荷兰基础设施和水资源管理部' ("" when the
    term is valid then, or simply deprecated). ``term`` and ``concept`` are of a
    :func:`dated_view`."""
    if term.valid_status is None or not term.valid_status.accepted or term.status.accepted:
        return ""
    use = concept.preferred(term.lang)
    return describe(term) + (f"; use {use.text}" if use is not None and use.text != term.text else "")


def describe(term: Term) -> str:
    """The validity of a term in words: 'valid from 2017-10-26', 'valid from 2017-01-01 to
    2019-12-31', 'valid until 2017-10-25'."""
    if term.valid_from and term.valid_until:
        return f"valid from {term.valid_from} to {term.valid_until}"
    if term.valid_from:
        return f"valid from {term.valid_from}"
    if term.valid_until:
        return f"valid until {term.valid_until}"
    return ""


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def show_bound(bound: str, end: bool) -> str:
    """A bound in words, the UN way: '25 October 2017'; a year when the bound is its first day
    (a start) or its last (an end): '2017'; 'bulletin 2021-03' for a bulletin id."""
    day = parse_date(bound)
    if day is None:
        return f"bulletin {bound}" if bound else ""
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return str(day.year)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def used_when(term: Term) -> str:
    """When a dated term is in use, in words: '2017–2019', 'in 2018', 'until 25 October 2017',
    'from 26 October 2017', 'from 1 March 2017 to 2019' ("" for a term always valid)."""
    lo = show_bound(term.valid_from, False) if term.valid_from else ""
    hi = show_bound(term.valid_until, True) if term.valid_until else ""
    if lo and hi:
        if lo.isdigit() and hi.isdigit():
            return f"in {lo}" if lo == hi else f"{lo}–{hi}"
        return f"from {lo} to {hi}"
    return f"from {lo}" if lo else f"until {hi}" if hi else ""


def out_of_time(
    term: Term,
    concept: Concept,
    use: str,
    when: Period | None,
    timeline: Timeline | None = None,
    quote: str = "",
    note: str = "",
) -> str:
    """Why an accepted, dated term is wrong at ``when`` and what to use, in plain words, for a
    check's message (what follows the term's name): 'was used 2017–2019; since 2020: UNEP',
    'is used only from 26 October 2017; until then: …'. ``use`` is the form to use then,
    ``quote`` goes round it, ``note`` (the term's) after the period of use. "" for a term
    that is valid at ``when``, undated or simply deprecated."""
    timeline = timeline or Timeline()
    if term.valid_status is None or not term.valid_status.accepted or timeline.valid(term, when):
        return ""
    early = when is not None and when[1] < timeline.interval(term)[0]
    return _wording(term, concept, use, early, timeline, quote, note)


def dated_note(
    term: Term, concept: Concept, when: Period | None = None, timeline: Timeline | None = None
) -> str:
    """A dated term of a :func:`dated_view` (as at ``when``) in words, for a hover text: 'used
    from 26 October 2017' when valid in the view; out of its time, when it was used and what
    the view uses instead ('was used until 25 October 2017; since 26 October 2017: 荷兰基础设施
    和水资源管理部'). Without ``when``, a term with an end is taken to be past it."""
    if term.valid_status is None:
        return ""
    if term.status.accepted or not term.valid_status.accepted:
        return f"used {used_when(term)}"
    timeline = timeline or Timeline()
    use = concept.preferred(term.lang)
    # without a date, a term with no end is out of its time only before its start
    early = when[1] < timeline.interval(term)[0] if when is not None else not term.valid_until
    return _wording(term, concept, use.text if use is not None else "", early, timeline, "", "")


def _wording(
    term: Term, concept: Concept, use: str, early: bool, timeline: Timeline, quote: str, note: str
) -> str:
    period = used_when(term)
    if early:  # a name not yet in use (one with an end was only ever used then)
        said = f"was used only {period}" if term.valid_until else f"is used only {period}"
    else:
        said = f"was used {period}"
    said += f" ({note})" if note else ""
    if not use or use == term.text:
        return said
    if early:
        return f"{said}; until then: {quote}{use}{quote}"
    new = next((t for t in concept.terms if t.text == use and t.valid_from), None)
    hi = timeline.interval(term)[1]
    if new is not None:
        since = f"since {show_bound(new.valid_from, False)}"
    elif hi < datetime.date.max:
        since = f"since {show_bound((hi + datetime.timedelta(days=1)).isoformat(), False)}"
    else:
        since = "now"
    return f"{said}; {since}: {quote}{use}{quote}"


def show_period(when: Period) -> str:
    """A bulletin period in words: its year when it is a whole year, else its dates."""
    lo, hi = when
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return str(lo.year)
    return lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
