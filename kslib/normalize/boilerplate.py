"""Line rules from kslib/data/boilerplate.yaml: appended related-news sections, navigation,
datelines, bylines, editor and promo lines, digit ids, repeated paragraphs; span rules (page markers)."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from .buffer import line_spans

__all__ = ["rules", "author_names", "line_removals", "span_removals", "MIN_REPEAT_CHARS"]

MIN_REPEAT_CHARS = 8  # a verbatim repeat shorter than this is kept


@functools.lru_cache(maxsize=1)
def rules() -> dict:
    text = resources.files("kslib.data").joinpath("boilerplate.yaml").read_text("utf-8")
    cfg = yaml.safe_load(text)
    cfg["cut_from"]["compiled"] = [re.compile(p) for p in cfg["cut_from"]["patterns"]]
    for r in cfg["line_rules"] + cfg["span_rules"]:
        r["compiled"] = [re.compile(p) for p in r["patterns"]]
    return cfg


def author_names(authors: str | None) -> set[str]:
    if not authors or not isinstance(authors, str):
        return set()
    return {a for a in re.split(r"[\s,，、;；/]+", authors) if a}


def line_removals(raw: str, authors: set[str]) -> list[tuple[int, int, str, str]]:
    cfg = rules()
    spans = []
    seen: set[str] = set()
    cut = False
    for start, end, line in line_spans(raw):
        s = line.strip()
        rule = None
        if cut or any(p.match(s) for p in cfg["cut_from"]["compiled"]):
            cut, rule = True, cfg["cut_from"]["rule"]
        elif s:
            for r in cfg["line_rules"]:
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
        if rule:
            spans.append((start, end, "", rule))
    return spans


def span_removals(buf) -> None:
    """Remove the span rules' matches inside kept lines (page-break markers), with the spaces around them."""
    for r in rules()["span_rules"]:
        for p in r["compiled"]:
            buf.sub(re.compile(rf"[ \t]*{p.pattern}[ \t]*"), r["rule"])
