"""The metric lexicon (kslib/data/metrics.yaml) loads into the tables the extractor uses."""
from kslib.metrics.lexicon import CLAUSE_END, PHRASE_END, SENT_END, config


def test_lexicon_tables_are_loaded_and_compiled():
    cfg = config()
    assert cfg["digits"]["两"] == 2 and cfg["big_units"]["亿"] == 10 ** 8
    assert any(unit == "CNY" for _, unit, _ in cfg["unit_re"])
    assert cfg["mw_re"].match("家") and not cfg["mw_re"].match("年")
    assert config() is cfg  # loaded once


def test_punctuation_classes_nest():
    assert set(SENT_END) <= set(CLAUSE_END) <= set(PHRASE_END)
    assert "；" in CLAUSE_END and "；" not in SENT_END and "，" in PHRASE_END
