"""From a number read at a position to a quantity row: unit, value with its factor, the qualifiers around it,
sign and currency (quantity_row, finish_quantity), and the special frames — ranges (两到三万, 15%—20%), bare numbers after a
ratio noun, ratios (1.75:1), ranks (第47位, 全国第五, 50强) and fractions (三分之一, 千分之二点四)."""
from __future__ import annotations

import re
from decimal import Decimal

from .guards import (apply_unit, clause_start_at, dollar_at, ends_with, fall_after, fall_cue, is_cjk, left_frame, piece_at,
                     prefix_qualifier, numeral_reading, unit_start, unit_ok)
from .numerals import Numeral, read_numeral

__all__: list[str] = []


def quantity_row(t, s, pos, uend, written, u, value, value_max, approx, num, L, currency, prev, is_range=False,
              lo_num=None, explicit=""):
    n = len(t)
    if not unit_ok(t, s, pos, uend, written, u, value, approx, num, L, is_range):
        return None
    if lo_num is not None and not unit_ok(t, s, pos, uend, written, u, value, approx, lo_num, L, True):
        return None
    end = uend
    if any(t.startswith(c, end) for c in L.cfg["class_suffix"]):
        return None  # 10万吨级码头, 千亿元级产业: a size class, not an amount
    # 成: 三成半, 三成五, 3成5
    if u.tenth_after and value_max is None and end < n:
        c = t[end]
        d = L.digits.get(c) if c in L.digits else (int(c) if "1" <= c <= "9" else 0)
        if c == "半":
            value, end = value + Decimal("0.5"), end + 1
        elif d and c != "两" and not (
                end + 1 < n and (t[end + 1] in L.digits or t[end + 1] in L.small or t[end + 1] in L.big
                                 or (c.isascii() and (t[end + 1].isdigit() or t[end + 1] in ".,"))
                                 or unit_start(t, end + 1, L))):
            value, end = value + Decimal(d) / 10, end + 1
    # subunits of the yuan: 3元5角, 12元3角4分
    if u.kind in ("generic", "currency") and value_max is None and written in L.cfg["yuan_subunits"]["after"]:
        extra, end = yuan_subunits(t, end, L)
        if extra is None:
            return None  # 3元15分: not wholly read
        value += extra
    value2, code, csrc = apply_unit(value, u, written, currency, L)
    vmax2 = apply_unit(value_max, u, written, currency, L)[0] if value_max is not None else None
    # per-unit compounds: 500元/吨, 2万元/平方米
    if end < n and t[end] == "/" and u.kind in ("currency", "generic", "physical", "count"):
        u2 = unit_start(t, end + 1, L)
        if u2 is not None and u2[2].kind in ("physical", "duration", "count") and u2[2].factor == 1:
            code = f"{code}/{u2[2].code}"
            end = u2[0]
    return finish_quantity(t, s, pos, end, value2, vmax2, code, u.kind, csrc, approx, L, prev, num, s, pos,
                   currency=currency, explicit=explicit)


def _digit_at(t: str, p: int, L) -> int | None:
    """The value of one digit (0-9, 一…九, 两) at p, else None."""
    if p >= len(t):
        return None
    c = t[p]
    if "0" <= c <= "9":
        return int(c)
    return L.digits.get(c)


def yuan_subunits(t: str, p: int, L) -> tuple[Decimal | None, int]:
    """The 角 / 分 written after a 元 ending at p (3元5角, 12元3角4分, 两元零五分): (amount in 元, end);
    (0, p) when none follows; (None, p) for a form not wholly read (3元15分)."""
    cfg = L.cfg["yuan_subunits"]
    units = {k: Decimal(v) for k, v in cfg["units"].items()}
    stop = tuple(cfg["not_before"])
    q = p + 1 if t.startswith("零", p) else p
    total, last = Decimal(0), None
    while True:
        d = _digit_at(t, q, L)
        if d is None or not d:
            break
        if q + 1 < len(t) and _digit_at(t, q + 1, L) is not None and any(
                t.startswith(u, q + 2) for u in units):
            return None, p  # two digits before a subunit
        f = units.get(t[q + 1]) if q + 1 < len(t) else None
        if f is None or t.startswith(stop, q + 2) or (last is not None and f >= last):
            break
        total, last, q = total + d * f, f, q + 2
    return (total, q) if last is not None else (Decimal(0), p)


def finish_quantity(t, s, pos, end, value, value_max, code, kind, csrc, approx, L, prev, num, ns, ne,
            currency="CNY", allow_prefix=True, explicit=""):
    """Qualifiers, sign and currency around a read quantity; the output dict or None."""
    n = len(t)
    start, sign, cur = left_frame(t, s, L)
    if sign == "零下" and code != "degC":
        start, sign = s, ""
    if sign == "负" and start > 0 and t[start - 1] in "正":
        return None  # 正负3%
    # currency written before the number
    if cur is not None and kind in ("currency", "generic", "bare"):
        code_b, cstart = cur
        if code_b == "":  # $
            code_b = dollar_at(currency, L)
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
                if w in ("上下",) and end + 2 < n and is_cjk(t[end + 2]) and t[end + 2] not in "，。；、的":
                    continue
                post, end = w, end + len(w)
                break
    pre, pstart = ("", start)
    if allow_prefix:
        pre, pstart = prefix_qualifier(t, start, L, num.bare_round if num is not None else False)
    if num is not None and num.bare_round and not (approx or pre or post):
        return None
    start = pstart
    qualifier = pre or approx or post
    if not qualifier:
        qualifier = ends_with(t, start, L.beside)
    # sign from a fall word; a written sign after a fall word is a contradiction
    cue = fall_cue(t, start, L, prev, end, rate=code in L.cfg["signs"]["rate_units"])
    after = "" if cue or explicit or sign else fall_after(t, end, L)
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
    elif cue or after:
        v = -v
        if vm is not None:
            v, vm = -vm, -value
    fv = float(v)
    if fv != fv or abs(fv) > 1e20:
        return None
    return {
        "start": start, "end": end, "value": fv, "value_max": None if vm is None else float(vm),
        "unit": code, "qualifier": qualifier, "sign_cue": sign or cue or after, "currency_source": csrc,
        "kind": kind, "form": num.form if num is not None else "", "_ns": ns, "_ne": ne,
        "_fall": bool(cue),
    }


