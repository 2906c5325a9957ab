"""Quantity mentions: the spans of a text that hold a number with a unit, measure word, rank or
ratio, with value, upper bound, unit and qualifier (before attribution)."""
from __future__ import annotations

import functools
import re
from decimal import Decimal

import numpy as np

from .lexicon import CLOSE_QUOTES, OPEN_QUOTES, PHRASE_END, config
from .numbers import ARABIC, decimal_of, parse_number

__all__ = ["candidates", "patterns", "number_pattern", "unit_at", "magnitude_at", "is_duration"]

def number_pattern() -> re.Pattern:
    cfg = config()
    cn_start = "".join(cfg["digits"]) + "".join(cfg["small_units"])
    cn = f"[{cn_start}][{cfg['cn_chars']}]*"
    return re.compile(rf"(?P<ar>{ARABIC})|(?P<cn>{cn})")


@functools.lru_cache(maxsize=1)
def patterns():
    cfg = config()
    num = number_pattern()
    return {
        "num": num,
        "ratio": re.compile(r"(?<![\d:.])(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?![\d:])"),
        "percent_cn": re.compile(rf"百分之([{cfg['cn_chars']}]+|{ARABIC})"),
        "fraction_cn": re.compile(rf"(?<!百)([{cfg['cn_chars']}]+|\d+)分之([{cfg['cn_chars']}]+|\d+)"),
        "rank_ord": re.compile(rf"第(\d+|[{cfg['cn_chars']}]+)(位|名)"),
        "rank_scope": re.compile(rf"(?:{'|'.join(cfg['rank_scopes'])})第([{cfg['cn_chars']}]+|\d+)(?![届次批期大个名位])"),
        "rank_verb": re.compile(rf"(?:{'|'.join(cfg['rank_verbs'])})(?:{'|'.join(cfg['rank_scopes'])})?(第([{cfg['cn_chars']}]+|\d+))(?![届次批期大个名位]|方阵|梯队)"),
        "rank_top": re.compile(r"(?<![\d.])(\d+)强"),
        "formula": re.compile(r"[\dA-Za-z]+(?:\s?[+＋]\s?[\dA-Za-z]+)+"),
        "year": re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s?[-—–~至到]\s?((?:19|20)\d{2}))?\s?年(?!代)"),
        "rel_year": re.compile(r"(去年|今年|明年|前年)"),
    }


def unit_at(text: str, pos: int, arabic: bool):
    """Unit starting at pos: (end, unit, duration) or None."""
    cfg = config()
    for rx, unit, dur in cfg["unit_re"]:
        m = rx.match(text, pos)
        if m:
            return m.end(), unit, dur
    m = cfg["mw_re"].match(text, pos)
    if m:
        return m.end(), m.group(0), False
    if arabic:
        m = cfg["noun_re"].match(text, pos)
        if m:
            return m.end(), m.group(0), False
    return None


def magnitude_at(text: str, pos: int):
    for word, factor in config()["mag_items"]:
        if text.startswith(word, pos):
            return pos + len(word), Decimal(str(int(factor)))
    return pos, Decimal(1)


