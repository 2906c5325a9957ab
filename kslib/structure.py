"""Document structure: headings and the sections they open (with a review/plan scope and its year or
period), paragraphs, sentences and clauses of a normalised text, shared by every stage that attributes.

Rules and cue words live in kslib/data/structure.yaml; every function is linear in the text length.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

__all__ = [
    "paragraphs", "sentences", "clauses", "sections", "structure", "resolve_time", "parse_date",
    "Structure", "Units", "Scope", "PARAGRAPH_COLUMNS", "SENTENCE_COLUMNS", "CLAUSE_COLUMNS",
    "SECTION_COLUMNS",
]

PARAGRAPH_COLUMNS = ["paragraph", "start", "end", "line", "is_heading", "section"]
SENTENCE_COLUMNS = ["sentence", "start", "end", "paragraph"]
CLAUSE_COLUMNS = ["clause", "start", "end", "sentence", "paragraph"]
SECTION_COLUMNS = [
    "section", "start", "end", "body_start", "line", "level", "rank", "style", "marker", "title",
    "heading", "parent", "kind", "kind_cue", "kind_from", "year", "period", "time_cue",
]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LINE = re.compile(r"[^\n]+")


# ---------------------------------------------------------------- configuration
@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
    """structure.yaml, with its patterns compiled."""
    raw = yaml.safe_load(resources.files("kslib.data").joinpath("structure.yaml").read_text("utf-8"))
    cn, num = raw["numerals"]["cn"], raw["numerals"]["num"]

    def fill(p: str) -> str:
        return p.replace("{cn}", cn).replace("{num}", num)

    cfg = dict(raw)
    cfg["numbering_compiled"] = [
        (n["style"], re.compile(fill(n["pattern"])), n["rank"]) for n in raw["numbering"]
    ]
    h = raw["headings"]
    cfg["not_headings_compiled"] = [re.compile(p) for p in h["not_headings"]]
    s = raw["splitting"]
    cfg["terminator_re"] = re.compile(
        "(?:" + s["sentence_terminators"] + ")[" + re.escape(s["closers"]) + "]*")
    cfg["clause_re"] = re.compile(s["clause_separators"])
    paren = s["paren_pairs"]
    quote = s["quote_pairs"]
    cfg["paren_open"] = {p[0]: p[1] for p in paren}
    cfg["all_open"] = {p[0]: p[1] for p in paren + quote}
    cfg["paren_re"] = _bracket_re(paren)
    cfg["all_bracket_re"] = _bracket_re(paren + quote)
    cfg["review"] = sorted(raw["review_cues"], key=len, reverse=True)
    cfg["plan"] = sorted(raw["plan_cues"], key=len, reverse=True)
    cue_alt = "|".join(re.escape(c) for c in sorted(set(cfg["review"] + cfg["plan"]), key=len, reverse=True))
    cfg["cue_re"] = re.compile(cue_alt)
    cfg["coord_re"] = re.compile("|".join(re.escape(c) for c in raw["coordinators"]))
    # time expressions
    plans = raw["five_year_plans"]
    long_names = [k for k in plans if len(k) >= 3]
    short_names = [k for k in plans if len(k) < 3]
    cfg["plan_re"] = re.compile(
        "(?:[“\"‘'「]?)(" + "|".join(map(re.escape, sorted(long_names, key=len, reverse=True))) + ")"
        "|[“\"‘'「](" + "|".join(map(re.escape, short_names)) + ")[”\"’'」]"
        "|(?<![一二三四五六七八九十])(" + "|".join(map(re.escape, short_names)) + ")(?=" + raw["plan_name_suffixes"] + ")"
    )
    cfg["range_re"] = re.compile(raw["range_pattern"])
    cfg["since_re"] = re.compile(raw["since_pattern"])
    cfg["year_re"] = re.compile(raw["year_pattern"])
    count = "([0-9]{1,2}|[一二两三四五六七八九十]{1,3})"
    cfg["rel_period_compiled"] = [
        (re.compile(p.replace("{n}", count)), d) for p, d in raw["relative_periods"]
    ]
    cfg["rel_year_re"] = re.compile(
        "|".join(re.escape(w) for w in sorted(raw["relative_years"], key=len, reverse=True)))
    return cfg


def _bracket_re(pairs: list[str]) -> re.Pattern:
    chars = "".join(p[0] + p[1] for p in pairs)
    return re.compile("[" + re.escape(chars) + "]")


# ---------------------------------------------------------------- dates and time expressions
class _Date(NamedTuple):
    year: int
    month: int | None


def parse_date(date) -> _Date | None:
    """A document date as (year, month): '2020-05-22', '2020-05', '2020', 2020, date, Timestamp, None."""
    if date is None or isinstance(date, _Date):
        return date
    if isinstance(date, float) and np.isnan(date):
        return None
    if isinstance(date, (int, np.integer)):
        return _Date(int(date), None)
    if isinstance(date, (_dt.date, pd.Timestamp)):
        return _Date(date.year, date.month)
    m = re.match(r"\s*((?:1[89]|20)[0-9]{2})(?:[-/.年]([0-9]{1,2}))?", str(date))
    if not m:
        return None
    return _Date(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


def _anchors(d: _Date) -> dict[str, int]:
    """The date's year, the last completed year ("past") and the first coming year ("future")."""
    early = d.month is None or d.month <= _cfg()["past_cutoff_month"]
    return {"year": d.year, "past": d.year - 1 if early else d.year, "future": d.year if early else d.year + 1}


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _small_number(s: str) -> int | None:
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
    cfg = _cfg()
    d = parse_date(date)
    anchors = _anchors(d) if d else None
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
            n = _small_number(m.group(1))
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


