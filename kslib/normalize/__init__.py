"""Normalisation: raw document text -> analysis text, with an audit log.

Every change is an *edit* on the raw text: a raw span (start, end), the rule that
made it, the raw text and its replacement ("" for a removal). Each character of the
normalised text remembers the raw offset it came from, so any position in `text`
maps back to a raw line, and raw can be rebuilt exactly from text + log
(`restore_raw`), which is what the tests check: nothing leaves raw unlogged.

One module per family of rules (buffer: the audit buffer; boilerplate; layout; script;
characters). Order of the rules (each works on the result of the previous ones):
  1. line rules on raw lines: appended related-news section, navigation, dateline,
     byline, editor, promo, digit ids (kslib/data/boilerplate.yaml), then
     repeated paragraphs (verbatim repeats of an earlier kept line);
  2. page-break markers ("(下转A2版)") and Markdown heading marks;
  3. paragraphs split by a page break rejoined;
  4. Traditional -> Simplified (OpenCC t2s);
  5. OCR slips in numbers (l/I/O for 1/1/0), then full-width -> ASCII;
  6. spacing inside numbers ("国批 30 周年", "8.5 万元");
  7. whitespace: lines trimmed, runs of blank lines collapsed.
"""
from __future__ import annotations

from .boilerplate import author_names, line_removals, span_removals
from .buffer import LOG_COLUMNS, Buffer, Normalized, finish, restore_raw
from .characters import full_width, number_spacing, ocr_digits
from .layout import markdown_headings, page_break_joins, whitespace
from .script import t2s, t2s_edits

__all__ = ["Normalized", "normalize", "restore_raw", "t2s", "LOG_COLUMNS"]


def normalize(raw: str, *, authors: str | None = None) -> Normalized:
    """Normalise one document's raw text; see the module docstring for the rules."""
    buf = Buffer(raw)
    buf.edit(line_removals(raw, author_names(authors)))
    span_removals(buf)
    markdown_headings(buf)
    page_break_joins(buf)
    t2s_edits(buf)
    ocr_digits(buf)
    full_width(buf)
    number_spacing(buf)
    whitespace(buf)
    return finish(buf)
