"""Chinese numeral grammar and quantity scanner: every quantity a text writes, read whole or not at all.

    scan("比上年下降百分之三点五")   -> [{"text": "百分之三点五", "value": -3.5, "unit": "%", ...}]
    parse_number("一千零十")          -> 1010.0
    parse_range("两到三万")           -> (20000.0, 30000.0)

How it reads. A numeral is the LONGEST run of numeral characters (ASCII digits with `,` and `.`,
零〇一二两三四五六七八九十百千万亿, 点 between Chinese digits, 几 多 余), cut only where Arabic and
Chinese digits touch (统一3个: 一 | 3). The run is read by a grammar (`_read_numeral`: sections
[d千][零][d百][零][d十][d], big units 万 / 亿 / 万亿 each at most once and descending, 零 only
where a place is skipped, shorthand 一万五 = 15000, decimals 三点五 and 1.5万, magnitude chains
千万 万亿 but not 亿万, neighbouring digits 两三万 as a range, 几 / 多 / 余 as approximations).
If the grammar does not accept the whole run, nothing is read: never a value of a shorter piece
(the old extractor retried on a truncation: 百分之十一点八 → 11 %). A numeral becomes a quantity
only with what kslib/data/units.yaml allows next to it: a unit, a classifier, a currency, a
fraction frame (三分之一, 百分之, 千分之), a rank frame (第47位, 全国第五), or a ratio (1.75:1).
Arithmetic is decimal (1.87亿 is exactly 187000000). Signs: -, −, 负 before the number, and a
fall word before the amount (下降3% → -3; see `signs` in units.yaml). Cost is linear in the
length of the text whatever its line lengths: one regex pass over the text, bounded windows.

Why not cn2an for the grammar. cn2an (a dependency) was measured against this grammar
(bench/numeral_parsers.py): on the 201 Chinese and mixed numerals of the spec suite
tests/data/numbers_spec.csv both read 141 and agree on all of them, cn2an reads none that the
grammar does not, and the grammar reads 58 more (十几, 二十多, 一千多万, 三点五亿, 1.2万亿,
一万亿零一亿, 三分之一, 千分之一点二 …). cn2an also reads malformed numerals the grammar refuses
(一千五十 → 1050, 一百两 → 120, 两十 → 20, 两点五 → 2.5), which breaks "read whole or not at all".
Speed is about the same (≈50 µs against ≈45 µs CPU per distinct numeral on this machine; the
scanner memoises, so repeated numerals cost a dictionary lookup). So the scanner uses this grammar,
and cn2an stays the independent oracle the property tests compare with on standard numerals.
"""
from __future__ import annotations

import contextvars
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources

import yaml

__all__ = ["scan", "parse_number", "parse_range", "read_numeral", "fold", "currency_codes"]

_TEN = (10, 100, 1000)
_ZHAO = contextvars.ContextVar("zhao", default=False)  # 兆 = 10^12 for this scan (Taiwan)


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
    tenth_after: bool = False  # 成: 三成半, 三成五
    only_one: bool = False     # 半: only in 一半


class _Words:
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
class _Lex:
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


def currency_codes() -> set[str]:
    """The ISO codes of the currencies data/units.yaml knows (for extract.py's document currency)."""
    return {e["code"] for e in _lex().cfg["currencies"]}


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
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
                        only_one=bool(e.get("only_one"))))
    for e in cfg["currencies"]:
        for w in e["after"]:
            add(w, Unit("currency", e["code"], latin=w.isascii()))
    for w in cfg["generic_currency"]["after"]:
        add(w, Unit("generic", ""))
    for e in cfg["physical"]:
        for w in e["written"]:
            add(w, Unit("physical", e["unit"], Decimal(str(e.get("factor", 1))), latin=w.isascii() and w.isalpha(),
                        context=tuple(e.get("context", ()))))
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
    L = _Lex(
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
                     ("fillers", s["fillers"]), ("level", s["level_markers"]),
                     ("dur_before", cfg["durations"]["cue_before"]), ("dur_after", cfg["durations"]["cue_after"]),
                     ("ratio_nouns", cfg["ratio"]["nouns"]), ("ratio_between", cfg["ratio"]["between"]),
                     ("rank_verbs", cfg["rank"]["verbs"]), ("rank_scopes", cfg["rank"]["scopes"]),
                     ("rank_not_after", cfg["rank"]["not_after"]), ("cn_not_after", cfg["guards"]["chinese_not_after"])):
        setattr(L, key, _Words(lst))
    L.before_words = _Words(L.before)
    L.suffix_first = frozenset(w[0] for w in L.suffix)
    L.not_prefix = {w: _Words([x for x in q["not_prefix_words"] if x.endswith(w) and x != w]) for w in q["prefix"]}
    L.ni_first = frozenset(w[0] for w in L.numeral_initial_units)
    lens: dict[str, set] = {}
    for w in after:
        lens.setdefault(w[0], set()).add(len(w))
    L.after_lens = {c: sorted(v, reverse=True) for c, v in lens.items()}
    L.guard_trigger = re.compile(r"[:：\-/.+＋×xX*年月@(（]|[0-9]{7}")
    L.ratio_re = re.compile("|".join(map(re.escape, cfg["ratio"]["nouns"])))
    L.fall_char_re = re.compile("[" + re.escape("".join(sorted({c for w in s["fall_verbs"] + s["fall_nouns"] for c in w}))) + "]")
    L.lexicalized = frozenset(cfg["lexicalized"])
    return L


def fold(text: str) -> str:
    """The text with full-width forms, Traditional numerals and unit characters folded one for one
    (offsets unchanged): the copy the scanner matches against."""
    return text.translate(_lex().fold)


# --------------------------------------------------------------------------- numeral grammar
class _Bad(ValueError):
    pass