def _heading_kind(title: str) -> tuple[str | None, str | None]:
    """Scope kind a heading's own words give it, and the deciding cue(s).

    The heading is split into conjuncts at the coordinators; within a conjunct the LAST cue decides
    (head-final noun phrase: 预算执行情况 -> review, 预算草案 -> plan). Disagreeing conjuncts: mixed.
    """
    cfg = _cfg()
    review, plan = set(cfg["review"]), set(cfg["plan"])
    kinds: list[tuple[str, str]] = []
    for part in cfg["coord_re"].split(title):
        last = None
        for m in cfg["cue_re"].finditer(part):
            last = m
        if last is None:
            continue
        cue = last.group(0)
        kind = "review" if cue in review else "plan"
        if kind == "plan":
            before = part[:last.start()]
            v = max((before.rfind(w), w) for w in cfg["completion_verbs"])
            if v[0] >= 0 and not any(w in before[:v[0]] for w in cfg["intent_modals"]):
                kind, cue = "review", v[1] + "…" + cue
        kinds.append((kind, cue))
    if not kinds:
        return None, None
    found = {k for k, _ in kinds}
    cue = "|".join(c for _, c in kinds)
    if len(found) > 1:
        return None, "mixed:" + cue
    return found.pop(), cue


# ---------------------------------------------------------------- paragraphs, sentences, clauses
def _paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line) of every non-blank line, whitespace trimmed."""
    out = []
    line_no = 1
    last = 0
    for m in _LINE.finditer(text):
        line_no += text.count("\n", last, m.start())
        last = m.start()
        s, e = m.start(), m.end()
        while s < e and (text[s].isspace() or text[s] == "\ufeff"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, line_no))
    return out


def _protected(text: str, start: int, end: int, bracket_re: re.Pattern, opens: dict[str, str]) -> list[tuple[int, int]]:
    """Outermost matched bracket pairs in text[start:end] no longer than protect_max_chars."""
    limit = _cfg()["splitting"]["protect_max_chars"]
    closes = {v: k for k, v in opens.items()}
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in bracket_re.finditer(text, start, end):
        c = m.group(0)
        if c in opens and not (c in closes and stack and stack[-1][0] == c):
            stack.append((c, m.start()))
        elif c in closes:
            want = closes[c]
            # pop to the matching opener; unmatched closers are ignored
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    o = stack[k][1]
                    del stack[k:]
                    if m.end() - o <= limit:
                        pairs.append((o, m.end()))
                    break
        if len(stack) > 64:  # a runaway of unmatched openers: forget the oldest
            del stack[:32]
    pairs.sort()
    merged: list[tuple[int, int]] = []
    for a, b in pairs:
        if merged and a < merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _inside(pos: int, intervals: list[tuple[int, int]], starts: list[int]) -> bool:
    """pos strictly inside one of the sorted, disjoint intervals (a split before the closer)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and intervals[k][0] < pos < intervals[k][1]


