"""Metric extraction: every quantity in a text as a normalised, attributed, traceable row.

    kslib.parse_number("三千五百万")   -> 35000000.0
    kslib.extract_metrics(corpus)       -> one row per quantity mention
    kslib.metrics.evaluate(pred, gold)  -> precision / recall / F1 and attribute accuracy

Numbers are found by regular expressions over the characters of the normalised
`text` (never over tokens: a tokenizer splits 23.4% and 12.6亿元 apart). What counts as
a unit, a magnitude, a qualifier, a target cue or a measure word is listed in
kslib/data/metrics.yaml, not in this file.

A number becomes a metric only when a unit or measure word follows it (762亿元, 7.1%,
1732亩, 18项), or in a ranking (第47位, 全国第五, 50强) or a ratio (1.75:1). Dates, clock
times, codes (631, 1+5+22), page references (A2版), phone numbers and ids have none.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from importlib import resources

import numpy as np
import pandas as pd
import yaml

__all__ = ["COLUMNS", "parse_number", "extract_metrics", "evaluate", "match_gold", "load_gold",
           "metric_panel", "targets_vs_actuals", "plot_metric_bars", "plot_targets_vs_actuals", "plot_indicator_panel",
           "units_by_document", "plot_units", "richest_year"]

COLUMNS = ["doc_id", "line", "start", "end", "text", "sentence", "value", "value_max", "unit",
           "qualifier", "indicator", "measure", "kind", "year"]

_SENT_END = "。！？!?"
_CLAUSE_END = _SENT_END + "；;"
_PHRASE_END = _CLAUSE_END + "，,：:、（）()「」“”\"‘’『』《》【】…—"
_OPEN_QUOTES = "“「『\"‘《"
_CLOSE_QUOTES = "”」』\"’》"


# --------------------------------------------------------------------------- config
@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
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


# --------------------------------------------------------------------------- numbers
_ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _cn_int(s: str) -> int:
    """Integer value of a Chinese numeral string (一亿三千万, 两万, 十一, 一万零五, 二〇二三,
    一万亿零一亿). A trailing digit right after a unit is the colloquial shorthand:
    一万五 = 15000, 三千五 = 3500."""
    cfg = _cfg()
    digits, small, big = cfg["digits"], cfg["small_units"], cfg["big_units"]
    if not s or any(ch not in digits and ch not in small and ch not in big for ch in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if all(ch in digits for ch in s):  # digit by digit: 二〇二三
        if len(s) > 1 and "两" in s:
            raise ValueError(f"not a Chinese numeral: {s!r}")
        return int("".join(str(digits[ch]) for ch in s))
    for ch in sorted(big, key=lambda c: -big[c]):  # 亿 before 万
        if ch in s:
            i = s.index(ch)
            left, right = s[:i], s[i + 1:]
            lv = _cn_int(left) if left else 1
            if lv == 0:
                raise ValueError(f"misplaced zero in {s!r}")
            factor = big[ch]
            if ch != "亿" and lv >= 10000:
                raise ValueError(f"misordered numeral {s!r}")
            if right and right[0] in digits and len(right) == 1 and right != "零":
                return lv * factor + digits[right] * factor // 10  # 一万五
            rv = _cn_int(right.lstrip("零")) if right.lstrip("零") else 0
            if rv >= factor * (lv if ch == "亿" else 1):
                raise ValueError(f"misordered numeral {s!r}")
            return lv * factor + rv
    # one section below 10000: [digit]千[零][digit]百…
    total, number, have, last_unit, last_was_unit = 0, 0, False, 10 ** 9, False
    prev_digit = False
    for ch in s:
        if ch in digits:
            if prev_digit and not (number == 0 and digits[ch] != 0):
                raise ValueError(f"two digits in a row in {s!r}")
            number, have, prev_digit = digits[ch], True, True
            continue
        prev_digit = False
        u = small[ch]
        if u >= last_unit:
            raise ValueError(f"misordered numeral {s!r}")
        total += (number if have else 1) * u
        last_unit, number, have = u, 0, False
    if have and s[-1] in digits and len(s) >= 2 and s[-2] in small and small[s[-2]] >= 100:
        return total + number * small[s[-2]] // 10  # 三千五 = 3500
    return total + number


def _decimal(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def parse_number(s: str) -> float:
    """Value of one number expression: "762亿" -> 76200000000.0, "1.87亿" -> 187000000.0,
    "三千五百万" -> 35000000.0, "两万" -> 20000.0, "百分之十五" -> 15.0, "十几" -> 10.0
    (the lower bound), "1,234.5" -> 1234.5, full-width digits too. Magnitudes are applied
    with decimal arithmetic, so 1.87亿 is exactly 187000000. Raises ValueError otherwise."""
    if not isinstance(s, str):
        raise ValueError(f"not a string: {s!r}")
    t = unicodedata.normalize("NFKC", s).strip().replace(" ", "")
    t = t.replace("萬", "万").replace("億", "亿").replace("兩", "两")
    if t.startswith("百分之"):
        t = t[3:]
    t = t.rstrip("%")
    t = re.sub(r"[几余多]+$", "", t) if len(t) > 1 else t
    if not t:
        raise ValueError(f"not a number: {s!r}")
    cfg = _cfg()
    m = re.fullmatch(rf"({_ARABIC})([万亿千百十]*)", t)
    if m:
        value = _decimal(m.group(1))
        mag = m.group(2)
        if mag:
            if any(ch not in "万亿" for ch in mag[1:]) or mag[0] not in "万亿千百十" or (
                    mag[0] in "千百十" and len(mag) == 1):
                raise ValueError(f"not a number: {s!r}")
            for ch in mag:
                value *= {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}[ch]
        return float(value)
    if t[0] in cfg["big_units"]:
        raise ValueError(f"not a number: {s!r}")
    try:
        return float(_cn_int(t))
    except ValueError:
        pass
    m = re.fullmatch(rf"({_ARABIC})(.+)", t)
    if m and all(ch in cfg["cn_chars"] for ch in m.group(2)):  # 3万5千
        raise ValueError(f"mixed numeral not supported: {s!r}")
    raise ValueError(f"not a number: {s!r}")


# --------------------------------------------------------------------------- candidate spans
def _num_re() -> re.Pattern:
    cfg = _cfg()
    cn_start = "".join(cfg["digits"]) + "".join(cfg["small_units"])
    cn = f"[{cn_start}][{cfg['cn_chars']}]*"
    return re.compile(rf"(?P<ar>{_ARABIC})|(?P<cn>{cn})")


@functools.lru_cache(maxsize=1)
def _patterns():
    cfg = _cfg()
    num = _num_re()
    return {
        "num": num,
        "ratio": re.compile(rf"(?<![\d:.])(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?![\d:])"),
        "percent_cn": re.compile(rf"百分之([{cfg['cn_chars']}]+|{_ARABIC})"),
        "fraction_cn": re.compile(rf"(?<!百)([{cfg['cn_chars']}]+|\d+)分之([{cfg['cn_chars']}]+|\d+)"),
        "rank_ord": re.compile(rf"第(\d+|[{cfg['cn_chars']}]+)(位|名)"),
        "rank_scope": re.compile(rf"(?:{'|'.join(cfg['rank_scopes'])})第([{cfg['cn_chars']}]+|\d+)(?![届次批期大个名位])"),
        "rank_verb": re.compile(rf"(?:{'|'.join(cfg['rank_verbs'])})(?:{'|'.join(cfg['rank_scopes'])})?(第([{cfg['cn_chars']}]+|\d+))(?![届次批期大个名位]|方阵|梯队)"),
        "rank_top": re.compile(r"(?<![\d.])(\d+)强"),
        "formula": re.compile(r"[\dA-Za-z]+(?:\s?[+＋]\s?[\dA-Za-z]+)+"),
        "year": re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s?[-—–~至到]\s?((?:19|20)\d{2}))?\s?年(?!代)"),
        "rel_year": re.compile(r"(去年|今年|明年|前年)"),
    }


def _unit_at(text: str, pos: int, arabic: bool):
    """Unit starting at pos: (end, unit, duration) or None."""
    cfg = _cfg()
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


def _magnitude_at(text: str, pos: int):
    for word, factor in _cfg()["mag_items"]:
        if text.startswith(word, pos):
            return pos + len(word), Decimal(str(int(factor)))
    return pos, Decimal(1)


def _candidates(text: str) -> list[dict]:
    """All quantity spans in text (offsets into text), before attribution."""
    cfg, P = _cfg(), _patterns()
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
        a, b = _decimal(m.group(1)), _decimal(m.group(2))
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
        rm = re.compile(rf"(%?)\s?[-—–~至到]\s?({_ARABIC})").match(text, pos) if arabic else None
        if rm:
            value_max = _decimal(rm.group(2))
            pct_first = bool(rm.group(1))
            pos = rm.end()
        approx = ""
        sm = re.compile(r"[多余几]").match(text, pos)
        if sm:
            approx, pos = sm.group(0), sm.end()
        factor = Decimal(1)
        if arabic:
            if text[pos:pos + 1] == " " and _magnitude_at(text, pos + 1)[0] > pos + 1:
                pos += 1
            pos, factor = _magnitude_at(text, pos)
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
        u = _unit_at(text, pos, arabic)
        if u is None and pct_first:
            u = (pos, "%", False)
        if u is None:
            # 330万新老昆山人: Arabic number with magnitude, a noun, then 人
            if arabic and factor > 1:
                pm = re.compile(r"[\u4e00-\u9fff]{1,8}?人").match(text, pos)
                if pm and not any(c in _PHRASE_END for c in pm.group(0)):
                    add(s, pm.end(), value * factor, "人", approx)
            continue
        uend, unit, duration = u
        if unit == "年":
            if not _is_duration(text, s, uend, value, approx, arabic):
                continue
        if not arabic and value == 1 and factor == 1:
            continue  # 一条, 一批, 一座座: articles, not counts
        if not arabic:
            # formula-like: 六个一, 五区一线, and short quoted slogans “四个意识”
            if uend < len(text) and text[uend] in cfg["cn_chars"][:12] and text[uend] not in "万亿":
                nxt = text[uend:uend + 2]
                if not re.match(r"[一二两三四五六七八九十百千][万亿]?元?级", nxt + text[uend + 2:uend + 4]):
                    continue
            if s > 0 and text[s - 1] in _OPEN_QUOTES:
                close = min([i for i in (text.find(q, s) for q in _CLOSE_QUOTES) if i >= 0] or [len(text)])
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
    out = _drop_formula_components(text, out, formulas)
    out.sort(key=lambda r: r["start"])
    return out


def _is_duration(text, s, uend, value, approx, arabic) -> bool:
    cfg = _cfg()
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


def _drop_formula_components(text, rows, formulas):
    if not formulas:
        return rows
    keep = []
    for r in rows:
        drop = False
        if r["unit"] in _cfg()["measure_words"] and r["qualifier"] == "":
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


# --------------------------------------------------------------------------- context
def _bounds(text: str, pos: int, stops: str) -> tuple[int, int]:
    lo = pos
    while lo > 0 and text[lo - 1] not in stops and text[lo - 1] != "\n":
        lo -= 1
    hi = pos
    while hi < len(text) and text[hi] not in stops and text[hi] != "\n":
        hi += 1
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    return lo, hi


def _has_target_cue(s: str) -> bool:
    cfg = _cfg()
    for rx in cfg["target_re"]:
        for m in rx.finditer(s):
            if m.group(0).startswith("将"):
                rest = re.split(rf"[{_CLAUSE_END}，,：:]", s[m.end():], maxsplit=1)[0]
                if any(b in rest for b in cfg["ba_complements"]):
                    continue
            return True
    return False


def _paragraphs(text: str):
    """(start, end) of each non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_heading(par: str) -> bool:
    return len(par) <= 30 and par.count("。") <= 1 and not re.search(r"\d", par) and (
        par.endswith("。") or not re.search(rf"[{_CLAUSE_END}]", par))


