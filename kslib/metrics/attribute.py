"""Attribution: for each quantity mention, its sentence, indicator, measure (level, growth, share, change,
ratio), year or period (metrics.when) and kind with its cue (metrics.kind), read from the clause, sentence,
paragraph and section around it (kslib.structure)."""
from __future__ import annotations

import bisect
import functools
import re

from ..structure import Structure, Units, parse_date, structure
from .kind import kind_of
from .lexicon import CLAUSE_END, SENT_END, attribution
from .phrases import (clean_indicator, cjk_space, coordinated_name, head_of, measure_of, right_noun, strip_phrase, strip_verbs,
                      without_associative_de)
from .unit_lexicon import units_lexicon
from .when import DocumentTimes, figure_time, section_time

__all__ = ["attribute", "bounds", "clean_indicator"]


@functools.lru_cache(maxsize=8)
def _stop_positions(text: str, stops: str) -> list[int]:
    return [m.start() for m in re.finditer("[" + re.escape(stops) + "\n]", text)]


def bounds(text: str, pos: int, stops: str) -> tuple[int, int]:
    """(start, end) of the unit (sentence, clause) around pos: after the previous stop character
    or line break, through the next stop character (not the line break). The stop positions of a
    text are found once, so the cost does not grow with the length of a line."""
    p = _stop_positions(text, stops)
    i = bisect.bisect_left(p, pos)
    lo = p[i - 1] + 1 if i > 0 else 0
    hi = p[i] if i < len(p) else len(text)
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    return lo, hi


def attribute(text: str, rows: list[dict], date=None, *, st: Structure | None = None) -> None:
    """Fill sentence, measure, indicator, year, period, kind and kind_cue of each candidate row
    (sorted by start) in place, after dropping the rows that restate their section's time frame
    (section_frame). `date` is the document's date (relative years, the document's year);
    `st` its kslib.structure.Structure when already built."""
    st = st if st is not None else structure(text, date=date)
    d = parse_date(date)
    doc_year = d.year if d else None
    times = DocumentTimes(text, st, d, [(r["start"], r["end"]) for r in rows]) if rows else None
    if rows:
        # 五年来 inside 过去五年工作回顾: the section's time frame restated, not a quantity (dropped first, so
        # that it bounds no other figure's phrase)
        sec = st.unit_index("section", [r["start"] for r in rows])
        rows[:] = [r for r, k in zip(rows, sec) if not (r["unit"] == "年" and r.get("qualifier") != "连续"
                                                      and section_frame(times, r, int(k)))]
    for idx, r in enumerate(rows):
        s = r["start"]
        ss, se = bounds(text, s, SENT_END)
        r["sentence"] = text[ss:se].strip()
        measure_indicator(text, rows, idx, bounds(text, s, CLAUSE_END))
    distribute(text, rows)
    from_to_pairs(text, rows)
    compared_figures(text, rows)
    elided_share_base(text, rows)
    if not rows:
        return
    starts = [r["start"] for r in rows]
    units = zip(*(st.unit_index(name, starts).tolist() for name in Units._fields))
    cs, ce = st.column("clause", "start"), st.column("clause", "end")
    sst, sen = st.column("sentence", "start"), st.column("sentence", "end")
    first_clause = {}
    for p, a, b in zip(st.column("clause", "paragraph").tolist(), cs.tolist(), ce.tolist()):
        first_clause.setdefault(p, (a, b))
    for idx, (r, u) in enumerate(zip(rows, (Units(*t) for t in units))):
        s, e = r["start"], r["end"]
        clause = (int(cs[u.clause]), int(ce[u.clause])) if u.clause >= 0 else (s, e)
        sentence = (int(sst[u.sentence]), int(sen[u.sentence])) if u.sentence >= 0 else clause
        t = figure_time(times, r, rows[idx - 1] if idx else None, sentence, clause[0], int(u.paragraph), int(u.section))
        r["year"], r["period"] = t.year, t.period
        scope = (None, None)
        if u.section >= 0:
            sec = st.section_rows[int(u.section)]
            scope = (sec["kind"], sec["kind_cue"])
        para_first = first_clause.get(int(u.paragraph), (s, s))
        r["kind"], r["kind_cue"] = kind_of(text, r, clause, sentence, para_first, scope, t, doc_year)
        if r["kind"] == "target" and t.first is None and int(u.paragraph) in times.horizon:
            r["year"] = times.horizon[int(u.paragraph)]  # the plan's horizon (力争到2025年)


