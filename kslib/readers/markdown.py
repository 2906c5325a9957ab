"""Markdown documents: front matter, markup and link targets as spans on the raw text.

Front matter (YAML between `---` lines, TOML between `+++` lines) is parsed with PyYAML
and the standard library's tomllib — the two parsers python-frontmatter itself wraps —
and removed whole (rule `front_matter`); its fields are metadata. HTML inside the
Markdown (<figure>, <img>, <!-- comments -->, entities) is read with kslib.readers.html
(captions go as `image_caption`). Markdown syntax goes as lexical spans, because what
must leave the text is lexical: heading marks, emphasis marks, list bullets, block-quote
marks, table pipes (rule `markdown`); link targets `](https://…)` and reference
definitions (`link_target`); images `![alt](src)` whole (`image`); fenced code
(`markdown_code`). The link text stays: `[昆山](https://…)` reads 昆山.
"""
from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field

import yaml

from .html import parse_html
from .lines import LINE_BREAK

__all__ = ["parse_markdown", "MarkdownDoc", "front_matter"]

_FM_OPEN = re.compile(r"\A(\ufeff?)(---|\+\+\+)[ \t]*(\r\n|\r|\n)")
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n\r]*$", re.M)
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+", re.M)  # as kslib.normalize's `markdown` rule
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", re.M)
_HRULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)
_BULLET = re.compile(r"^[ \t]{0,6}[-*+][ \t]+(?=\S)", re.M)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$", re.M)
# ![alt](src "title") — also inside a link: [![alt](src)](href)
_LINKED_IMAGE = re.compile(r"\[!\[[^\]\n]*\]\([^)\n]*\)\]\([^)\n]*\)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[(?=[^\]\n]*\]\(|[^\]\n]*\]\[)([^\]\n]*)\](\([^)\n]*(?:\([^)\n]*\)[^)\n]*)*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>|<[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+>")
# emphasis marks; "word" means a Latin letter or digit (CJK text puts *强调* between characters)
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)([^\n]*?\S)\1|(?<![A-Za-z0-9*])(\*)(?=[^\s*])([^\n*]*?[^\s*])\*(?![A-Za-z0-9*])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9_])_(?=[^\s_])([^\n_]*?[^\s_])_(?![A-Za-z0-9_])")
_INLINE_MARKS = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_~`\[\]]+")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


@dataclass
class MarkdownDoc:
    spans: list                 # [(start, end, replacement, rule)], sorted, disjoint
    front_matter: dict = field(default_factory=dict)
    front_matter_format: str = ""   # yaml / toml / ""
    front_matter_error: str = ""
    headings: list = field(default_factory=list)   # [(level, text, raw_start)]


def front_matter(raw: str) -> tuple[int, dict, str, str]:
    """(end offset, fields, format, error) of a leading front-matter block; end 0 if none.

    The block runs from an opening `---` (YAML) or `+++` (TOML) line to the next line
    that is the same delimiter (YAML may close with `...`)."""
    m = _FM_OPEN.match(raw)
    if not m:
        return 0, {}, "", ""
    delim = m.group(2)
    closers = {delim, "..."} if delim == "---" else {delim}
    pos = m.end()
    body_start = pos
    for lm in LINE_BREAK.finditer(raw, pos):
        line = raw[pos:lm.start()]
        if line.rstrip() in closers:
            body = raw[body_start:pos]
            fmt = "yaml" if delim == "---" else "toml"
            fields, err = _parse(body, fmt)
            if fmt == "yaml" and not isinstance(fields, dict):
                return 0, {}, "", ""  # `---` then prose: a thematic break, not front matter
            return lm.end(), fields, fmt, err
        pos = lm.end()
    line = raw[pos:]
    if line.rstrip() in closers:  # closing delimiter on the last line, no newline
        fmt = "yaml" if delim == "---" else "toml"
        fields, err = _parse(raw[body_start:pos], fmt)
        if isinstance(fields, dict):
            return len(raw), fields, fmt, err
    return 0, {}, "", ""


def _parse(body: str, fmt: str):
    try:
        data = yaml.safe_load(body) if fmt == "yaml" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as e:
        return {}, f"{fmt} front matter does not parse: {str(e).splitlines()[0]}"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, ""
    return {str(k): _plain(v) for k, v in data.items()}, ""


def _plain(v):
    """Front-matter values as strings (dates ISO, lists joined with ;)."""
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return ";".join(str(_plain(x)) for x in v)
    if isinstance(v, dict):
        return v
    return "" if v is None else str(v)


def parse_markdown(raw: str) -> MarkdownDoc:
    """Spans that turn a Markdown document into its text."""
    end, fields, fmt, err = front_matter(raw)
    doc = MarkdownDoc([], fields, fmt, err)
    taken: list[tuple[int, int, str, str]] = []
    if end:
        taken.append((0, end, "", "front_matter"))
    # fenced code blocks (not text)
    fences = list(_FENCE.finditer(raw, end))
    k = 0
    while k + 1 < len(fences):
        a, b = fences[k], fences[k + 1]
        if b.group(1)[0] == a.group(1)[0] and len(b.group(1)) >= len(a.group(1)) and not b.group(0).strip()[len(b.group(1)):].strip():
            stop = b.end()
            if stop < len(raw) and raw[stop] in "\r\n":
                stop += 2 if raw.startswith("\r\n", stop) else 1
            taken.append((a.start(), stop, "", "markdown_code"))
            k += 2
        else:
            k += 1
    masked = _mask(raw, taken)
    spans = _free(taken)

    def add(s, e, repl, rule):
        spans.add(s, e, repl, rule)

    text = masked
    # link targets first: a URL's &amp; or <…> is not HTML
    for m in _REF_DEF.finditer(text):
        add(m.start(), _line_end(text, m.end()), "", "link_target")
    for m in _LINKED_IMAGE.finditer(text):
        add(m.start(), m.end(), "", "image")
    for m in _IMAGE.finditer(text):
        add(m.start(), m.end(), "", "image")
    for m in _LINK.finditer(text):
        add(m.start(), m.start() + 1, "", "markdown")
        add(m.start(2) - 1, m.end(), "", "link_target")
    for m in _AUTOLINK.finditer(text):
        add(m.start(), m.end(), "", "url")
    # HTML inside the Markdown (tags, comments, entities, figure captions)
    if "<" in masked or "&" in masked:
        for sp in parse_html(masked, embedded=True).spans:
            add(*sp)
    for m in _HEADING.finditer(text):
        add(m.start(), m.end(), "", "markdown")
        line_end = _line_end(text, m.end(), keep_break=True)
        close = _HEADING_CLOSE.search(text, m.end(), line_end)
        if close:
            add(close.start(), close.end(), "", "markdown")
        heading = text[m.end():close.start() if close else line_end]
        doc.headings.append((len(m.group(1)), _INLINE_MARKS.sub("", heading).strip(), m.start()))
    for m in _TABLE_SEP.finditer(text):
        if "|" in m.group(0) or _prev_is_table(text, m.start()):
            add(m.start(), _line_end(text, m.end()), "", "markdown")
    for m in _SETEXT.finditer(text):
        if _prev_line(text, m.start()).strip() and not _TABLE_ROW.match(_prev_line(text, m.start())):
            add(m.start(), m.end(), "", "markdown")
            lvl = 1 if m.group(0).strip().startswith("=") else 2
            doc.headings.append((lvl, _prev_line(text, m.start()).strip(), m.start()))
    for m in _HRULE.finditer(text):
        add(m.start(), m.end(), "", "markdown")
    for m in _QUOTE.finditer(text):
        add(m.start(), m.end(), "", "markdown")
    for m in _BULLET.finditer(text):
        add(m.start(), m.end(), "", "markdown")
    for m in _TABLE_ROW.finditer(text):
        row = m.group(0)
        base = m.start()
        pipes = [base + i for i, c in enumerate(row) if c == "|" and (i == 0 or row[i - 1] != "\\")]
        lead = len(row) - len(row.lstrip())
        for p in pipes:
            first = p == base + lead
            last = p == base + len(row.rstrip()) - 1
            add(p, p + 1, "" if first or last else " ", "markdown")
    for m in _CODE.finditer(text):
        add(m.start(), m.start(1) + len(m.group(1)), "", "markdown")
        add(m.end() - len(m.group(1)), m.end(), "", "markdown")
    for m in _EMPHASIS.finditer(text):
        mark = m.group(1) or m.group(3)
        add(m.start(), m.start() + len(mark), "", "markdown")
        add(m.end() - len(mark), m.end(), "", "markdown")
    for m in _UNDERSCORE.finditer(text):
        add(m.start(), m.start() + 1, "", "markdown")
        add(m.end() - 1, m.end(), "", "markdown")
    for m in _ESCAPE.finditer(text):
        add(m.start(), m.end(), m.group(1), "markdown")
    doc.spans = spans.sorted()
    doc.headings.sort(key=lambda h: h[2])
    return doc


class _free:
    """Spans accepted first-come: a span overlapping an accepted one is dropped."""

    def __init__(self, spans):
        self.spans = []
        self._starts = []
        for sp in sorted(spans):
            self.add(*sp)

    def add(self, s, e, repl, rule):
        import bisect

        if e <= s and not repl:
            return
        k = bisect.bisect_left(self._starts, s)
        if k > 0 and self.spans[k - 1][1] > s:
            return
        if k < len(self.spans) and self.spans[k][0] < e:
            return
        self._starts.insert(k, s)
        self.spans.insert(k, (s, e, repl, rule))

    def sorted(self):
        return list(self.spans)


def _mask(raw: str, regions) -> str:
    """raw with the given regions blanked (same length, line breaks kept)."""
    if not regions:
        return raw
    parts, pos = [], 0
    for s, e, _, _ in sorted(regions):
        parts.append(raw[pos:s])
        parts.append(re.sub(r"[^\r\n]", " ", raw[s:e]))
        pos = e
    parts.append(raw[pos:])
    return "".join(parts)


def _line_end(text: str, pos: int, keep_break: bool = False) -> int:
    """End of the line at pos; with its line break unless keep_break."""
    m = LINE_BREAK.search(text, pos)
    if not m:
        return len(text)
    return m.start() if keep_break else m.end()


def _prev_line(text: str, pos: int) -> str:
    """The line before the one starting at pos."""
    if pos == 0:
        return ""
    end = pos - 1
    if end > 0 and text[end] == "\n" and text[end - 1] == "\r":
        end -= 1
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    return text[start:end]


def _prev_is_table(text: str, pos: int) -> bool:
    return bool(_TABLE_ROW.match(_prev_line(text, pos)))