def _split(text: str, start: int, end: int, pattern: re.Pattern, protect: list[tuple[int, int]],
           starts: list[int]) -> list[tuple[int, int]]:
    """Cut text[start:end] after each match of pattern outside the protected intervals."""
    cuts = [m.end() for m in pattern.finditer(text, start, end)
            if m.end() < end and not _inside(m.start(), protect, starts)]
    out = []
    s = start
    for c in cuts + [end]:
        a = s
        while a < c and text[a].isspace():
            a += 1
        if a < c:
            out.append((a, c))
        s = c
    return out


def _units(text: str):
    """Paragraph, sentence and clause spans (lists of tuples) in one pass."""
    cfg = _cfg()
    paras = _paragraph_spans(text)
    sents: list[tuple[int, int, int]] = []
    claus: list[tuple[int, int, int, int]] = []
    for p, (ps, pe, _) in enumerate(paras):
        paren = _protected(text, ps, pe, cfg["paren_re"], cfg["paren_open"])
        every = _protected(text, ps, pe, cfg["all_bracket_re"], cfg["all_open"])
        every_starts = [a for a, _ in every]
        for ss, se in _split(text, ps, pe, cfg["terminator_re"], paren, [a for a, _ in paren]):
            s_idx = len(sents)
            sents.append((ss, se, p))
            for cs, ce in _split(text, ss, se, cfg["clause_re"], every, every_starts):
                claus.append((cs, ce, s_idx, p))
    return paras, sents, claus


def paragraphs(text: str) -> pd.DataFrame:
    """Paragraphs (= non-blank lines): paragraph, start, end, line, is_heading, section."""
    return structure(text).paragraphs


def sentences(text: str) -> pd.DataFrame:
    """Sentences: sentence, start, end, paragraph (a sentence never crosses a line)."""
    paras, sents, _ = _units(text)
    return _frame(sents, SENTENCE_COLUMNS)


def clauses(text: str) -> pd.DataFrame:
    """Clauses: clause, start, end, sentence, paragraph."""
    _, _, claus = _units(text)
    return _frame(claus, CLAUSE_COLUMNS)


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """Integer span table: an index column, then one column per tuple field."""
    arr = np.array(rows, dtype=np.int64).reshape(len(rows), len(columns) - 1)
    data = {columns[0]: np.arange(len(rows), dtype=np.int64)}
    data.update({c: arr[:, k] for k, c in enumerate(columns[1:])})
    return pd.DataFrame(data, columns=columns)


# ---------------------------------------------------------------- headings and sections
@dataclass
class _Candidate:
    para: int
    start: int
    end: int
    line: int
    style: str
    rank: float
    marker: str
    title: str
    heading: str
    lead: bool = False


def _numbering(line: str) -> tuple[str, float, str] | None:
    for style, pat, rank in _cfg()["numbering_compiled"]:
        m = pat.match(line)
        if m:
            r = float(len(m.group(1))) if rank == "markdown" else float(rank)
            return style, r, m.group(0)
    return None


def _is_furniture(line: str) -> bool:
    return any(p.fullmatch(line) for p in _cfg()["not_headings_compiled"])


def _sentence_count(line: str) -> int:
    cfg = _cfg()
    n = sum(1 for m in cfg["terminator_re"].finditer(line) if line[m.end():].strip())
    return n + 1


def _ends_final(line: str) -> bool:
    return line[-1] in _cfg()["headings"]["final_punctuation"]