def section_frame(times: DocumentTimes, r: dict, section: int) -> bool:
    """A count of years that is a relative period (五年来, 过去五年) naming the very period of its section (or
    of the heading it stands in): a restatement of the section's time frame, not a quantity."""
    k = bisect.bisect_right(times.starts, r["end"]) - 1
    while k >= 0 and times.mentions[k].end > r["start"]:
        m = times.mentions[k]
        if m.form == "relative_period" and m.start <= r["start"] and m.first is not None:
            t = section_time(times.st, section)
            return (t.first, t.last) == (m.first, m.last) and t.first != t.last
        k -= 1
    return False


_LEFT_STOPS = "，,：:（(—\n" + CLAUSE_END  # what ends the left context of a figure
_PHRASE_STOPS = "，,：:（(" + CLAUSE_END  # what ends the phrase before a figure (bounds adds the line break)


def measure_indicator(text, rows, idx, clause):
    cfg = attribution()
    r = rows[idx]
    s, e = r["start"], r["end"]
    cs, ce = clause
    # left context: back to a phrase delimiter or the previous metric in the clause
    lo = s
    prev = rows[idx - 1] if idx > 0 else None
    while lo > cs and not (text[lo - 1] in " \u3000" and cjk_space(text, lo - 1)):  # the test inlined first
        c = text[lo - 1]
        # 、 ends the phrase after a figure (新增国家级人才10名、省双创人才9名); a coordination of names before
        # one figure is its subject as a whole (建成小游园、口袋公园18个)
        if c in "（(" and _named_bracket(text, lo - 1, s):
            lo -= 1  # 广义货币供应量(M2)余额, 居民消费价格指数（CPI）: an abbreviation inside the name
            continue
        if c in _LEFT_STOPS or (c == "、" and not coordinated_name(text, cs, lo - 1)):
            break
        lo -= 1
    if prev is not None and prev["end"] > lo and prev["end"] <= s:
        lo = prev["end"]
        if prev.get("unit_kind") == "duration":
            w = units_lexicon().dur_after.starts(text, lo)  # 十年来GDP年均增长8%: 来 closes the duration
            lo += len(w) if lo + len(w) <= s else 0
    left_raw = text[lo:s]
    # phrase start of the clause-part for cue words (新增国家级人才10名、省双创人才9名)
    plo = max(cs, bounds(text, s, _PHRASE_STOPS)[0])  # after the last of them before s (or a line break)
    phrase_left = text[plo:s]
    unit = r["unit"]
    # measure
    measure = measure_of(r, left_raw, phrase_left)
    if unit in ("位", "名") and re.search(r"(排名|名次|位次)[^，,。；;]*?(上升|下降|提升|提高|前移|后移|前进|后退)了?$", left_raw):
        r["unit"], unit, measure = "rank", "rank", "change"  # 排名上升5位
    r["measure"] = measure
    # indicator
    if cfg["compared_before_re"].search(text[max(cs, s - 16):s]):
        r["compared"] = True  # 比原先预算的$481亿: a comparison base (compared_figures), not a subject to inherit
    q = r.get("qualifier") or ""
    own = left_raw[:-len(q)] if q and left_raw.endswith(q) else left_raw  # 境外旅客不到|60万人次
    ind = strip_phrase(head_of(own))
    if unit == "rank":
        sent_lo, _ = bounds(text, s, SENT_END)
        names = re.findall(r"([\u4e00-\u9fff]{2,16}?(?:排名|排行榜|榜单|排行))", text[sent_lo:s])
        if names:
            ind = names[-1].split("的")[-1].split("在")[-1]
    if unit == "人" and text[e - 1:e] == "人":
        ep = cfg["epithet_after_re"].match(text, e)
        if ep:
            r["epithet"] = "人" + ep.group(0)  # 14亿人口的发展中国家: a standing fact, no time
    nxt = rows[idx + 1] if idx + 1 < len(rows) else None
    k = text.find(r.get("num") or "\0", s, e)
    after_num = text[k + len(r["num"]):e] if k >= 0 else re.sub(r"^[超近约]?[\d.,]+[多余]?[万亿]?[多余]?", "", text[s:e])
    residue = re.sub(r"^[多余]|(?:以上|以下|左右|多|余)$", "", after_num)
    if unit == "人" and text.startswith(tuple(cfg["population_after"]), e):
        ind = "人口"  # 14亿人口的大国, 2300万人民: a population
    elif unit == "人" and len(residue) > 1:
        ind = residue  # 330万新老昆山人
    else:
        anchor = nxt["end"] if nxt is not None and nxt["start"] == e else e
        if r.get("unit_kind") == "duration":
            anchor += len(units_lexicon().dur_after.starts(text, anchor))  # 十年来GDP…: 来 closes the duration
        count_like = r.get("unit_kind") in ("count", "noun") or unit in ("rank", "年", "分钟")
        if count_like:
            anchor = list_end(text, rows, idx, anchor)  # 103案、222栋的「兴安专案」计划: one noun for the list
        cue = r.get("sign_cue") or ""
        # 2%的负成长: the noun after the figure is the fall it measures, not what falls
        named_fall = len(cue) > 1 and text.startswith((cue, "的" + cue), e)
        of = text.startswith("的", anchor) and not named_fall and \
            not text.startswith(tuple(cfg["of_frame_nouns"]), anchor + 1)  # 增长6%的目标: the target is no indicator
        noun = right_noun(text, anchor) if (count_like or of or len(strip_verbs(ind)) <= 2 or r["qualifier"] == "级"
                                           or ind.endswith(tuple(cfg["object_verbs"]))) else ""
        noun = noun if clean_indicator(noun) and not named_fall else ""
        if noun:
            # 66年的营业税征收历史: what the duration measures is the noun; the verb before (结束了) is no part of it
            lead = strip_verbs(clean_indicator(ind)) if of and unit != "rank" and r.get("unit_kind") != "duration" else ""
            lead = "" if cfg["predicate_only_re"].fullmatch(lead) else lead
            ev = None if of else cfg["count_event_re"].search(left_raw)
            if ev:  # 签署7个合作协议 -> 签署合作协议: what a verb of creation or addition brings about is counted
                ind = ev.group("verb") + noun
            else:
                ind = noun + (lead if len(lead) <= 4 else "")
            if r.get("unit_kind") == "physical" and unit in cfg["area_units"] and \
                    not ind.endswith(tuple(cfg["area_nouns"] + cfg["area_not_after"])):
                ind += cfg["area_noun"]  # 100平方公里阳澄湖科技园: the area of the park
        elif ind:
            # the verb of creation opening the phrase governs the noun across a 的-modifier (新增具有重大影响力的
            # 创新创业人才及团队5个以上) and over the items of a list after it (新增国家级人才10名、省双创人才和博士9名)
            ev = cfg["event_open_re"].match(phrase_left.lstrip("“「"))
            if ev is None and prev is not None and prev["end"] <= s and text[prev["end"]:lo] == "、":
                ev = cfg["event_open_re"].match(prev.get("indicator") or "")
            if ev and not clean_indicator(ind).startswith(ev.group("verb")):
                ind = ev.group("verb") + clean_indicator(ind)
    ind = clean_indicator(ind)
    share = share_of(text, rows, idx, cs) if measure == "share" else None
    if share is not None:
        ind = share
    elif not ind or ind in ("增长", "同比", "分别") or time_clause(ind):
        # a figure without its own subject: the figure before it in its clause, else the subject an earlier
        # clause of its sentence states (访港旅客人次达4,450万，按年上升34%), else the figure before it in the sentence
        ss, _ = bounds(text, s, SENT_END)
        cands = [x for x in clause_before(rows, idx, ss) if x.get("indicator") and x["unit"] != "年"
                 and not x.get("compared")]
        before = clause_before(rows, idx, ss)
        after = ss
        if before:  # only whole clauses after the one of the figure before (突破100亿元大关，达100.41亿元)
            m = _CLAUSE_SEP.search(text, before[-1]["end"], s)
            after = m.end() if m else s
        subj = clause_subject(text, after, s, rows, idx) if after < s else ""
        if not subj and before and after == s and before[-1].get("unit_kind") == "duration":
            # 粮食产量连续9年稳定在1.3万亿斤以上: the duration in the clause stands between subject and figure
            d0 = before[-1]["start"]
            seps = list(_CLAUSE_SEP.finditer(text, ss, d0))
            subj = clean_indicator(strip_phrase(text[seps[-1].end() if seps else ss:d0]))
        ind = subj or (cands[-1]["indicator"] if cands else ind)
        if not ind:
            ind = line_label(text, r)
    if measure == "growth":
        ind = attribution()["growth_noun_re"].sub("", ind) or ind  # 居民消费价格涨幅3.5% -> 居民消费价格
    if unit == "人次" and ind.endswith("人数"):
        ind = ind[:-2] + "人次"  # counted in person-times, the indicator counts person-times
    if ind in cfg["relational_nouns"]:
        owner = owner_of(text, rows, idx)
        if owner:
            r["owner"] = owner
            ind = owner + ind  # 三大中心，占地448.8亩 -> 三大中心占地
            if measure == "growth":
                ind = attribution()["growth_noun_re"].sub("", ind) or ind  # …，增幅5%: the growth of the owner
    if measure == "level" and ind:
        ind = part_of_whole(text, rows, idx, ind)
    if ind and ind in cfg["measure_nouns"]:
        ind = shared_modifier(text, rows, idx, ind)
    r["indicator"] = without_associative_de(ind) if "的" in ind else ind


