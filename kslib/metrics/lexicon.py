"""The metric lexicon: kslib/data/metrics.yaml (slogans, fixed expressions) and
kslib/data/attribution.yaml (cue words of attribution) loaded and compiled once, and the punctuation classes that bound sentences, clauses and phrases.
Numerals and units are kslib/data/units.yaml, read by kslib.metrics.grammar."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

__all__ = ["config", "attribution", "SENT_END", "CLAUSE_END", "PHRASE_END", "OPEN_QUOTES", "CLOSE_QUOTES"]

SENT_END = "。！？!?"


CLAUSE_END = SENT_END + "；;"


PHRASE_END = CLAUSE_END + "，,：:、（）()「」“”\"‘’『』《》【】…—"


OPEN_QUOTES = "“「『\"‘《"


CLOSE_QUOTES = "”」』\"’》"


@functools.lru_cache(maxsize=1)
def config() -> dict:
    text = resources.files("kslib.data").joinpath("metrics.yaml").read_text("utf-8")
    cfg = yaml.safe_load(text)
    cfg["fixed_re"] = re.compile("|".join(cfg["fixed_expressions"]))
    cfg["slogan_re"] = re.compile("|".join(map(re.escape, cfg["slogans"])))
    cfg["time_lead_re"] = re.compile(cfg["time_lead"])
    return cfg


@functools.lru_cache(maxsize=1)
def attribution() -> dict:
    """kslib/data/attribution.yaml (kind cues, comparison bases, topic times, indicator words),
    with its regexes compiled."""
    text = resources.files("kslib.data").joinpath("attribution.yaml").read_text("utf-8")
    cfg = yaml.safe_load(text)

    def alt(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    cfg["forecast_re"] = alt(cfg["forecast_cues"])
    cfg["target_re"] = alt(cfg["target_cues"])
    cfg["actual_re"] = alt(cfg["actual_cues"])
    for k in ("base_before", "base_ratio_before", "now_words", "base_with_before", "base_with_after", "base_own_figure", "topic_date", "horizon_before", "from_to_start",
              "indicator_time", "indicator_base", "copula_base", "measure_fillers", "growth_verb", "rate_noun", "change_end", "change_word", "epithet_after", "duration_level", "aside", "time_clause", "count_event", "coordinated_not", "owner_lead", "event_open", "subject_predicate", "predicate_only", "indicator_lead", "indicator_tail", "indicator_cause", "indicator_after_clause", "indicator_none", "share", "compared_before", "indicator_subject", "growth_noun",
              "from_to_end"):
        cfg[k + "_re"] = re.compile(cfg[k])
    cfg["state_re"] = re.compile("(?:" + "|".join(sorted(cfg["state_verbs"], key=len, reverse=True)) + ")$")
    return cfg
