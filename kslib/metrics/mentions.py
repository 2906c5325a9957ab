"""Quantity mentions: the spans of a text that hold a number with a unit, classifier, currency, rank or
ratio, with value, upper bound, unit and qualifier (before attribution).

The spans and values come from the numeral scanner kslib.metrics.grammar (units in
kslib/data/units.yaml); this module adds what policy prose needs on top of it, from
kslib/data/metrics.yaml: slogans and fixed expressions are not quantities (四个意识, 24小时全天候),
a size class stands for an amount (千亿级产业 → 1e11 CNY, qualifier 级), a count of people may wrap
a noun (330万新老昆山人), and a count that restates a numbered formula's component (the 5 of 1+5+22
in the same paragraph) is dropped.
"""
from __future__ import annotations

import bisect
import functools
import re

import numpy as np

from ..structure.fastre import fast
from ..structure.time import small_number
from .grammar import parse_number, scan
from .lexicon import PHRASE_END, config

__all__ = ["candidates", "patterns"]


@functools.lru_cache(maxsize=1)
def patterns():
    """Regexes shared with attribution: years, relative years, numbered formulas, size classes."""
    from .unit_lexicon import units_lexicon

    heads = "|".join(map(re.escape, sorted(units_lexicon().cfg["people_heads"], key=len, reverse=True)))
    return {
        "doubling": re.compile(units_lexicon().cfg["doubling"]),
        "people_head": re.compile(r"[\u4e00-\u9fff]{1,8}?(?:" + heads + ")"),
        "formula": re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]+(?:\s?[+＋]\s?[0-9A-Za-z]+)+"),
        "year": re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s?[-—–~至到]\s?((?:19|20)\d{2}))?\s?年(?!代)"),
        "rel_year": re.compile(r"(去年|今年|明年|前年)"),
        # 500亿级, 千亿级, 百亿元级: a size class (an amount of yuan)
        "size_class": re.compile(r"(?<![0-9.一二两三四五六七八九十百千万亿])"
                                 r"((?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千])[十百千]?[万亿]+)元?级"),
        # 330万新老昆山人: an Arabic number with a big magnitude, a noun, then 人
        "people": re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)([多余]?)([万亿]+)(?=[\u4e00-\u9fff])"),
    }


def _excluded(text: str) -> list[tuple[int, int]]:
    cfg = config()
    spans = [m.span() for rx in (cfg["fixed_re"], cfg["slogan_re"]) for m in rx.finditer(text)]
    return sorted(spans)


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(starts, e) - 1
    while i >= 0:
        a, b = spans[i]
        if b > s:
            return True
        if a < s - 64:  # spans are short: stop looking far back
            break
        i -= 1
    return False


def candidates(text: str, *, currency: str = "CNY", currency_source: str = "default", zhao: bool = False) -> list[dict]:
    """All quantity spans in text (offsets into text), before attribution.

    currency: the document's currency for a bare 元 / $; currency_source: how it was known
    ("default", "metadata", "inferred"), recorded on the rows that use it; zhao: 兆 = 10^12."""
    P = patterns()
    zones = _excluded(text)
    formulas = [m for m in fast(P["formula"]).finditer(text) if re.search(r"\d", m.group(0))]
    zones = sorted(zones + [m.span() for m in formulas])
    zstarts = [a for a, _ in zones]
    rows: list[dict] = []
    for q in scan(text, currency=currency, zhao=zhao):
        if zones and _overlaps(zones, zstarts, q["start"], q["end"]):
            continue
        if not_a_figure(text, q):
            continue
        rows.append({
            "start": q["start"], "end": q["end"], "value": q["value"],
            "value_max": np.nan if q["value_max"] is None else q["value_max"], "unit": q["unit"],
            "qualifier": q["qualifier"], "num": q["numeral"], "unit_kind": q["kind"], "sign_cue": q["sign_cue"],
            "currency_source": currency_source if q["currency_source"] == "default" else q["currency_source"],
        })
        if q.get("implied"):
            rows[-1]["implied"] = True
    # an amount without a unit (implied_currency) gives way to the frames below (500亿级, 330万新老昆山人)
    solid = [r for r in rows if not r.get("implied")]
    starts = [r["start"] for r in solid]
    taken = sorted((r["start"], r["end"]) for r in solid)
    tstarts = [a for a, _ in taken]
    extra = []
    # size classes: 500亿级, 千亿级 (not inside a count: 两张千亿级产业, 六个千亿元级, nor a class
    # coordinated with one inside a count: 150个百亿元级和十亿元级企业)
    in_count_end = -1
    for m in fast(P["size_class"]).finditer(text):
        try:
            v = parse_number(m.group(1))
        except ValueError:
            continue
        if v < 1e8 or _overlaps(taken, tstarts, m.start(), m.end()):
            continue
        i = bisect.bisect_left(starts, m.start()) - 1
        if (i >= 0 and solid[i]["end"] == m.start() and solid[i]["unit"] != currency) or (
                in_count_end >= 0 and text[in_count_end:m.start()] in ("和", "、", "与", "及", "或")):
            in_count_end = m.end()
            continue
        if zones and _overlaps(zones, zstarts, m.start(), m.end()):
            continue
        extra.append({"start": m.start(), "end": m.end(), "value": v, "value_max": np.nan, "unit": currency,
                      "qualifier": "级", "num": m.group(1), "unit_kind": "currency", "sign_cue": "",
                      "currency_source": currency_source})
    # 翻一番 / 翻两番: an increase of 2^N − 1 times
    for m in P["doubling"].finditer(text):
        if _overlaps(taken, tstarts, m.start(1), m.end()):
            continue
        n = small_number(m.group(1))  # 一 两 二 三 四 or 1-4 (the pattern allows no other)
        extra.append({"start": m.start(1), "end": m.end(), "value": float(2 ** n - 1), "value_max": np.nan,
                      "unit": "times", "qualifier": "", "num": m.group(1), "unit_kind": "percent", "sign_cue": "",
                      "currency_source": ""})
    # 330万新老昆山人, 8000多万农业转移人口, 3600多万农村学生 (units.yaml people_heads)
    for m in fast(P["people"]).finditer(text):
        i = bisect.bisect_left(starts, m.end())
        if _overlaps(taken, tstarts, m.start(), m.end()):
            continue
        pm = P["people_head"].match(text, m.end())
        if not pm or any(c in PHRASE_END for c in pm.group(0)) or (i < len(solid) and solid[i]["start"] < pm.end()):
            continue
        try:
            v = parse_number(m.group(1) + m.group(3))
        except ValueError:
            continue
        extra.append({"start": m.start(), "end": pm.end(), "value": v, "value_max": np.nan, "unit": "人",
                      "qualifier": m.group(2), "num": m.group(0), "unit_kind": "count", "sign_cue": "",
                      "currency_source": ""})
    if extra:
        spans = sorted((r["start"], r["end"]) for r in extra)
        first = [a for a, _ in spans]
        rows = [r for r in rows if not (r.get("implied") and _overlaps(spans, first, r["start"], r["end"]))]
    rows = sorted(rows + extra, key=lambda r: r["start"])
    return drop_formula_components(text, rows, formulas)


