"""The Chinese numeral grammar: one folded numeral string read whole or not at all (read_numeral), and the
public readers built on it, kslib.parse_number and parse_range (decimal arithmetic, ValueError otherwise)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .unit_lexicon import UnitsLexicon, fold, fold_financial, units_lexicon

__all__ = ["Numeral", "read_numeral", "parse_number", "parse_range"]


# --------------------------------------------------------------------------- numeral grammar
class _Bad(ValueError):
    pass


_AR_OK = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_AR_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _tokens(s: str, L: UnitsLexicon) -> list[tuple]:
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


def _is_pair(a: int, b: int, L: UnitsLexicon) -> bool:
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
HAS_ARABIC = re.compile(r"[0-9]")
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
    L = units_lexicon()
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
    return fold_financial(fold(s)).strip().replace(" ", "")


def _signed(t: str) -> tuple[int, str]:
    L = units_lexicon()
    s = L.cfg["signs"]
    for w in s["minus"] + s["minus_words"]:
        if t.startswith(w) and len(t) > len(w):
            return -1, t[len(w):]
    for w in s["plus"]:
        if t.startswith(w) and len(t) > len(w):
            return 1, t[len(w):]
    return 1, t


def _parse(s: str) -> tuple[Decimal, Decimal | None]:
    L = units_lexicon()
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
        if any(c in units_lexicon().cfg["numerals"]["regional_big"] for c in fold(str(s))):
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
    from .scanner import scan  # the scanner reads with this grammar: imported when used
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
