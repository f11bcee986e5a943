"""Text patterns shared by what is checked and what is published, so the two cannot drift apart.

The lowest layer: imports nothing of sppterm. The URL checker (checks/text.py), the importer's
URL lines (bulletin/seed.py), the number masker (numerals.py), the sentence splitter (zh.py),
the Markdown escaper (bulletin/mdtext.py) and the publisher's links (publish/inline.py) all use
these definitions; tests/test_patterns.py holds them to the same spans on one table of cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class _LazyPattern:
    """A regular expression compiled on its first use, not at import.

    The URL patterns take ~10 ms each to compile and a short command (``sppterm search``,
    ``--version``) uses none of them. The first attribute looked up compiles the pattern and puts
    its methods on the instance, so later calls cost what a compiled pattern's do. ``pattern``
    and ``flags`` are there without compiling (other modules build patterns from ``.pattern``).
    ``compiler``: ``re.compile`` or ``regex.compile`` (the style rules').
    """

    def __init__(
        self, pattern: str, flags: int = 0, compiler: Callable[[str, int], Any] = re.compile
    ) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiler = compiler

    def __getattr__(self, name: str) -> Any:  # only called for what the instance lacks
        if name.startswith("__"):  # copy/pickle probing a bare instance: no compiling for it
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiler(self.pattern, self.flags)
            self.__dict__["_compiled"] = compiled
            self.__dict__.update({m: getattr(compiled, m) for m in _METHODS})
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(
    pattern: str, flags: int = 0, compiler: Callable[[str, int], Any] = re.compile
) -> re.Pattern[str]:
    """``compiler(pattern, flags)`` (``re.compile``), compiled on first use (an import stays cheap).

    For module-level patterns only: the object behaves as the compiled pattern for its methods
    and attributes, but is not an ``re.Pattern`` instance (pass ``.pattern`` to ``re``/``regex``).
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags, compiler))


# An e-mail address: ASCII only, because Python's \w matches Han characters and would read
# 请联系wangj@mepcec.com as one address. The look-behind lets a match start only where a run of
# address characters starts, so a long run without an address is scanned once, not from every
# character (which was quadratic).
EMAIL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
EMAIL_RE = lazy_compile(EMAIL)

# Han ideographs: the unified blocks (BMP, extension A, extensions B–H in the supplementary
# planes) and the compatibility ideographs. The body of a character class.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# What ends a URL written in running text: white space, the delimiters < > " (RFC 3986,
# appendix C), and anything Chinese (ideographs, CJK and full-width punctuation, typographic
# quotes and dashes, the middle dot). Chinese text has no space after a URL
# (请访问https://www.oneplanetnetwork.org。), and no URL holds these characters unencoded.
_STOP = rf"\s<>\"\u00b7\u2010-\u2027\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef{HAN}"
# Sentence punctuation right after a URL belongs to the sentence: a URL never ends with one.
# Brackets count only when they pair up inside the URL (…/wiki/Foo_(bar)); an unpaired closing
# one is the sentence's ((see https://a.org/x)).
_TAIL = r".,;:!?'\]"
_PAIRED = rf"\([^{_STOP}()]*\)"
_URL_BODY = rf"(?:[^{_STOP}()]|{_PAIRED})*(?:[^{_STOP}(){_TAIL}]|{_PAIRED})"
# A web address (http://, https://, or www. and a host with a dot) or a mailto: address.
URL = rf"(?:https?://|www\.[A-Za-z0-9-]+\.|mailto:(?={EMAIL})){_URL_BODY}"
URL_RE = lazy_compile(URL)
# A line that is one URL, perhaps followed by the sentence punctuation the importer removes.
URL_LINE_TRAILER = ".,;。，；"
URL_LINE = lazy_compile(rf"^(?:{URL})[{URL_LINE_TRAILER}]*$")

# The xml:lang attribute in lxml's Clark notation (TMX, TBX, XLIFF).
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
