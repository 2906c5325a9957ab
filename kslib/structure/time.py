"""Time in kslib.structure: document dates, and the year or period a short text (a heading) names
(five-year plans, ranges, years, since-years, relative periods and years resolved against the date)."""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from .fastre import fast
from .rules import config

__all__ = ["DocDate", "TimeMention", "parse_date", "year_anchors", "small_number", "time_mentions",
           "resolve_time"]


class DocDate(NamedTuple):
    year: int
    month: int | None


def parse_date(date) -> DocDate | None:
    """A document date as (year, month): '2020-05-22', '2020-05', '2020', 2020, date, Timestamp, None."""
    if date is None or isinstance(date, DocDate):
        return date
    if isinstance(date, float) and np.isnan(date):
        return None
    if isinstance(date, (int, np.integer)):
        return DocDate(int(date), None)
    if isinstance(date, (_dt.date, pd.Timestamp)):
        return DocDate(date.year, date.month)
    m = re.match(r"\s*((?:1[89]|20)[0-9]{2})(?:[-/.年]([0-9]{1,2}))?", str(date))
    if not m:
        return None
    return DocDate(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


def year_anchors(d: DocDate) -> dict[str, int]:
    """The date's year, the last completed year ("past") and the first coming year ("future")."""
    early = d.month is None or d.month <= config()["past_cutoff_month"]
    return {"year": d.year, "past": d.year - 1 if early else d.year, "future": d.year if early else d.year + 1}


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def small_number(s: str) -> int | None:
    """1–99 written in Arabic or Chinese numerals (五, 十, 十五, 二十)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        tens = _CN_DIGITS.get(a, None) if a else 1
        ones = _CN_DIGITS.get(b, None) if b else 0
        return None if tens is None or ones is None else tens * 10 + ones
    return _CN_DIGITS.get(s) if len(s) == 1 else None


class TimeMention(NamedTuple):
    """One time expression of a text: its span, the year or the first and last year it names (None
    when relative without a date), what it is (plan, range, since, year, roc_year, relative_period,
    relative_year) and its words."""
    start: int
    end: int
    first: int | None
    last: int | None
    form: str
    cue: str


def time_mentions(text: str, date=None, *, roc: bool | None = None) -> list[TimeMention]:
    """Every time expression of text, in the order of precedence in which they claim characters
    (five-year plans, ranges, since-years, years, ROC years, relative periods, relative years):
    sort by start for text order. Relative expressions are resolved against the date (first = last =
    None without one). A text that writes a year as 民国N年 counts in that calendar: its bare years
    (97年的384万人次, 直到94年才…) are ROC years too (roc=None decides so; True/False forces it).
    Linear in the text length."""
    cfg = config()
    d = parse_date(date)
    anchors = year_anchors(d) if d else None
    out: list[TimeMention] = []
    taken = bytearray(len(text) + 1)

    def claim(m: re.Match, first, last, form) -> None:
        if any(taken[m.start():m.end()]):
            return
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        out.append(TimeMention(m.start(), m.end(), first, last, form, m.group(0).strip("“”\"‘’'「」")))

    for m in fast(cfg["plan_re"]).finditer(text):
        a, b = cfg["five_year_plans"][next(g for g in m.groups() if g)]
        claim(m, a, b, "plan")
    for m in fast(cfg["range_re"]).finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b:
            claim(m, a, b, "range")
    cn_years = "年" in text and cfg["cn_year_re"].search(text) is not None
    if cn_years:  # 二〇二一年至二〇二五年
        for m in cfg["cn_range_re"].finditer(text):
            a, b = _cn_year(m.group(1), cfg), _cn_year(m.group(2), cfg)
            if a < b:
                claim(m, a, b, "range")
    for m in fast(cfg["since_re"]).finditer(text):
        a = int(m.group(1))
        ok = anchors is not None and a <= anchors["year"]
        claim(m, a if ok else None, anchors["year"] if ok else None, "since")
    for m in fast(cfg["year_re"]).finditer(text):
        claim(m, int(m.group(1)), int(m.group(1)), "year")
    if cn_years:
        for m in cfg["cn_year_re"].finditer(text):  # 二〇二三年
            y = _cn_year(m.group(1), cfg)
            claim(m, y, y, "year")
    explicit = fast(cfg["roc_year_re"]).finditer(text)
    for m in explicit:
        y = int(next(g for g in m.groups() if g)) + cfg["roc_offset"]
        claim(m, y, y, "roc_year")
    if roc or (roc is None and any(m.group(0).startswith(("民国", "民國")) for m in explicit)):
        top = (d.year if d else 2100) - cfg["roc_offset"]
        for m in fast(cfg["roc_bare_year_re"]).finditer(text):
            n = int(m.group(1))
            if 1 <= n <= top:
                claim(m, n + cfg["roc_offset"], n + cfg["roc_offset"], "roc_year")
    for pat, direction in cfg["rel_period_compiled"]:
        for m in fast(pat).finditer(text):
            n = small_number(m.group(1))
            if n is None:
                continue
            if not anchors or n < 1:
                claim(m, None, None, "relative_period")
            elif direction == "past":
                claim(m, anchors["past"] - n + 1, anchors["past"], "relative_period")
            else:
                claim(m, anchors["future"], anchors["future"] + n - 1, "relative_period")
    for m in cfg["rel_span_re"].finditer(text):
        a, b = cfg["relative_spans"][m.group(0)]
        claim(m, anchors["year"] + a if anchors else None, anchors["year"] + b if anchors else None,
              "relative_period")
    for m in cfg["rel_year_re"].finditer(text):
        nb = cfg["rel_year_not_after"].get(m.group(0))
        if nb is not None and nb.search(text, max(0, m.start() - 4), m.start()):
            continue  # 建成后年产值: 后 + 年产值, not the year after next
        if not anchors:
            claim(m, None, None, "relative_year")
            continue
        anchor, offset = cfg["relative_years"][m.group(0)]
        claim(m, anchors[anchor] + offset, anchors[anchor] + offset, "relative_year")
    return out


def _cn_year(s: str, cfg) -> int:
    return int("".join(str(cfg["cn_year_digits"][c]) for c in s))


def resolve_time(text: str, date=None) -> tuple[int | None, str | None, str | None]:
    """The year or period a short text (a heading) names: (year, "YYYY-YYYY", cue).

    Five-year plans, explicit ranges and years, "since" years, relative periods (过去五年, 今后五年,
    十年来) and relative years (今年, 去年, 新年度) against the date. Several names give the period
    that covers them all (2019年和今年以来 -> 2019-2020). A relative name without a date leaves the
    whole heading unresolved (never a narrower time than it names); the cue is still returned.
    """
    found = time_mentions(text, date)
    cue = "|".join(t.cue for t in found) if found else None
    if not found or any(t.first is None for t in found):  # never a narrower time than the heading names
        return None, None, cue
    a, b = min(t.first for t in found), max(t.last for t in found)
    return (a, None, cue) if a == b else (None, f"{a}-{b}", cue)
