"""Tests for kslib.metrics.grammar, the public face of the numeral scanner: it exposes the readers of
its modules (unit_lexicon, numerals, guards, quantities, scanner) unchanged. The spec suite and the properties
are in test_scanner.py, test_numerals.py, test_quantities.py, test_guards.py and test_unit_lexicon.py."""
import kslib
from kslib.metrics import grammar, numerals, scanner, unit_lexicon


def test_public_names_are_the_modules_readers():
    assert grammar.scan is scanner.scan
    assert grammar.parse_number is numerals.parse_number is kslib.parse_number
    assert grammar.parse_range is numerals.parse_range
    assert grammar.fold is unit_lexicon.fold
    assert set(grammar.__all__) >= {"scan", "parse_number", "parse_range", "read_numeral", "fold"}


def test_readers_agree():
    (q,) = grammar.scan("比上年下降百分之三点五")
    assert (q["text"], q["value"], q["unit"]) == ("百分之三点五", -3.5, "%")
    assert grammar.parse_number("一千零十") == 1010.0
    assert grammar.parse_range("两到三万") == (20000.0, 30000.0)