_AR_OK = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_AR_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _tokens(s: str, L: _Lex) -> list[tuple]:
    """Tokens of a folded numeral without spaces:
    ('a', Decimal, is_decimal) Arabic; ('d', digit, is_两); ('z',) zero; ('u', 10|100|1000);
    ('b', 10**4|10**8); ('p',) 点; ('j',) 几; ('m', word) 多/余."""
    out = []
    i, n = 0, len(s)
    cfg = L.cfg["numerals"]
    while i < n:
        c = s[i]
        if "0" <= c <= "9":
            m = _AR_RUN.match(s, i)
            piece = m.group(0)
            if not _AR_OK.fullmatch(piece):
                raise _Bad(f"bad digit grouping {piece!r}")
            intpart = piece.split(".")[0].replace(",", "")
            if len(intpart) > 1 and intpart[0] == "0":
                raise _Bad(f"leading zero {piece!r}")
            if len(intpart) > cfg["max_arabic_digits"]:
                raise _Bad(f"too many digits {piece!r}")
            out.append(("a", Decimal(piece.replace(",", "")), "." in piece))
            i = m.end()
            continue
        if c in L.digits:
            v = L.digits[c]
            out.append(("z",) if v == 0 else ("d", v, c == "两"))
        elif c in L.small:
            out.append(("u", L.small[c]))
        elif c in cfg["regional_big"]:
            out.append(("b", int(cfg["regional_big"][c])))
        elif c in L.big:
            out.append(("b", L.big[c]))
        elif c == cfg["point"]:
            out.append(("p",))
        elif c == cfg["unknown_digit"]:
            out.append(("j",))
        elif c in cfg["approx_inside"]:
            out.append(("m", c))
        else:
            raise _Bad(f"not a numeral character {c!r}")
        i += 1
    return out


def _check_place(u: int, last, zero: bool, chinese: bool) -> None:
    if last is not None and u >= last:
        raise _Bad("places out of order")
    if chinese and last is not None:
        gap = u < last // 10
        if zero and not gap:
            raise _Bad("零 where no place is skipped")
        if gap and not zero:
            raise _Bad("a skipped place needs 零")
    elif chinese and last is None and zero:
        pass


def _section(toks, leading: bool, chinese: bool, after_zero: bool = False) -> int:
    """A value below 10000 ([d千][零][d百][零][d十][d]), or one Arabic integer."""
    if not toks:
        raise _Bad("empty section")
    if len(toks) == 1 and toks[0][0] == "a":
        if toks[0][2]:
            raise _Bad("decimal inside an integer")
        v = int(toks[0][1])
        if not leading and v >= 10000:
            raise _Bad("section too large")
        return v
    total, last, zero, i, n = 0, None, False, 0, len(toks)
    while i < n:
        t = toks[i]
        k = t[0]
        if k == "z":
            if i == 0 or zero:
                raise _Bad("misplaced 零")
            zero = True
            i += 1
            continue
        if k in ("d", "a"):
            if k == "a" and (t[2] or t[1] >= 10):
                raise _Bad("Arabic number inside a Chinese section")
            d = int(t[1])
            if d == 0:
                raise _Bad("zero digit")
            liang = k == "d" and t[2]
            if i + 1 < n and toks[i + 1][0] == "u":
                u = toks[i + 1][1]
                if liang and u == 10:
                    raise _Bad("两十")
                _check_place(u, last, zero, chinese)
                total += d * u
                last, zero = u, False
                i += 2
                continue
            if i != n - 1:
                raise _Bad("two digits in a row")
            if last is None:
                total = d
            elif liang:
                raise _Bad("两 as a last digit")
            elif zero:
                if last <= 10:
                    raise _Bad("零 before the units place with no gap")
                total += d
            elif last >= 100:
                total += d * last // 10  # 三千五 = 3500, 两百五 = 250
            else:
                total += d
            zero = False
            i += 1
            continue
        if k == "u":
            u = t[1]
            if not ((i == 0 and (leading or (after_zero and u == 10))) or (zero and u == 10)):
                raise _Bad("unit without a digit")
            _check_place(u, last, zero, chinese)
            total += u
            last, zero = u, False
            i += 1
            continue
        raise _Bad("unexpected token")
    if zero:
        raise _Bad("trailing 零")
    return total


def _rest(lo, factor: int, chinese: bool) -> int:
    """The part after a big unit (万 / 亿 / 万亿): 零 before a gap, shorthand 一万五."""
    if not lo:
        return 0
    zero = lo[0][0] == "z"
    if zero:
        lo = lo[1:]
        if not lo or lo[0][0] == "z":
            raise _Bad("misplaced 零")
    if not zero and len(lo) == 1 and (
            (lo[0][0] == "d" and not lo[0][2]) or (lo[0][0] == "a" and not lo[0][2] and lo[0][1] < 10)):
        return int(lo[0][1]) * factor // 10  # 一万五 = 15000, 一亿五 = 150000000, 3万5 = 35000
    v = _level(lo, False, chinese, zero) if factor > 10**4 else _section(lo, False, chinese, zero)
    if v <= 0 or v >= factor:
        raise _Bad("part after a big unit out of range")
    if chinese:
        if zero and v >= factor // 10:
            raise _Bad("零 where no place is skipped")
        if not zero and v < factor // 10:
            raise _Bad("a skipped place needs 零")
    return v


def _level(toks, leading: bool, chinese: bool, after_zero: bool = False) -> int:
    for f in (10**12, 10**8, 10**4):
        idx = [i for i, t in enumerate(toks) if t[0] == "b" and t[1] == f]
        if not idx:
            continue
        if len(idx) > 1:
            raise _Bad("a big unit twice")
        i = idx[0]
        hi, lo = toks[:i], toks[i + 1:]
        if not hi:
            raise _Bad("big unit without a multiplier")
        if f == 10**8 and leading and any(t[0] == "b" for t in hi):
            hv = _level(hi, True, chinese, after_zero)  # 一万二千亿
            if hv >= 10**8:
                raise _Bad("multiplier too large")
        else:
            if any(t[0] == "b" for t in hi):
                raise _Bad("big units out of order")
            hv = _section(hi, leading, chinese, after_zero)
        return hv * f + _rest(lo, f, chinese)
    return _section(toks, leading, chinese, after_zero)


