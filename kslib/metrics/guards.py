"""What the text around a number allows: guard zones (URLs, percent-encoding), the unit written after it and
whether its context admits it (unit_ok), the fall word that signs it, the frame before it (第, 全国第, 分之) and
an in-span prefix qualifier; bounded windows, so the cost per number is constant."""
from __future__ import annotations

import contextvars
import re
from decimal import Decimal

from ..structure.fastre import fast
from .numerals import Numeral, _Bad, read_numeral
from .unit_lexicon import Unit, UnitsLexicon, UnitWords

__all__: list[str] = []

ZHAO = contextvars.ContextVar("zhao", default=False)  # 兆 = 10^12 for this scan (Taiwan)


def guard_zones(t: str, L: UnitsLexicon) -> list[tuple[int, int]]:
    spans = sorted((m.start(), m.end()) for rx in L.global_guards for m in fast(rx).finditer(t) if m.end() > m.start())
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def unit_start(t: str, p: int, L: UnitsLexicon):
    """Longest unit written at p: (end, written, Unit) or None (also for a blocked word)."""
    lens = L.after_lens.get(t[p]) if p < len(t) else None
    if lens is None:
        return None
    for n in lens:
        w = t[p:p + n]
        u = L.after.get(w)
        if u is not None:
            if u.latin and p + n < len(t) and t[p + n].isascii() and t[p + n].isalpha():
                continue
            if u.kind == "blocked":
                return None
            return p + n, w, u
    return None


def ends_with(t: str, p: int, words, lo: int = 0):
    """The longest of words ending at p (not reaching before lo), or ""."""
    if isinstance(words, UnitWords):
        return words.ends(t, p, lo)
    for w in words:
        if p - len(w) >= lo and t.startswith(w, p - len(w)):
            return w
    return ""


def clause_start_at(t: str, p: int, L: UnitsLexicon, width: int) -> int:
    lo = max(0, p - width)
    punct = L.cfg["signs"]["clause_punctuation"]
    for i in range(p - 1, lo - 1, -1):
        if t[i] in punct:
            return i + 1
    return lo


def sentence_start_at(t: str, p: int, width: int) -> int:
    """Start of the sentence holding p, at most width characters back."""
    lo = max(0, p - width)
    cut = max(t.rfind(c, lo, p) for c in "。！？!?；;\n")
    return cut + 1 if cut >= 0 else lo


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def fall_cue(t: str, start: int, L: UnitsLexicon, prev: dict | None, end: int | None = None,
             rate: bool = False) -> str:
    s = L.cfg["signs"]
    if prev is not None and prev.get("_fall") and t[prev["end"]:start] in s["list_separators"]:
        return prev["sign_cue"]
    lo = clause_start_at(t, start, L, 22 if rate else 14)
    if not L.fall_char_re.search(t, lo, start):
        return ""  # no character of any fall word in the clause before: no cue
    open_end = end is None or not (end >= len(t) or t[end] in s["clause_punctuation"])
    # the rest reads only the clause before the number (t[lo:start]), whether the amount ends its clause and
    # rate: memoised on those (the same clause openings recur)
    key = (t[lo:start], rate, open_end)
    cache = L.__dict__.setdefault("_fall_cache", {})
    v = cache.get(key)
    if v is None:
        if len(cache) > 100_000:
            cache.clear()
        v = cache[key] = _fall_cue_in(key[0], L, open_end, rate)
    return v