def _years_in(s: str, base: int | None):
    """Year mentions in s: list of (pos, year or None for a range)."""
    P = _patterns()
    out = []
    for m in P["year"].finditer(s):
        out.append((m.start(), None if m.group(2) else int(m.group(1)), False))
    if base:
        for m in P["rel_year"].finditer(s):
            off = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}[m.group(1)]
            out.append((m.start(), base + off, True))
    out.sort()
    return out


# --------------------------------------------------------------------------- attribution
def _attribute(text: str, rows: list[dict], base_year: int | None) -> None:
    cfg = _cfg()
    pars = _paragraphs(text)
    par_of = {}
    heading_target = {}
    target_section = False
    for i, (a, b) in enumerate(pars):
        par = text[a:b]
        if _is_heading(par):
            target_section = _has_target_cue(par)
            continue
        heading_target[i] = target_section
    par_starts = [a for a, _ in pars]
    for r in rows:
        i = bisect.bisect_right(par_starts, r["start"]) - 1
        if i >= 0 and r["start"] < pars[i][1]:
            par_of[id(r)] = i
    for idx, r in enumerate(rows):
        s, e = r["start"], r["end"]
        pi = par_of.get(id(r))
        pa, pb = pars[pi] if pi is not None else (0, len(text))
        par = text[pa:pb]
        ss, se = _bounds(text, s, _SENT_END)
        cs, ce = _bounds(text, s, _CLAUSE_END)
        r["sentence"] = text[ss:se].strip()
        # ---- kind
        first_sent = re.split(rf"[{_PHRASE_END}]", par, maxsplit=1)[0]
        target = heading_target.get(pi, False) or _has_target_cue(first_sent) or _has_target_cue(text[cs:ce])
        r["kind"] = "target" if target else "actual"
        # ---- year
        r["year"] = _year_for(text, s, (ss, se), (pa, pb), base_year, r)
        # ---- measure and indicator
        _measure_indicator(text, rows, idx, (cs, ce))
    _distribute(text, rows)