def _integer(toks, chinese: bool) -> int:
    if toks == [("z",)]:
        return 0
    merged, i = [], 0
    while i < len(toks):  # 万亿 as one unit when another 亿 follows (一万亿零一亿)
        if (toks[i] == ("b", 10**4) and i + 1 < len(toks) and toks[i + 1] == ("b", 10**8)
                and any(t == ("b", 10**8) for t in toks[i + 2:])):
            merged.append(("b", 10**12))
            i += 2
        else:
            merged.append(toks[i])
            i += 1
    return _level(merged, True, chinese)


def _chain(ch) -> int:
    """Product of a magnitude chain after a decimal: [十|百|千] then 万, 亿 ascending (千万, 万亿)."""
    f, i, last = 1, 0, 0
    if i < len(ch) and ch[i][0] == "u":
        f *= ch[i][1]
        i += 1
    while i < len(ch):
        t = ch[i]
        if t[0] != "b" or t[1] <= last:
            raise _Bad("not a magnitude chain")
        f *= t[1]
        last = t[1]
        i += 1
    return f


def _value(toks) -> Decimal:
    chinese = not any(t[0] == "a" for t in toks)
    ps = [i for i, t in enumerate(toks) if t[0] == "p"]
    if len(ps) > 1:
        raise _Bad("two decimal points")
    if ps:
        i = ps[0]
        ip, rest = toks[:i], toks[i + 1:]
        if not ip or not chinese or any(t[0] == "b" or (t[0] == "d" and t[2]) for t in ip):
            raise _Bad("bad integer part before 点")
        frac, j = [], 0
        while j < len(rest) and rest[j][0] in ("d", "z"):
            if rest[j][0] == "d" and rest[j][2]:
                raise _Bad("两 after 点")
            frac.append(str(rest[j][1]) if rest[j][0] == "d" else "0")
            j += 1
        if not frac:
            raise _Bad("nothing after 点")
        ipv = 0 if ip == [("z",)] else _section(ip, True, True)
        return (Decimal(ipv) + Decimal("0." + "".join(frac))) * _chain(rest[j:])
    dec = [i for i, t in enumerate(toks) if t[0] == "a" and t[2]]
    if dec:
        if dec != [0]:
            raise _Bad("decimal not first")
        return toks[0][1] * _chain(toks[1:])
    return Decimal(_integer(toks, chinese))


def _is_pair(a: int, b: int, L: _Lex) -> bool:
    return (1 <= a <= 8 and b == a + 1) or [a, b] in L.cfg["numerals"]["extra_pairs"]


@dataclass
class Numeral:
    """A numeral read whole: value (Decimal), upper bound of 两三万-style ranges, the
    approximation word (几 多 余), form (arabic | chinese | mixed | digits), and the
    magnitude of its trailing 万/亿 (used to spread a magnitude over a range)."""

    value: Decimal
    value_max: Decimal | None
    approx: str
    form: str
    big_tail: int        # product of the trailing 万/亿 (1 when none)
    small_before_big: int  # the small unit right before them (千万 → 1000), else 1
    has_big: bool
    has_unit: bool       # any 十百千万亿
    bare_round: bool     # only magnitude characters, not starting with 十 (百, 千, 万, 百万)


_CACHE: dict = {}
_HAS_AR = re.compile(r"[0-9]")
_PLAIN = re.compile(r"[1-9][0-9]{0,14}|0")


def read_numeral(s: str) -> Numeral:
    """Read one folded numeral string by the grammar; raise ValueError unless wholly read.
    (Results are memoised: the same few numerals recur throughout a corpus.)"""
    r = _CACHE.get(s)
    if r is None:
        try:
            r = _read_numeral(s)
        except ValueError as e:
            r = e
        if len(_CACHE) > 50000:
            _CACHE.clear()
        _CACHE[s] = r
    if isinstance(r, Exception):
        raise r
    return r


def _read_numeral(s: str) -> Numeral:
    if _PLAIN.fullmatch(s):
        return Numeral(Decimal(s), None, "", "arabic", 1, 1, False, False, False)
    L = _lex()
    s = s.replace(" ", "")
    toks = _tokens(s, L)
    if not toks:
        raise _Bad("empty")
    approx = ""
    ms = [i for i, t in enumerate(toks) if t[0] == "m"]
    if len(ms) > 1:
        raise _Bad("two approximation words")
    if ms:
        i = ms[0]
        prev = toks[i - 1] if i else None
        if prev is None or (prev[0] == "a" and prev[2]) or prev[0] not in ("a", "u", "b"):
            raise _Bad("多/余 must follow a round number")
        if any(t[0] != "b" for t in toks[i + 1:]):
            raise _Bad("多/余 inside a numeral")
        approx = toks[i][1]
        toks = toks[:i] + toks[i + 1:]
    js = [i for i, t in enumerate(toks) if t[0] == "j"]
    if len(js) > 1 or (js and approx):
        raise _Bad("two approximations")
    if js:
        i = js[0]
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if any(t[0] == "a" for t in toks) or (prev is not None and prev[0] not in ("u", "b")):
            raise _Bad("bad 几")
        if nxt is not None and nxt[0] in ("u", "b") and not (prev is not None and prev[0] == "u" and nxt[0] == "b"):
            toks = toks[:i] + [("d", 1, False)] + toks[i + 1:]  # 几十 → 十, 几百万 → 百万
        elif prev is not None and prev[0] == "u" and (nxt is None or nxt[0] == "b"):
            toks = toks[:i] + toks[i + 1:]  # 十几 → 十, 十几万 → 十万
        else:
            raise _Bad("bad 几")
        approx = "几"
    kinds = {t[0] for t in toks}
    form = "arabic" if kinds == {"a"} and len(toks) == 1 else ("chinese" if "a" not in kinds else "mixed")
    tail_big, small_before, j = 1, 1, len(toks)
    while j > 0 and toks[j - 1][0] == "b":
        tail_big *= toks[j - 1][1]
        j -= 1
    if tail_big > 1 and j == 2 and toks[1][0] == "u" and toks[0][0] in ("d", "a") and not (toks[0][0] == "a" and toks[0][2]):
        small_before = toks[1][1]  # 5千万, 三百万: one digit and a small unit before the big ones
    has_big = "b" in kinds
    has_unit = bool(kinds & {"u", "b"})
    bare = kinds <= {"u", "b"} and toks[0] != ("u", 10)
    stop = next((i for i, t in enumerate(toks) if t[0] == "p"), len(toks))
    pairs = [i for i in range(stop - 1) if toks[i][0] == "d" and toks[i + 1][0] == "d"]
    if kinds <= {"d", "z"} and len(toks) >= 2 and not (len(toks) == 2 and pairs):
        if any(t[0] == "d" and t[2] for t in toks):
            raise _Bad("两 in a digit string")
        v = Decimal("".join("0" if t[0] == "z" else str(t[1]) for t in toks))
        return Numeral(v, None, approx, "digits", 1, 1, False, False, False)
    if pairs:
        if len(pairs) > 1 or approx:
            raise _Bad("digits in a row")
        i = pairs[0]
        a, b = toks[i][1], toks[i + 1][1]
        if not _is_pair(a, b, L):
            raise _Bad("digits in a row")
        lo = _value(toks[:i + 1] + toks[i + 2:])
        hi = _value(toks[:i] + toks[i + 1:])
        return Numeral(lo, hi, "", "chinese", tail_big, small_before, has_big, has_unit, False)
    return Numeral(_value(toks), None, approx, form, tail_big, small_before, has_big, has_unit, bare)