def _fall_cue_in(t: str, L: UnitsLexicon, open_end: bool, rate: bool) -> str:
    """fall_cue's reading of the clause t before a number (the number at len(t)); open_end: the amount does
    not end its clause."""
    s = L.cfg["signs"]
    lo, start = 0, len(t)
    p = start
    changed = True
    while changed:
        changed = False
        f = ends_with(t, p, L.fillers, lo)
        if f:
            p -= len(f)
            changed = True
    lm = ends_with(t, p, L.level, lo)
    if lm:
        q = p - len(lm)
        noun = ends_with(t, q, L.fall_nouns, lo)
        return noun  # 降幅为3%: a fall; 下降到3%, 降至3%: the level reached
    noun = ends_with(t, p, L.fall_nouns, lo)
    if noun:
        return noun
    if p - 1 > lo and t[p - 1] in s["comparative_less"] and t[p - 2] not in s["comparative_not_after"] and any(
            m in t[lo:p - 1] for m in s["comparative_markers"]):
        return t[p - 1]  # 比上年低0.3个百分点: a difference below the base
    v = ends_with(t, p, L.fall_verbs, lo) or _single_fall(t, p, lo, s)
    if v or open_end:
        return v
    # a fall verb and its object before an amount that ends the clause: 压减政府性基金项目30%，
    seg = t[lo:start]
    best = max(((seg.rfind(w) + len(w), w) for w in L.fall_verbs if w in seg), default=None)
    if best is None:
        return ""
    gap = seg[best[0]:]
    longest = s["rate_object_max"] if rate else s["object_max"]
    stops = [w for w in s["object_stops"] if w != "的"] if rate and not gap.startswith("的") else s["object_stops"]
    if 1 <= len(gap) <= longest and all(is_cjk(c) for c in gap) and not _has_word(gap, stops):
        return best[1]
    return ""


def _single_fall(t: str, p: int, lo: int, s: dict) -> str:
    """The one-character fall verb ending at p when it opens its clause, alone or after an adverb (跌200点,
    再降0.5个百分点), or is a word of its own after a word (股价跌3%), else ""."""
    if p - 1 < lo or t[p - 1] not in s["fall_single"]:
        return ""
    before = t[lo:p - 1]
    if not before or before in s["fall_single_after"]:
        return t[p - 1]
    from ..segment.backends import cut

    toks = cut(t[lo:p], "jieba")
    return t[p - 1] if len(toks) >= 2 and toks[-1] == t[p - 1] and (len(toks[-2]) >= 2 or toks[-2] in
                                                                     s["fall_single_after"]) else ""


def _has_word(phrase: str, words) -> bool:
    """One of words in phrase, not inside a longer dictionary word (jieba's dictionary): 中 stops 下降企业中有…,
    not 中央政府…; 有 not 有关部门."""
    from ..segment.backends import get_tokenizer

    freq = None
    for w in words:
        i = phrase.find(w)
        while i >= 0:
            freq = freq if freq is not None else get_tokenizer("jieba").FREQ
            inside = any(freq.get(phrase[a:b], 0) > 0 for a in range(max(0, i - 3), i + 1)
                         for b in range(max(i + len(w), a + len(w) + 1), min(len(phrase), a + 4) + 1))
            if not inside:
                return True
            i = phrase.find(w, i + 1)
    return False


def fall_after(t: str, end: int, L: UnitsLexicon) -> str:
    """The fall an amount is the size of when it is named after it (2%的负成长, 3%负增长, 5个百分点的下降),
    else "" (units.yaml signs: fall_after_nouns, fall_after_verbs)."""
    if t.startswith("的", end):
        return L.fall_after_nouns.starts(t, end + 1) or L.fall_after_verbs.starts(t, end + 1)
    return L.fall_after_nouns.starts(t, end)


def numeral_reading(t: str, s: int, e: int, L: UnitsLexicon):
    """The numeral at t[s:e] and where its unit may start; with the give-back of a unit that
    begins with a numeral character (3千米 = 3 km, 3亿千瓦时, 3百分点)."""
    for k in (2, 1):
        if e - k > s and t[e - k] in L.ni_first:
            for w in L.numeral_initial_units:
                if t.startswith(w, e - k) and len(w) > k:
                    try:
                        return read_numeral(t[s:e - k]), e - k
                    except ValueError:
                        break
    w = t[s:e]
    if w and all(c in L.big for c in w) and w in ("万", "亿", "万亿"):
        # a bare big unit: rhetoric unless an approximation word marks it (上万人, 近万亿元); the
        # qualifier is checked in finish_quantity, as for 百 and 千
        v = Decimal(1)
        for c in w:
            v *= L.big[c]
        return Numeral(v, None, "", "chinese", int(v), 1, True, True, True), e
    if not ZHAO.get() and any(c in L.cfg["numerals"]["regional_big"] for c in w):
        raise _Bad("兆 is read only where it means 10^12 (zhao=True)")
    return read_numeral(w), e