def _year_for(text, s, sent, par, base, r):
    if r["unit"] == "年" and (r["qualifier"] in ("多", "余") or text.startswith("来", r["end"])):
        return None  # a duration counted up to now carries no reference year
    ss, se = sent
    ys = _years_in(text[ss:se], base)
    before = [y for p, y, _ in ys if ss + p < s]
    if before:
        return before[-1]
    if any(y is None for _, y, _ in ys):
        return None  # a period (2020-2021年): no single year
    pa, pb = par
    yp = _years_in(text[pa:pb], base)
    before = [y for p, y, rel in yp if pa + p < s and y is not None]
    if before:
        return before[-1]
    distinct = {y for _, y, _ in yp}
    if len(distinct) == 1 and None not in distinct:
        return distinct.pop()
    return None


def _strip(phrase: str) -> str:
    cfg = _cfg()
    changed = True
    while changed and phrase:
        changed = False
        phrase = phrase.strip(" 、，,：:“”「」\"‘’()（）")
        for w in cfg["indicator_strip_end"]:
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase, changed = phrase[: -len(w)], True
                break
            if phrase == w:
                phrase, changed = "", True
                break
        for w in cfg["indicator_strip_start"]:
            if phrase.startswith(w) and len(phrase) > len(w):
                phrase, changed = phrase[len(w):], True
                break
    return re.sub(r"[“”「」\"‘’]", "", phrase)