def not_a_figure(text: str, q: dict) -> bool:
    """A class threshold (参保不足1年的农民工, 65岁以上的老人, 亿元以上项目) or a time expression (前6个月的…): a
    bound that names no measured amount (rules in kslib/data/metrics.yaml)."""
    cfg = config()
    th = cfg["class_threshold"]
    s, e = q["start"], q["end"]
    lab = cfg.get("class_label")
    if lab and q["qualifier"] in lab["bounds"] and e < len(text) and "\u4e00" <= text[e] <= "\u9fff" and \
            _counted_after(text, e, lab["count_within"]) and _noun_at(text, e, lab["noun_tags"]):
        return True  # 亿元以上项目65个: a class of projects (not 处5万元以下罚款, the fine's limit)
    if q.get("implied") and th.get("implied") and q["qualifier"] in th["bounds"] and text.startswith("的", e) and \
            not text.startswith(tuple(th["scale_nouns"]), e + 1):
        return True  # 人口超过两千万的经济体: a bare magnitude bounding a class
    if q["unit"] not in th["units"]:
        return False
    if q["kind"] == "duration" and cfg["time_lead_re"].search(text, max(0, s - 3), s):
        return True
    if q["qualifier"] in th["bounds"] and text.startswith("的", e) and \
            not any(text.startswith(w, e + 1) for w in th["time_nouns"]):
        return True
    if th.get("before_number") and q["qualifier"] in th["bounds"] and q["end"] == e:
        k = e + (1 if text[e:e + 1] in " （(" else 0)
        return k < len(text) and (text[k].isdigit() or text[k] in "约近超")  # 60岁以上3.23亿
    return False


def _counted_after(text: str, e: int, width: int) -> bool:
    """A number follows within width characters, before the clause ends: what the class labels is counted."""
    for c in text[e:e + width]:
        if c in PHRASE_END:
            return False
        if c.isdigit() or c in "一二两三四五六七八九十百千万":
            return True
    return False


def _noun_at(text: str, e: int, tags: list[str]) -> bool:
    """The word starting at e is a noun, distinguishing word or adjective (its tag in jieba's dictionary): 项目,
    重大项目, 规上; not 安排."""
    from ..segment.backends import cut, dictionary_tag

    words = cut(text[e:e + 8], "jieba")
    return bool(words) and dictionary_tag(words[0]).startswith(tuple(tags))


def drop_formula_components(text, rows, formulas):
    """Counts restating a numbered formula's component in the same paragraph (“1+5+22” … 5个方案)."""
    if not formulas:
        return rows
    breaks = [-1] + [m.start() for m in re.finditer("\n", text)] + [len(text)]
    parts: dict[int, set] = {}  # line -> the components of its formulas, found once per line
    for f in formulas:
        parts.setdefault(bisect.bisect_left(breaks, f.start()), set()).update(re.split(r"\s?[+＋]\s?", f.group(0)))
    keep = []
    for r in rows:
        if r["unit_kind"] == "count" and r["qualifier"] == "":
            d = re.match(r"\d+", r["num"])
            if d and d.group(0) in parts.get(bisect.bisect_left(breaks, r["start"]), ()):
                continue
        keep.append(r)
    return keep