def _fold_clean(s: str) -> str:
    if not isinstance(s, str):
        raise ValueError(f"not a string: {s!r}")
    return fold(s).strip().replace(" ", "")


def _signed(t: str) -> tuple[int, str]:
    L = _lex()
    s = L.cfg["signs"]
    for w in s["minus"] + s["minus_words"]:
        if t.startswith(w) and len(t) > len(w):
            return -1, t[len(w):]
    for w in s["plus"]:
        if t.startswith(w) and len(t) > len(w):
            return 1, t[len(w):]
    return 1, t


def _parse(s: str) -> tuple[Decimal, Decimal | None]:
    L = _lex()
    t = _fold_clean(s)
    sign, t = _signed(t)
    factor = Decimal(1)
    for w, (_, f) in L.percent_before.items():
        if t.startswith(w) and len(t) > len(w):
            t, factor = t[len(w):], f
            break
    else:
        for w, f in (("%", Decimal(1)), ("‰", Decimal("0.1")), ("‱", Decimal("0.01"))):
            if t.endswith(w) and len(t) > len(w):
                t, factor = t[:-len(w)], f
                break
        else:
            if "分之" in t:
                den_s, num_s = t.split("分之", 1)
                den, num = read_numeral(den_s), read_numeral(num_s)
                if (den.approx or num.approx or den.value_max is not None or num.value_max is not None
                        or den.form == "digits" or num.form == "digits" or den.value <= 0 or num.value <= 0
                        or den.value != den.value.to_integral_value()):
                    raise _Bad(f"not a fraction: {s!r}")
                return sign * Decimal(100) * num.value / den.value, None
    n = read_numeral(t)
    hi = None if n.value_max is None else sign * n.value_max * factor
    return sign * n.value * factor, hi


def parse_number(s: str) -> float:
    """Value of one numeral, read whole by the grammar, or ValueError.

    "762亿" -> 76200000000.0, "1.87亿" -> 187000000.0 (decimal arithmetic), "三千五百万" ->
    35000000.0, "一千零十" -> 1010.0, "三点五亿" -> 350000000.0, "两万" -> 20000.0, "负3.9" -> -3.9;
    percent forms give the value in percent: "百分之十一点八" -> 11.8, "千分之二点四" -> 0.24,
    "6.5‰" -> 0.65, "三分之一" -> 33.33…; approximations give the written round part:
    "十几" -> 10.0, "一千多万" -> 10000000.0. Full-width digits and Traditional 萬/億/兩 too.
    A range is not one number: "两三万" (see parse_range) raises, as does anything not wholly a
    numeral: "一千五十", "一万亿亿", "十四五", "3D"."""
    try:
        if any(c in _lex().cfg["numerals"]["regional_big"] for c in fold(str(s))):
            raise _Bad("兆 is ambiguous (10^12 in Taiwan, 10^6 in SI words): see scan(zhao=True)")
        v, hi = _parse(s)
        if hi is not None:
            raise _Bad("a range, not one number")
    except (_Bad, InvalidOperation) as e:
        raise ValueError(f"not a number: {s!r} ({e})") from None
    f = float(v)
    if f != f or abs(f) == float("inf"):
        raise ValueError(f"not a finite number: {s!r}")
    return f


def parse_range(s: str) -> tuple[float, float]:
    """(low, high) of a numeral range: "两三万" -> (20000.0, 30000.0), "两到三万" ->
    (20000.0, 30000.0), "8500到3万" -> (8500.0, 30000.0), "15%—20%" -> (15.0, 20.0);
    a single numeral gives (v, v). Raises ValueError otherwise."""
    t = _fold_clean(s)
    q = scan(t + "个") if not re.search(r"[%‰成倍]$", t) else scan(t)
    if len(q) == 1 and q[0]["start"] == 0 and q[0]["end"] >= len(t):
        lo = q[0]["value"]
        hi = q[0]["value_max"]
        return (lo, lo if hi is None else hi)
    try:
        lo, hi = _parse(t)
    except (_Bad, InvalidOperation) as e:
        raise ValueError(f"not a number or range: {s!r} ({e})") from None
    return float(lo), float(lo if hi is None else hi)


# --------------------------------------------------------------------------- scanner
def _zones(t: str, L: _Lex) -> list[tuple[int, int]]:
    spans = sorted((m.start(), m.end()) for rx in L.global_guards for m in rx.finditer(t) if m.end() > m.start())
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _unit_at(t: str, p: int, L: _Lex):
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


def _ends_with(t: str, p: int, words, lo: int = 0):
    """The longest of words ending at p (not reaching before lo), or ""."""
    if isinstance(words, _Words):
        return words.ends(t, p, lo)
    for w in words:
        if p - len(w) >= lo and t.startswith(w, p - len(w)):
            return w
    return ""


