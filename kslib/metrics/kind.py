"""Kind of each quantity mention: actual, target or forecast, and the cue that decided it (kind_cue,
"where:word" with where = clause, sentence, time, section or paragraph), from the cue words in
kslib/data/attribution.yaml and the review/plan scope of its section (kslib.structure)."""
from __future__ import annotations

import functools
import re

from ..structure.fastre import fast
from .lexicon import OPEN_QUOTES, attribution

__all__ = ["cues_in", "kind_of"]


@functools.lru_cache(maxsize=1024)  # figures of one clause or sentence ask for the same span
def cues_in(text: str, lo: int, hi: int) -> tuple[tuple[int, int, str, str], ...]:
    """Kind cues in text[lo:hi]: (start, end, kind, word), in text order. 将 used like 把 (将X用于Y) is
    no cue; completing a target (完成年度目标任务) is an actual unless an intent modal governs it."""
    cfg = attribution()
    seg = text[lo:hi]
    found = []
    for rx, kind in ((cfg["forecast_re"], "forecast"), (cfg["target_re"], "target"), (cfg["actual_re"], "actual")):
        if fast(rx).cannot_match(seg):
            continue  # most clauses hold no first character of any cue: one quick scan instead of the pattern's
        for m in rx.finditer(seg):
            word = m.group(0)
            if kind == "target" and word.startswith("将") and disposal(seg[m.end():]):
                continue
            if kind == "actual" and "任务" in word and any(w in seg[:m.start()] for w in cfg["intent_modals"]):
                kind = "target"
            found.append((lo + m.start(), lo + m.end(), kind, word))
    found.sort()
    # a cue inside a longer cue of another kind (目标 in 完成年度目标任务) gives way to it
    out = []
    for c in found:
        if any(o[0] <= c[0] and c[1] <= o[1] and (o[1] - o[0]) > (c[1] - c[0]) for o in found):
            continue
        out.append(c)
    return tuple(out)


_HORIZON = re.compile(r"到([0-9]{4})年")
_WEAK_FUTURE = ("将", "会")


def _past_horizon(cue: tuple, doc_year: int | None) -> bool:
    """到2020年 in a later document is "as of" a past year, no target horizon (到2020年底，累计完成投资80亿元)."""
    m = _HORIZON.fullmatch(cue[3]) if cue[2] == "target" else None
    return m is not None and doc_year is not None and int(m.group(1)) < doc_year


def _forecast_before(earlier: tuple, c: tuple):
    """A forecast cue earlier in the sentence governs a bare future 将/会 (据预测，…市场规模将突破500亿元)."""
    if c[3] not in _WEAK_FUTURE:
        return None
    f = [x for x in earlier if x[2] == "forecast"]
    return f[-1] if f else None


def disposal(rest: str) -> bool:
    """将 used like 把: a verb of ba_complements after 将 with an object between them (将价格临时补贴标准提高1倍,
    将X用于Y), not only adverbs (将进一步提高, 将用于: the future)."""
    cfg = attribution()
    for b in cfg["ba_complements"]:
        i = rest.find(b)
        while i >= 0:
            between = rest[:i]
            for a in sorted(cfg["ba_adverbs"], key=len, reverse=True):
                between = between.replace(a, "")
            if between.strip():
                return True
            i = rest.find(b, i + 1)
    return False


def _own_figure_only(text: str, cue: tuple, s: int) -> bool:
    """A cue that dates only the figure it introduces (原先预算的$481亿) with a number between it and s."""
    return cue[3] in attribution()["own_figure_cues"] and bool(_NUMBER.search(text, cue[1], s))


_NUMBER = re.compile(r"[0-9０-９]")


def nearest(cues, s: int, e: int, *, after: bool, text: str | None = None):
    if text is not None:
        cues = [c for c in cues if not (c[1] <= s and _own_figure_only(text, c, s))]
    before = [c for c in cues if c[1] <= s or (c[0] < s)]
    if before:
        return before[-1]
    if after:
        later = [c for c in cues if c[0] >= e]
        if later:
            return later[0]
    return None


def kind_of(text: str, row: dict, clause: tuple[int, int], sentence: tuple[int, int], para_first: tuple[int, int],
            scope: tuple[str | None, str | None], time, doc_year: int | None) -> tuple[str, str]:
    """(kind, kind_cue) of one figure, the first rule that applies:
    0. a population used as an epithet (14亿人口的发展中国家): actual;
    1. a cue in its clause (the nearest before it, else the nearest after it; 原定/原先预算 only for the
       figure they introduce);
    2. its own time, in its clause, before the document's year: actual;
    3. a cue in an earlier clause of its sentence; then its own time in its sentence before the
       document's year: actual;
    4. its section's scope (review -> actual, plan -> target), except that in a plan section a figure whose
       sentence has a target cue only in a later clause is the premise of the plan: actual;
    5. a target cue in the first clause of its paragraph (a work plan: 要…);
    6. its time (or the end of its period) after the document's year: target;
    7. actual."""
    s, e = row["start"], row["end"]
    if row.get("epithet"):
        return "actual", f"clause:{row['epithet']}"

    def cues(lo: int, hi: int):
        return tuple(x for x in cues_in(text, lo, hi) if not _past_horizon(x, doc_year))

    c = nearest(cues(*clause), s, e, after=True, text=text)
    if c is not None:
        f = _forecast_before(cues(sentence[0], c[0]), c)
        if f:
            return f[2], f"{'clause' if f[0] >= clause[0] else 'sentence'}:{f[3]}"
        return c[2], f"clause:{c[3]}"
    last = time.last if time.last is not None else time.first
    past = doc_year is not None and last is not None and last < doc_year
    if past and time.where == "clause":
        return "actual", f"time:{time.cue}"
    if sentence[0] < clause[0]:
        c = nearest(cues(sentence[0], clause[0]), s, e, after=False, text=text)
        if c is not None:
            f = _forecast_before(cues(sentence[0], c[0]), c)
            return (f[2], f"sentence:{f[3]}") if f else (c[2], f"sentence:{c[3]}")
    if past and time.where == "sentence":
        return "actual", f"time:{time.cue}"
    kind, cue = scope
    future = doc_year is not None and last is not None and last > doc_year
    if kind == "plan" and clause[1] < sentence[1] and attribution()["plan_premise"] and not future:
        later = [x for x in cues_in(text, clause[1], sentence[1]) if x[2] == "target"]
        if later:  # the premise of a plan (今年高校毕业生达874万人，要促进…): a present fact
            return "actual", f"sentence:{later[0][3]}"
    if kind in ("review", "plan"):
        return ("actual" if kind == "review" else "target"), f"section:{cue}"
    if para_first[1] <= s and text[para_first[0]] not in OPEN_QUOTES:
        t = [x for x in cues_in(text, *para_first) if x[2] == "target"]
        if t:
            return "target", f"paragraph:{t[0][3]}"
    if doc_year is not None and last is not None and last > doc_year:  # a year or plan period to come
        return "target", f"time:{time.cue}"
    return "actual", ""
