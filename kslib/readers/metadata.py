"""Metadata a document states about itself, for the columns metadata.csv leaves empty.

Title: a record's or front matter's title field, og:title / <title> (the site's name cut
off), the first Markdown heading, else the first line of the cleaned text that can be
a title (never a toolbar word, a separator line or a date). Date: a record or front
matter field, a dateline at the head of the text (a short line that is not a sentence:
"（2013年3月20日）", "——2020年5月22日在…会议上", "2021年6月23日 …会议通过"), the page's
<meta>/<time>, else the first full date anywhere. Dates are read in every common form:
ISO and its variants, RFC 822 ("Wed, 03 Aug 2022 09:00:00 +0800", by the standard
library), 2023年02月16日, 二〇一九年三月五日, and Taiwan's 民國112年08月21日 (year + 1911);
impossible dates are refused. Source and authors where the document states them.

Every value comes with its origin, so the loader can warn per document which fields
were inferred and from where. dateparser reads neither 〇-numerals nor 民國 years, and
htmldate (trafilatura's) took d01's page-generation time for its date, hence the small
grammar here.
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import functools
import re
from dataclasses import dataclass
from itertools import islice
from importlib import resources

import yaml

__all__ = ["Inferred", "parse_date", "find_date", "infer_metadata", "clean_title", "check_date", "TITLE_MAX"]

_CN_DIGIT = "〇零○一二三四五六七八九十"
_NUM = rf"(?:\d{{1,4}}|[{_CN_DIGIT}]{{1,4}})"
_ROC = re.compile(rf"(?:中華民國|中华民国|民國|民国)\s*({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_ROC_BARE = re.compile(r"^\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CJK_DATE = re.compile(rf"(?<![\d{_CN_DIGIT}])(\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*[日号號]")
_CJK_MONTH = re.compile(rf"(?<![\d{_CN_DIGIT}])(\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*({_NUM})\s*月(?!\s*\d|\s*[{_CN_DIGIT}])")
_ISO = re.compile(r"(?<!\d)(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:[T ]?\d{2}:?\d{2}(?::?\d{2})?)?")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_EN_DMY = re.compile(r"\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})\b", re.I)
_EN_MDY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I)
_SENTENCE = re.compile("[，。；！？]")
_SOURCE = re.compile(r"(?:来源|來源|稿源|出处|出處)\s*[:：]\s*([^\s，。；！？()（）【】\[\]|｜]{2,24})")
_BYLINE = re.compile(r"(?:作者|撰文|文)\s*[:：/]\s*([^\s，。；！？()（）]{2,4}(?:[\s、,，]+[^\s，。；！？()（）]{2,4}){0,3})|"
                     r"(?:本报|本報)?(?:记者|記者)\s*([^\s，。；！？()（）]{2,4}(?:[\s、]+[^\s，。；！？()（）]{2,4}){0,3})")
_TITLE_SEP = re.compile(r"\s*(?:__?|\||｜|－| - | – | — |—— |_)\s*")
_HEAD_LINES = 10     # a dateline is looked for in the first non-blank lines
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?")
_ISSUED = re.compile(r"(?:发布|發布|公布|印发|印發|颁布|頒布|通过|通過)$")
# what an issuing body or a publisher's name ends with (院 部 委 局 … 报 网 社 台)
_ORG = re.compile(r"(?:院|部|委|局|厅|廳|办|辦|府|会|會|署|处|處|所|中心|集团|集團|公司|报|報|网|網|社|台|站|刊|频道|頻道|新闻|新聞|日报|晚报|时报|時報)$")
_DATELINE_MAX = 80
TITLE_MAX = 200  # characters: a headline is far shorter; a longer "title" is a text in the wrong field


@dataclass(frozen=True)
class Inferred:
    """A metadata value read from the document and where it was read."""

    value: str
    origin: str


@functools.lru_cache(maxsize=1)
def _fields() -> dict:
    return yaml.safe_load(resources.files("kslib.data").joinpath("metadata_fields.yaml").read_text("utf-8"))


_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def _num(s: str) -> int:
    """12, 〇五, 二〇一九 (digit by digit), 二十一 (with 十)."""
    if s.isdigit():
        return int(s)
    if all(c in _DIGITS for c in s):
        return int("".join(str(_DIGITS[c]) for c in s))
    import cn2an

    return int(cn2an.cn2an(s, "smart"))


def _ymd(y: int, m: int, d: int | None) -> str | None:
    try:
        if d is None:
            _dt.date(y, m, 1)
            return f"{y:04d}-{m:02d}"
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(s: str, roc: bool = False) -> tuple[str, str] | None:
    """(ISO date, precision) of the date a string states, or None. precision: day,
    month, year. `roc=True` reads a bare 112年08月21日 as a Minguo year (a field
    named for it, e.g. date_roc)."""
    s = s.strip()
    if not s:
        return None
    m = _ROC.search(s) or (_ROC_BARE.search(s) if roc else None)
    if m:
        iso = _ymd(_num(m.group(1)) + 1911, _num(m.group(2)), _num(m.group(3)))
        return (iso, "day") if iso else None
    m = _ISO.search(s)
    if m and 1000 <= int(m.group(1)) <= 2999:
        iso = _ymd(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        return (iso, "day") if iso else None
    m = _CJK_DATE.search(s)
    if m:
        iso = _ymd(_num(m.group(1)), _num(m.group(2)), _num(m.group(3)))
        return (iso, "day") if iso else None
    try:
        d = email.utils.parsedate_to_datetime(s)
        return d.date().isoformat(), "day"
    except (TypeError, ValueError, IndexError):
        pass
    for pat, order in ((_EN_DMY, "dmy"), (_EN_MDY, "mdy")):
        m = pat.search(s)
        if m:
            if order == "dmy":
                d, mon, y = int(m.group(1)), _MONTHS[m.group(2)[:3].lower()], int(m.group(3))
            else:
                mon, d, y = _MONTHS[m.group(1)[:3].lower()], int(m.group(2)), int(m.group(3))
            iso = _ymd(y, mon, d)
            return (iso, "day") if iso else None
    m = _ISO_COMPACT.match(s)
    if m:
        iso = _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso, "day"
    m = _CJK_MONTH.search(s)
    if m:
        iso = _ymd(_num(m.group(1)), _num(m.group(2)), None)
        return (iso, "month") if iso else None
    m = _YEAR_MONTH.match(s)
    if m:
        iso = _ymd(int(m.group(1)), int(m.group(2)), None)
        return (iso, "month") if iso else None
    m = _YEAR.match(s)
    if m:
        return m.group(1), "year"
    return None


_ISO_FORM = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def check_date(value: str) -> tuple[str, str, str]:
    """A date given in metadata, checked: (ISO date, precision, problem).

    An ISO date that is a calendar date is kept (2019, 2019-05, 2019-05-06); a date in
    another form parse_date reads is converted (2019/5/6, 2019年5月6日 -> 2019-05-06,
    problem names the conversion); an impossible date (2019-02-30, 2019-13) or text that
    is no date gives ("", "", problem): a missing date, never a wrong one."""
    v = value.strip()
    if not v:
        return "", "", ""
    if _ISO_FORM.fullmatch(v):
        y, m, d = (int(x) for x in (v.split("-") + [0, 0])[:3])
        if y >= 1 and (m == 0 or _ymd(y, m, d or None)):
            return v, _PRECISION[len(v)], ""
        return "", "", f"impossible date {v!r}"
    got = parse_date(v) if len(v) <= 40 else None
    if got is None:
        return "", "", f"not a date {v!r} (write YYYY-MM-DD, YYYY-MM or YYYY)"
    return got[0], got[1], f"date {v!r} read as {got[0]}"


def find_date(text: str) -> tuple[str, str, int, int] | None:
    """The first full date (day precision) stated in running text: (iso, precision,
    start, end) — a date inside a sentence is only ever a candidate."""
    best = None
    for pat in (_ROC, _CJK_DATE, _ISO):
        for m in pat.finditer(text):
            got = parse_date(m.group(0))
            if got and got[1] == "day":
                if best is None or m.start() < best[2]:
                    best = (got[0], got[1], m.start(), m.end())
                break
    return best


def clean_title(title: str, headings: list[str] = ()) -> str:
    """A <title> without the site's name: the part that a heading of the page repeats,
    else the longest part ("决议__2007年第23号国务院公报_中国政府网" → "决议")."""
    t = _squeeze(title)
    parts = [p for p in _TITLE_SEP.split(t) if p.strip()]
    if len(parts) <= 1:
        return t
    for h in headings:
        hs = _squeeze(h)
        for p in parts:
            if hs and (hs == p or (len(p) >= 4 and p in hs)):
                return hs if len(hs) <= 2 * len(p) else p
    return max(parts, key=lambda p: (len(p), -parts.index(p)))


def _squeeze(s: str) -> str:
    """Whitespace collapsed to one space, none left between a digit or Latin letter and a
    CJK character ("2007　年末" → "2007年末"); a space between two CJK phrases stays."""
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<=[0-9A-Za-z]) (?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[0-9A-Za-z])", "", s)


def _field(fields: dict, column: str) -> tuple[str, str] | None:
    """(field name, value) of the first non-empty field named for `column`."""
    lower = {k.lower(): k for k in fields}
    for name in _fields().get(column, []):
        k = lower.get(name.lower())
        if k is not None and str(fields[k]).strip():
            return k, str(fields[k]).strip()
    return None


def _plausible_title(line: str) -> bool:
    from .boilerplate import line_rule

    s = line.strip()
    if not (2 <= len(s) <= 120) or not re.search(r"[\w\u3400-\u9fff]", s):
        return False
    if re.fullmatch(r"[-=*_#~+|>\s]+", s) or line_rule(s):
        return False
    got = parse_date(s)
    return not (got and len(re.sub(r"[\d\s年月日号:：\-/.T+]", "", s)) <= 2)


def infer_metadata(fmt: str, visible: list[tuple[int, str]], clean: list[tuple[int, str]] = (),
                   html=None, markdown=None, record: dict | None = None) -> dict[str, Inferred]:
    """What the document says about its title, date, source and authors.

    visible: (raw line, text) of the document's visible text (markup removed, before
    boilerplate removal: datelines and source lines are still there); clean: the same
    for the cleaned text (for the title fallback); html / markdown: the parsed
    HtmlDoc / MarkdownDoc; record: the other fields of a record file's record.
    Returns {column: Inferred} for title, date, date_precision, date_evidence, source,
    authors — only those found.
    """
    out: dict[str, Inferred] = {}
    structured = []  # (fields, kind) in order of trust
    if record:
        structured.append((record, "record field"))
    if markdown is not None and markdown.front_matter:
        structured.append((markdown.front_matter, "front matter"))
    # the first and last lines only, read one at a time (a whole list of stripped lines
    # would be another copy of a long document)
    heads = list(islice(((n, t.strip()) for n, t in visible if t.strip()), _HEAD_LINES))

    # title
    for fields, kind in structured:
        got = _field(fields, "title")
        if got:
            out["title"] = Inferred(_squeeze(got[1]), f"{kind} `{got[0]}`")
            break
    if "title" not in out and html is not None:
        headings = [html.h1] + [b.text for b in html.blocks if b.heading]
        for key in _fields()["html_meta"]["title"]:
            v = html.meta.get(key.lower())
            if v:
                out["title"] = Inferred(clean_title(v, headings), f"<meta {key}>")
                break
        if "title" not in out and html.title:
            out["title"] = Inferred(clean_title(html.title, headings + [t for _, t in heads]), "<title>")
        if "title" not in out and html.h1:
            out["title"] = Inferred(_squeeze(html.h1), "<h1>")
    if "title" not in out and markdown is not None and markdown.headings:
        top = min(h[0] for h in markdown.headings)
        level, text, _ = next(h for h in markdown.headings if h[0] == top)
        if _plausible_title(text):
            out["title"] = Inferred(_squeeze(text), f"first heading (level {level})")
    if "title" not in out:
        for n, line in clean:
            if line.strip() and _plausible_title(line):
                out["title"] = Inferred(_squeeze(line), f"first line of the cleaned text (line {n})")
                break
    t = out.get("title")
    if t is not None and len(t.value) > TITLE_MAX:  # a record field or <title> holding a whole text
        out["title"] = Inferred(t.value[:TITLE_MAX - 1] + "…", f"{t.origin}, cut to {TITLE_MAX} characters")

    # date
    for fields, kind in structured:
        got = _field(fields, "date")
        if got and parse_date(got[1]):
            iso, prec = parse_date(got[1])
            _set_date(out, iso, prec, f"{kind} `{got[0]}`: {got[1][:60]}")
            break
        got = _field(fields, "date_roc")
        if got and parse_date(got[1], roc=True):
            iso, prec = parse_date(got[1], roc=True)
            _set_date(out, iso, prec, f"{kind} `{got[0]}` (Minguo calendar): {got[1][:60]}")
            break
    dateline = None
    if "date" not in out:
        for n, line in heads:
            s = line.strip()
            if len(s) <= _DATELINE_MAX and not _SENTENCE.search(s):
                got = find_date(s)
                if got:
                    _set_date(out, got[0], got[1], f"line {n}: \"{s[:80]}\" (dateline)")
                    dateline = (n, s, got[3])
                    break
    if "date" not in out and html is not None:
        for key in _fields()["html_meta"]["date"]:
            v = html.meta.get(key.lower())
            got = parse_date(v) if v else None
            if got:
                _set_date(out, got[0], got[1], f"<meta {key}>: {v[:60]}")
                break
        if "date" not in out:
            for v in html.times:
                got = parse_date(v)
                if got:
                    _set_date(out, got[0], got[1], f"<time datetime>: {v[:60]}")
                    break
    if "date" not in out:
        for n, line in visible:
            got = find_date(line)
            if got:
                _set_date(out, got[0], got[1], f"first date in the text, line {n}: {line.strip()[:80]}")
                break

    # source
    for fields, kind in structured:
        got = _field(fields, "source")
        if got:
            out["source"] = Inferred(got[1], f"{kind} `{got[0]}`")
            break
    if "source" not in out:
        tail = list(islice(((n, t) for n, t in reversed(visible) if t.strip()), 5))[::-1]
        for n, line in heads + tail:
            m = _SOURCE.search(line)
            if m and len(line.strip()) <= 100:
                out["source"] = Inferred(m.group(1), f"line {n}: \"{line.strip()[:60]}\"")
                break
    if "source" not in out and dateline is not None:
        # "2020-12-16 南通網", "2023年04月12日 15:32 中国证券报", "1985年9月18日 国务院发布"
        n, s, end = dateline
        rest = _ISSUED.sub("", _TIME.sub("", s[end:]).strip()).strip()
        if 2 <= len(rest) <= 12 and _ORG.search(rest) and not re.search(r"\d|\s", rest):
            out["source"] = Inferred(rest, f"line {n}: \"{s[:60]}\" (dateline)")
    if "source" not in out and html is not None:
        for key in _fields()["html_meta"]["source"]:
            v = html.meta.get(key.lower())
            if v:
                out["source"] = Inferred(_squeeze(v), f"<meta {key}>")
                break

    # authors
    for fields, kind in structured:
        got = _field(fields, "authors")
        if got:
            out["authors"] = Inferred(_names(got[1]), f"{kind} `{got[0]}`")
            break
    if "authors" not in out:
        for n, line in heads:
            s = line.strip()
            m = _BYLINE.search(s)
            if m and len(s) <= 60 and not _SENTENCE.search(s):
                out["authors"] = Inferred(_names(m.group(1) or m.group(2)), f"line {n}: \"{s[:60]}\" (byline)")
                break
    if "authors" not in out and html is not None:
        text = "".join(t for _, t in visible)
        for key in _fields()["html_meta"]["authors"]:
            v = html.meta.get(key.lower())
            # a meta author the page's text never names is the web editor (gov.cn), not the author
            if v and all(name in text for name in _names(v).split(";")):
                out["authors"] = Inferred(_names(v), f"<meta {key}>, named in the text")
                break
    return out


def _names(s: str) -> str:
    return ";".join(dict.fromkeys(p for p in re.split(r"[\s,，、;；/／]+", s.strip()) if p))


def _set_date(out: dict, iso: str, precision: str, evidence: str) -> None:
    out["date"] = Inferred(iso, evidence)
    out["date_precision"] = Inferred(precision, evidence)
    out["date_evidence"] = Inferred(evidence, evidence)
