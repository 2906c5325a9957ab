"""Web-page furniture in text lines: general line rules, short-item runs, site templates,
and URLs / e-mail addresses / percent-encoded strings inside kept lines.

The rules are data (kslib/data/boilerplate_web.yaml); a corpus may switch rules off or
add its own with a `boilerplate.yaml` beside its metadata.csv (`load_rules(folder)`).
Every function returns `(start, end, replacement, rule)` spans on the text it is given,
so kslib.normalize's audit buffer applies and logs them.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .html import web_rules

__all__ = ["WebRules", "load_rules", "combined", "line_rule", "line_spans", "short_run_spans",
           "inline_spans", "template_lines", "SENTENCE"]

SENTENCE = re.compile(r"[，。；！？;!?]|,(?!\d{3})")  # 1,024 is a number, not a clause
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class WebRules:
    """Compiled rules: line rules [(rule, max_len, no_sentence, [patterns])], cut_from
    patterns, short-run parameters, inline span patterns, template thresholds, and the
    names switched off."""

    line_rules: tuple
    cut_from: tuple
    short_runs: dict
    spans: tuple
    template: dict
    disabled: frozenset = field(default_factory=frozenset)
    longest: int = 10 ** 9   # the longest line any line rule may remove
    any_line: object = None  # all line rules' patterns in one alternation (a prefilter), if they combine

    def on(self, rule: str) -> bool:
        return rule not in self.disabled


def _compile(cfg: dict, disabled: set) -> WebRules:
    lines = tuple(
        (r["rule"], int(r.get("max_len", 10 ** 9)), bool(r.get("no_sentence", False)),
         tuple(re.compile(p) for p in r["patterns"]))
        for r in cfg.get("line_rules", []) if r["rule"] not in disabled
    )
    cut = tuple(re.compile(p) for p in cfg.get("cut_from", []))
    spans = tuple((name, re.compile(p)) for name, p in cfg.get("spans", {}).items() if name not in disabled)
    template = {k: cfg[k] for k in ("template_min_docs", "template_min_share", "template_min_chars")}
    longest = max((r[1] for r in lines), default=0)
    any_line = combined([p for r in lines for p in r[3]])
    return WebRules(lines, cut, dict(cfg["short_runs"]), spans, template, frozenset(disabled), longest, any_line)


_UNCOMBINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # back-references, conditionals


def combined(patterns: list) -> re.Pattern | None:
    """One pattern that fullmatches a line iff one of `patterns` does (an alternation), or
    None when they do not combine (flags, named groups, back-references) or there are none."""
    plain = re.compile("").flags
    if not patterns or any(p.flags != plain or p.groupindex or _UNCOMBINABLE.search(p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:
        return None


@functools.lru_cache(maxsize=1)
def _default() -> WebRules:
    return _compile(web_rules(), set())


def load_rules(folder: str | Path | None = None) -> WebRules:
    """The general rules, changed by `folder/boilerplate.yaml` if there is one.

    That file may hold `disable: [rule, …]`, `line_rules: [...]` (added after the
    general ones, same fields), `cut_from: [pattern, …]`, `template_min_docs` etc."""
    if folder is None or not (Path(folder) / "boilerplate.yaml").exists():
        return _default()
    local = yaml.safe_load((Path(folder) / "boilerplate.yaml").read_text("utf-8")) or {}
    cfg = dict(web_rules())
    cfg["line_rules"] = list(cfg["line_rules"]) + list(local.get("line_rules", []))
    cfg["cut_from"] = list(cfg["cut_from"]) + list(local.get("cut_from", []))
    for k in ("template_min_docs", "template_min_share", "template_min_chars"):
        if k in local:
            cfg[k] = local[k]
    return _compile(cfg, set(local.get("disable", [])))


def line_rule(line: str, rules: WebRules | None = None) -> str | None:
    """The rule that removes this (stripped) line, or None."""
    rules = rules or _default()
    s = line.strip()
    if not s or len(s) > rules.longest or (rules.any_line is not None and not rules.any_line.fullmatch(s)):
        return None  # no rule can remove it (the loop below would find none)
    sentence = bool(SENTENCE.search(s))
    for rule, max_len, no_sentence, patterns in rules.line_rules:
        if len(s) > max_len or (no_sentence and sentence):
            continue
        if any(p.fullmatch(s) for p in patterns):
            return rule
    return None


def starts_cut(line: str, rules: WebRules | None = None) -> bool:
    """Does this line head an appended list of links (相关阅读, 推荐阅读 …)?"""
    rules = rules or _default()
    s = line.strip()
    return bool(s) and any(p.fullmatch(s) for p in rules.cut_from)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        yield pos, min(end + 1, len(text)), line
        pos = end + 1


def line_spans(text: str, rules: WebRules | None = None) -> list[tuple[int, int, str, str]]:
    """Spans removing whole lines (with their line break) that a line rule matches."""
    rules = rules or _default()
    spans = []
    for start, end, line in _lines(text):
        rule = line_rule(line, rules)
        if rule:
            spans.append((start, end, "", rule))
    return spans


def short_run_spans(text: str, rules: WebRules | None = None, skip=frozenset()) -> list[tuple]:
    """Runs of very short lines without sentence punctuation or digits (a vertical menu:
    首页 / 要闻 / 国内 / 国际 …), at least `min_lines` long, blank lines between them
    ignored; lines whose start is in `skip` (already removed) break no run and join none."""
    rules = rules or _default()
    cfg = rules.short_runs
    if not rules.on(cfg["rule"]):
        return []
    spans, run = [], []

    def flush():
        if len(run) >= cfg["min_lines"]:
            spans.extend((s, e, "", cfg["rule"]) for s, e in run)
        run.clear()

    for start, end, line in _lines(text):
        s = line.strip()
        if not s or start in skip:
            continue
        if len(s) <= cfg["max_chars"] and not SENTENCE.search(s) and not _DIGIT.search(s) and not s.startswith("#"):
            run.append((start, end))
        else:
            flush()
    flush()
    return spans


def inline_spans(text: str, rules: WebRules | None = None) -> list[tuple[int, int, str, str]]:
    """URLs, e-mail addresses and percent-encoded strings inside lines (removed), sorted
    and disjoint (a URL's percent-encoded path is part of the URL's span)."""
    rules = rules or _default()
    found = []
    for name, pattern in rules.spans:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in ".,:;)]}'\"":  # sentence punctuation after a URL
                e -= 1
            if e > s:
                found.append((s, e, "", name))
    found.sort(key=lambda sp: (sp[0], -sp[1]))
    out = []
    for sp in found:
        if out and sp[0] < out[-1][1]:
            continue
        out.append(sp)
    return out


def template_lines(documents: list[list[str]], rules: WebRules | None = None) -> set[str]:
    """Lines that are a site's template: stripped lines of at least template_min_chars
    characters, not sentences, found in at least template_min_docs documents and in at
    least template_min_share of the corpus. `documents` holds each document's lines."""
    rules = rules or _default()
    if not rules.on("site_template"):
        return set()
    t = rules.template
    counts: Counter = Counter()
    for lines in documents:
        counts.update({s for s in (l.strip() for l in lines)
                       if len(s) >= t["template_min_chars"] and not SENTENCE.search(s)})
    need = max(t["template_min_docs"], t["template_min_share"] * len(documents))
    return {s for s, c in counts.items() if c >= need}
