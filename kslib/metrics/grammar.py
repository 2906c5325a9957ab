"""Chinese numeral grammar and quantity scanner: every quantity a text writes, read whole or not at all.

    scan("比上年下降百分之三点五")   -> [{"text": "百分之三点五", "value": -3.5, "unit": "%", ...}]
    parse_number("一千零十")          -> 1010.0
    parse_range("两到三万")           -> (20000.0, 30000.0)

How it reads. A numeral is the LONGEST run of numeral characters (ASCII digits with `,` and `.`,
零〇一二两三四五六七八九十百千万亿, 点 between Chinese digits, 几 多 余), cut only where Arabic and
Chinese digits touch (统一3个: 一 | 3). The run is read by a grammar (`_read_numeral`: sections
[d千][零][d百][零][d十][d], big units 万 / 亿 / 万亿 each at most once and descending, 零 only
where a place is skipped, shorthand 一万五 = 15000, decimals 三点五 and 1.5万, magnitude chains
千万 万亿 but not 亿万, neighbouring digits 两三万 as a range, 几 / 多 / 余 as approximations).
If the grammar does not accept the whole run, nothing is read: never a value of a shorter piece
(the old extractor retried on a truncation: 百分之十一点八 → 11 %). A numeral becomes a quantity
only with what kslib/data/units.yaml allows next to it: a unit, a classifier, a currency, a
fraction frame (三分之一, 百分之, 千分之), a rank frame (第47位, 全国第五), or a ratio (1.75:1).
Arithmetic is decimal (1.87亿 is exactly 187000000). Signs: -, −, 负 before the number, and a
fall word before the amount (下降3% → -3; see `signs` in units.yaml). Cost is linear in the
length of the text whatever its line lengths: one regex pass over the text, bounded windows.

Why not cn2an for the grammar. cn2an (a dependency) was measured against this grammar
(bench/numeral_parsers.py): on the 201 Chinese and mixed numerals of the spec suite
tests/data/numbers_spec.csv both read 141 and agree on all of them, cn2an reads none that the
grammar does not, and the grammar reads 58 more (十几, 二十多, 一千多万, 三点五亿, 1.2万亿,
一万亿零一亿, 三分之一, 千分之一点二 …). cn2an also reads malformed numerals the grammar refuses
(一千五十 → 1050, 一百两 → 120, 两十 → 20, 两点五 → 2.5), which breaks "read whole or not at all".

Modules: unit_lexicon (units.yaml loaded and folded), numerals (the numeral grammar, parse_number, parse_range),
guards (what the context around a number allows), quantities (from a reading to a quantity row, and the range,
ratio, rank and fraction frames), scanner (scan). This module is their public face.
"""
from __future__ import annotations

from .numerals import Numeral, parse_number, parse_range, read_numeral
from .scanner import scan
from .unit_lexicon import Unit, fold

__all__ = ["scan", "parse_number", "parse_range", "read_numeral", "fold", "Numeral", "Unit"]