def _clause_start(t: str, p: int, L: _Lex, width: int) -> int:
    lo = max(0, p - width)
    punct = L.cfg["signs"]["clause_punctuation"]
    for i in range(p - 1, lo - 1, -1):
        if t[i] in punct:
            return i + 1
    return lo


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _fall_cue(t: str, start: int, L: _Lex, prev: dict | None, end: int | None = None) -> str:
    s = L.cfg["signs"]
    if prev is not None and prev.get("_fall") and t[prev["end"]:start] in s["list_separators"]:
        return prev["sign_cue"]
    lo = _clause_start(t, start, L, 14)
    if not L.fall_char_re.search(t, lo, start):
        return ""  # no character of any fall word in the clause before: no cue
    p = start
    changed = True
    while changed:
        changed = False
        f = _ends_with(t, p, L.fillers, lo)
        if f:
            p -= len(f)
            changed = True
    lm = _ends_with(t, p, L.level, lo)
    if lm:
        q = p - len(lm)
        noun = _ends_with(t, q, L.fall_nouns, lo)
        return noun  # 降幅为3%: a fall; 下降到3%, 降至3%: the level reached
    noun = _ends_with(t, p, L.fall_nouns, lo)
    if noun:
        return noun
    v = _ends_with(t, p, L.fall_verbs, lo)
    if v or end is None or not (end >= len(t) or t[end] in s["clause_punctuation"]):
        return v
    # a fall verb and its object before an amount that ends the clause: 压减政府性基金项目30%，
    seg = t[lo:start]
    best = max(((seg.rfind(w) + len(w), w) for w in L.fall_verbs if w in seg), default=None)
    if best is None:
        return ""
    gap = seg[best[0]:]
    if 1 <= len(gap) <= s["object_max"] and all(_is_cjk(c) for c in gap) and not any(
            w in gap for w in s["object_stops"]):
        return best[1]
    return ""


def _reading(t: str, s: int, e: int, L: _Lex):
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
        # qualifier is checked in _finish, as for 百 and 千
        v = Decimal(1)
        for c in w:
            v *= L.big[c]
        return Numeral(v, None, "", "chinese", int(v), 1, True, True, True), e
    if not _ZHAO.get() and any(c in L.cfg["numerals"]["regional_big"] for c in w):
        raise _Bad("兆 is read only where it means 10^12 (zhao=True)")
    return read_numeral(w), e


def _piece_at(t: str, p: int, L: _Lex):
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


def _apply_unit(value: Decimal, u: Unit, written: str, currency: str, L: _Lex):
    """(value, unit code, currency_source) for a number with unit u."""
    if u.kind in ("percent", "physical"):
        return value * u.factor, u.code, ""
    if u.kind == "currency":
        return value, u.code, "written"
    if u.kind == "generic":
        return value, currency, "default"
    return value, u.code, ""


def _dollar(currency: str, L: _Lex) -> str:
    g = L.cfg["generic_currency"]
    return currency if currency in g["dollars"] else g["dollar_default"]


def scan(text: str, *, currency: str = "CNY", zhao: bool = False) -> list[dict]:
    """Every quantity in text, in order, as dicts with keys

        start, end, text    span in text (number, magnitude, unit, with an in-span qualifier
                            超/近/约/上/连续 before or 多/余/以上/左右 after, a currency sign or
                            word before, and a minus sign)
        value, value_max    float, magnitude applied, percent forms in percent, physical units in
                            their canonical unit; value_max is the upper bound of a range, else None
        unit                %, pp, times, ratio, rank, ISO currency, canonical physical unit,
                            duration (年 月 天 …) or the classifier as written (Simplified)
        qualifier           approximation or bound word (inside or beside the span) or ""
        sign_cue            "-" / "负" / "+" written on the number, the fall word that made the
                            value negative (下降, 减少, 负增长 …), or ""
        currency_source     "written", "default" (a bare 元 / $ given `currency`), "" otherwise
        kind, form, numeral what the unit is (percent currency physical duration count noun rank
                            ratio), how the numeral is written, and its text

    A bare 元 (and 块钱) takes `currency`; a bare $ takes it when it is a dollar, else USD.
    zhao: read 兆 as 10^12 (Taiwan: 2兆7,092億元); otherwise a numeral with 兆 is not read.
    """
    token = _ZHAO.set(zhao)
    try:
        return _scan(text, currency)
    finally:
        _ZHAO.reset(token)


def _scan(text: str, currency: str) -> list[dict]:
    L = _lex()
    t = text.translate(L.fold) if L.fold_re.search(text) else text
    zones = _zones(t, L)
    ratio_at = [m.end() for m in L.ratio_re.finditer(t)]
    ri = 0
    n = len(t)
    out: list[dict] = []
    consumed, zi = 0, 0
    for m in L.run_re.finditer(t):
        a, b = m.span()
        if b <= consumed:
            continue
        if _HAS_AR.search(t, a, b) is None or t[a:b].isascii():
            cuts = (a, b)
        else:
            cuts = [a] + [c.start() for c in L.split_re.finditer(t, a + 1, b)] + [b]
        for ps, pe in zip(cuts, cuts[1:]):
            while pe > ps and t[pe - 1] in ".,点 ":
                pe -= 1
            if pe <= ps or ps < consumed:
                continue
            # fast rejection: nothing after the numeral can make it a quantity, no currency sign
            # or word before it, no 第 and no ratio noun in the clause before
            nx = t[pe] if pe < n else ""
            if nx not in L.viable_next or not nx:
                pv = t[ps - 1] if ps else ""
                if pv == " " and ps > 1:
                    pv = t[ps - 2]
                if not pv or (pv not in L.before_last and pv != "第" and pv not in "-负"):
                    while ri < len(ratio_at) and ratio_at[ri] < ps - 24:
                        ri += 1
                    if not (ri < len(ratio_at) and ratio_at[ri] <= ps):
                        continue
            q = _read(t, ps, pe, L, currency, out[-1] if out else None)
            if q is None or q["start"] < consumed:
                continue
            while zi < len(zones) and zones[zi][1] <= q["start"]:
                zi += 1
            if zi < len(zones) and zones[zi][0] < q["end"]:
                continue
            w = L.guard_window
            lo_w, hi_w = max(0, q["start"] - w), min(n, q["end"] + w)
            if L.guard_trigger.search(t, lo_w, hi_w) and any(
                    g.start() < q["end"] and g.end() > q["start"] for g in L.local_guard.finditer(t, lo_w, hi_w)):
                continue
            q["text"] = text[q["start"]:q["end"]]
            q["numeral"] = text[q.pop("_ns"):q.pop("_ne")]
            out.append(q)
            consumed = q["end"]
    for q in out:
        q.pop("_fall", None)
    return out


