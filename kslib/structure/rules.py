"""The rules of kslib.structure: kslib/data/structure.yaml (numbering styles, splitting punctuation,
scope cue words, time expressions) loaded and compiled once."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

__all__ = ["config", "bracket_re", "CJK"]

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@functools.lru_cache(maxsize=1)
def config() -> dict:
    """structure.yaml, with its patterns compiled."""
    raw = yaml.safe_load(resources.files("kslib.data").joinpath("structure.yaml").read_text("utf-8"))
    cn, num = raw["numerals"]["cn"], raw["numerals"]["num"]

    def fill(p: str) -> str:
        return p.replace("{cn}", cn).replace("{num}", num)

    cfg = dict(raw)
    cfg["numbering_compiled"] = [
        (n["style"], re.compile(fill(n["pattern"])), n["rank"]) for n in raw["numbering"]
    ]
    h = raw["headings"]
    cfg["not_headings_compiled"] = [re.compile(p) for p in h["not_headings"]]
    s = raw["splitting"]
    cfg["terminator_re"] = re.compile(
        "(?:" + s["sentence_terminators"] + ")[" + re.escape(s["closers"]) + "]*")
    cfg["clause_re"] = re.compile(s["clause_separators"])
    paren = s["paren_pairs"]
    quote = s["quote_pairs"]
    cfg["paren_open"] = {p[0]: p[1] for p in paren}
    cfg["all_open"] = {p[0]: p[1] for p in paren + quote}
    cfg["paren_re"] = bracket_re(paren)
    cfg["allbracket_re"] = bracket_re(paren + quote)
    cfg["review"] = sorted(raw["review_cues"], key=len, reverse=True)
    cfg["plan"] = sorted(raw["plan_cues"], key=len, reverse=True)
    cue_alt = "|".join(re.escape(c) for c in sorted(set(cfg["review"] + cfg["plan"]), key=len, reverse=True))
    cfg["cue_re"] = re.compile(cue_alt)
    cfg["coord_re"] = re.compile("|".join(re.escape(c) for c in raw["coordinators"]))
    # time expressions
    plans = raw["five_year_plans"]
    long_names = [k for k in plans if len(k) >= 3]
    short_names = [k for k in plans if len(k) < 3]
    cfg["plan_re"] = re.compile(
        "(?:[“\"‘'「]?)(" + "|".join(map(re.escape, sorted(long_names, key=len, reverse=True))) + ")"
        "|[“\"‘'「](" + "|".join(map(re.escape, short_names)) + ")[”\"’'」]"
        "|(?<![一二三四五六七八九十])(" + "|".join(map(re.escape, short_names)) + ")(?=" + raw["plan_name_suffixes"] + ")"
    )
    cfg["range_re"] = re.compile(raw["range_pattern"])
    cfg["since_re"] = re.compile(raw["since_pattern"])
    cfg["year_re"] = re.compile(raw["year_pattern"])
    cfg["cn_year_re"] = re.compile(raw["cn_year_pattern"])
    cfg["cn_range_re"] = re.compile(raw["cn_range_pattern"])
    cfg["roc_year_re"] = re.compile(raw["roc_year_pattern"])
    cfg["roc_bare_year_re"] = re.compile(raw["roc_bare_year_pattern"])
    count = "([0-9]{1,2}|[一二两三四五六七八九十]{1,3})"
    cfg["rel_period_compiled"] = [
        (re.compile(p.replace("{n}", count)), d) for p, d in raw["relative_periods"]
    ]
    cfg["rel_span_re"] = re.compile("|".join(re.escape(w) for w in raw["relative_spans"]))
    cfg["rel_year_not_after"] = {w: re.compile(p) for w, p in raw.get("relative_year_not_after", {}).items()}
    cfg["rel_year_re"] = re.compile(
        "|".join(re.escape(w) for w in sorted(raw["relative_years"], key=len, reverse=True)))
    return cfg


def bracket_re(pairs: list[str]) -> re.Pattern:
    chars = "".join(p[0] + p[1] for p in pairs)
    return re.compile("[" + re.escape(chars) + "]")

