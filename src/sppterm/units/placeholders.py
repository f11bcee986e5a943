"""Moved to :mod:`sppterm.placeholders` (a text utility below the models, issue 12).

Kept only for ``checks/numbers.py``, whose import line belongs to the checks' owner; delete this
module once nothing imports it.
"""

from sppterm.placeholders import SPLIT, TAG, problem, strip, tags

__all__ = ["SPLIT", "TAG", "problem", "strip", "tags"]