def _left_frame(t: str, s: int, L: _Lex):
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


def _prefix(t: str, start: int, L: _Lex, round_num: bool):
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


def _read(t: str, s: int, e: int, L: _Lex, currency: str, prev):
    cfg = L.cfg
    n = len(t)
    # a Chinese numeral after 第 / 周 / 星期 …: an ordinal or a name (rank frames below)
    if t.startswith("分之", e):
        return _read_fraction(t, s, e, L, prev)
    try:
        num, pos = _reading(t, s, e, L)
    except ValueError:
        return None
    if num.form == "digits":
        return None
    chinese = num.form == "chinese"
    ordinal = s > 0 and t[s - 1] == cfg["rank"]["ordinal"]
    if ordinal:
        return _read_rank(t, s, pos, num, L)
    if chinese and _ends_with(t, s, L.cn_not_after):
        return None
    before = t[s - 1] if s > 0 else ""
    if before and before in ".+＋×*/" and not (before == "+" and (s < 2 or not (t[s - 2].isascii() and t[s - 2].isalnum()))):
        return None
    # ratio a:b
    if num.form == "arabic" and pos < n and t[pos] in ":：" and pos + 1 < n and t[pos + 1].isdigit():
        return _read_ratio(t, s, pos, num, L)
    # 50强
    if num.form == "arabic" and t.startswith(cfg["rank"]["top"], pos) and not (before.isascii() and before.isalnum()):
        return _finish(t, s, pos, pos + 1, num.value, None, "rank", "rank", "", "", L, prev, num, s, pos)
    p = pos
    approx = num.approx
    if p < n and t[p] in cfg["numerals"]["approx_before_unit"] and not approx and (num.has_unit or num.form == "arabic"):
        if _unit_at(t, p + 1, L) is not None:
            approx, p = t[p], p + 1
    sp = p + 1 if p < n and t[p] == " " else p
    ua = _unit_at(t, sp, L)
    if ua is None and p < n and t[p].isascii() and t[p].isalpha():
        return None  # 5G, 3D
    if p < n and t[p] in "+＋×*/":
        return None
    # a range: number [unit] sep number unit
    rng = _read_range_tail(t, s, pos, p, sp, ua, num, L, currency)
    if rng is not None:
        return _finish_range(t, s, rng, num, L, currency, prev)
    if ua is None:
        return _bare(t, s, pos, num, L, prev, currency)
    uend, written, u = ua
    return _quantity(t, s, pos, uend, written, u, num.value, num.value_max, approx, num, L, currency, prev,
                     is_range=num.value_max is not None)


