"""The metric lexicon (kslib/data/metrics.yaml, attribution.yaml) loads into the tables the extractor uses."""
import pytest

from kslib.metrics.lexicon import CLAUSE_END, PHRASE_END, SENT_END, attribution, config


def test_lexicon_tables_are_loaded_and_compiled():
    cfg = config()
    assert cfg["fixed_re"].search("提供24小时全天候服务") and not cfg["fixed_re"].search("24小时")
    assert cfg["slogan_re"].search("树牢四个意识") and not cfg["slogan_re"].search("四个项目")
    assert config() is cfg  # loaded once
    cues = attribution()
    assert cues["target_re"].search("力争到2025年") and cues["forecast_re"].search("预计全年增长")
    assert attribution() is cues


@pytest.mark.parametrize("key", ["target_cues", "growth_cues", "indicator_strip_end"])
def test_attribution_cues_live_in_attribution_yaml_only(key):
    assert key not in config() and key in attribution()


@pytest.mark.parametrize("key", ["digits", "units", "measure_words", "magnitudes", "prefix_qualifiers"])
def test_numerals_and_units_live_in_units_yaml_only(key):
    """One home per concern: the numeral grammar's tables are kslib/data/units.yaml."""
    assert key not in config()


def test_punctuation_classes_nest():
    assert set(SENT_END) <= set(CLAUSE_END) <= set(PHRASE_END)
    assert "；" in CLAUSE_END and "；" not in SENT_END and "，" in PHRASE_END