def piece_at(t: str, p: int, L: UnitsLexicon):
    """(start, end) of the numeral run at p, cut where Arabic and Chinese digits touch."""
    m = L.run_re.match(t, p)
    if not m:
        return None
    e = m.end()
    c = L.split_re.search(t, p, e)
    if c:
        e = c.start()
    while e > p and t[e - 1] in ".,点 ":
        e -= 1
    return (p, e) if e > p else None


def apply_unit(value: Decimal, u: Unit, written: str, currency: str, L: UnitsLexicon):
    """(value, unit code, currency_source) for a number with unit u."""
    if u.kind in ("percent", "physical"):
        return value * u.factor, u.code, ""
    if u.kind == "currency":
        return value, u.code, "written"
    if u.kind == "generic":
        return value, currency, "default"
    return value, u.code, ""


def dollar_at(currency: str, L: UnitsLexicon) -> str:
    g = L.cfg["generic_currency"]
    return currency if currency in g["dollars"] else g["dollar_default"]


def left_frame(t: str, s: int, L: UnitsLexicon):
    """Sign, currency sign/word and in-span qualifier written before the numeral at s:
    (start, sign, currency code or None or "" for generic $, prefix qualifier, beside qualifier)."""
    cfg = L.cfg
    start, sign = s, ""
    if s > 0:
        c = t[s - 1]
        before_c = t[s - 2] if s > 1 else ""
        ok_before = not (before_c.isascii() and before_c.isalnum()) and not (before_c and before_c in ")）%")
        if c in cfg["signs"]["minus"] and ok_before:
            start, sign = s - 1, "-"
        elif c in cfg["signs"]["plus"] and ok_before:
            start, sign = s - 1, "+"
        elif c in cfg["signs"]["minus_words"]:
            start, sign = s - 1, c
        elif t.startswith("零下", max(0, s - 2)) and s >= 2:
            start, sign = s - 2, "零下"
    cur = None
    p = start - 1 if start > 0 and t[start - 1] == " " else start
    w = L.before_words.ends(t, p)
    if w and not (w.isascii() and w[0].isalpha() and p - len(w) > 0 and t[p - len(w) - 1].isascii()
                  and t[p - len(w) - 1].isalpha()):
        cur = (L.before[w], p - len(w))
    return start, sign, cur


def prefix_qualifier(t: str, start: int, L: UnitsLexicon, round_num: bool):
    q = L.cfg["qualifiers"]
    p = start - 1 if start > 0 and t[start - 1] == " " else start
    for n in L.prefix.lens:
        w = t[p - n:p] if p >= n else ""
        if w in L.prefix.set:
            if w in q["prefix_round_only"] and not round_num:
                continue
            if L.not_prefix[w].ends(t, p):
                continue
            return w, p - len(w)
    return "", start


def _next_word_tag(t: str, s: int, uend: int) -> str:
    """The dictionary tag of the word that follows the unit at uend as jieba cuts the span from the number on
    (a word fusing the unit with what follows, 2倍速 -> 倍速, counts as that word)."""
    from ..segment.backends import cut, dictionary_tag

    pos = s
    for w in cut(t[s:uend + 6], "jieba"):
        if pos + len(w) > uend:
            return dictionary_tag(w if pos >= uend else t[uend:pos + len(w)])
        pos += len(w)
    return ""


