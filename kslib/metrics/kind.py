"""Kind of each quantity mention: actual, target or forecast, and the cue that decided it (kind_cue,
"where:word" with where = clause, sentence, time, section or paragraph), from the cue words in
kslib/data/attribution.yaml and the review/plan scope of its section (kslib.structure)."""
from __future__ import annotations

from .lexicon import OPEN_QUOTES, attribution

__all__ = ["cues_in", "kind_of"]


def cues_in(text: str, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
    """Kind cues in text[lo:hi]: (start, end, kind, word), in text order. 将 used like 把 (将X用于Y) is
    no cue; completing a target (完成年度目标任务) is an actual unless an intent modal governs it."""
    cfg = attribution()
    seg = text[lo:hi]
    found = []
    for rx, kind in ((cfg["forecast_re"], "forecast"), (cfg["target_re"], "target"), (cfg["actual_re"], "actual")):
        for m in rx.finditer(seg):
            word = m.group(0)
            if kind == "target" and word.startswith("将"):
                rest = seg[m.end():]
                if any(b in rest for b in cfg["ba_complements"]):
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
    return out


def nearest(cues, s: int, e: int, *, after: bool):
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
    1. a cue in its clause (the nearest before it, else the nearest after it);
    2. its own time (clause or sentence) before the document's year: actual;
    3. a cue in an earlier clause of its sentence;
    4. its section's scope (review -> actual, plan -> target);
    5. a target cue in the first clause of its paragraph (a work plan: 要…);
    6. its time (or the end of its period) after the document's year: target;
    7. actual."""
    s, e = row["start"], row["end"]
    c = nearest(cues_in(text, *clause), s, e, after=True)
    if c is not None:
        return c[2], f"clause:{c[3]}"
    last = time.last if time.last is not None else time.first
    if doc_year is not None and last is not None and time.where in ("clause", "sentence") and last < doc_year:
        return "actual", f"time:{time.cue}"
    if sentence[0] < clause[0]:
        c = nearest(cues_in(text, sentence[0], clause[0]), s, e, after=False)
        if c is not None:
            return c[2], f"sentence:{c[3]}"
    kind, cue = scope
    if kind in ("review", "plan"):
        return ("actual" if kind == "review" else "target"), f"section:{cue}"
    if para_first[1] <= s and text[para_first[0]] not in OPEN_QUOTES:
        t = [x for x in cues_in(text, *para_first) if x[2] == "target"]
        if t:
            return "target", f"paragraph:{t[0][3]}"
    if doc_year is not None and last is not None and last > doc_year:  # a year or plan period to come
        return "target", f"time:{time.cue}"
    return "actual", ""