def candidates(text: str) -> list[dict]:
    """All quantity spans in text (offsets into text), before attribution."""
    cfg, P = config(), patterns()
    out: list[dict] = []
    taken = np.zeros(len(text) + 1, dtype=bool)

    def add(s, e, value, unit, qualifier="", value_max=np.nan):
        if taken[s:e].any():
            return False
        taken[s:e] = True
        out.append(dict(start=s, end=e, value=float(value), value_max=float(value_max), unit=unit,
                        qualifier=qualifier, num=text[s:e]))
        return True

    # excluded zones: fixed expressions and slogans
    for rx in [cfg["fixed_re"], re.compile("|".join(cfg["slogans"]))]:
        for m in rx.finditer(text):
            taken[m.start():m.end()] = True
    # numbered formulas (1+5+22, 4+2, 2+6+X): their digits are not quantities
    formulas = []
    for m in P["formula"].finditer(text):
        if re.search(r"\d", m.group(0)):
            taken[m.start():m.end()] = True
            formulas.append(m)

    # ratios 1.75:1
    for m in P["ratio"].finditer(text):
        a, b = decimal_of(m.group(1)), decimal_of(m.group(2))
        if b == 0 or m.group(1).startswith("0") and len(m.group(1)) > 1 or b > 10:
            continue
        add(m.start(), m.end(), a / b, "ratio")

    def add_parsed(m, group: int, unit: str, span_group: int = 0):
        """add() a match whose number is m.group(group); skip what parse_number rejects."""
        try:
            value = parse_number(m.group(group))
        except ValueError:
            return
        add(m.start(span_group), m.end(span_group), value, unit)

    # 百分之十五
    for m in P["percent_cn"].finditer(text):
        add_parsed(m, 1, "%")
    # 三分之一 -> 33.33…% (a share written as a fraction)
    for m in P["fraction_cn"].finditer(text):
        try:
            den, num_ = parse_number(m.group(1)), parse_number(m.group(2))
        except ValueError:
            continue
        if den > 0 and 0 < num_ <= den:
            add(m.start(), m.end(), 100.0 * num_ / den, "%")
    # rankings: 第47位 / 第四名 (a Chinese ordinal only after a ranking verb), 全国第五, 排名第三
    for m in P["rank_ord"].finditer(text):
        if m.group(1).isdigit() or any(v in text[max(0, m.start() - 20):m.start()] for v in cfg["rank_verbs"]):
            add_parsed(m, 1, "rank")
    for m in P["rank_scope"].finditer(text):
        add_parsed(m, 1, "rank")
    for m in P["rank_verb"].finditer(text):
        add_parsed(m, 2, "rank", span_group=1)
    for m in P["rank_top"].finditer(text):
        if m.start() > 0 and re.match(cfg["not_before"], text[m.start() - 1]):
            continue
        add(m.start(), m.end(), int(m.group(1)), "rank")

    # general: number [range] [多余] [magnitude] [多余] unit [suffix qualifier]
    for m in P["num"].finditer(text):
        s = m.start()
        if taken[s]:
            continue
        arabic = m.group("ar") is not None
        numtxt = m.group(0)
        if s > 0 and re.match(cfg["not_before"], text[s - 1]):
            continue
        if not arabic and s > 0 and text[s - 1] in cfg["cn_not_before"]:
            continue
        pos = m.end()
        if pos < len(text) and re.match(cfg["not_after"], text[pos]):
            continue
        if arabic and len(numtxt.replace(",", "").split(".")[0]) > 1 and numtxt.startswith("0"):
            continue  # 010, 07: codes and clock parts
        try:
            value = Decimal(str(parse_number(numtxt)))
        except ValueError:
            continue
        value_max = None
        pct_first = False
        # range: 15%—20%, 1-2个, 2-3家
        rm = re.compile(rf"(%?)\s?[-—–~至到]\s?({ARABIC})").match(text, pos) if arabic else None
        if rm:
            value_max = decimal_of(rm.group(2))
            pct_first = bool(rm.group(1))
            pos = rm.end()
        approx = ""
        sm = re.compile(r"[多余几]").match(text, pos)
        if sm:
            approx, pos = sm.group(0), sm.end()
        factor = Decimal(1)
        if arabic:
            if text[pos:pos + 1] == " " and magnitude_at(text, pos + 1)[0] > pos + 1:
                pos += 1
            pos, factor = magnitude_at(text, pos)
        if not approx:
            sm = re.compile(r"[多余]").match(text, pos)
            if sm:
                approx, pos = sm.group(0), sm.end()
        if arabic and pos < len(text) and text[pos] == " ":
            pos += 1
        # size class: 500亿级, 千亿级 (not inside a count: 两张千亿级产业, 六个千亿元级)
        km = re.compile(r"元?级").match(text, pos)
        if km and value * factor >= Decimal(10) ** 8:
            prev = out[-1] if out else None
            inside_count = prev is not None and prev["end"] == s and prev["unit"] != "CNY"
            if not inside_count:
                add(s, km.end(), value * factor, "CNY", "级")
            continue
        u = unit_at(text, pos, arabic)
        if u is None and pct_first:
            u = (pos, "%", False)
        if u is None:
            # 330万新老昆山人: Arabic number with magnitude, a noun, then 人
            if arabic and factor > 1:
                pm = re.compile(r"[\u4e00-\u9fff]{1,8}?人").match(text, pos)
                if pm and not any(c in PHRASE_END for c in pm.group(0)):
                    add(s, pm.end(), value * factor, "人", approx)
            continue
        uend, unit, duration = u
        if unit == "年":
            if not is_duration(text, s, uend, value, approx, arabic):
                continue
        if not arabic and value == 1 and factor == 1:
            continue  # 一条, 一批, 一座座: articles, not counts
        if not arabic:
            # formula-like: 六个一, 五区一线, and short quoted slogans “四个意识”
            if uend < len(text) and text[uend] in cfg["cn_chars"][:12] and text[uend] not in "万亿":
                nxt = text[uend:uend + 2]
                if not re.match(r"[一二两三四五六七八九十百千][万亿]?元?级", nxt + text[uend + 2:uend + 4]):
                    continue
            if s > 0 and text[s - 1] in OPEN_QUOTES:
                close = min([i for i in (text.find(q, s) for q in CLOSE_QUOTES) if i >= 0] or [len(text)])
                if close - s <= 6:
                    continue
        # reduplication 一个个, 一项项
        if uend < len(text) and text[uend - 1] == text[uend] and unit not in ("%",):
            continue
        end = uend
        post = ""
        for q in cfg["suffix_qualifiers"]:
            if text.startswith(q, end) and q not in ("多", "余"):
                post, end = q, end + len(q)
                break
        # prefix qualifier inside the span (超, 近, 上, 约)
        start = s
        pre = ""
        for q in cfg["prefix_qualifiers"]:
            if text[max(0, s - len(q)):s] == q:
                # 上 only before a Chinese round number (上百家); 近 not in 近年
                if q == "上" and arabic:
                    continue
                b = text[max(0, s - len(q) - 1):s]
                if any(b.endswith(w) for w in cfg["not_qualifier_words"] if w != q):
                    continue  # 签约, 附近, 最近: part of a word
                pre, start = q, s - len(q)
                break
        qualifier = pre or approx or post
        if not qualifier:
            for q in cfg["verb_qualifiers"]:
                if text[max(0, start - len(q)):start] == q:
                    qualifier = q
                    break
        total = value * factor
        vmax = value_max * factor if value_max is not None else np.nan
        if add(start, end, total, unit, qualifier, vmax):
            out[-1]["num"] = numtxt

    # counts restating a formula's components (the "5" of 1+5+22 in the same paragraph)
    out = drop_formula_components(text, out, formulas)
    out.sort(key=lambda r: r["start"])
    return out


def is_duration(text, s, uend, value, approx, arabic) -> bool:
    cfg = config()
    if value >= 1000 or (arabic and value >= 200):
        return False  # a year
    nxt = text[uend:uend + 2]
    if nxt[:1] in ("代", "度", "级", "届", "月", "前"):
        return False
    before = text[max(0, s - 3):s]
    if any(before.endswith(w) for w in cfg["duration_before"]):
        return True
    if approx in ("多", "余"):
        return True
    return any(text.startswith(w, uend) for w in cfg["duration_after"])


def drop_formula_components(text, rows, formulas):
    if not formulas:
        return rows
    keep = []
    for r in rows:
        drop = False
        if r["unit"] in config()["measure_words"] and r["qualifier"] == "":
            lo = text.rfind("\n", 0, r["start"]) + 1
            hi = text.find("\n", r["end"])
            hi = len(text) if hi < 0 else hi
            for f in formulas:
                if lo <= f.start() < hi:
                    parts = re.split(r"\s?[+＋]\s?", f.group(0))
                    if re.match(r"\d+", r["num"]) and re.match(r"\d+", r["num"]).group(0) in parts:
                        drop = True
        if not drop:
            keep.append(r)
    return keep
