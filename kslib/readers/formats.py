"""Document formats, told by content rather than by file suffix, and record files.

`detect_format(text)` says "html", "markdown" or "text": a .txt file that holds an HTML
fragment is HTML, a .md file without any Markdown syntax is text. Record files (CSV,
JSON, JSONL) hold one document per record; `read_records` returns each record's text
field and its other fields (as quanteda's readtext does with `text_field`).
"""
from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass
from importlib import resources

import yaml

__all__ = ["detect_format", "Record", "read_records", "record_kind", "not_records", "RECORD_SUFFIXES", "FORMATS",
           "HTML_TAGS"]

FORMATS = ("text", "markdown", "html")
RECORD_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}

# HTML elements whose tags mark a text as HTML (the ones real pages and CMS fragments use)
HTML_TAGS = (
    "html|head|body|title|meta|link|script|style|div|span|p|br|hr|a|img|table|tbody|thead|tr|td|th|"
    "ul|ol|li|dl|dt|dd|h[1-6]|strong|b|i|em|u|font|center|section|article|header|footer|nav|aside|"
    "main|figure|figcaption|blockquote|pre|code|iframe|form|input|button|select|option|label|sup|sub|"
    "small|big|col|colgroup|caption|picture|source|video|audio|noscript|o:p"
)
_TAG = re.compile(rf"</?(?:{HTML_TAGS})(?=[\s/>])[^<>]*>", re.I)
_PAGE_START = re.compile(r"\A[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.I | re.S)
_FRONT_MATTER = re.compile(r"\A\ufeff?(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_MD_LINE = [
    re.compile(r"^#{1,6}[ \t]+\S"),                 # ATX heading
    re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S"),  # list item
    re.compile(r"^>[ \t]?\S"),                      # block quote
    re.compile(r"^(?:```|~~~)"),                    # code fence
    re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*\|"),       # table separator row
    re.compile(r"^(?:-{3,}|\*{3,}|_{3,})[ \t]*$"),  # thematic break
]
_MD_INLINE = re.compile(r"!?\[[^\]\n]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)|\*\*[^*\n]+\*\*|__[^_\n]+__|<https?://[^>\s]+>")


def detect_format(text: str) -> str:
    """"html", "markdown" or "text", from the content.

    HTML: a whole page (doctype, <html>, <head> or <body> first), or a fragment in
    which tags of known HTML elements make up at least a fifth of the characters or
    appear on at least 30 % of the non-blank lines (CMS exports wrap every line in
    <p>). Markdown: YAML/TOML front matter, a heading as the first line, Markdown block
    syntax on at least two lines, or a heading plus inline links/emphasis. Else text.
    """
    if _FRONT_MATTER.match(text):
        return "markdown"
    if _PAGE_START.match(text):
        return "html"
    lines = [l for l in text.splitlines() if l.strip()]
    if not lines:
        return "text"
    tag_chars = sum(len(m.group(0)) for m in _TAG.finditer(text))
    tag_lines = sum(1 for l in lines if _TAG.search(l))
    md_lines = sum(1 for l in lines if any(p.match(l) for p in _MD_LINE))
    md_inline = len(_MD_INLINE.findall(text))
    if tag_lines and (tag_chars >= 0.2 * len(text) or tag_lines >= 0.3 * len(lines)) and tag_lines > md_lines:
        return "html"
    headings = sum(1 for l in lines if _MD_LINE[0].match(l))
    if md_lines >= 2 or (headings and md_inline) or md_inline >= 2 or _MD_LINE[0].match(lines[0]):
        return "markdown"
    return "text"


@dataclass(frozen=True)
class Record:
    """One document of a record file: its index, text field name, text and other fields."""

    index: int
    text_field: str
    text: str
    fields: dict


@functools.lru_cache(maxsize=1)
def _field_names() -> dict:
    return yaml.safe_load(resources.files("kslib.data").joinpath("metadata_fields.yaml").read_text("utf-8"))


def record_kind(name: str, text: str) -> str | None:
    """"csv", "tsv", "json" or "jsonl" for a record file, else None.

    JSON and JSONL are recognised by content (an object or a list of objects; one
    object per line); CSV/TSV by the suffix, since any text has commas.
    """
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    kind = RECORD_SUFFIXES.get(suffix)
    if kind in ("csv", "tsv"):
        return kind
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head not in "{[" or not head:
        return None
    try:
        obj = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        obj = None
    if isinstance(obj, dict) or (isinstance(obj, list) and obj and all(isinstance(o, dict) for o in obj)):
        return "json"
    lines = [l for l in text.splitlines() if l.strip()]
    try:
        if lines and all(isinstance(json.loads(l), dict) for l in lines):
            return "jsonl"
    except ValueError:
        pass
    return None


def not_records(name: str, text: str) -> str | None:
    """Why a .json/.jsonl file that record_kind does not take is not a record file: the
    first JSON error (with its line and column) or what the JSON holds instead; None
    when the content does not look like JSON at all (it is then read as a text)."""
    body = text.lstrip("\ufeff \t\r\n")
    lines = [(n, l) for n, l in enumerate(text.lstrip("\ufeff").splitlines(), 1) if l.strip()]
    jsonl = name.lower().endswith((".jsonl", ".ndjson")) or (len(lines) > 1 and lines[0][1].lstrip()[:1] == "{"
                                                             and lines[0][1].rstrip()[-1:] == "}")
    if jsonl:
        for n, line in lines:
            try:
                obj = json.loads(line)
            except ValueError as e:
                return f"line {n} is not JSON ({e})"
            if not isinstance(obj, dict):
                return f"line {n} holds {_json_kind(obj)}, not an object (field: value)"
        return None
    try:
        obj = json.loads(body)
    except ValueError as e:
        return f"not valid JSON ({e})" if body[:1] in "{[" else None
    return f"JSON holding {_json_kind(obj)}, not an object or a list of objects (one per document)"


def _json_kind(obj) -> str:
    if isinstance(obj, list):
        return "an empty list" if not obj else "a list with items that are not objects"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string"}.get(type(obj), "null")


def _choose_text_field(records: list[dict], text_field: str | None) -> str:
    keys = list(dict.fromkeys(k for r in records for k in r))
    if text_field is not None:
        if text_field not in keys:
            raise KeyError(f"text field {text_field!r} not among the fields {keys}")
        return text_field
    for name in _field_names()["text"]:
        for k in keys:
            if k.lower() == name.lower():
                return k
    # else: the field with the longest strings on average
    def mean_len(k):
        vals = [r.get(k) for r in records]
        return sum(len(v) for v in vals if isinstance(v, str)) / max(1, len(vals))
    best = max(keys, key=lambda k: (mean_len(k), k)) if keys else None
    if best is None or mean_len(best) == 0:
        raise KeyError(f"no text field among the fields {keys}")
    return best


def _scalar(v):
    """Field values as strings for metadata (lists joined, nested objects as JSON)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v):
        return ";".join(str(x) for x in v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def read_records(text: str, kind: str, text_field: str | None = None) -> list[Record]:
    """The records of a CSV/TSV/JSON/JSONL file; `text_field` names the text column
    (default: the first of kslib/data/metadata_fields.yaml's `text` names present,
    else the field with the longest strings). Raises ValueError on malformed input."""
    text = text.lstrip("\ufeff")
    if kind in ("csv", "tsv"):
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="," if kind == "csv" else "\t")
        records = []
        for i, row in enumerate(reader):
            if None in row:
                raise ValueError(f"record {i + 1} (line {reader.line_num}) has more fields than the header")
            records.append(row)
    elif kind == "json":
        obj = json.loads(text)
        records = [obj] if isinstance(obj, dict) else obj
    elif kind == "jsonl":
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except ValueError as e:
                    raise ValueError(f"line {n}: not JSON: {e}") from e
    else:
        raise ValueError(f"unknown record kind {kind!r}")
    if not all(isinstance(r, dict) for r in records):
        raise ValueError("records must be objects (field: value)")
    field = _choose_text_field(records, text_field)
    out = []
    for i, r in enumerate(records):
        value = r.get(field)
        out.append(Record(i, field, value if isinstance(value, str) else _scalar(value),
                          {k: _scalar(v) for k, v in r.items() if k != field}))
    return out
