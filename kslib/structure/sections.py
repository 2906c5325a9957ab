"""Headings (numbered, Markdown, plain short lines, lead-ins) and the sections they open, with each
section's scope: review or plan, from the heading's cue words or the time it names, and its year or period."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .rules import CJK, config
from .time import parse_date, resolve_time
from .units import paragraph_spans

__all__ = ["SECTION_COLUMNS", "heading_kind", "find_headings", "build_sections", "section_table", "sections"]

SECTION_COLUMNS = [
    "section", "start", "end", "body_start", "line", "level", "rank", "style", "marker", "title",
    "heading", "parent", "kind", "kind_cue", "kind_from", "year", "period", "time_cue",
]


def heading_kind(title: str) -> tuple[str | None, str | None]:
    """Scope kind a heading's own words give it, and the deciding cue(s).

    The heading is split into conjuncts at the coordinators; within a conjunct the LAST cue decides
    (head-final noun phrase: 预算执行情况 -> review, 预算草案 -> plan). Disagreeing conjuncts: mixed.
    """
    cfg = config()
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


@functools.lru_cache(maxsize=65536)  # a pure function of the line, asked up to three times per line
def _numbering(line: str) -> tuple[str, float, str] | None:
    for style, pat, rank in config()["numbering_compiled"]:
        m = pat.match(line)
        if m:
            r = float(len(m.group(1))) if rank == "markdown" else float(rank)
            return style, r, m.group(0)
    return None


def _is_furniture(line: str) -> bool:
    return any(p.fullmatch(line) for p in config()["not_headings_compiled"])


def _sentence_count(line: str) -> int:
    cfg = config()
    n = sum(1 for m in cfg["terminator_re"].finditer(line) if line[m.end():].strip())
    return n + 1


def _ends_final(line: str) -> bool:
    return line[-1] in config()["headings"]["final_punctuation"]


def _is_body(line: str) -> bool:
    """A paragraph of running text: long, or ending a sentence."""
    h = config()["headings"]
    return len(line) > h["plain_max_chars"] or bool(config()["terminator_re"].search(line[-2:]))


def find_headings(text: str, paras: list[tuple[int, int, int]]) -> tuple[list[_Candidate], list[bool]]:
    """Heading candidates in document order, and which paragraphs are list items."""
    cfg = config()
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
        if not title or not CJK.search(title) or _is_furniture(line):
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
    thesis: list[_Candidate] = []
    for i, (s, e, ln) in enumerate(paras):
        if numbered[i] is not None:
            out.append(numbered[i])
            continue
        line = lines[i]
        if line is None or list_item[i]:
            continue
        nxt = lines[i + 1] if i + 1 < len(paras) else None
        nxt_body = i + 1 < len(paras) and (nxt is None or (_is_body(nxt) and numbered[i + 1] is None))
        if i == 0 and not nxt_body:
            # a title may stand over a short block (author, office, date) before the body
            for j in range(1, min(len(paras), h["title_block_max_lines"] + 2)):
                lj = lines[j]
                if lj is not None and _is_body(lj) and numbered[j] is None and lj[-1] in h["final_punctuation"]:
                    nxt_body = True
                    break
                if lj is None or len(lj) > h["plain_max_chars"]:
                    break
        # plain heading: short, unpunctuated, some Chinese, opens body text; the first paragraph
        # of the text, if it is one, is the document's title and heads everything
        if (len(line) <= h["title_max_chars" if i == 0 else "plain_max_chars"] and not _ends_final(line)
                and len(CJK.findall(line)) >= h["plain_min_cjk"] and not _is_furniture(line)
                and nxt_body and _numbering(line) is None):
            style, rank = ("title", 0.0) if i == 0 else ("plain", float(h["plain_rank"]))
            out.append(_Candidate(i, s, e, ln, style, rank, "", line, line))
            continue
        # thesis line: a short single sentence standing alone before a long body paragraph; a heading
        # only when the document has a series of them (parallel bold lead sentences: 争当…示范。)
        if (len(line) <= h["thesis_max_chars"] and line[-1] in h["thesis_endings"] and _sentence_count(line) == 1
                and len(CJK.findall(line)) >= h["plain_min_cjk"] and not _is_furniture(line) and i > 0
                and i + 1 < len(paras) and numbered[i + 1] is None and _numbering(line) is None
                and (nxt is None or len(nxt) > h["plain_max_chars"])):
            thesis.append(_Candidate(i, s, e, ln, "thesis", float(h["plain_rank"]), "", line.rstrip(h["thesis_endings"]), line))
            continue
        # lead-in: short line ending in a colon, followed by list items
        if (len(line) <= h["lead_max_chars"] and line[-1] in h["lead_endings"]
                and i + 1 < len(paras) and list_item[i + 1] and not _is_furniture(line)):
            out.append(_Candidate(i, s, e, ln, "lead", float(h["lead_rank"]), "", line, line, lead=True))
    if len(thesis) >= h["thesis_min_series"]:
        out = sorted(out + thesis, key=lambda c: c.para)
    return out, list_item


@functools.lru_cache(maxsize=16384)
def _heading_time(title: str, date) -> tuple:
    """resolve_time of a heading against a parsed date (DocDate or None): the same headings recur."""
    return resolve_time(title, date)


def build_sections(text: str, paras, date) -> tuple[list[dict], list[int]]:
    """The sections as rows (dicts with the SECTION_COLUMNS; year an int or None) and the paragraph
    index of each heading."""
    cfg = config()
    date = parse_date(date)
    cands, list_item = find_headings(text, paras)
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
        kind, cue = heading_kind(c.title)
        year, period, tcue = _heading_time(c.title, date)
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
    return rows, [c.para for c in cands]


_OPTIONAL = ("kind", "kind_cue", "kind_from", "period", "time_cue")  # None where absent (object columns)
_INTS = ("section", "start", "end", "body_start", "line", "level", "parent")


def section_table(rows: list[dict]) -> pd.DataFrame:
    """The sections table of build_sections' rows, built column by column."""
    if not rows:
        df = pd.DataFrame(rows, columns=SECTION_COLUMNS)
        for c in _OPTIONAL:
            df[c] = df[c].astype(object)
        return df.astype({c: np.int64 for c in _INTS})
    data = {}
    for c in SECTION_COLUMNS:
        values = [r[c] for r in rows]
        if c in _OPTIONAL:
            data[c] = pd.Series(values, dtype=object)
        elif c == "year":
            data[c] = pd.array(values, dtype="Int64")
        else:
            data[c] = values
    return pd.DataFrame(data, columns=SECTION_COLUMNS)


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
    return section_table(build_sections(text, paragraph_spans(text), date)[0])

