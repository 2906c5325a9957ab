"""Attribution: for each quantity mention, its sentence, indicator, measure (level, growth, share,
change), kind (actual or target) and year, read from the clause, sentence and paragraph around it."""
from __future__ import annotations

import bisect
import functools
import re

from .lexicon import CLAUSE_END, PHRASE_END, SENT_END, config
from .mentions import patterns

__all__ = ["attribute", "bounds", "paragraphs"]

@functools.lru_cache(maxsize=8)
def _stop_positions(text: str, stops: str) -> list[int]:
    return [m.start() for m in re.finditer("[" + re.escape(stops) + "\n]", text)]


def bounds(text: str, pos: int, stops: str) -> tuple[int, int]:
    """(start, end) of the unit (sentence, clause) around pos: after the previous stop character
    or line break, through the next stop character (not the line break). The stop positions of a
    text are found once, so the cost does not grow with the length of a line."""
    p = _stop_positions(text, stops)
    i = bisect.bisect_left(p, pos)
    lo = p[i - 1] + 1 if i > 0 else 0
    hi = p[i] if i < len(p) else len(text)
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    return lo, hi


def has_target_cue(s: str) -> bool:
    cfg = config()
    for rx in cfg["target_re"]:
        for m in rx.finditer(s):
            if m.group(0).startswith("将"):
                rest = re.split(rf"[{CLAUSE_END}，,：:]", s[m.end():], maxsplit=1)[0]
                if any(b in rest for b in cfg["ba_complements"]):
                    continue
            return True
    return False


