"""The time of each quantity mention: the year it refers to, or the period ("YYYY-YYYY"), read from
its sentence, the topic time of its paragraph, then its section (kslib.structure), never from another
sentence, never from a comparison base (比2003年, 与2019年相比, 接近…水平)."""
from __future__ import annotations

import bisect

from ..structure import Structure
from ..structure.rules import config as structure_config
from ..structure.time import TimeMention, parse_date, time_mentions
from .lexicon import attribution

__all__ = ["Time", "DocumentTimes", "figure_time"]

DURATION_UNITS = {"年", "月", "天", "日", "小时", "分钟", "周", "岁"}


class Time:
    """A figure's time: year or period (first, last), the cue that gave it and where it stands."""
    __slots__ = ("first", "last", "cue", "where")

    def __init__(self, first=None, last=None, cue="", where=""):
        self.first, self.last, self.cue, self.where = first, last, cue, where

    @property
    def year(self):
        return self.first if self.first is not None and self.first == self.last else None

    @property
    def period(self):
        if self.first is None or self.last is None or self.first == self.last:
            return None
        return f"{self.first}-{self.last}"


class DocumentTimes:
    """The time expressions of one document, with their comparison-base flags and paragraph topics."""

    def __init__(self, text: str, st: Structure, date, spans: list[tuple[int, int]]):
        cfg = attribution()
        self.text, self.st = text, st
        self.date = parse_date(date)
        covered = _covered(spans)
        # a bare ROC year that the extractor reads as a quantity (用了14年) is a duration, not a time
        found = [m for m in time_mentions(text, self.date) if m.first is not None
                 and not (m.form == "roc_year" and covered(m.start, m.end))]
        found.sort(key=lambda m: m.start)
        self.mentions = found
        self.starts = [m.start for m in found]
        cl = st.unit_index("clause", [m.start for m in found]) if found else []
        cstart = st.column("clause", "start")
        cend = st.column("clause", "end")
        self.now = [m.start() for m in cfg["now_words_re"].finditer(text)]
        self.base, self.ratio_base = [], []
        for m, c in zip(found, cl):
            lo = cstart[c] if c >= 0 else max(0, m.start - 20)
            hi = cend[c] if c >= 0 else m.end
            before, after = text[lo:m.start], text[m.end:hi]
            self.base.append(bool(cfg["base_before_re"].search(before)) or (
                bool(cfg["base_with_before_re"].search(before)) and bool(cfg["base_with_after_re"].search(after))))
            self.ratio_base.append(bool(cfg["base_ratio_before_re"].search(before)) and after.startswith("的"))
        self.paragraph_start = st.column("paragraph", "start").tolist()
        self.topic = self._topics()
        self.continued = self._continued()
        self.horizon = self._horizons()

    def _continued(self) -> dict[int, int]:
        """Paragraph index -> start of the sentence it continues: a paragraph that follows one ending
        without a sentence terminator (a sentence cut by a page or line break) continues its last sentence."""
        ends = structure_config()["splitting"]
        stop = set("。！？!?…") | set(ends["closers"])
        st = self.st
        heading = st.column("paragraph", "is_heading")
        pstart, pend = st.column("paragraph", "start"), st.column("paragraph", "end")
        sst = st.column("sentence", "start")
        out = {}
        for k in range(1, len(pstart)):
            if heading[k - 1] or heading[k]:
                continue
            last = self.text[int(pend[k - 1]) - 1]
            if last not in stop and last in "；;，,、：:":
                j = bisect.bisect_right(sst, int(pend[k - 1]) - 1) - 1
                out[k] = int(sst[j]) if j >= 0 else int(pstart[k - 1])
        return out

    def _horizons(self) -> dict[int, int]:
        """Paragraph index -> the one target horizon it states (力争到2025年…), if exactly one."""
        cfg = attribution()
        found: dict[int, set] = {}
        if not self.mentions:
            return {}
        par = self.st.unit_index("paragraph", self.starts)
        for m, p, base in zip(self.mentions, par, self.base):
            if m.form == "year" and not base and cfg["horizon_before_re"].search(self.text[max(0, m.start - 4):m.start]):
                found.setdefault(int(p), set()).add(m.first)
        return {p: ys.pop() for p, ys in found.items() if len(ys) == 1}

    def _topics(self) -> dict[int, TimeMention]:
        """Paragraph index -> its topic time (an opening time expression followed by a separator),
        carried on to the list items (——…) that follow the paragraph."""
        cfg = attribution()
        bullets = structure_config()["headings"]["bullets"]
        out: dict[int, TimeMention] = {}
        prev = None
        st = self.st
        for para, (a, b, is_heading) in enumerate(zip(st.column("paragraph", "start").tolist(),
                                                      st.column("paragraph", "end").tolist(),
                                                      st.column("paragraph", "is_heading").tolist())):
            k = bisect.bisect_left(self.starts, a)
            own = None
            if k < len(self.mentions) and self.mentions[k].start < b and not self.base[k]:
                m = self.mentions[k]
                lead = self.text[a:m.start]
                tail = cfg["topic_date_re"].match(self.text, m.end).end()
                opening = not lead.strip(cfg["topic_list_markers"]) and len(lead) <= cfg["topic_max_start"]
                modifier = lead.endswith("的") and len(lead) <= cfg["topic_modifier_max"] and not any(
                    ch in lead for ch in "，,。；;：:")
                if (opening or modifier) and tail < b and self.text[tail] in cfg["topic_followers"]:
                    own = m
            if own is not None:
                out[para] = own
                prev = own
            elif prev is not None and self.text[a] in bullets and not is_heading:
                out[para] = prev
            else:
                prev = None
        return out

    def in_sentence(self, lo: int, s: int) -> tuple[TimeMention | None, bool]:
        """The nearest usable time expression in text[lo:s] before a figure at s; True when it is a
        comparison base that is the figure's own (相较于2016年的3,596亿元)."""
        cfg = attribution()
        k = bisect.bisect_right(self.starts, s) - 1
        while k >= 0 and self.mentions[k].start >= lo:
            m = self.mentions[k]
            if m.end <= s:
                if self.now and bisect.bisect_left(self.now, m.end) < bisect.bisect_left(self.now, s):
                    return None, False  # 目前 between the time and the figure: a figure of now
                own = bool(cfg["base_own_figure_re"].fullmatch(self.text[m.end:s]))
                if own and self.ratio_base[k]:
                    k -= 1  # 相当于2015年的2.3倍: a multiple of the base time's figure, not of that time
                    continue
                starts_span = m.first == m.last and bool(cfg["from_to_start_re"].search(self.text[max(0, m.start - 1):m.start]))
                if not self.base[k] and (own or not starts_span):
                    return m, False
                if own:
                    return m, True
            k -= 1
        return None, False


