"""The words of an indicator: a left context cleaned to its head (strip_phrase, head_of, clean_indicator), the
noun after a count (right_noun) and the measure of a figure (measure_of), by the cue words of
kslib/data/attribution.yaml; kslib.metrics.attribute puts them together per figure."""
from __future__ import annotations

import functools
import re

from .lexicon import CLOSE_QUOTES, OPEN_QUOTES, PHRASE_END, attribution

__all__ = ["QUOTES", "strip_phrase", "head_of", "strip_verbs", "right_noun", "measure_of", "clean_indicator",
           "coordinated_name", "cjk_space", "without_associative_de"]

QUOTES = set(OPEN_QUOTES + CLOSE_QUOTES) - {"《", "》"}  # a quoted name inside a noun (「兴安专案」计划)

_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=1)
def _strip_index() -> tuple[dict, dict]:
    """indicator_strip_end by last character and indicator_strip_start by first character, each in
    list order: strip_phrase tries only the words that can match (same result, fewer comparisons)."""
    cfg = attribution()
    end, start = {}, {}
    for w in cfg["indicator_strip_end"]:
        end.setdefault(w[-1], []).append(w)
    for w in cfg["indicator_strip_start"]:
        start.setdefault(w[0], []).append(w)
    return end, start


@functools.lru_cache(maxsize=65536)
def starts_with_word(phrase: str, w: str) -> bool:
    """Whether the function word w opening phrase is a word of its own and may be stripped (其中|住宅, 但|也|还债),
    not the first characters of a longer word (从业人员, 及时率, 并购, 还款): False only when segmentation joins w to
    what follows and the dictionary has that longer word."""
    from ..segment.backends import cut, get_tokenizer

    n = 0
    for tok in cut(phrase, "jieba"):
        n += len(tok)
        if n >= len(w):
            break
    if n == len(w):
        return True
    freq = get_tokenizer("jieba").FREQ
    return not any(freq.get(phrase[:k], 0) > 0 for k in range(len(w) + 1, min(len(phrase), len(w) + 4) + 1))


@functools.lru_cache(maxsize=65536)
def strip_phrase(phrase: str) -> str:
    end_words, start_words = _strip_index()
    if phrase.endswith("的"):
        phrase = attribution()["copula_base_re"].sub("", phrase)  # all of it: the subject is elsewhere
    changed = True
    while changed and phrase:
        changed = False
        phrase = _balanced(phrase.strip(" 、，,：:“”「」\"‘’()（）"), phrase)
        for w in end_words.get(phrase[-1:], ()):
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase, changed = phrase[: -len(w)], True
                break
            if phrase == w:
                phrase, changed = "", True
                break
        for w in start_words.get(phrase[:1], ()):
            if phrase.startswith(w) and len(phrase) > len(w) and starts_with_word(phrase, w):
                phrase, changed = phrase[len(w):], True
                break
    return re.sub(r"[“”「」\"‘’]", "", phrase)


_HEAD_TIME_END = re.compile(r"(?:由|从)?(?:\d{4}年|去年|今年)的?$")
_HEAD_REACHED_END = re.compile(r"(?:上升|增加|增长|提高|提升|下降|减少|降低|缩小|扩大|回落)?(?:至|到)$")
_HEAD_TIME_SPLIT = re.compile(r"(?:比|较|与)?\d{4}年(?:度|间)?|(?:去年|今年|明年)(?:底|末|初)?|全年|每年|截至目前|目前|近年来|期间")


@functools.lru_cache(maxsize=65536)  # a pure function of the phrase: the same left contexts recur
def head_of(phrase: str) -> str:
    """The head of a left context: after the last 的, a time word or 由/从 + year."""
    phrase = attribution()["indicator_base_re"].sub("", phrase)
    phrase = _HEAD_TIME_END.sub("", phrase)
    phrase = _HEAD_REACHED_END.sub("", phrase)
    phrase = strip_phrase(phrase)
    pieces = [p for p in _HEAD_TIME_SPLIT.split(phrase) if p.strip()]
    # the last piece, unless it is only a predicate (过去来台境外旅客每年平均成长: the subject comes before 每年)
    while len(pieces) > 1 and not clean_indicator(strip_phrase(pieces[-1])):
        pieces.pop()
    phrase = pieces[-1] if pieces else ""
    for v in attribution()["split_verbs"]:
        if v in phrase[1:]:
            subject, obj = phrase.rsplit(v, 1)
            phrase = (_owner(subject) if obj in attribution()["owned_measures"] else "") + obj if obj else phrase
    if "的" in phrase[:-1]:
        phrase = phrase.rsplit("的", 1)[-1] or phrase
    return phrase