def line_label(text: str, r: dict) -> str:
    """The label of a figure standing alone on its line (a card, tile or key-value list: 常住人口⏎52.3万人): the
    line before, when it is a short name (no digit, no sentence punctuation), else ""."""
    cfg = attribution()
    lo = text.rfind("\n", 0, r["start"]) + 1
    hi = text.find("\n", r["end"])
    hi = len(text) if hi < 0 else hi
    if text[lo:r["start"]].strip() or text[r["end"]:hi].strip(" 。；;，,") or lo == 0:
        return ""
    plo = text.rfind("\n", 0, lo - 1) + 1
    label = text[plo:lo - 1].strip().rstrip("：:")
    if not label or len(label) > cfg["label_max_chars"] or re.search(r"[0-9。！？；;，,、]", label):
        return ""
    return clean_indicator(label)


@functools.lru_cache(maxsize=65536)
def _measure_noun(phrase: str) -> str:
    """The longest measure noun (attribution.yaml measure_nouns) phrase ends with, or ""."""
    return max((w for w in attribution()["measure_nouns"] if phrase.endswith(w)), key=len, default="")


def part_of_whole(text: str, rows: list[dict], idx: int, ind: str) -> str:
    """The indicator of a part of a whole just counted (其中住宅443.4万平方米 after 商品房销售面积526.3万平方米 ->
    住宅销售面积; 其中，出口…，进口… after 进出口总值 -> 出口总值, 进口总值): the part's subject plus the whole's
    measure noun, when its subject names no measure. The part is marked (part_noun) for the parts coordinated
    after it; the whole is the nearest earlier figure of the same unit in the paragraph."""
    cfg = attribution()
    r = rows[idx]
    s = r["start"]
    para_lo = text.rfind("\n", 0, s) + 1
    k = idx - 1
    while k >= 0 and rows[k]["unit"] != r["unit"]:
        k -= 1
    if k < 0 or rows[k]["end"] < para_lo or _measure_noun(ind):
        return ind
    w = rows[k]
    between = text[w["end"]:s]
    if w.get("part_noun") and not any(c in between for c in SENT_END):
        noun = w["part_noun"]  # 出口3.9亿美元，进口24.2亿美元: a coordinated part
    elif any(p in between for p in cfg["part_words"]) and w.get("measure") == "level":
        noun = _measure_noun(w.get("indicator") or "")
        if not noun or noun == w.get("indicator"):
            return ind
    else:
        return ind
    r["part_noun"] = noun
    return ind + noun


