"""Where the spelling rule's words come from, apart from the rule: the results cache keys its
entries by these files, and importing checks.spelling for two names cost a warm check ~6 ms."""

from __future__ import annotations

from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell/en_GB.dic")  # where Debian's hunspell-en-gb puts it
WORDLIST = "wordlist.txt"  # in the glossary directory
