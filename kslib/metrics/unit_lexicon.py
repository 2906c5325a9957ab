"""The lexicon of the numeral scanner: kslib/data/units.yaml (numerals, units, currencies, qualifiers, signs,
guards) loaded and compiled once, with the Traditional spellings folded one character for one (offsets unchanged)."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources

import yaml

__all__ = ["Unit", "fold", "fold_financial"]


# --------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Unit:
    """One written form that may follow a number."""

    kind: str            # percent | currency | generic | physical | duration | count | noun | rank | blocked
    code: str            # %, pp, times, CNY, t, 年, 个, rank …
    factor: Decimal = Decimal(1)
    latin: bool = False  # an ASCII word: the next character must not be a letter
    cue: bool = False    # 年: needs a duration cue
    context: tuple = ()  # 度: a word that must occur in the clause before
    context_sentence: bool = False  # 点 (index points): the context may be anywhere before it in the sentence
    arabic_only: bool = False  # 点: only after Arabic digits
    not_after: tuple = ()   # 点: not after these words (上午3点)
    not_before: tuple = ()  # 点: not before these (3点钟, 3点20分)
    tenth_after: bool = False  # 成: 三成半, 三成五
    only_one: bool = False     # 半: only in 一半
    not_before_tags: tuple = ()  # 倍: not before a word of these part-of-speech tags (三倍券, 十倍股)


class UnitWords:
    """A word list matched by length (longest first) with set lookups: O(number of lengths)."""

    def __init__(self, words):
        self.words = sorted(set(words), key=len, reverse=True)
        self.set = frozenset(self.words)
        self.lens = sorted({len(w) for w in self.words}, reverse=True)

    def __iter__(self):
        return iter(self.words)

    def __contains__(self, w):
        return w in self.set

    def ends(self, t: str, p: int, lo: int = 0) -> str:
        for n in self.lens:
            if p - n >= lo and t[p - n:p] in self.set:
                return t[p - n:p]
        return ""

    def starts(self, t: str, p: int) -> str:
        for n in self.lens:
            w = t[p:p + n]
            if len(w) == n and w in self.set:
                return w
        return ""


@dataclass
class UnitsLexicon:
    digits: dict
    small: dict
    big: dict
    fold: dict
    after: dict          # written form -> Unit
    after_max: int
    after_first: frozenset
    numeral_initial_units: frozenset  # units that begin with a numeral character (千米, 千瓦, 百分点)
    before: dict         # written form -> ISO code or "" (generic $)
    before_max: int
    percent_before: dict
    cfg: dict
    run_re: re.Pattern = None
    split_re: re.Pattern = None
    guards: list = field(default_factory=list)
    range_re: re.Pattern = None


def _variants(word: str) -> set[str]:
    """Traditional spellings of a Simplified entry (Taiwan, Hong Kong, OpenCC standard)."""
    out = set()
    for conv in _converters():
        out.add(conv.convert(word))
    return out


@functools.lru_cache(maxsize=1)
def _converters():
    import opencc

    return tuple(opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk"))


def _all_words(cfg) -> list[str]:
    """Every Chinese word of the lexicon (for the Traditional fold)."""
    words = []

    def walk(x):
        if isinstance(x, str):
            words.append(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for key in ("percent", "percent_before", "currencies", "generic_currency", "physical", "durations",
                "counts", "after_arabic_only", "not_units", "lexicalized", "ratio", "rank", "qualifiers", "signs"):
        walk(cfg.get(key))
    return [w for w in words if re.search(r"[\u4e00-\u9fff]", w)]


@functools.lru_cache(maxsize=1)
def units_lexicon() -> UnitsLexicon:
    cfg = yaml.safe_load(resources.files("kslib.data").joinpath("units.yaml").read_text("utf-8"))
    num = cfg["numerals"]
    fold: dict[int, int] = {}
    # full-width digits, letters and number signs (not the CJK punctuation ，：；（）！？)
    for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)) + [
            ord(c) for c in "％＄．－＋／＆～"] + [0x3000]:
        n = unicodedata.normalize("NFKC", chr(cp))
        if len(n) == 1:
            fold[cp] = ord(n)
    for a, b in cfg["fold"].items():
        fold[ord(a)] = ord(b)
    # Traditional spellings of the lexicon, one character for one character
    import opencc

    t2s = opencc.OpenCC("t2s")
    for w in _all_words(cfg):
        for v in _variants(w):
            if len(v) == len(w):
                for cv, cw in zip(v, w):
                    # only a character that is not also Simplified (覆 of 批覆 stays 覆)
                    if cv != cw and ord(cv) not in fold and t2s.convert(cv) != cv:
                        fold[ord(cv)] = ord(cw)

    after: dict[str, Unit] = {}

    def add(word, unit):
        if word not in after:
            after[word] = unit

    for e in cfg["percent"]:
        for w in e["written"]:
            add(w, Unit("percent", e["unit"], Decimal(str(e.get("factor", 1))), tenth_after=bool(e.get("tenth_after")),
                        only_one=bool(e.get("only_one")), not_before_tags=tuple(e.get("not_before_tags", ()))))
    for e in cfg["currencies"]:
        for w in e["after"]:
            add(w, Unit("currency", e["code"], latin=w.isascii()))
    for w in cfg["generic_currency"]["after"]:
        add(w, Unit("generic", ""))
    for e in cfg["physical"]:
        for w in e["written"]:
            add(w, Unit("physical", e["unit"], Decimal(str(e.get("factor", 1))), latin=w.isascii() and w.isalpha(),
                        context=tuple(e.get("context", ())), context_sentence=bool(e.get("context_sentence")),
                        arabic_only=bool(e.get("arabic_only")), not_after=tuple(e.get("not_after", ())),
                        not_before=tuple(e.get("not_before", ()))))
    for e in cfg["durations"]["units"]:
        for w in e["written"]:
            add(w, Unit("duration", e["unit"], cue=bool(e.get("cue"))))
    for w in cfg["rank"].get("after", []):
        add(w, Unit("rank", "rank"))
    for w in cfg["counts"]:
        add(w, Unit("count", w))
    for w in cfg["after_arabic_only"]:
        add(w, Unit("noun", w))
    for w in cfg["not_units"]:
        after[w] = Unit("blocked", "")
    before: dict[str, str] = {}
    for e in cfg["currencies"]:
        for w in e["before"]:
            before.setdefault(w, e["code"])
    for w in cfg["generic_currency"]["before"]:
        before.setdefault(w, "")
    chars = set(num["digits"]) | set(num["small"]) | set(num["big"]) | set(num["regional_big"])
    L = UnitsLexicon(
        digits=num["digits"], small=num["small"], big=num["big"], fold=fold, after=after,
        after_max=max(map(len, after)), after_first=frozenset(w[0] for w in after),
        numeral_initial_units=frozenset(w for w, u in after.items() if w[0] in chars and u.kind != "blocked"),
        before=before, before_max=max(map(len, before)),
        percent_before={k: (v["unit"], Decimal(str(v["factor"]))) for k, v in cfg["percent_before"].items()},
        cfg=cfg,
    )
    cdig = "".join(num["digits"])
    mags = "".join(num["small"]) + "".join(num["big"]) + "".join(num["regional_big"])
    inside = "".join(num["approx_inside"])
    j = num["unknown_digit"]
    pt = num["point"]
    L.run_re = re.compile(
        rf"[0-9{cdig}{mags}{j}](?:[0-9{cdig}{mags}{j}{inside}]|(?<=[0-9])[.,](?=[0-9])|{pt}(?=[{cdig}])"
        rf"|(?<=[0-9]) (?=[{mags}]))*")
    L.split_re = re.compile(rf"(?<=[0-9])(?=[{cdig}{j}{pt}])|(?<=[{cdig}{j}{pt}])(?=[0-9])")
    g = cfg["guards"]
    L.global_guards = [re.compile(g[k]) for k in g["global"]]
    L.local_guard = re.compile("(?=[0-9A-Za-z(+.〇零一二三四五六七八九])(?:" + "|".join(
        f"(?:{v})" for k, v in g.items() if isinstance(v, str) and k not in g["global"]) + ")")
    L.guard_window = int(g["window"])
    L.fold_re = re.compile("[" + re.escape("".join(chr(c) for c in fold)) + "]")
    # what may follow a numeral for it to be worth reading (a unit, a range, 分之, a ratio, 强, 来)
    L.viable_next = frozenset(L.after_first) | frozenset("-—–~至到分:：强来 ")
    L.before_last = frozenset(w[-1] for w in before)
    L.range_re = re.compile(r" ?(?:——|—|–|-|~|至|到) ?")
    # word lists sorted longest first, once
    q = cfg["qualifiers"]
    s = cfg["signs"]
    for key, lst in (("prefix", q["prefix"]), ("suffix", q["suffix"]), ("beside", q["beside"]),
                     ("fall_verbs", s["fall_verbs"]), ("fall_nouns", s["fall_nouns"]),
                     ("fall_after_nouns", s["fall_after_nouns"]), ("fall_after_verbs", s["fall_after_verbs"]),
                     ("fillers", s["fillers"]), ("level", s["level_markers"]),
                     ("dur_before", cfg["durations"]["cue_before"]), ("dur_after", cfg["durations"]["cue_after"]),
                     ("ratio_nouns", cfg["ratio"]["nouns"]), ("ratio_between", cfg["ratio"]["between"]),
                     ("rank_verbs", cfg["rank"]["verbs"]), ("rank_scopes", cfg["rank"]["scopes"]),
                     ("rank_not_after", cfg["rank"]["not_after"]), ("cn_not_after", cfg["guards"]["chinese_not_after"])):
        setattr(L, key, UnitWords(lst))
    L.before_words = UnitWords(L.before)
    L.suffix_first = frozenset(w[0] for w in L.suffix)
    L.not_prefix = {w: UnitWords([x for x in q["not_prefix_words"] if x.endswith(w) and x != w]) for w in q["prefix"]}
    L.ni_first = frozenset(w[0] for w in L.numeral_initial_units)
    lens: dict[str, set] = {}
    for w in after:
        lens.setdefault(w[0], set()).add(len(w))
    L.after_lens = {c: sorted(v, reverse=True) for c, v in lens.items()}
    L.guard_trigger = re.compile(r"[:：\-/.+＋×xX*年月@(（]|[0-9]{7}")
    L.ratio_re = re.compile("|".join(map(re.escape, cfg["ratio"]["nouns"])))
    L.fall_char_re = re.compile("[" + re.escape("".join(sorted({c for w in s["fall_verbs"] + s["fall_nouns"] for c in w}))) + "]")
    L.lexicalized = frozenset(cfg["lexicalized"])
    L.dur_noun_re = re.compile(cfg["durations"]["cue_noun"])
    L.dur_noun_after_re = re.compile(cfg["durations"]["cue_noun_after"])
    fin = "".join(cfg["financial_numerals"]["chars"])
    L.financial_char_re = re.compile(f"[{fin}]")
    L.magnitude_last = frozenset(num["big"]) | frozenset(num["regional_big"])  # 1,150亿: maybe an amount (implied_currency)
    L.financial_fold = {ord(a): ord(b) for a, b in cfg["financial_numerals"]["chars"].items()}
    L.financial_fold_yuan = {**L.financial_fold, **{ord(y): ord("元") for y in cfg["financial_numerals"]["yuan"]}}
    money = "".join(cfg["financial_numerals"]["yuan"] + cfg["yuan_subunits"]["after"] + list(cfg["yuan_subunits"]["units"]))
    L.financial_run_re = re.compile(f"[{fin}{cdig}{mags}{pt}][{fin}{cdig}{mags}{pt}{money}]*")
    return L


def fold(text: str) -> str:
    """The text with full-width forms, Traditional numerals and unit characters folded one for one
    (offsets unchanged): the copy the scanner matches against."""
    return text.translate(units_lexicon().fold)


def fold_financial(text: str) -> str:
    """Every 大写 numeral character of text folded to its ordinary numeral (壹仟贰佰 -> 一千二百): for a
    string that is one numeral (parse_number); the scanner folds them only in runs (financial_fold)."""
    return text.translate({ord(a): ord(b) for a, b in units_lexicon().cfg["financial_numerals"]["chars"].items()})
