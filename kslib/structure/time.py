"""Time in kslib.structure: document dates, and the year or period a short text (a heading) names
(five-year plans, ranges, years, since-years, relative periods and years resolved against the date)."""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from .rules import config

__all__ = ["DocDate", "parse_date", "year_anchors", "small_number", "resolve_time"]


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


def resolve_time(text: str, date=None) -> tuple[int | None, str | None, str | None]:
    """The year or period a short text (a heading) names: (year, "YYYY-YYYY", cue).

    Five-year plans, explicit ranges and years, "since" years, relative periods (过去五年, 今后五年,
    十年来) and relative years (今年, 去年, 新年度) against the date. Several names give the period
    that covers them all (2019年和今年以来 -> 2019-2020). A relative name without a date leaves the
    whole heading unresolved (never a narrower time than it names); the cue is still returned.
    """
    cfg = config()
    d = parse_date(date)
    anchors = year_anchors(d) if d else None
    spans: list[tuple[int, int]] = []
    cues: list[str] = []
    taken = [False] * (len(text) + 1)

    def claim(m: re.Match) -> bool:
        if any(taken[m.start():m.end()]):
            return False
        for i in range(m.start(), m.end()):
            taken[i] = True
        cues.append(m.group(0).strip("“”\"‘’'「」"))
        return True

    for m in cfg["plan_re"].finditer(text):
        name = next(g for g in m.groups() if g)
        if claim(m):
            a, b = cfg["five_year_plans"][name]
            spans.append((a, b))
    for m in cfg["range_re"].finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b and claim(m):
            spans.append((a, b))
    unresolved = False
    for m in cfg["since_re"].finditer(text):
        if claim(m):
            if anchors and int(m.group(1)) <= anchors["year"]:
                spans.append((int(m.group(1)), anchors["year"]))
            else:
                unresolved = True
    for m in cfg["year_re"].finditer(text):
        if claim(m):
            spans.append((int(m.group(1)), int(m.group(1))))
    for pat, direction in cfg["rel_period_compiled"]:
        for m in pat.finditer(text):
            n = small_number(m.group(1))
            if n is None or not claim(m):
                continue
            if not anchors or n < 1:
                unresolved = True
            else:
                if direction == "past":
                    spans.append((anchors["past"] - n + 1, anchors["past"]))
                else:
                    spans.append((anchors["future"], anchors["future"] + n - 1))
    for m in cfg["rel_year_re"].finditer(text):
        if claim(m):
            if not anchors:
                unresolved = True
                continue
            anchor, offset = cfg["relative_years"][m.group(0)]
            y = anchors[anchor] + offset
            spans.append((y, y))
    cue = "|".join(cues) if cues else None
    if not spans or unresolved:  # never a narrower time than the heading names
        return None, None, cue
    a, b = min(s[0] for s in spans), max(s[1] for s in spans)
    return (a, None, cue) if a == b else (None, f"{a}-{b}", cue)