def shared_modifier(text: str, rows: list[dict], idx: int, noun: str) -> str:
    """A bare measure noun after a figure whose indicator is a modifier plus another measure noun, in the same
    sentence (全年铁路客运量963万人，…，货运量1230万吨 -> 铁路货运量): the modifier is shared."""
    s = rows[idx]["start"]
    ss, _ = bounds(text, s, SENT_END)
    for k in range(idx - 1, -1, -1):
        p = rows[k]
        if p["start"] < ss:
            break
        ind = p.get("indicator") or ""
        base = _measure_noun(ind)
        if base and base != noun and len(ind) > len(base):
            return ind[:-len(base)] + noun
        if ind and ind != noun and p["unit"] != "%":
            break  # the figure before names another thing
    return noun


def owner_of(text: str, rows: list[dict], idx: int) -> str:
    """Whose attribute a relational noun (占地, 总投资, 总量, 覆盖率) names when its phrase does not say: the
    owner of the figure before it in the sentence, else what that figure counts (新增市场主体3.6万户，…，总量
    突破12万户 -> 市场主体), else the head of the clause before it (…等三大中心，占地448.8亩; 全面实行垃圾强制分类，
    覆盖率达86%)."""
    cfg = attribution()
    s = rows[idx]["start"]
    ss, _ = bounds(text, s, SENT_END)
    before = [x for x in clause_before(rows, idx, ss) if x.get("unit_kind") != "duration"]
    if before:
        p = before[-1]
        if p.get("owner"):
            return p["owner"]
        ind = p.get("indicator") or ""
        if ind and ind not in cfg["relational_nouns"] and "占" not in ind:
            return cfg["owner_lead_re"].sub("", ind) or ind  # the verb of 新增市场主体 is not the owner
        return ""
    parts = [x for x in _CLAUSE_SEP.split(text[ss:s])[:-1] if x.strip()]
    if not parts or re.search(r"[0-9]", parts[-1]):
        return ""
    head = re.split(r"[的等]", parts[-1])[-1]
    head = cfg["owner_lead_re"].sub("", head)
    head = clean_indicator(head)
    return head if head and len(head) <= cfg["subject_max_chars"] else ""


