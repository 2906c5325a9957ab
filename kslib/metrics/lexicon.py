"""The metric lexicon: kslib/data/metrics.yaml (slogans, fixed expressions, attribution cue words)
loaded and compiled once, and the punctuation classes that bound sentences, clauses and phrases.
Numerals and units are kslib/data/units.yaml, read by kslib.metrics.grammar."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

__all__ = ["config", "SENT_END", "CLAUSE_END", "PHRASE_END", "OPEN_QUOTES", "CLOSE_QUOTES"]

SENT_END = "。！？!?"


CLAUSE_END = SENT_END + "；;"


PHRASE_END = CLAUSE_END + "，,：:、（）()「」“”\"‘’『』《》【】…—"


OPEN_QUOTES = "“「『\"‘《"


CLOSE_QUOTES = "”」』\"’》"


@functools.lru_cache(maxsize=1)
def config() -> dict:
    text = resources.files("kslib.data").joinpath("metrics.yaml").read_text("utf-8")
    cfg = yaml.safe_load(text)
    cfg["target_re"] = [re.compile(p) for p in cfg["target_cues"]]
    cfg["fixed_re"] = re.compile("|".join(cfg["fixed_expressions"]))
    cfg["slogan_re"] = re.compile("|".join(map(re.escape, cfg["slogans"])))
    return cfg
