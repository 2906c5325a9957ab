"""Character-level repairs in numbers: OCR slips (l/I/O for 1/1/0), full-width digits and letters
to ASCII, and spaces inside numbers ("国批 30 周年", "8.5 万元", "1 000 000")."""
from __future__ import annotations

import re
import unicodedata

from .buffer import Buffer

__all__ = ["CJK", "MAGNITUDE", "ocr_digits", "full_width", "number_spacing"]

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


MAGNITUDE = "十百千万萬亿億"


OCR = re.compile(
    # a lone l/I/O (ASCII or full-width) standing for a digit: next to a digit, or
    # right before a magnitude or currency; never inside a Latin word.
    rf"(?<![A-Za-zＡ-Ｚａ-ｚ])([lIOｌＩＯ])(?![A-Za-zＡ-Ｚａ-ｚ])"
    rf"(?:(?<=[0-9０-９.．][lIOｌＩＯ])|(?=[0-9０-９]|[.．][0-9０-９]|[{MAGNITUDE}]?[元亿億万萬]))"
)


OCR_DIGIT = {"l": "1", "I": "1", "O": "0", "ｌ": "1", "Ｉ": "1", "Ｏ": "0"}


FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ％＋．\u3000]+")


SPACED_NUMBER = [
    re.compile(rf"(?<=[{CJK}])[ \t]+(?=\d)"),       # 国批 30 -> 国批30
    re.compile(rf"(?<=[\d%])[ \t]+(?=[{CJK}])"),     # 30 周年 -> 30周年, 8.5 万元
    re.compile(r"(?<=\d)[ \t]+(?=[.%]\d?)"),          # 8 .5 / 12 %
    re.compile(r"(?<=\d\.)[ \t]+(?=\d)"),             # 8. 5
    re.compile(r"(?<![\d.])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.])"),  # 1 000 000
]


def fullwidth(m: re.Match) -> str:
    return "".join(" " if c == "\u3000" else unicodedata.normalize("NFKC", c) for c in m.group(0))


_SPACES = re.compile(r"[ \t\u00a0]")


def spaced_number(m: re.Match) -> str:
    return _SPACES.sub("", m.group(0))


def ocr_digits(buf: Buffer) -> None:
    if any(c in buf.text for c in OCR_DIGIT):  # a match is one of these letters
        buf.sub(OCR, "ocr_digit", lambda m: OCR_DIGIT[m.group(1)])


def full_width(buf: Buffer) -> None:
    buf.sub(FULLWIDTH, "width", fullwidth)


# The first four SPACED_NUMBER patterns match a whole run of spaces/tabs right after a character
# that is no space (their lookbehinds): each match starts where such a run starts. The fifth holds
# a digit, a space or no-break space, and three digits.
_RUN = re.compile(r"[ \t]+")
_GROUPED = re.compile(r"\d[ \u00a0]\d{3}")


def number_spacing(buf: Buffer) -> None:
    """Remove the spaces SPACED_NUMBER finds, pattern after pattern (each on the previous one's
    result). The run patterns are tried only where a run of spaces starts (the matches
    finditer would give: none can start elsewhere), the grouped-digits one only when the text
    has a digit, a space and three digits in a row."""
    starts = None
    for p in SPACED_NUMBER[:4]:
        if starts is None:
            starts = [m.start() for m in _RUN.finditer(buf.text)]
        text, spans = buf.text, []
        for s in starts:
            m = p.match(text, s)
            if m is not None:
                new = spaced_number(m)
                if new != m.group(0):
                    spans.append((m.start(), m.end(), new, "number_spacing"))
        if spans:
            buf.edit(spans)
            starts = None  # the text changed
    for p in SPACED_NUMBER[4:]:
        if _grouped(buf.text):
            buf.sub(p, "number_spacing", spaced_number)


def _grouped(text: str) -> bool:
    """Does text hold a digit, a space or no-break space, and three digits?"""
    for ch in " \u00a0":
        i = text.find(ch, 1)
        while i != -1:
            if _GROUPED.match(text, i - 1):
                return True
            i = text.find(ch, i + 1)
    return False