def share_of(text: str, rows: list[dict], idx: int, cs: int) -> str | None:
    """X占Y(的)(比重)为Z%: the share's indicator "X占Y比重" (比重/比例/比率 as written); X missing (总量
    突破12万户，占昆山市36.6%) is the indicator of the figure before it in the sentence. None when the
    clause has no 占 phrase."""
    cfg = attribution()
    s = rows[idx]["start"]
    prev = rows[idx - 1] if idx else None
    if prev is not None and prev.get("measure") == "share" and prev.get("indicator") and \
            text[prev["end"]:s] in ("、", "和", "及", "与"):
        return prev["indicator"]  # 占GDP比重分别为6.8%、36.5%、56.7%: one share noun for the list
    m = cfg["share_re"].search(text[cs:s])
    if m is None:
        return None
    subj = clean_indicator(strip_phrase(head_of(m.group("subject"))))
    if not subj:
        ss, _ = bounds(text, s, SENT_END)
        prev = [x for x in clause_before(rows, idx, ss) if x.get("indicator")]
        subj = prev[-1]["indicator"] if prev else ""
    return subj + "占" + m.group("whole") + (m.group("noun") or cfg["share_noun"])


def clause_subject(text: str, lo: int, s: int, rows: list[dict] | None = None, idx: int = 0) -> str:
    """The subject an earlier clause of the sentence states (from lo to the figure at s): the nearest
    clause, its predicate and time words removed; asides (包括…, 其中…) are skipped. A clause whose number
    was not read as a figure (访港旅客人次达4,450万) states its subject before the number; a clause with a
    figure of its own is no subject for this one."""
    cfg = attribution()
    seps = [lo - 1] + [lo + m.start() for m in _CLAUSE_SEP.finditer(text[lo:s])]
    figures = [x["start"] for x in (rows[:idx] if rows is not None else []) if lo <= x["start"] < s]
    for a, b in reversed(list(zip(seps, seps[1:]))):
        part = text[a + 1:b]
        if cfg["aside_re"].match(part) or cfg["time_clause_re"].search(part) or _only_time(part):
            continue
        d = _NUMERAL.search(part)
        if d:
            if rows is None or any(a < f < b for f in figures):
                return ""
            part = part[:d.start()]
        subj = clean_indicator(cfg["subject_predicate_re"].sub("", part))
        if subj and len(subj) <= cfg["subject_max_chars"]:
            return subj
        if d and subj:
            return ""  # a subject too long to be one
    return ""


