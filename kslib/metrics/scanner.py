"""The quantity scanner: one regex pass finds every run of numeral characters, each is read by the grammar
(kslib.metrics.numerals) with what the text allows around it (guards, quantities), or nothing is read."""
from __future__ import annotations

from .guards import ZHAO, ends_with, numeral_reading, unit_start, guard_zones
from .numerals import HAS_ARABIC
from .quantities import (bare_quantity, finish_quantity, finish_range, quantity_row, read_fraction, read_range_tail, read_rank,
                         read_ratio)
from .unit_lexicon import UnitsLexicon, units_lexicon

__all__ = ["scan"]


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
    token = ZHAO.set(zhao)
    try:
        return _scan(text, currency)
    finally:
        ZHAO.reset(token)


def _scan(text: str, currency: str) -> list[dict]:
    L = units_lexicon()
    t = text.translate(L.fold) if L.fold_re.search(text) else text
    t = financial_fold(t, L)
    zones = guard_zones(t, L)
    ratio_at = [m.end() for m in L.ratio_re.finditer(t)]
    ri = 0
    n = len(t)
    out: list[dict] = []
    consumed, zi = 0, 0
    for m in L.run_re.finditer(t):
        a, b = m.span()
        if b <= consumed:
            continue
        if HAS_ARABIC.search(t, a, b) is None or t[a:b].isascii():
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
            if (nx not in L.viable_next or not nx) and t[pe - 1] not in L.magnitude_last:
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
    return bounded_ranges(text, out, L)


def bounded_ranges(text: str, out: list[dict], L: UnitsLexicon) -> list[dict]:
    """A以上B以下 (and 以上…以内, 不低于…不高于 written as bounds): one range from A to B, as legal and budget texts
    state limits (处1万元以上5万元以下罚款, 五千元以上三万元以下的罚款); units.yaml ranges.bounded_pairs."""
    pairs = {tuple(p) for p in L.cfg["ranges"]["bounded_pairs"]}
    merged: list[dict] = []
    for q in out:
        a = merged[-1] if merged else None
        if a is not None and a["end"] == q["start"] and (a["qualifier"], q["qualifier"]) in pairs and \
                a["unit"] == q["unit"] and a["value_max"] is None and q["value_max"] is None and a["value"] <= q["value"] \
                and not a["sign_cue"] and not q["sign_cue"]:
            merged[-1] = dict(a, end=q["end"], text=text[a["start"]:q["end"]], value_max=q["value"],
                              qualifier=a["qualifier"] + "…" + q["qualifier"])
            continue
        merged.append(q)
    return merged


def financial_fold(t: str, L: UnitsLexicon) -> str:
    """大写 numerals (壹仟贰佰) folded to ordinary ones, one character for one, inside runs of numeral and
    yuan characters (玖仟陆佰陆拾伍圆壹角捌分) that hold at least min_run of them, with 圆 written for 元
    (kslib/data/units.yaml: financial_numerals)."""
    if not L.financial_char_re.search(t):
        return t
    cfg = L.cfg["financial_numerals"]
    pieces, last = [], 0
    for m in L.financial_run_re.finditer(t):
        run = m.group(0)
        if sum(1 for c in run if c in cfg["chars"]) < cfg["min_run"]:
            continue
        pieces += [t[last:m.start()], run[0].translate(L.financial_fold), run[1:].translate(L.financial_fold_yuan)]
        last = m.end()
    return "".join(pieces) + t[last:] if pieces else t


def _read(t: str, s: int, e: int, L: UnitsLexicon, currency: str, prev):
    cfg = L.cfg
    n = len(t)
    # a Chinese numeral after 第 / 周 / 星期 …: an ordinal or a name (rank frames below)
    if t.startswith("分之", e):
        return read_fraction(t, s, e, L, prev)
    try:
        num, pos = numeral_reading(t, s, e, L)
    except ValueError:
        return None
    if num.form == "digits":
        return None
    chinese = num.form == "chinese"
    ordinal = s > 0 and t[s - 1] == cfg["rank"]["ordinal"]
    if ordinal:
        return read_rank(t, s, pos, num, L)
    if chinese and ends_with(t, s, L.cn_not_after):
        return None
    before = t[s - 1] if s > 0 else ""
    if before and before in ".+＋×*/" and not (before == "+" and (s < 2 or not (t[s - 2].isascii() and t[s - 2].isalnum()))):
        return None
    # ratio a:b
    if num.form == "arabic" and pos < n and t[pos] in ":：" and pos + 1 < n and t[pos + 1].isdigit():
        return read_ratio(t, s, pos, num, L)
    # 50强
    if num.form == "arabic" and t.startswith(cfg["rank"]["top"], pos) and not (before.isascii() and before.isalnum()):
        return finish_quantity(t, s, pos, pos + 1, num.value, None, "rank", "rank", "", "", L, prev, num, s, pos)
    p = pos
    approx = num.approx
    if p < n and t[p] in cfg["numerals"]["approx_before_unit"] and not approx and (num.has_unit or num.form == "arabic"):
        if unit_start(t, p + 1, L) is not None:
            approx, p = t[p], p + 1
    sp = p + 1 if p < n and t[p] == " " else p
    ua = unit_start(t, sp, L)
    if ua is None and p < n and t[p].isascii() and t[p].isalpha():
        return None  # 5G, 3D
    if p < n and t[p] in "+＋×*/":
        return None
    # a range: number [unit] sep number unit
    rng = read_range_tail(t, s, pos, p, sp, ua, num, L, currency)
    if rng is not None:
        return finish_range(t, s, rng, num, L, currency, prev)
    if ua is None:
        return bare_quantity(t, s, pos, num, L, prev, currency)
    uend, written, u = ua
    return quantity_row(t, s, pos, uend, written, u, num.value, num.value_max, approx, num, L, currency, prev,
                     is_range=num.value_max is not None)