def _head(phrase: str) -> str:
    """The head of a left context: after the last 的, a time word or 由/从 + year."""
    phrase = re.sub(r"(?:由|从)?(?:\d{4}年|去年|今年)的?$", "", phrase)
    phrase = re.sub(r"(?:上升|增加|增长|提高|下降|减少)?(?:至|到)$", "", phrase)
    phrase = _strip(phrase)
    phrase = re.split(r"\d{4}年度?|去年|今年|明年|全年|每年|截至目前|目前|近年来|期间", phrase)[-1]
    for v in _cfg()["split_verbs"]:
        if v in phrase[1:]:
            phrase = phrase.rsplit(v, 1)[-1] or phrase
    if "的" in phrase[:-1]:
        phrase = phrase.rsplit("的", 1)[-1] or phrase
    return phrase


def _strip_verbs(phrase: str) -> str:
    for v in _cfg()["leading_verbs"]:
        if phrase.startswith(v):
            return phrase[len(v):]
    return phrase


def _right_noun(text: str, e: int) -> str:
    cfg = _cfg()
    hi = e
    while hi < len(text) and text[hi] not in _PHRASE_END and text[hi] != "\n" and hi - e < 24:
        hi += 1
    noun = text[e:hi]
    cut = len(noun)
    for w in cfg["indicator_stop_after"]:
        i = noun.find(w)
        if 0 <= i < cut:
            cut = i
    noun = re.split(r"\d", noun[:cut])[0]
    for w in _cfg()["noun_strip_end"]:
        if noun.endswith(w) and len(noun) > len(w):
            noun = noun[: -len(w)]
    if text.startswith("的", e):
        noun = _right_noun(text, e + 1) if e + 1 < len(text) else ""
    if noun in _cfg()["indicator_not_nouns"]:
        return ""
    return re.sub(r"[“”「」\"‘’]", "", noun)