def _named_bracket(text: str, i: int, s: int) -> bool:
    """The bracket opened at i closes before s around a short name, not a list number (（一）, (1)) or a figure."""
    close = {"（": "）", "(": ")"}[text[i]]
    j = text.find(close, i + 1, s)
    inner = text[i + 1:j] if j > 0 else ""
    return 0 < len(inner) <= 12 and not re.fullmatch(r"[0-9一二三四五六七八九十]+", inner) and \
        not (re.search(r"[0-9]", inner) and re.search(r"[\u4e00-\u9fff%]", inner))  # (M2), not （含5%补贴）


def time_clause(phrase: str) -> bool:
    """A phrase that is a time adverbial (他担任市长时, 疫情发生以来): it ends with a time word of its own
    (time_clause, a separate word for jieba: not 课时, 工时)."""
    m = attribution()["time_clause_re"].search(phrase)
    if m is None or m.start() == 0:
        return False
    from ..segment.backends import cut

    return cut(phrase, "jieba")[-1] == m.group(0)


def _only_time(part: str) -> bool:
    """A clause that only states a time (从2016年, 到今年, 在2020年底): no subject of its own."""
    bare = attribution()["indicator_time_re"].sub("", part.strip())
    return bool(part.strip()) and not bare.strip("从自由到至在于截止 ")


_NUMERAL = re.compile(r"[0-9]|[一二两三四五六七八九十百千]*[百千万亿兆]")  # 4,450万, 千亿: a number not read as a figure
_CLAUSE_SEP = re.compile(r"[，；;：]|(?<![0-9])[,:]|[,:](?![0-9])")  # not the comma of 4,450


def list_end(text: str, rows: list[dict], idx: int, anchor: int) -> int:
    """The end of a list of counts joined by 、/和/及 that starts with rows[idx] (103案、222栋的…计划): the noun
    after the last one is the noun of each."""
    j = idx
    while j + 1 < len(rows) and rows[j + 1]["start"] - rows[j]["end"] == 1 and \
            text[rows[j]["end"]] in "、和及与" and rows[j + 1].get("unit_kind") == rows[idx].get("unit_kind"):
        j += 1
    if j == idx:
        return anchor
    end = rows[j]["end"]
    return end if text.startswith("的", end) else anchor


def from_to_pairs(text: str, rows: list[dict]) -> None:
    """从X增加到Y: Y measures what X measures (same indicator and measure, both levels or shares)."""
    cfg = attribution()
    for prev, r in zip(rows, rows[1:]):
        if prev["unit"] == r["unit"] and cfg["from_to_end_re"].fullmatch(text[prev["end"]:r["start"]]) and \
                cfg["from_to_start_re"].search(text[max(0, prev["start"] - 2):prev["start"]].rstrip("超近约")):
            r["indicator"], r["measure"] = prev["indicator"], prev["measure"]