def _is_body(line: str) -> bool:
    """A paragraph of running text: long, or ending a sentence."""
    h = _cfg()["headings"]
    return len(line) > h["plain_max_chars"] or bool(_cfg()["terminator_re"].search(line[-2:]))


def _find_headings(text: str, paras: list[tuple[int, int, int]]) -> tuple[list[_Candidate], list[bool]]:
    """Heading candidates in document order, and which paragraphs are list items."""
    cfg = _cfg()
    h = cfg["headings"]
    lines = [text[s:e] if e - s <= 4 * h["numbered_max_chars"] else None for s, e, _ in paras]
    numbered: list[_Candidate | None] = [None] * len(paras)
    for i, (s, e, ln) in enumerate(paras):
        line = lines[i]
        if line is None:
            continue
        num = _numbering(line)
        if num is None or len(line) > h["numbered_max_chars"]:
            continue
        style, rank, marker = num
        title = line[len(marker):].strip()
        if not title or not _CJK.search(title) or _is_furniture(line):
            continue
        if _sentence_count(title) > h["numbered_max_sentences"]:
            continue
        numbered[i] = _Candidate(i, s, e, ln, style, rank, marker.strip(), title, line)
    # a run of same-style numbered lines following one another is a list when any but the last
    # ends in final punctuation (items, not headings that open a body)
    i = 0
    while i < len(paras):
        c = numbered[i]
        if c is None:
            i += 1
            continue
        j = i
        while j + 1 < len(paras) and numbered[j + 1] is not None and numbered[j + 1].style == c.style:
            j += 1
        if j > i and any(_ends_final(numbered[k].heading) for k in range(i, j)):
            for k in range(i, j + 1):
                numbered[k] = None
        elif j == i and _ends_final(c.heading) and i + 1 == len(paras):
            numbered[i] = None  # a punctuated numbered line that opens nothing
        i = j + 1
    list_item = [False] * len(paras)
    for i, line in enumerate(lines):
        if line is None:
            continue
        if _numbering(line) is not None and numbered[i] is None:
            list_item[i] = True
        elif line[0] in h["bullets"]:
            list_item[i] = True
    out: list[_Candidate] = []
    for i, (s, e, ln) in enumerate(paras):
        if numbered[i] is not None:
            out.append(numbered[i])
            continue
        line = lines[i]
        if line is None or list_item[i]:
            continue
        nxt = lines[i + 1] if i + 1 < len(paras) else None
        nxt_body = i + 1 < len(paras) and (nxt is None or (_is_body(nxt) and numbered[i + 1] is None))
        # plain heading: short, unpunctuated, some Chinese, opens body text; the first paragraph
        # of the text, if it is one, is the document's title and heads everything
        if (len(line) <= h["title_max_chars" if i == 0 else "plain_max_chars"] and not _ends_final(line)
                and len(_CJK.findall(line)) >= h["plain_min_cjk"] and not _is_furniture(line)
                and nxt_body and _numbering(line) is None):
            style, rank = ("title", 0.0) if i == 0 else ("plain", float(h["plain_rank"]))
            out.append(_Candidate(i, s, e, ln, style, rank, "", line, line))
            continue
        # lead-in: short line ending in a colon, followed by list items
        if (len(line) <= h["lead_max_chars"] and line[-1] in h["lead_endings"]
                and i + 1 < len(paras) and list_item[i + 1] and not _is_furniture(line)):
            out.append(_Candidate(i, s, e, ln, "lead", float(h["lead_rank"]), "", line, line, lead=True))
    return out, list_item