def _measure_indicator(text, rows, idx, clause):
    cfg = _cfg()
    r = rows[idx]
    s, e = r["start"], r["end"]
    cs, ce = clause
    # left context: back to a phrase delimiter or the previous metric in the clause
    lo = s
    while lo > cs and text[lo - 1] not in "，,：:、（(—\n" + _CLAUSE_END:
        lo -= 1
    prev = rows[idx - 1] if idx > 0 else None
    if prev is not None and prev["end"] > lo and prev["end"] <= s:
        lo = prev["end"]
    left_raw = text[lo:s]
    # phrase start of the clause-part for cue words (新增国家级人才10名、省双创人才9名)
    plo = s
    while plo > cs and text[plo - 1] not in "，,：:（(\n" + _CLAUSE_END:
        plo -= 1
    phrase_left = text[plo:s]
    unit = r["unit"]
    # measure
    measure = "level"
    tail = left_raw[-6:]
    if unit == "%":
        bare = re.sub(r"(了|达到|达|为|约)$", "", left_raw)
        if any(bare.endswith(c) for c in cfg["growth_cues"]) or (
                any(c in tail for c in cfg["growth_cues"]) and not re.search(r"(占比|比重|比例|覆盖率)", left_raw[-8:])):
            measure = "growth"
        else:
            measure = "share"
    elif unit == "pp":
        measure = "change"
    elif any(phrase_left.lstrip("“「").startswith(c) or left_raw.startswith(c) for c in cfg["change_cues"]) or \
            (unit == "rank" and re.search(r"(提升|提高|上升|下降)$", left_raw)):
        measure = "change"
    if unit in ("位", "名") and re.search(r"(排名|名次|位次)[^，,。；;]*?(上升|下降|提升|提高|前移|后移|前进|后退)了?$", left_raw):
        r["unit"], unit, measure = "rank", "rank", "change"  # 排名上升5位
    elif measure == "level" and re.search(r"(增加|新增|减少|提高|提升|增长)了?$", left_raw) and unit not in ("%", "rank"):
        measure = "change"
    r["measure"] = measure
    # indicator
    ind = _strip(_head(left_raw))
    if unit == "rank":
        sent_lo, _ = _bounds(text, s, _SENT_END)
        names = re.findall(r"([\u4e00-\u9fff]{2,16}?(?:排名|排行榜|榜单|排行))", text[sent_lo:s])
        if names:
            ind = names[-1].split("的")[-1].split("在")[-1]
    nxt = rows[idx + 1] if idx + 1 < len(rows) else None
    if unit == "人" and len(re.sub(r"^[超近约]?[\d.,]+[多余]?[万亿]?[多余]?", "", text[s:e])) > 1:
        ind = re.sub(r"^[超近约]?[\d.,]+[多余]?[万亿]?[多余]?", "", text[s:e])
    else:
        anchor = nxt["end"] if nxt is not None and nxt["start"] == e else e
        count_like = unit in cfg["measure_words"] or unit in cfg["noun_units"] or unit in ("rank", "年", "分钟")
        of = text.startswith("的", anchor)
        noun = _right_noun(text, anchor) if (count_like or of or len(_strip_verbs(ind)) <= 2 or r["qualifier"] == "级") else ""
        if noun:
            lead = _strip_verbs(ind) if of and unit != "rank" else ""
            ind = noun + (lead if len(lead) <= 4 else "")
    if not ind or ind in ("增长", "同比", "分别"):
        # a growth rate or share right after a level: same indicator
        cands = [x for x in rows[:idx] if x["start"] >= cs and x.get("indicator") and x["unit"] != "年"]
        if cands:
            ind = cands[-1]["indicator"]
    r["indicator"] = ind