def _owner(subject: str) -> str:
    """The subject of a split verb as the owner of a bare measure noun (第一产业 of 第一产业实现增加值), or ""
    when it only scopes the figure (全市, 全年, 昆山高新区) or names nothing."""
    cfg = attribution()
    owner = clean_indicator(strip_phrase(subject))
    if not owner or cfg["indicator_subject_re"].fullmatch(owner) or cfg["indicator_time_re"].fullmatch(owner):
        return ""
    return owner


@functools.lru_cache(maxsize=65536)
def strip_verbs(phrase: str) -> str:
    for v in attribution()["leading_verbs"]:
        if phrase.startswith(v):
            return phrase[len(v):]
    return phrase


@functools.lru_cache(maxsize=1)
def _stop_after_re() -> re.Pattern:
    return re.compile("|".join(map(re.escape, attribution()["indicator_stop_after"])))


def right_noun(text: str, e: int) -> str:
    """The noun that follows position e (after a count: 建成18个|小游园，… -> 小游园), up to a phrase delimiter, a digit
    or a stop word; empty when it is no indicator noun."""
    hi = e
    # a quoted word inside the noun is part of it (「兴安专案」计划, 核酸“采样圈”), unless 的 follows it (学校
    # 「班班有冷气」的…任务: the quote opens a new modifier)
    while hi < len(text) and text[hi] != "\n" and hi - e < 24 and not (text[hi] in " \u3000" and cjk_space(text, hi)):
        if text[hi] in PHRASE_END:
            if text[hi] not in OPEN_QUOTES or text[hi] not in QUOTES:
                break
            close = next((k for k in range(hi + 1, min(len(text), hi + 16)) if text[k] in CLOSE_QUOTES), -1)
            if close < 0 or text.startswith("的", close + 1):
                break
            hi = close
        hi += 1
    noun = text[e:hi]
    stop = _stop_after_re().search(noun)  # the leftmost of the words = the least of their find()s
    noun = _DIGIT.split(noun[:stop.start()] if stop else noun, maxsplit=1)[0]
    for w in attribution()["noun_strip_end"]:
        if noun.endswith(w) and len(noun) > len(w):
            noun = noun[: -len(w)]
    if text.startswith("的", e):
        noun = right_noun(text, e + 1) if e + 1 < len(text) else ""
    if noun in attribution()["indicator_not_nouns"]:
        return ""
    return re.sub(r"[“”「」\"‘’]", "", noun)


def coordinated_name(text: str, lo: int, i: int) -> bool:
    """The 、 at i joins a short name to the next one (小游园、口袋公园18个; 高新技术产业、新兴产业产值占…): the
    member before it is at most coordinated_max_chars long, holds no number (新增国家级人才10名、省双创人才9名:
    list items) and no predicate (…价格持平、居住价格)."""
    cfg = attribution()
    j = i
    while j > lo and (text[j - 1] not in PHRASE_END or text[j - 1] in QUOTES) and text[j - 1] != "\n" \
            and not (text[j - 1] in " \u3000" and cjk_space(text, j - 1)):
        j -= 1
    member = text[j:i]
    return 0 < len(member) <= cfg["coordinated_max_chars"] and not re.search(r"[0-9]", member) and \
        not cfg["coordinated_not_re"].search(member)


def cjk_space(text: str, i: int) -> bool:
    """A space between two Chinese characters: a phrase break in a headline (…发展北部都会区 政府会动用45亿元)."""
    return text[i] in " \u3000" and 0 < i < len(text) - 1 and _CJK(text[i - 1]) and _CJK(text[i + 1])