def _sections(text: str, paras, date) -> tuple[pd.DataFrame, list[int]]:
    """The sections table and the paragraph index of each heading."""
    cfg = _cfg()
    date = parse_date(date)
    cands, list_item = _find_headings(text, paras)
    n = len(cands)
    ranks = sorted({c.rank for c in cands})
    level_of = {r: k + 1 for k, r in enumerate(ranks)}
    ends = [len(text)] * n
    parents = [-1] * n
    stack: list[int] = []
    para_end = [e for _, e, _ in paras]
    for k, c in enumerate(cands):
        if c.lead:
            # a lead-in heads the list items right after it
            j = c.para + 1
            while j < len(paras) and list_item[j]:
                j += 1
            ends[k] = para_end[j - 1]
            parents[k] = stack[-1] if stack else -1
            continue
        while stack and cands[stack[-1]].rank >= c.rank:
            ends[stack.pop()] = _trim_end(text, c.start)
        parents[k] = stack[-1] if stack else -1
        stack.append(k)
    while stack:
        ends[stack.pop()] = _trim_end(text, len(text))
    rows = []
    for k, c in enumerate(cands):
        kind, cue = _heading_kind(c.title)
        year, period, tcue = resolve_time(c.title, date)
        kind_from = "heading" if kind else None
        d = date
        if kind is None and not (cue or "").startswith("mixed") and d and (year or period):
            a, b = (year, year) if year else map(int, period.split("-"))
            if b < d.year:
                kind, cue, kind_from = "review", tcue, "time"
            elif a > d.year:
                kind, cue, kind_from = "plan", tcue, "time"
        rows.append(dict(section=k, start=c.start, end=ends[k], body_start=_body_start(text, c.end, ends[k]),
                         line=c.line, level=level_of[c.rank], rank=c.rank, style=c.style, marker=c.marker,
                         title=c.title, heading=c.heading, parent=parents[k], kind=kind, kind_cue=cue,
                         kind_from=kind_from, year=year, period=period, time_cue=tcue))
    # scope carried to following plain siblings, then inherited from parents (document order)
    carry = set(cfg["carry_to_following_siblings"])
    last_child: dict[int, int] = {}
    for k, r in enumerate(rows):
        prev = last_child.get(r["parent"])
        last_child[r["parent"]] = k
        mixed = (r["kind_cue"] or "").startswith("mixed")
        p = r["parent"]
        if p >= 0:
            par = rows[p]
            if r["kind"] is None and not mixed and par["kind"] is not None:
                r.update(kind=par["kind"], kind_cue=par["kind_cue"], kind_from="parent")
            if (r["year"] is None and r["period"] is None and r["kind"] == par["kind"]
                    and par["kind"] is not None):
                r.update(year=par["year"], period=par["period"])
        src = rows[prev] if prev is not None and rows[prev]["style"] == r["style"] else None
        if src is not None and src["kind"] in carry and not mixed:
            if r["kind"] is None:
                r.update(kind=src["kind"], kind_cue=src["kind_cue"], kind_from="sibling")
            # a section of the same kind as its plan sibling shares the sibling's time if it names none
            if r["kind"] == src["kind"] and r["year"] is None and r["period"] is None:
                r.update(year=src["year"], period=src["period"])
    df = pd.DataFrame(rows, columns=SECTION_COLUMNS)
    for c in ["kind", "kind_cue", "kind_from", "period", "time_cue"]:
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    if len(df):
        df["year"] = df["year"].astype("Int64")
    else:
        df = df.astype({c: np.int64 for c in ["section", "start", "end", "body_start", "line", "level", "parent"]})
    return df, [c.para for c in cands]


