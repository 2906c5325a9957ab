"""The metric lexicon: kslib/data/metrics.yaml (units, magnitudes, qualifiers, cue words) loaded
and compiled once, and the punctuation classes that bound sentences, clauses and phrases."""
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
    cfg["cn_chars"] = "".join(cfg["digits"]) + "".join(cfg["small_units"]) + "".join(cfg["big_units"])
    cfg["mag_items"] = sorted(cfg["magnitudes"].items(), key=lambda kv: -len(kv[0]))
    cfg["target_re"] = [re.compile(p) for p in cfg["target_cues"]]
    cfg["fixed_re"] = re.compile("|".join(cfg["fixed_expressions"]))
    mw = "|".join(sorted(cfg["measure_words"], key=len, reverse=True))
    nu = "|".join(sorted(cfg["noun_units"], key=len, reverse=True))
    cfg["unit_re"] = [(re.compile(u["pattern"]), u["unit"], bool(u.get("duration"))) for u in cfg["units"]]
    cfg["mw_re"] = re.compile(f"(?:{mw})")
    cfg["noun_re"] = re.compile(f"(?:{nu})")
    return cfg