def _CJK(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def measure_of(r: dict, left_raw: str, phrase_left: str) -> str:
    """level, growth, share, change or ratio of one figure, from the words before it (cue words in
    attribution.yaml). A percentage is a growth when a growth or fall verb governs it (增长3%, 削减44%, a
    fall the scanner signed), a share otherwise, and the rate noun it follows decides when it names one
    (贡献率超过30%: share; 通胀率为1.7%: growth; 失业率回落至3.1%: the level reached, a share). A multiple
    after a change verb is a growth (提高一倍). An amount governed by a verb of addition or fall is a change
    (新增就业1352万人, 扩招100万人, 缩减近2000平方公里), unless it is the level reached (下降到…)."""
    return _measure_of(r["unit"], r.get("sign_cue") or "", left_raw, phrase_left)


@functools.lru_cache(maxsize=65536)  # measure_of reads only the unit, whether a sign is written and the two contexts
def _measure_of(unit: str, signed: str, left_raw: str, phrase_left: str) -> str:
    cfg = attribution()
    if unit == "ratio":
        return "ratio"  # 城乡居民收入比 1.75:1
    if unit == "pp":
        return "change"
    bare = cfg["measure_fillers_re"].sub("", left_raw)
    tail = left_raw[-6:]

    def governs(seg: str) -> bool:  # a growth or fall verb in seg not followed by 至/到/为 (a level reached)
        return bool(cfg["growth_verb_re"].search(seg))
    if unit == "%":
        if signed or bare.endswith(tuple(cfg["growth_cues"])):
            return "growth"
        m = cfg["rate_noun_re"].search(left_raw)
        if m:
            if governs(m.group("predicate")):
                return "growth"
            return "growth" if m.group("noun").endswith(tuple(cfg["growth_rate_nouns"])) else "share"
        return "growth" if governs(tail) else "share"
    if unit == "times":
        return "growth" if governs(tail) or bare.endswith(tuple(cfg["change_cues"])) else "level"
    if unit == "rank":  # 位列全市第一: a level; 提升5位: a change (增速位列… is no change cue)
        return "change" if re.search(r"(提升|提高|上升|下降|前移|后移|前进|后退)了?$", left_raw) else "level"
    if phrase_left.lstrip("“「").startswith(tuple(cfg["change_cues"])) or left_raw.startswith(tuple(cfg["change_cues"])):
        return "change"
    # a written sign alone is a negative level (净利润为-3.2亿元); a fall word is a change (减少3.2亿元)
    if signed not in ("", "-", "+", "负", "零下") or cfg["change_end_re"].search(bare) or cfg["change_word_re"].search(phrase_left):
        return "change"
    return "level"


def _balanced(stripped: str, phrase: str) -> str:
    """stripped with the closing bracket the strip took back when it closes a bracket inside (居民消费价格指数（CPI）)."""
    for o, c in (("（", "）"), ("(", ")")):
        if stripped.count(o) > stripped.count(c) and phrase.rstrip(" 、，,：:的").endswith(stripped + c):
            return stripped + c
    return stripped


@functools.lru_cache(maxsize=1)
def _measure_heads() -> tuple:
    cfg = attribution()
    return tuple(sorted(set(cfg["measure_nouns"]) | set(cfg["owned_measures"]), key=len, reverse=True))


@functools.lru_cache(maxsize=65536)  # a pure function of the phrase, asked for many times per figure
def clean_indicator(phrase: str) -> str:
    """An indicator without what is not the measured thing: time expressions (7月底, 去年的, 98年),
    comparison bases (比上年末, 较前年, 按年), leading conjunctions (及, 则, 同时) and trailing
    predicates (已成长, 大幅进步, 介乎, 在); empty when nothing else is left."""
    cfg = attribution()
    prev = None
    while phrase and phrase != prev:
        prev = phrase
        phrase = cfg["indicator_time_re"].sub("", phrase)
        phrase = cfg["indicator_base_re"].sub("", phrase)
        lead = cfg["indicator_lead_re"].match(phrase)
        if lead and starts_with_word(phrase, lead.group(0)):
            phrase = phrase[lead.end():]
        phrase = cfg["indicator_tail_re"].sub("", phrase)
        for v in cfg["measure_predicates"]:
            if phrase.endswith(v) and phrase[:-len(v)].endswith(_measure_heads()):
                phrase = phrase[:-len(v)]
        m = cfg["indicator_subject_re"].match(phrase)
        if m and len(phrase) - m.end() >= cfg["indicator_subject_rest"]:
            phrase = phrase[m.end():]
        for rx in (cfg["indicator_cause_re"], cfg["indicator_after_clause_re"]):
            m = rx.match(phrase)
            if m and len(phrase) - m.end() >= cfg["indicator_min_chars"]:
                phrase = phrase[m.end():]
        phrase = _balanced(phrase.strip(" 、，,：:“”「」\"‘’()（）的"), phrase)
    if len(phrase) < cfg["indicator_min_chars"] or cfg["indicator_none_re"].fullmatch(phrase):
        return ""
    return phrase


@functools.lru_cache(maxsize=65536)
def without_associative_de(ind: str) -> str:
    """An indicator named as a compound noun: the associative 的 after a modifier of nouns only is dropped (台湾的GDP
    -> 台湾GDP, 中央政府的长期债务 -> 中央政府长期债务), the 的 of a relative clause kept (来华工作的外国专家,
    来自研发中心的党员): every word before it a noun (its tag in jieba's dictionary n*, or a word it lacks)."""
    if ind.count("的") != 1 or ind.startswith("的") or ind.endswith("的"):
        return ind
    from ..segment.backends import cut, dictionary_tag

    words = cut(ind, "jieba")
    if "的" not in words:
        return ind  # 的 inside a word (目的地, 的确)
    k = words.index("的")
    tags = [dictionary_tag(w) for w in words[:k]]
    if all(t.startswith("n") or t in ("eng", "x") for t in tags):
        return "".join(words[:k] + words[k + 1:])
    return ind