def paragraphs(text: str):
    """(start, end) of each non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_heading(par: str) -> bool:
    return len(par) <= 30 and par.count("。") <= 1 and not re.search(r"\d", par) and (
        par.endswith("。") or not re.search(rf"[{CLAUSE_END}]", par))


def years_in(s: str, base: int | None):
    """Year mentions in s: list of (pos, year or None for a range)."""
    P = patterns()
    out = []
    for m in P["year"].finditer(s):
        out.append((m.start(), None if m.group(2) else int(m.group(1)), False))
    if base:
        for m in P["rel_year"].finditer(s):
            off = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}[m.group(1)]
            out.append((m.start(), base + off, True))
    out.sort()
    return out


def attribute(text: str, rows: list[dict], base_year: int | None) -> None:
    """Fill sentence, kind, year, measure and indicator of each candidate row in place."""
    pars = paragraphs(text)
    par_of = {}
    heading_target = {}
    target_section = False
    for i, (a, b) in enumerate(pars):
        par = text[a:b]
        if is_heading(par):
            target_section = has_target_cue(par)
            continue
        heading_target[i] = target_section
    par_starts = [a for a, _ in pars]
    for r in rows:
        i = bisect.bisect_right(par_starts, r["start"]) - 1
        if i >= 0 and r["start"] < pars[i][1]:
            par_of[id(r)] = i
    first_cue: dict = {}  # per paragraph, computed once: the cost does not grow with a line's length
    par_years: dict = {}
    clause_cue: dict = {}
    phrase_end = re.compile(rf"[{re.escape(PHRASE_END)}]")
    for idx, r in enumerate(rows):
        s = r["start"]
        pi = par_of.get(id(r))
        pa, pb = pars[pi] if pi is not None else (0, len(text))
        ss, se = bounds(text, s, SENT_END)
        cs, ce = bounds(text, s, CLAUSE_END)
        r["sentence"] = text[ss:se].strip()
        # ---- kind
        if (pa, pb) not in first_cue:
            m = phrase_end.search(text, pa, pb)
            first_cue[(pa, pb)] = has_target_cue(text[pa:m.start() if m else pb])
        if (cs, ce) not in clause_cue:
            clause_cue[(cs, ce)] = has_target_cue(text[cs:ce])
        target = heading_target.get(pi, False) or first_cue[(pa, pb)] or clause_cue[(cs, ce)]
        r["kind"] = "target" if target else "actual"
        # ---- year
        r["year"] = year_for(text, s, (ss, se), (pa, pb), base_year, r, par_years)
        # ---- measure and indicator
        measure_indicator(text, rows, idx, (cs, ce))
    distribute(text, rows)


def _paragraph_years(text, par, base, cache):
    """Years of a paragraph, once: positions of the dated ones (for bisect) and the distinct years."""
    if par not in cache:
        pa, pb = par
        yp = years_in(text[pa:pb], base)
        dated = [(pa + p, y) for p, y, _ in yp if y is not None]
        cache[par] = ([p for p, _ in dated], [y for _, y in dated], {y for _, y, _ in yp})
    return cache[par]


def year_for(text, s, sent, par, base, r, cache=None):
    if r["unit"] == "年" and (r["qualifier"] in ("多", "余") or text.startswith("来", r["end"])):
        return None  # a duration counted up to now carries no reference year
    ss, se = sent
    key = ("sentence", ss, se)
    if cache is not None and key in cache:
        ys = cache[key]
    else:
        ys = years_in(text[ss:se], base)
        if cache is not None:
            cache[key] = ys
    before = [y for p, y, _ in ys if ss + p < s]
    if before:
        return before[-1]
    if any(y is None for _, y, _ in ys):
        return None  # a period (2020-2021年): no single year
    positions, years, distinct = _paragraph_years(text, par, base, {} if cache is None else cache)
    i = bisect.bisect_left(positions, s)
    if i > 0:
        return years[i - 1]
    if len(distinct) == 1 and None not in distinct:
        return next(iter(distinct))
    return None


@functools.lru_cache(maxsize=1)
def _strip_index() -> tuple[dict, dict]:
    """indicator_strip_end by last character and indicator_strip_start by first character, each in
    list order: strip_phrase tries only the words that can match (same result, fewer comparisons)."""
    cfg = config()
    end, start = {}, {}
    for w in cfg["indicator_strip_end"]:
        end.setdefault(w[-1], []).append(w)
    for w in cfg["indicator_strip_start"]:
        start.setdefault(w[0], []).append(w)
    return end, start


@functools.lru_cache(maxsize=65536)
def strip_phrase(phrase: str) -> str:
    end_words, start_words = _strip_index()
    changed = True
    while changed and phrase:
        changed = False
        phrase = phrase.strip(" 、，,：:“”「」\"‘’()（）")
        for w in end_words.get(phrase[-1:], ()):
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase, changed = phrase[: -len(w)], True
                break
            if phrase == w:
                phrase, changed = "", True
                break
        for w in start_words.get(phrase[:1], ()):
            if phrase.startswith(w) and len(phrase) > len(w):
                phrase, changed = phrase[len(w):], True
                break
    return re.sub(r"[“”「」\"‘’]", "", phrase)


def head_of(phrase: str) -> str:
    """The head of a left context: after the last 的, a time word or 由/从 + year."""
    phrase = re.sub(r"(?:由|从)?(?:\d{4}年|去年|今年)的?$", "", phrase)
    phrase = re.sub(r"(?:上升|增加|增长|提高|下降|减少)?(?:至|到)$", "", phrase)
    phrase = strip_phrase(phrase)
    phrase = re.split(r"\d{4}年度?|去年|今年|明年|全年|每年|截至目前|目前|近年来|期间", phrase)[-1]
    for v in config()["split_verbs"]:
        if v in phrase[1:]:
            phrase = phrase.rsplit(v, 1)[-1] or phrase
    if "的" in phrase[:-1]:
        phrase = phrase.rsplit("的", 1)[-1] or phrase
    return phrase


def strip_verbs(phrase: str) -> str:
    for v in config()["leading_verbs"]:
        if phrase.startswith(v):
            return phrase[len(v):]
    return phrase


def right_noun(text: str, e: int) -> str:
    cfg = config()
    hi = e
    while hi < len(text) and text[hi] not in PHRASE_END and text[hi] != "\n" and hi - e < 24:
        hi += 1
    noun = text[e:hi]
    cut = len(noun)
    for w in cfg["indicator_stop_after"]:
        i = noun.find(w)
        if 0 <= i < cut:
            cut = i
    noun = re.split(r"\d", noun[:cut])[0]
    for w in config()["noun_strip_end"]:
        if noun.endswith(w) and len(noun) > len(w):
            noun = noun[: -len(w)]
    if text.startswith("的", e):
        noun = right_noun(text, e + 1) if e + 1 < len(text) else ""
    if noun in config()["indicator_not_nouns"]:
        return ""
    return re.sub(r"[“”「」\"‘’]", "", noun)


def measure_indicator(text, rows, idx, clause):
    cfg = config()
    r = rows[idx]
    s, e = r["start"], r["end"]
    cs, ce = clause
    # left context: back to a phrase delimiter or the previous metric in the clause
    lo = s
    while lo > cs and text[lo - 1] not in "，,：:、（(—\n" + CLAUSE_END:
        lo -= 1
    prev = rows[idx - 1] if idx > 0 else None
    if prev is not None and prev["end"] > lo and prev["end"] <= s:
        lo = prev["end"]
    left_raw = text[lo:s]
    # phrase start of the clause-part for cue words (新增国家级人才10名、省双创人才9名)
    plo = s
    while plo > cs and text[plo - 1] not in "，,：:（(\n" + CLAUSE_END:
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
    ind = strip_phrase(head_of(left_raw))
    if unit == "rank":
        sent_lo, _ = bounds(text, s, SENT_END)
        names = re.findall(r"([\u4e00-\u9fff]{2,16}?(?:排名|排行榜|榜单|排行))", text[sent_lo:s])
        if names:
            ind = names[-1].split("的")[-1].split("在")[-1]
    nxt = rows[idx + 1] if idx + 1 < len(rows) else None
    if unit == "人" and len(re.sub(r"^[超近约]?[\d.,]+[多余]?[万亿]?[多余]?", "", text[s:e])) > 1:
        ind = re.sub(r"^[超近约]?[\d.,]+[多余]?[万亿]?[多余]?", "", text[s:e])
    else:
        anchor = nxt["end"] if nxt is not None and nxt["start"] == e else e
        count_like = r.get("unit_kind") in ("count", "noun") or unit in ("rank", "年", "分钟")
        of = text.startswith("的", anchor)
        noun = right_noun(text, anchor) if (count_like or of or len(strip_verbs(ind)) <= 2 or r["qualifier"] == "级") else ""
        if noun:
            lead = strip_verbs(ind) if of and unit != "rank" else ""
            ind = noun + (lead if len(lead) <= 4 else "")
    if not ind or ind in ("增长", "同比", "分别"):
        # a growth rate or share right after a level: same indicator
        cands = [x for x in _clause_before(rows, idx, cs) if x.get("indicator") and x["unit"] != "年"]
        if cands:
            ind = cands[-1]["indicator"]
    r["indicator"] = ind


def _clause_before(rows, idx, cs):
    """The rows before rows[idx] that start at or after cs (rows are sorted by start): walked back
    from idx, so the cost is the clause's rows, not the document's."""
    j = idx
    while j > 0 and rows[j - 1]["start"] >= cs:
        j -= 1
    return rows[j:idx]


def distribute(text, rows):
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
            cs, _ = bounds(text, r["start"], CLAUSE_END)
            earlier = [x for x in _clause_before(rows, i, cs) if x["unit"] != r["unit"]]
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
                        g["indicator"] = strip_phrase(head_of(p))
        i = j + 1
