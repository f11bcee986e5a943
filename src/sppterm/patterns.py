"""Text patterns shared by what is checked and what is published, so the two cannot drift apart.

The lowest layer: imports nothing of sppterm.
"""

from __future__ import annotations

import re

# An e-mail address: ASCII only, because Python's \w matches Han characters and would read
# 请联系wangj@mepcec.com as one address. The look-behind lets a match start only where a run of
# address characters starts, so a long run without an address is scanned once, not from every
# character (which was quadratic).
EMAIL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
EMAIL_RE = re.compile(EMAIL)