def _unit_ok(t: str, s: int, pos: int, uend: int, written: str, u: Unit, value: Decimal, approx: str,
             num: Numeral, L: _Lex, is_range: bool) -> bool:
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
    if u.context:
        lo = _clause_start(t, s, L, 20)
        if not any(c in t[lo:s] for c in u.context):
            return False
    if t[s:uend] in L.lexicalized or (chinese and t[s:s + 2] in L.lexicalized):
        return False
    if u.kind in ("count", "duration", "noun", "rank"):
        if (chinese and num.value == 1 and not approx and not num.has_unit and num.value_max is None and not is_range
                and not _ends_with(t, s, L.beside) and not _prefix(t, s, L, False)[0]):
            return False  # 一条, 一批: articles (but 不到一年, 近一年 are figures)
        if chinese and uend < n and t[uend] == t[uend - 1]:
            return False  # 一个个, 两项项
        if chinese and uend < n and t[uend] in cfg["numerals"]["digits"] and t[uend] not in "零〇":
            if not re.match(r"[一二两三四五六七八九十百千][万亿]?元?级", t[uend:uend + 4]):
                return False  # 六个一, 两个一百年, 五位一体
        if chinese and len(t[s:pos]) == 1 and len(written) == 1:
            # parallel four-character idioms: 三番五次, 三天两头, 三头六臂
            if uend + 1 < n and t[uend] in cfg["numerals"]["digits"] and _is_cjk(t[uend + 1]):
                return False
            if s >= 2 and t[s - 2] in cfg["numerals"]["digits"] and _is_cjk(t[s - 1]) and t[s - 1] not in cfg["numerals"]["digits"]:
                return False
        if (u.kind == "count" and written in cfg["ordinal_before_noun"] and chinese and not approx
                and not is_range and uend < n and _is_cjk(t[uend]) and t[uend] not in cfg["not_noun_start"]
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
        cue = (is_range or approx in ("多", "余", "几", "来") or _ends_with(t, s, L.dur_before)
               or L.dur_after.starts(t, uend))
        if not cue:
            p2 = _prefix(t, s, L, num.bare_round)[0]
            cue = p2 in L.dur_before
        if not cue:
            return False
    return True


def _quantity(t, s, pos, uend, written, u, value, value_max, approx, num, L, currency, prev, is_range=False,
              lo_num=None, explicit=""):
    cfg = L.cfg
    n = len(t)
    if not _unit_ok(t, s, pos, uend, written, u, value, approx, num, L, is_range):
        return None
    if lo_num is not None and not _unit_ok(t, s, pos, uend, written, u, value, approx, lo_num, L, True):
        return None
    end = uend
    if any(t.startswith(c, end) for c in L.cfg["class_suffix"]):
        return None  # 10万吨级码头, 千亿元级产业: a size class, not an amount
    # 成: 三成半, 三成五
    if u.tenth_after and value_max is None and end < n:
        if t[end] == "半":
            value, end = value + Decimal("0.5"), end + 1
        elif t[end] in L.digits and 0 < L.digits[t[end]] and t[end] != "两" and not (
                end + 1 < n and (t[end + 1] in L.digits or t[end + 1] in L.small or t[end + 1] in L.big
                                 or _unit_at(t, end + 1, L))):
            value, end = value + Decimal(L.digits[t[end]]) / 10, end + 1
    value2, code, csrc = _apply_unit(value, u, written, currency, L)
    vmax2 = _apply_unit(value_max, u, written, currency, L)[0] if value_max is not None else None
    # per-unit compounds: 500元/吨, 2万元/平方米
    if end < n and t[end] == "/" and u.kind in ("currency", "generic", "physical", "count"):
        u2 = _unit_at(t, end + 1, L)
        if u2 is not None and u2[2].kind in ("physical", "duration", "count") and u2[2].factor == 1:
            code = f"{code}/{u2[2].code}"
            end = u2[0]
    return _finish(t, s, pos, end, value2, vmax2, code, u.kind, csrc, approx, L, prev, num, s, pos,
                   currency=currency, explicit=explicit)


def _finish(t, s, pos, end, value, value_max, code, kind, csrc, approx, L, prev, num, ns, ne,
            currency="CNY", allow_prefix=True, explicit=""):
    """Qualifiers, sign and currency around a read quantity; the output dict or None."""
    cfg = L.cfg
    n = len(t)
    start, sign, cur = _left_frame(t, s, L)
    if sign == "零下" and code != "degC":
        start, sign = s, ""
    if sign == "负" and start > 0 and t[start - 1] in "正":
        return None  # 正负3%
    # currency written before the number
    if cur is not None and kind in ("currency", "generic", "bare"):
        code_b, cstart = cur
        if code_b == "":  # $
            code_b = _dollar(currency, L)
            src_b = "default"
        else:
            src_b = "written"
        if kind == "currency" and code_b != code.split("/")[0]:
            return None  # 人民币100美元: two currencies
        if kind != "currency":
            code = code_b + code[len(code.split("/")[0]):] if kind == "generic" else code_b
            csrc = src_b
        start = cstart
        kind = "currency"
    elif kind == "bare":
        return None
    if kind == "generic":
        kind = "currency"
    # qualifiers inside the span: after (以上, 左右 …), before (超, 近, 约 …)
    post = ""
    if end < n and t[end] in L.suffix_first:
        for w in L.suffix:
            if t.startswith(w, end) and not (w in ("多", "余") and approx):
                if w in ("上下",) and end + 2 < n and _is_cjk(t[end + 2]) and t[end + 2] not in "，。；、的":
                    continue
                post, end = w, end + len(w)
                break
    pre, pstart = ("", start)
    if allow_prefix:
        pre, pstart = _prefix(t, start, L, num.bare_round if num is not None else False)
    if num is not None and num.bare_round and not (approx or pre or post):
        return None
    start = pstart
    qualifier = pre or approx or post
    if not qualifier:
        qualifier = _ends_with(t, start, L.beside)
    # sign from a fall word; a written sign after a fall word is a contradiction
    cue = _fall_cue(t, start, L, prev, end)
    v, vm = value, value_max
    if explicit:  # a range whose bounds carry their written signs (-5%~-3%)
        if cue:
            return None
        sign = "-"
    elif sign in ("-", "负", "零下"):
        if cue:
            return None
        v = -v
        if vm is not None:
            v, vm = -vm, -value
    elif cue:
        v = -v
        if vm is not None:
            v, vm = -vm, -value
    fv = float(v)
    if fv != fv or abs(fv) > 1e20:
        return None
    return {
        "start": start, "end": end, "value": fv, "value_max": None if vm is None else float(vm),
        "unit": code, "qualifier": qualifier, "sign_cue": sign or cue, "currency_source": csrc,
        "kind": kind, "form": num.form if num is not None else "", "_ns": ns, "_ne": ne,
        "_fall": bool(cue),
    }


def _read_range_tail(t, s, pos, p, sp, ua, num, L, currency):
    """A range after the first number (and its unit): 两到三万, 1万-5万元, 15%—20%, -5%~-3%.
    The magnitude of the upper bound spreads to a lower bound written without one when the range
    stays ordered (两到三万 → 20000–30000; 8500到3万 → 8500–30000). Returns a dict or None."""
    n = len(t)
    after1 = ua[0] if ua is not None else p
    m = L.range_re.match(t, after1)
    if not m or num.value_max is not None or num.approx:
        return None
    q = m.end()
    sign2 = ""
    if q < n and (t[q] == "负" or (t[q] == "-" and m.group(0).strip() != "-")):
        sign2, q = "-", q + 1
    piece = _piece_at(t, q, L)
    if piece is None or piece[0] != q:
        return None
    try:
        num2, pos2 = _reading(t, q, piece[1], L)
    except ValueError:
        return None
    if num2.form == "digits" or num2.value_max is not None or num2.approx or t.startswith("分之", pos2):
        return None
    sp2 = pos2 + 1 if pos2 < n and t[pos2] == " " else pos2
    ua2 = _unit_at(t, sp2, L)
    if ua2 is None:
        return None
    if ua is not None and (ua[2].kind, ua[2].code) != (ua2[2].kind, ua2[2].code):
        return None
    sign1 = ""
    if s > 0 and (t[s - 1] == "负" or (t[s - 1] == "-" and not (s > 1 and t[s - 2].isascii() and t[s - 2].isalnum()))):
        sign1 = "-"
    lo_w = -num.value if sign1 else num.value
    hi = -num2.value if sign2 else num2.value
    lo = None
    if ua is None and not num.has_big and num2.big_tail > 1:
        spread = lo_w * num2.big_tail * (num2.small_before_big if not num.has_unit else 1)
        if spread < hi:
            lo = spread
    if lo is None and lo_w < hi:
        lo = lo_w
    if lo is None:
        return None
    if not (sign1 or sign2):
        lo, hi = abs(lo), abs(hi)
    return dict(lo=lo, hi=hi, pos2=pos2, unit=ua2, num2=num2, sign1=sign1, sign2=sign2)


def _finish_range(t, s, r, num, L, currency, prev):
    uend, written, u = r["unit"]
    return _quantity(t, s, r["pos2"], uend, written, u, r["lo"], r["hi"], "", r["num2"], L, currency, prev,
                     is_range=True, lo_num=num, explicit=r["sign1"] or r["sign2"])


def _bare(t, s, pos, num, L, prev, currency):
    """A number with no unit: a currency written before it (¥300, 人民币5万, $688亿) or a ratio in
    prose (收入倍差从2.37缩小到1.94); otherwise nothing."""
    cfg = L.cfg
    start, sign, cur = _left_frame(t, s, L)
    if cur is not None:
        return _finish(t, s, pos, pos, num.value, None, "", "bare", "", num.approx, L, prev, num, s, pos,
                       currency=currency)
    if num.form == "arabic" or num.form == "chinese":
        lo = _clause_start(t, start, L, 24)
        seg = t[lo:start]
        for noun in L.ratio_nouns:
            i = seg.rfind(noun)
            if i < 0:
                continue
            mid = seg[i + len(noun):]
            changed = True
            while mid and changed:
                changed = False
                m = re.match(r"[0-9]+(?:\.[0-9]+)?", mid)
                if m:
                    mid, changed = mid[m.end():], True
                    continue
                for w in L.ratio_between:
                    if mid.startswith(w):
                        mid, changed = mid[len(w):], True
                        break
            if not mid:
                return _finish(t, s, pos, pos, num.value, None, "ratio", "ratio", "", num.approx, L, prev, num, s, pos)
            break
    return None


def _read_ratio(t, s, pos, num, L):
    m = re.compile(r"[:：]([0-9]+(?:\.[0-9]+)?)(?![0-9:：.])").match(t, pos)
    if not m or (s > 0 and t[s - 1] in ":："):
        return None
    b = Decimal(m.group(1))
    if b == 0 or b > L.cfg["ratio"]["max_denominator"] or (len(m.group(1)) > 1 and m.group(1)[0] == "0"
                                                            and not m.group(1).startswith("0.")):
        return None
    return _finish(t, s, pos, m.end(), num.value / b, None, "ratio", "ratio", "", "", L, None, num, s, pos,
                   allow_prefix=True)


def _read_rank(t, s, pos, num, L):
    """第N位 / 第N名 (Chinese N only after a rank verb), 全国第五, 排名第三."""
    cfg = L.cfg["rank"]
    n = len(t)
    if num.approx or num.value_max is not None or num.value <= 0 or num.value != num.value.to_integral_value():
        return None
    o = s - 1  # 第
    u = ""
    for w in cfg["units"]:
        if t.startswith(w, pos):
            u = w
            break
    if u:
        if num.form == "arabic" or any(v in t[max(0, o - cfg["verb_window"]):o] for v in L.rank_verbs):
            end = pos + len(u)
            return _rank_out(t, o, end, num, s, pos)
        return None
    if L.rank_not_after.starts(t, pos):
        return None
    if pos < n and (t[pos].isdigit() or t[pos] in L.digits):
        return None
    scope = _ends_with(t, o, L.rank_scopes)
    verb = _ends_with(t, o - len(scope), L.rank_verbs)
    if scope:
        return _rank_out(t, o - len(scope), pos, num, s, pos)
    if verb:
        return _rank_out(t, o, pos, num, s, pos)
    return None


def _rank_out(t, start, end, num, ns, ne):
    return {"start": start, "end": end, "value": float(num.value), "value_max": None, "unit": "rank",
            "qualifier": "", "sign_cue": "", "currency_source": "", "kind": "rank", "form": num.form,
            "_ns": ns, "_ne": ne, "_fall": False}


def _read_fraction(t, s, e, L, prev):
    """三分之一 (33.33 %), 百分之十一点八, 千分之二点四 (0.24 %), 万分之三; with ranges
    百分之五到百分之十 / 百分之五到十."""
    n = len(t)
    den_s = t[s:e]
    q = e + 2
    piece = _piece_at(t, q, L)
    if piece is None or piece[0] != q:
        return None
    num_e = piece[1]
    try:
        nu = read_numeral(t[q:num_e])
    except ValueError:
        return None
    if nu.form == "digits" or nu.value_max is not None:
        return None
    pb = L.percent_before.get(den_s + "分之")
    if pb is not None:
        unit, factor = pb
        value = nu.value * factor
        approx = nu.approx
    else:
        try:
            den = read_numeral(den_s)
        except ValueError:
            return None
        if (den.approx or nu.approx or den.form == "digits" or den.value_max is not None or den.value < 2
                or den.value != den.value.to_integral_value() or nu.value <= 0 or nu.value > den.value
                or nu.value != nu.value.to_integral_value()):
            return None
        unit, value, approx = "%", Decimal(100) * nu.value / den.value, ""
        factor = None
    if num_e < n and (_is_cjk(t[num_e]) and _unit_at(t, num_e, L) is not None
                      and _unit_at(t, num_e, L)[2].kind in ("percent", "currency", "physical")):
        return None  # 百分之五十元?
    value_max = None
    end = num_e
    m = L.range_re.match(t, end)
    if m and pb is not None:
        q2 = m.end()
        if t.startswith(den_s + "分之", q2):
            q2 += len(den_s) + 2
        p2 = _piece_at(t, q2, L)
        if p2 is not None and p2[0] == q2 and not t.startswith("分之", p2[1]):
            try:
                n2 = read_numeral(t[q2:p2[1]])
                if n2.form != "digits" and n2.value_max is None and not n2.approx and n2.value * factor > value:
                    value_max, end = n2.value * factor, p2[1]
            except ValueError:
                pass
    num_obj = Numeral(value, None, approx, "chinese" if not re.search("[0-9]", t[s:end]) else "mixed",
                      1, 1, False, True, False)
    return _finish(t, s, e, end, value, value_max, unit, "percent", "", approx, L, prev, num_obj, s, end)