def unit_ok(t: str, s: int, pos: int, uend: int, written: str, u: Unit, value: Decimal, approx: str,
             num: Numeral, L: UnitsLexicon, is_range: bool) -> bool:
    """The linguistic guards on a number + unit (ordinals, idioms, formulas, articles, dates)."""
    cfg = L.cfg
    n = len(t)
    chinese = num.form == "chinese"
    before = t[s - 1] if s > 0 else ""
    if before.isascii() and before.isalpha() and u.kind not in ("percent", "currency", "physical", "generic"):
        return False  # A2版, S1线, G312国道: codes; but GDP5.5%
    if t[s:pos] in ("零", "〇"):
        return False  # 零件, 零部件
    if u.kind == "noun" and num.form != "arabic":
        return False
    if u.only_one and t[s:pos] != "一":
        return False
    if u.arabic_only and num.form != "arabic":
        return False
    if (u.not_before and t.startswith(u.not_before, uend)) or (u.not_after and ends_with(t, s, u.not_after)):
        return False
    if u.not_before_tags and uend < n and is_cjk(t[uend]) and _next_word_tag(t, s, uend).startswith(u.not_before_tags):
        return False  # 三倍券, 十倍股, 2倍速: a compound noun
    if u.context:
        lo = sentence_start_at(t, s, 80) if u.context_sentence else clause_start_at(t, s, L, 20)
        if not any(c in t[lo:s] for c in u.context):
            return False
    if t[s:uend] in L.lexicalized or (chinese and t[s:s + 2] in L.lexicalized):
        return False
    if u.kind in ("count", "duration", "noun", "rank"):
        if (chinese and num.value == 1 and not approx and not num.has_unit and num.value_max is None and not is_range
                and not ends_with(t, s, L.beside) and not prefix_qualifier(t, s, L, False)[0]):
            return False  # 一条, 一批: articles (but 不到一年, 近一年 are figures)
        if chinese and uend < n and t[uend] == t[uend - 1]:
            return False  # 一个个, 两项项
        if chinese and uend < n and t[uend] in cfg["numerals"]["digits"] and t[uend] not in "零〇":
            if not re.match(r"[一二两三四五六七八九十百千][万亿]?元?级", t[uend:uend + 4]):
                return False  # 六个一, 两个一百年, 五位一体
        if chinese and len(t[s:pos]) == 1 and len(written) == 1:
            # parallel four-character idioms: 三番五次, 三天两头, 三头六臂
            if uend + 1 < n and t[uend] in cfg["numerals"]["digits"] and is_cjk(t[uend + 1]):
                return False
            if s >= 2 and t[s - 2] in cfg["numerals"]["digits"] and is_cjk(t[s - 1]) and t[s - 1] not in cfg["numerals"]["digits"]:
                return False
        if (u.kind == "count" and written in cfg["ordinal_before_noun"] and chinese and not approx
                and not is_range and uend < n and is_cjk(t[uend]) and t[uend] not in cfg["not_noun_start"]
                and "两" not in t[s:pos]):
            return False  # 二次会议, 八次全会, 三次分配
        if chinese and s > 0 and t[s - 1] in "“「『\"‘":
            close = min([i for i in (t.find(q, s, s + 8) for q in "”」』\"’") if i >= 0] or [n])
            if close - s <= 6:
                return False  # “四个意识”, “六个一”
    if u.cue:
        d = L.cfg["durations"]
        limit = 1000 if chinese else 200
        if value >= limit:
            return False
        if any(t.startswith(x, uend) for x in d["not_after"]):
            return False
        before = ends_with(t, s, L.dur_before)
        if before in d["period_words"] and uend < n and is_cjk(t[uend]) and not L.dur_after.starts(t, uend) and \
                not ends_with(t, s - len(before), L.dur_before):
            return False  # 近三年客货运量, 过去五年的发展: the recent years, a time; not 历时近三年, 用了近3年时间
        cue = (is_range or approx in ("多", "余", "几", "来") or before
               or L.dur_after.starts(t, uend) or L.dur_noun_re.search(t, max(0, s - 16), s) is not None
               or L.dur_noun_after_re.match(t, uend) is not None)
        if not cue:
            p2 = prefix_qualifier(t, s, L, num.bare_round)[0]
            cue = p2 in L.dur_before
        if not cue:
            return False
    return True