def _covered(spans: list[tuple[int, int]]):
    """A test: does [a, b) overlap one of the (sorted) quantity spans?"""
    starts = [s for s, _ in spans]

    def test(a: int, b: int) -> bool:
        k = bisect.bisect_left(starts, b) - 1
        return k >= 0 and spans[k][1] > a
    return test


def section_time(st: Structure, section: int) -> Time:
    """The year or period of the innermost section around a position that names one."""
    while section >= 0:
        r = st.section_rows[section]
        if r["year"] is not None:
            return Time(int(r["year"]), int(r["year"]), r["time_cue"] or "", "section")
        if r["period"]:
            a, b = map(int, r["period"].split("-"))
            return Time(a, b, r["time_cue"] or "", "section")
        section = int(r["parent"])
    return Time()


def figure_time(dt: DocumentTimes, row: dict, prev: dict | None, sentence: tuple[int, int], clause_start: int,
                paragraph: int, section: int) -> Time:
    """The time of one figure: its sentence's nearest time expression before it (comparison bases
    skipped), else its paragraph's topic time, else its section's; within a period, a change 从X到Y
    gives X the year before the period and Y its last year, a state reached its last year."""
    cfg = attribution()
    text = dt.text
    s = row["start"]
    if row.get("epithet"):
        return Time()  # 14亿人口的发展中国家: a standing fact
    duration = row["unit"] in DURATION_UNITS
    if duration and cfg["duration_level_re"].search(text[max(clause_start, s - 8):s].rstrip("了")):
        duration = False  # 人均预期寿命达到76.7岁: the level of a statistic
    if duration and not (row["unit"] == "年" and row.get("qualifier") == "连续"):
        return Time()  # a duration counts time; it is not dated by it
    lo = sentence[0]
    if paragraph in dt.continued and lo == dt.paragraph_start[paragraph]:
        lo = dt.continued[paragraph]
    m, own = dt.in_sentence(lo, s)
    if m is not None:
        t = Time(m.first, m.last, m.cue, "clause" if m.start >= clause_start else "sentence")
        if (own or t.year is not None) and not duration:
            return t
    else:
        topic = dt.topic.get(paragraph)
        if topic is not None and topic.start < s:
            t = Time(topic.first, topic.last, topic.cue, "paragraph")
        else:
            t = section_time(dt.st, section)
    if duration:
        # 连续19年 up to a known year: the years counted, ending then
        end = t.last if t.last is not None else t.first
        n = int(row["value"])
        return Time(end - n + 1, end, t.cue, t.where) if end is not None and n >= 1 else Time()
    if t.period is None:
        return t
    # a figure inside a period
    left = text[clause_start:s]
    if cfg["from_to_start_re"].search(left):
        return Time(t.first - 1, t.first - 1, t.cue, t.where)
    if prev is not None and prev["end"] <= s and cfg["from_to_end_re"].fullmatch(text[prev["end"]:s]) and \
            cfg["from_to_start_re"].search(text[max(clause_start, prev["start"] - 1):prev["start"]]):
        return Time(t.last, t.last, t.cue, t.where)
    bare = left.rstrip("了")
    if any(a in left for a in cfg["period_adverbs"]):
        return t  # 一直控制在3%以内: a figure of the whole period
    if row["unit"] == "rank" or cfg["state_re"].search(bare):
        return Time(t.last, t.last, t.cue, t.where)
    return t
