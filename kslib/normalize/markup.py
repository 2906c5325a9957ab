"""Markup rules: line breaks, HTML and Markdown markup, URLs / e-mail addresses / percent-
encoded strings — the spans kslib.readers finds on the text, applied through the buffer."""
from __future__ import annotations

from ..readers.boilerplate import WebRules, inline_spans
from ..readers.formats import detect_format
from ..readers.html import parse_html
from ..readers.lines import line_break_spans
from ..readers.markdown import parse_markdown
from .buffer import Buffer

__all__ = ["line_breaks", "format_markup", "inline_removals"]


def line_breaks(buf: Buffer) -> None:
    """CRLF, lone CR, NEL, U+2028/2029 become "\\n" (rule line_break); raw keeps them."""
    buf.edit(line_break_spans(buf.text))


def format_markup(buf: Buffer, fmt: str | None = None) -> tuple[str, object]:
    """Remove or replace the markup of an HTML or Markdown document (format detected from
    the content unless given); returns (format, parsed document or None). Plain text
    that carries a few known HTML tags or comments loses those (rule html_markup)."""
    fmt = fmt or detect_format(buf.text)
    if fmt == "html":
        parsed = parse_html(buf.text)
    elif fmt == "markdown":
        parsed = parse_markdown(buf.text)
    else:
        parsed = parse_html(buf.text, embedded=True) if ("<" in buf.text or "&" in buf.text) else None
        if parsed is not None:
            # only tags and comments in plain text (an "&" there is an ampersand)
            parsed.spans = [sp for sp in parsed.spans if sp[3] != "html_entity"]
    if parsed is not None:
        buf.edit(parsed.spans)
    return fmt, parsed


def inline_removals(buf: Buffer, rules: WebRules | None = None) -> None:
    """URLs, e-mail addresses and percent-encoded strings inside kept lines."""
    buf.edit(inline_spans(buf.text, rules))