def _trim_end(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _body_start(text: str, heading_end: int, end: int) -> int:
    p = heading_end
    while p < end and text[p].isspace():
        p += 1
    return p


def sections(text: str, *, date=None) -> pd.DataFrame:
    """Headings and the sections they open, with each section's scope.

    Columns: section, start, end (the section from its heading to the next heading of the same or an
    outer rank), body_start, line, level (1 = outermost style used), rank, style, marker, title,
    heading, parent (-1 for none), kind (review | plan | None), kind_cue (the deciding word(s); "mixed:…"
    when the heading's conjuncts disagree), kind_from (heading | time | sibling | parent), year,
    period ("YYYY-YYYY"), time_cue.
    """
    return _sections(text, _paragraph_spans(text), date)[0]


# ---------------------------------------------------------------- one object, fast lookup
class Units(NamedTuple):
    """Indices of the units that contain a position (-1 where none)."""
    clause: int
    sentence: int
    paragraph: int
    section: int


class Scope(NamedTuple):
    """The scope of the innermost section around a position."""
    section: int
    kind: str | None
    kind_cue: str | None
    kind_from: str | None
    year: int | None
    period: str | None
    heading: str | None


@dataclass
class Structure:
    """Paragraphs, sentences, clauses and sections of one text, with O(log n) position lookup."""
    text: str
    date: object
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    clauses: pd.DataFrame
    sections: pd.DataFrame

    def __post_init__(self):
        self._bounds = {
            name: (df["start"].to_numpy(np.int64), df["end"].to_numpy(np.int64))
            for name, df in (("clause", self.clauses), ("sentence", self.sentences),
                             ("paragraph", self.paragraphs), ("section", self.sections))
        }
        self._sec_parent = self.sections["parent"].to_numpy(np.int64)

    def _find(self, name: str, pos: np.ndarray) -> np.ndarray:
        starts, ends = self._bounds[name]
        k = np.searchsorted(starts, pos, side="right") - 1
        ok = (k >= 0)
        kk = np.where(ok, k, 0)
        if len(starts) == 0:
            return np.full(len(pos), -1, dtype=np.int64)
        hit = ok & (pos < ends[kk])
        if name != "section":
            return np.where(hit, k, -1)
        # sections nest: climb from the latest-starting section to one that still covers pos
        out = np.where(hit, k, -1)
        for i in np.flatnonzero(ok & ~hit):
            s = self._sec_parent[k[i]]
            while s >= 0 and not (starts[s] <= pos[i] < ends[s]):
                s = self._sec_parent[s]
            out[i] = s
        return out

    def units_at(self, positions) -> pd.DataFrame:
        """Vectorised unit_at: one row (clause, sentence, paragraph, section) per position."""
        pos = np.asarray(positions, dtype=np.int64).reshape(-1)
        return pd.DataFrame({name: self._find(name, pos) for name in Units._fields})

    def unit_at(self, pos: int) -> Units:
        """The clause, sentence, paragraph and innermost section containing pos (-1 where none)."""
        p = np.array([pos], dtype=np.int64)
        return Units(*(int(self._find(name, p)[0]) for name in Units._fields))

    def scope_at(self, pos: int) -> Scope:
        """Kind, year and period of the innermost section containing pos (all None outside)."""
        s = self.unit_at(pos).section
        if s < 0:
            return Scope(-1, None, None, None, None, None, None)
        r = self.sections.iloc[s]
        year = None if pd.isna(r["year"]) else int(r["year"])
        return Scope(s, r["kind"], r["kind_cue"], r["kind_from"], year, r["period"], r["heading"])

    def section_path(self, pos: int) -> list[int]:
        """Sections containing pos, outermost first."""
        s = self.unit_at(pos).section
        path = []
        while s >= 0:
            path.append(s)
            s = int(self._sec_parent[s])
        return path[::-1]


def structure(text: str, *, date=None) -> Structure:
    """Everything at once: paragraphs (with their section), sentences, clauses and sections."""
    paras, sents, claus = _units(text)
    secs, heading_paras = _sections(text, paras, date)
    pdf = pd.DataFrame(paras, columns=["start", "end", "line"])
    pdf.insert(0, "paragraph", np.arange(len(pdf), dtype=np.int64))
    is_h = np.zeros(len(pdf), dtype=bool)
    is_h[heading_paras] = True
    pdf["is_heading"] = is_h
    pdf["section"] = np.full(len(pdf), -1, dtype=np.int64)
    st = Structure(text, date, pdf, _frame(sents, SENTENCE_COLUMNS), _frame(claus, CLAUSE_COLUMNS), secs)
    if len(pdf):
        st.paragraphs["section"] = st._find("section", pdf["start"].to_numpy(np.int64))
    if len(pdf) == 0:
        st.paragraphs = st.paragraphs.astype({"start": np.int64, "end": np.int64, "line": np.int64})
    return st