def compared_figures(text: str, rows: list[dict]) -> None:
    """A figure that is a comparison base (较前年的3.2%) takes the indicator and measure of the figure
    it is compared with: the nearest before it in its sentence with the same unit, else after it."""
    cfg = attribution()
    for i, r in enumerate(rows):
        ss, se = bounds(text, r["start"], SENT_END)
        if not cfg["compared_before_re"].search(text[max(ss, r["start"] - 16):r["start"]]):
            continue
        same = [x for x in clause_before(rows, i, ss) if x["unit"] == r["unit"] and x.get("indicator")]
        same = same[-1:] or [x for x in rows[i + 1:] if x["end"] <= se and x["unit"] == r["unit"] and x.get("indicator")][:1]
        if same:
            r["indicator"], r["measure"] = same[0]["indicator"], same[0]["measure"]


def elided_share_base(text: str, rows: list[dict]) -> None:
    """第一产业增加值占地区生产总值的比重为3.8%，第二产业增加值比重为80.9%: a share named without its
    whole takes the whole of the share before it in the sentence."""
    for i, r in enumerate(rows):
        ind = r.get("indicator") or ""
        if r["measure"] != "share" or "占" in ind or not ind.endswith(("比重", "比例")):
            continue
        ss, _ = bounds(text, r["start"], SENT_END)
        prev = [x for x in clause_before(rows, i, ss) if "占" in (x.get("indicator") or "")
                and x["indicator"].endswith(ind[-2:])]
        if prev:
            whole = prev[-1]["indicator"].rsplit("占", 1)[1][:-2]
            r["indicator"] = ind[:-2] + "占" + whole + ind[-2:]


def shared_suffix(names: list[str]) -> list[str]:
    """A coordinated list shares the tail of its last conjunct: 高新技术产业、新兴产业产值占…比重 ->
    高新技术产业产值占…比重 (the tail after the longest end of an earlier name found in the last one)."""
    last = names[-1]
    out = []
    for n in names[:-1]:
        tail = ""
        for k in range(min(len(n), 6), 1, -1):
            i = last.find(n[-k:])
            if i >= 0 and i + k < len(last):
                tail = last[i + k:]
                break
        out.append(n + tail)
    return out + [last]


def clause_before(rows, idx, lo):
    """The rows before rows[idx] that start at or after lo (rows are sorted by start): walked back
    from idx, so the cost is the unit's rows, not the document's."""
    j = idx
    while j > 0 and rows[j - 1]["start"] >= lo:
        j -= 1
    return rows[j:idx]


def distribute(text, rows):
    """分别增长7%、11%、6.3%: a list after 分别 is attributed in order to the subjects before it."""
    n = len(rows)
    i = 0
    while i < n:
        r = rows[i]
        lead = text[max(0, r["start"] - 8):r["start"]]
        if "分别" not in lead:
            i += 1
            continue
        j = i
        while j + 1 < n and rows[j + 1]["start"] - rows[j]["end"] <= 1 and \
                text[rows[j]["end"]:rows[j + 1]["start"]] in ("、", "和", "及", ",", "，"):
            j += 1
        group = rows[i:j + 1]
        k = len(group)
        for g in group[1:]:
            g["measure"] = group[0]["measure"]
        if k >= 2:
            cs, _ = bounds(text, r["start"], CLAUSE_END)
            earlier = [x for x in clause_before(rows, i, cs) if x["unit"] != r["unit"]]
            if len(earlier) >= k:
                for g, src in zip(group, earlier[-k:]):
                    g["indicator"] = src["indicator"]
            else:
                # the subjects are a list before 分别: 高新技术产业、新兴产业产值占…比重分别为
                subj = text[cs:r["start"]]
                subj = re.split(r"[，,；;：:]", subj)[-1]
                subj = re.sub(r"分别.*$", "", subj)
                parts = re.split(r"[、和]", subj)
                if len(parts) == k:
                    names = shared_suffix([strip_phrase(head_of(p)) for p in parts])
                    m = attribution()["share_re"].search("X" + text[text.rfind("分别", cs, r["start"]) + 2:r["start"]]) \
                        if r["unit"] == "%" and "分别" in text[cs:r["start"]] else None
                    if m is not None:  # 规上工业总产值、进出口总额分别占昆山全市的53%和74%
                        names = [n + "占" + m.group("whole") + (m.group("noun") or attribution()["share_noun"])
                                 for n in names]
                    for g, name in zip(group, names):
                        g["indicator"] = name
        i = j + 1
