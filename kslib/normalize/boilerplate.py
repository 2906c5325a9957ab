"""Line rules from kslib/data/boilerplate.yaml: appended related-news sections, navigation,
datelines, bylines, editor and promo lines, digit ids, repeated paragraphs; span rules (page markers);
then the general web rules of kslib/data/boilerplate_web.yaml and near-duplicate paragraphs."""
from __future__ import annotations

import functools
import re
from importlib import resources

import numpy as np
import yaml

from .. import heap
from ..readers.boilerplate import combined
from .buffer import line_spans

__all__ = ["rules", "author_names", "line_removals", "web_line_removals", "span_removals", "MIN_REPEAT_CHARS"]

MIN_REPEAT_CHARS = 8  # a verbatim repeat shorter than this is kept
_SENTENCE = re.compile("[，。；！？]")


@functools.lru_cache(maxsize=1)
def rules() -> dict:
    text = resources.files("kslib.data").joinpath("boilerplate.yaml").read_text("utf-8")
    cfg = yaml.safe_load(text)
    cfg["cut_from"]["compiled"] = [re.compile(p) for p in cfg["cut_from"]["patterns"]]
    for r in cfg["line_rules"] + cfg["span_rules"]:
        r["compiled"] = [re.compile(p) for p in r["patterns"]]
    # prefilter: a line longer than every rule's max_len, or matching no rule's pattern, is no rule's
    cfg["longest"] = max((r["max_len"] for r in cfg["line_rules"]), default=0)
    cfg["any_line"] = combined([p for r in cfg["line_rules"] for p in r["compiled"]])
    return cfg


def author_names(authors: str | None) -> set[str]:
    if not authors or not isinstance(authors, str):
        return set()
    return {a for a in re.split(r"[\s,，、;；/]+", authors) if a}


def line_removals(raw: str, authors: set[str]) -> list[tuple[int, int, str, str]]:
    cfg = rules()
    spans = []
    seen: set[str] = set()
    cut = prose = False
    for start, end, line in line_spans(raw):
        s = line.strip()
        rule = None
        # an appended section follows an article: a related-news heading before any prose
        # (the first line, or only a headline above it) heads no appended section
        if cut or (prose and any(p.match(s) for p in cfg["cut_from"]["compiled"])):
            cut, rule = True, cfg["cut_from"]["rule"]
        elif s:
            maybe = len(s) <= cfg["longest"] and (cfg["any_line"] is None or cfg["any_line"].fullmatch(s))
            for r in cfg["line_rules"] if maybe else ():
                if len(s) <= r["max_len"] and any(p.fullmatch(s) for p in r["compiled"]):
                    rule = r["rule"]
                    break
            if rule is None and authors and set(s.split()) <= authors:
                rule = "byline"
            # short lines (list markers, "（完）", a repeated one-word heading) repeat legitimately
            if rule is None and len(s) >= MIN_REPEAT_CHARS and s in seen:
                rule = "repeated_paragraph"
            if rule is None:
                seen.add(s)
                prose = prose or _is_prose(s)
        if rule:
            spans.append((start, end, "", rule))
    return spans


def _is_prose(line: str) -> bool:
    """A line of running text: 20+ characters with sentence punctuation."""
    return len(line.strip()) >= 20 and bool(_SENTENCE.search(line))


def span_removals(buf) -> None:
    """Remove the span rules' matches inside kept lines (page-break markers), with the spaces around them."""
    for r in rules()["span_rules"]:
        for p in r["compiled"]:
            if p.search(buf.text):  # a match with its spaces holds a match of the bare pattern
                buf.sub(re.compile(rf"[ \t]*{p.pattern}[ \t]*"), r["rule"])


def web_line_removals(text: str, authors: set[str], web=None, templates: frozenset = frozenset()):
    """Whole-line removals on the visible text: the rules above (boilerplate.yaml), then the
    general web rules (kslib/data/boilerplate_web.yaml: toolbars, share/subscribe, adverts,
    editor and copyright lines, captions, more links, article info), appended-list
    headings, site-template lines, short-item runs (vertical menus), and near-duplicate
    paragraphs of kept lines. Returns (spans, {buffer start of a near duplicate: buffer
    start of the line it repeats})."""
    from ..readers.boilerplate import line_rule, load_rules, short_run_spans, starts_cut
    from ..readers.dedup import Lines, near_duplicates

    web = web or load_rules()
    removed = {s: (s, e, "", r) for s, e, _, r in line_removals(text, authors)}
    # (start, end, line), walked three times below; a long text's lines are made on each walk
    # (held, they and their tuples would cost the text about twice again)
    lines = list(line_spans(text)) if len(text) < LAZY_CHARS else _Walk(text)
    # a dateline stands at the head of an article; a bare date after the text is the date a
    # notice was signed (昆山市人民政府 / 2023年3月8日), which belongs to it
    prose_seen = False
    for start, end, line in lines:
        if start in removed and removed[start][3] == "dateline" and prose_seen:
            del removed[start]
        elif start not in removed and _is_prose(line):
            prose_seen = True
    cut, cut_rule = False, rules()["cut_from"]["rule"]
    prose_seen = False
    for start, end, line in lines:
        if start in removed:
            cut = cut or removed[start][3] == cut_rule
            continue
        if cut or (prose_seen and web.on("related_news") and starts_cut(line, web)):
            cut, rule = True, "related_news"
        else:
            rule = line_rule(line, web)
            if rule == "dateline" and prose_seen:
                rule = None
            if rule is None and templates and line.strip() in templates:
                rule = "site_template"
        if rule:
            removed[start] = (start, end, "", rule)
        elif _is_prose(line):
            prose_seen = True
    for sp in short_run_spans(text, web, skip=frozenset(removed)):
        removed.setdefault(sp[0], sp)
    repeats = {}
    if web.on("near_duplicate") and isinstance(lines, _Walk):
        # the kept lines as slices of the text, made when near_duplicates reads them
        kept = [(s, e, s + len(line)) for s, e, line in lines if s not in removed and line.strip()]
        start, end, stop = (np.fromiter((k[c] for k in kept), np.int64, len(kept)) for c in range(3))
        del kept
        for i, j, _share in near_duplicates(Lines(text, start, stop)):
            s, e = int(start[i]), int(end[i])
            removed[s] = (s, e, "", "near_duplicate")
            repeats[s] = int(start[j])
        heap.trim()  # near_duplicates' freed arrays back to the system before the edits that follow
    elif web.on("near_duplicate"):
        kept = [(s, e, line) for s, e, line in lines if s not in removed and line.strip()]
        for i, j, _share in near_duplicates([line for _, _, line in kept]):
            s, e, _ = kept[i]
            removed[s] = (s, e, "", "near_duplicate")
            repeats[s] = kept[j][0]
    return sorted(removed.values()), repeats


LAZY_CHARS = 1 << 20  # a text this long has its lines made on each walk, not held


class _Walk:
    """line_spans(text) made again on each iteration, a line at a time (no list of every line)."""

    def __init__(self, text: str):
        self.text = text

    def __iter__(self):
        text, pos, n = self.text, 0, len(self.text)
        while True:
            nl = text.find("\n", pos)
            end = n if nl < 0 else nl
            yield pos, min(end + 1, n), text[pos:end]
            if nl < 0:
                return
            pos = nl + 1
