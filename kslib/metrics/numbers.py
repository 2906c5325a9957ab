"""Number expressions to values: parse_number reads Arabic, Chinese and mixed numerals with
their magnitudes (762亿, 1.87亿, 三千五百万, 两万, 百分之十五) using decimal arithmetic."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .lexicon import config

__all__ = ["ARABIC", "cn_int", "decimal_of", "parse_number"]

ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def cn_int(s: str) -> int:
    """Integer value of a Chinese numeral string (一亿三千万, 两万, 十一, 一万零五, 二〇二三,
    一万亿零一亿). A trailing digit right after a unit is the colloquial shorthand:
    一万五 = 15000, 三千五 = 3500."""
    cfg = config()
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
            lv = cn_int(left) if left else 1
            if lv == 0:
                raise ValueError(f"misplaced zero in {s!r}")
            factor = big[ch]
            if ch != "亿" and lv >= 10000:
                raise ValueError(f"misordered numeral {s!r}")
            if right and right[0] in digits and len(right) == 1 and right != "零":
                return lv * factor + digits[right] * factor // 10  # 一万五
            rv = cn_int(right.lstrip("零")) if right.lstrip("零") else 0
            if rv >= factor * (lv if ch == "亿" else 1):
                raise ValueError(f"misordered numeral {s!r}")
            return lv * factor + rv
    # one section below 10000: [digit]千[零][digit]百…
    total, number, have, last_unit = 0, 0, False, 10 ** 9
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


def decimal_of(s: str) -> Decimal:
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
    cfg = config()
    m = re.fullmatch(rf"({ARABIC})([万亿千百十]*)", t)
    if m:
        value = decimal_of(m.group(1))
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
        return float(cn_int(t))
    except ValueError:
        pass
    m = re.fullmatch(rf"({ARABIC})(.+)", t)
    if m and all(ch in cfg["cn_chars"] for ch in m.group(2)):  # 3万5千
        raise ValueError(f"mixed numeral not supported: {s!r}")
    raise ValueError(f"not a number: {s!r}")
