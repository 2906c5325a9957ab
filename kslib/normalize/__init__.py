"""Normalisation: raw document text -> analysis text, with an audit log.

Every change is an *edit* on the raw text: a raw span (start, end), the rule that
made it, the raw text and its replacement ("" for a removal). Each character of the
normalised text remembers the raw offset it came from, so any position in `text`
maps back to a raw line, and raw can be rebuilt exactly from text + log
(`restore_raw`), which is what the tests check: nothing leaves raw unlogged.

One module per family of rules (buffer: the audit buffer; markup; boilerplate; layout;
script; characters), and what the result keeps lean (offsets: the raw offsets as runs;
visible: the visible lines as spans). Order of the rules (each works on the result of the previous ones):
  0. line breaks (CRLF, lone CR, NEL, U+2028/9 -> "\n"); the format's markup (HTML tags,
     scripts, styles, comments, entities, page furniture by structure; Markdown front
     matter, marks, link targets, images), found by kslib.readers, format told by content;
  1. line rules on the visible lines: appended related-news section, navigation, dateline,
     byline, editor, promo, digit ids (kslib/data/boilerplate.yaml), then repeated
     paragraphs (verbatim repeats of an earlier kept line), then the general web rules
     (kslib/data/boilerplate_web.yaml: toolbars, share/subscribe, adverts, copyright,
     captions, article info, site templates, vertical menus) and near-duplicate
     paragraphs; then URLs, e-mail addresses and percent-encoded strings in kept lines;
  2. page-break markers ("(下转A2版)") and Markdown heading marks;
  3. paragraphs hard-wrapped at a fixed width (PDF text) or split by a page break rejoined;
  4. Traditional -> Simplified (OpenCC t2s);
  5. OCR slips in numbers (l/I/O for 1/1/0), then full-width -> ASCII;
  6. spacing inside numbers ("国批 30 周年", "8.5 万元");
  7. whitespace: lines trimmed, runs of blank lines collapsed.
"""
from __future__ import annotations

from .. import heap
from .boilerplate import author_names, line_removals, span_removals, web_line_removals
from .buffer import LOG_COLUMNS, Buffer, Normalized, finish, restore_raw
from .characters import full_width, number_spacing, ocr_digits
from .layout import hard_wrap_joins, markdown_headings, page_break_joins, whitespace
from .markup import format_markup, inline_removals, line_breaks
from .script import t2s, t2s_edits
from .visible import visible_lines

__all__ = ["Normalized", "normalize", "restore_raw", "t2s", "LOG_COLUMNS"]


def normalize(raw: str, *, authors: str | None = None, fmt: str | None = None, rules=None,
              templates: frozenset = frozenset()) -> Normalized:
    """Normalise one document's raw text; see the module docstring for the rules.

    fmt: "text", "markdown" or "html" (default: told from the content); rules: the web
    rules (kslib.readers.boilerplate.load_rules(folder) for a corpus's own
    boilerplate.yaml); templates: a corpus's site-template lines to remove.
    """
    buf = Buffer(raw)
    line_breaks(buf)
    fmt, parsed = format_markup(buf, fmt)
    visible = visible_lines(buf)
    long = len(raw) >= heap.LONG
    if long:  # the markup pass's freed temporaries back to the system (kslib.heap)
        heap.trim()
    spans, repeats = web_line_removals(buf.text, author_names(authors), rules, templates)
    notes = {buf.raw_offset(a): buf.raw_offset(b) for a, b in repeats.items()}
    buf.edit(spans)
    inline_removals(buf, rules)
    span_removals(buf)
    markdown_headings(buf)
    hard_wrap_joins(buf)
    page_break_joins(buf)
    t2s_edits(buf)
    ocr_digits(buf)
    full_width(buf)
    number_spacing(buf)
    whitespace(buf)
    # near_duplicate rows name the raw line of the paragraph they repeat
    out = finish(buf, repeats=notes, format=fmt, parsed=parsed, visible=visible)
    if long:
        del buf
        heap.trim()
    return out