def _distribute(text, rows):
    """分别增长7%、11%、6.3%: a list after 分别 is attributed in order to the subjects before it."""
    n = len(rows)
    i = 0
    while i < n:
        r = rows[i]
        lead = text[max(0, r["start"] - 8):r["start"]]
        if "分别" not in lead:
            i += 1
            continue
        j = i
        while j + 1 < n and rows[j + 1]["start"] - rows[j]["end"] <= 1 and \
                text[rows[j]["end"]:rows[j + 1]["start"]] in ("、", "和", "及", ",", "，"):
            j += 1
        group = rows[i:j + 1]
        k = len(group)
        for g in group[1:]:
            g["measure"] = group[0]["measure"]
        if k >= 2:
            cs, _ = _bounds(text, r["start"], _CLAUSE_END)
            earlier = [x for x in rows[:i] if x["start"] >= cs and x["unit"] != r["unit"]]
            if len(earlier) >= k:
                for g, src in zip(group, earlier[-k:]):
                    g["indicator"] = src["indicator"]
            else:
                # the subjects are a list before 分别: 高新技术产业、新兴产业产值占…比重分别为
                subj = text[cs:r["start"]]
                subj = re.split(r"[，,；;：:]", subj)[-1]
                subj = re.sub(r"分别.*$", "", subj)
                parts = re.split(r"[、和]", subj)
                if len(parts) == k:
                    for g, p in zip(group, parts):
                        g["indicator"] = _strip(_head(p))
        i = j + 1


# --------------------------------------------------------------------------- public API
def _extract_text(text: str, base_year: int | None = None) -> list[dict]:
    rows = _candidates(text)
    _attribute(text, rows, base_year)
    for r in rows:
        r["text"] = text[r["start"]:r["end"]]
    return rows


def extract_metrics(obj) -> pd.DataFrame:
    """One row per quantity mention, columns `COLUMNS`.

    obj: a corpus DataFrame (kslib.load_corpus) or a string. For a corpus, spans are
    offsets in the normalised `text` and `line` is the 1-based line of the raw file.
    A string is normalised exactly like a document (kslib.normalize: Traditional ->
    Simplified, widths, OCR digits, spaced numbers); doc_id is "", spans are offsets in
    that normalised text and line is the line of the string.
    """
    if isinstance(obj, str):
        from ..normalize import normalize

        nl = normalize(obj)
        rows = _extract_text(nl.text)
        lines = nl.raw_lines([r["start"] for r in rows]) if rows else []
        for r, line in zip(rows, lines):
            r["doc_id"] = ""
            r["line"] = int(line)
        return _frame(rows)
    if isinstance(obj, pd.DataFrame):
        from ..corpus import normalized

        frames = []
        for doc in obj.to_dict("records"):
            n = normalized(doc)
            base = None
            m = re.match(r"(\d{4})", str(doc.get("date") or ""))
            if m:
                base = int(m.group(1))
            rows = _extract_text(n.text, base)
            lines = n.raw_lines(np.array([r["start"] for r in rows], dtype=np.int64)) if rows else []
            for r, ln in zip(rows, lines):
                r["doc_id"] = doc["doc_id"]
                r["line"] = int(ln)
            frames.append(_frame(rows))
        if not frames:
            return _frame([])
        return pd.concat(frames, ignore_index=True)
    raise TypeError("extract_metrics takes a string or a corpus DataFrame")


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.astype({"doc_id": str, "line": "int64", "start": "int64", "end": "int64", "text": str,
                    "sentence": str, "value": "float64", "value_max": "float64", "unit": str,
                    "qualifier": str, "indicator": str, "measure": str, "kind": str})
    df["year"] = pd.array([None if y is None or (isinstance(y, float) and np.isnan(y)) else int(y)
                           for y in df["year"]], dtype="Int64")
    return df.reset_index(drop=True)


from .._metrics_eval import GOLD, GOLD_DIR, evaluate, lenient, load_gold, match_gold  # noqa: E402
from ..plot_metrics import (  # noqa: E402
    metric_panel,
    plot_indicator_panel,
    plot_metric_bars,
    plot_targets_vs_actuals,
    plot_units,
    richest_year,
    targets_vs_actuals,
    units_by_document,
)