def read_range_tail(t, s, pos, p, sp, ua, num, L, currency):
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
    piece = piece_at(t, q, L)
    if piece is None or piece[0] != q:
        return None
    try:
        num2, pos2 = numeral_reading(t, q, piece[1], L)
    except ValueError:
        return None
    if num2.form == "digits" or num2.value_max is not None or num2.approx or t.startswith("分之", pos2):
        return None
    sp2 = pos2 + 1 if pos2 < n and t[pos2] == " " else pos2
    ua2 = unit_start(t, sp2, L)
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


def finish_range(t, s, r, num, L, currency, prev):
    uend, written, u = r["unit"]
    return quantity_row(t, s, r["pos2"], uend, written, u, r["lo"], r["hi"], "", r["num2"], L, currency, prev,
                     is_range=True, lo_num=num, explicit=r["sign1"] or r["sign2"])


def bare_quantity(t, s, pos, num, L, prev, currency):
    """A number with no unit: a currency written before it (¥300, 人民币5万, $688亿) or a ratio in
    prose (收入倍差从2.37缩小到1.94); otherwise nothing."""
    start, sign, cur = left_frame(t, s, L)
    if cur is not None:
        return finish_quantity(t, s, pos, pos, num.value, None, "", "bare", "", num.approx, L, prev, num, s, pos,
                       currency=currency)
    if num.big_tail > 1 and num.form in ("arabic", "mixed", "chinese") and not num.bare_round:
        # 1,150亿: an amount with no unit, money only if what it measures is (kept or dropped after attribution)
        q = finish_quantity(t, s, pos, pos, num.value, None, currency, "currency", "implied", num.approx, L, prev,
                            num, s, pos, currency=currency)
        if q is not None:
            q["implied"] = True
        return q
    if num.form == "arabic" or num.form == "chinese":
        lo = clause_start_at(t, start, L, 24)
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
                return finish_quantity(t, s, pos, pos, num.value, None, "ratio", "ratio", "", num.approx, L, prev, num, s, pos)
            break
    return None


def read_ratio(t, s, pos, num, L):
    m = re.compile(r"[:：]([0-9]+(?:\.[0-9]+)?)(?![0-9:：.])").match(t, pos)
    if not m or (s > 0 and t[s - 1] in ":："):
        return None
    b = Decimal(m.group(1))
    rc = L.cfg["ratio"]
    head = t[max(0, s - 4):s].rstrip(" ")
    if head.endswith(tuple(rc["score_before"])) or (head.endswith("以") and t.startswith(tuple(rc["score_after"]), m.end())):
        return None  # 比分3:1, 以3:1获胜: a score
    if b == 0 or b > L.cfg["ratio"]["max_denominator"] or (len(m.group(1)) > 1 and m.group(1)[0] == "0"
                                                            and not m.group(1).startswith("0.")):
        return None
    return finish_quantity(t, s, pos, m.end(), num.value / b, None, "ratio", "ratio", "", "", L, None, num, s, pos,
                   allow_prefix=True)


def read_rank(t, s, pos, num, L):
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
    scope = ends_with(t, o, L.rank_scopes)
    verb = ends_with(t, o - len(scope), L.rank_verbs)
    if scope:
        return _rank_out(t, o - len(scope), pos, num, s, pos)
    if verb:
        return _rank_out(t, o, pos, num, s, pos)
    return None


def _rank_out(t, start, end, num, ns, ne):
    return {"start": start, "end": end, "value": float(num.value), "value_max": None, "unit": "rank",
            "qualifier": "", "sign_cue": "", "currency_source": "", "kind": "rank", "form": num.form,
            "_ns": ns, "_ne": ne, "_fall": False}


def read_fraction(t, s, e, L, prev):
    """三分之一 (33.33 %), 百分之十一点八, 千分之二点四 (0.24 %), 万分之三; with ranges
    百分之五到百分之十 / 百分之五到十."""
    n = len(t)
    den_s = t[s:e]
    q = e + 2
    piece = piece_at(t, q, L)
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
    if num_e < n and (is_cjk(t[num_e]) and unit_start(t, num_e, L) is not None
                      and unit_start(t, num_e, L)[2].kind in ("percent", "currency", "physical")):
        return None  # 百分之五十元?
    value_max = None
    end = num_e
    m = L.range_re.match(t, end)
    if m and pb is not None:
        q2 = m.end()
        if t.startswith(den_s + "分之", q2):
            q2 += len(den_s) + 2
        p2 = piece_at(t, q2, L)
        if p2 is not None and p2[0] == q2 and not t.startswith("分之", p2[1]):
            try:
                n2 = read_numeral(t[q2:p2[1]])
                if n2.form != "digits" and n2.value_max is None and not n2.approx and n2.value * factor > value:
                    value_max, end = n2.value * factor, p2[1]
            except ValueError:
                pass
    num_obj = Numeral(value, None, approx, "chinese" if not re.search("[0-9]", t[s:end]) else "mixed",
                      1, 1, False, True, False)
    return finish_quantity(t, s, e, end, value, value_max, unit, "percent", "", approx, L, prev, num_obj, s, end)
