"""Number expressions to values: kslib.parse_number is the numeral grammar of kslib.metrics.grammar
(Arabic, Chinese and mixed numerals read whole, decimal arithmetic, ValueError on anything else)."""
from __future__ import annotations

from .grammar import parse_number, parse_range, read_numeral

__all__ = ["parse_number", "parse_range", "read_numeral"]
