"""HTML pages and fragments: what to remove or replace, as spans on the raw text.

The page is tokenised with the standard library's html.parser, which reports where every
tag, comment, entity and text run starts, so each span is exact on raw (lxml, selectolax
and html5lib build good trees but do not say where an element came from). A small tree
is built on those tokens with the HTML5 rules that matter for text (void elements, <p>,
<li>, <td> closed implicitly, stray </html> and </body> ignored — gov.cn pages carry one
after their header). Then:

- markup becomes line structure: block tags a line break, table cells a space, inline
  tags nothing; entities are decoded (&nbsp; as a space); whitespace of the source
  layout goes; scripts, styles, comments, <head> and hidden elements go whole;
- furniture elements go whole: by tag (<nav>, <footer>, <aside>) or by a token of their
  class/id (kslib/data/boilerplate_web.yaml: nav, breadcrumb, share, related, comment …);
- on whole pages, text blocks are classified as jusText and trafilatura do it (link
  density, length, sentence punctuation, then the class of the neighbours for short
  blocks); link lists and the furniture before the first and after the last prose block
  go, data tables and the headline stay.

`parse_html(raw)` returns the spans (rules: html_markup, html_entity, html_script,
html_style, html_comment, html_head, html_hidden, web_navigation, web_footer, …,
web_links, web_boilerplate), the page's blocks and what the page says about itself
(<title>, <meta>, first <h1>, <time>) for kslib.readers.metadata.
"""
from __future__ import annotations

import functools
import html as _html
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from .html_tree import BLOCK, CELL, Event, Node, Tokenizer, build_tree, known_tags_only

__all__ = ["parse_html", "HtmlDoc", "Block", "web_rules"]

_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003134f]")
_SENT = re.compile("[，。；！？]")
_WS = re.compile(r"\s+")
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TAIL = 3  # short blocks right after the last prose block that stay (no furniture between)
_TOKEN_SPLIT = re.compile(r"[\s_\-:.]+|(?<=[a-z])(?=[A-Z])")


@functools.lru_cache(maxsize=1)
def web_rules() -> dict:
    """kslib/data/boilerplate_web.yaml, parsed."""
    text = resources.files("kslib.data").joinpath("boilerplate_web.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@functools.lru_cache(maxsize=1)
def _token_rules() -> tuple[dict, set]:
    h = web_rules()["html"]
    by_token = {}
    for rule, tokens in h["tokens"].items():
        for t in tokens:
            by_token.setdefault(t.lower(), rule)
    return by_token, {t.lower() for t in h["hidden_tokens"]}



@dataclass
class Block:
    """A run of text between two line-breaking tags, as the page shows it."""

    start: int              # raw offset of the first character of text
    end: int                # raw offset after the last
    text: str               # visible text (entities decoded, whitespace collapsed)
    tag: str                # innermost element
    link_chars: int = 0
    heading: int = 0        # 1-6 inside <h1>…<h6>
    table: int = -1         # index of the data table it belongs to, or -1
    label: str = ""         # good / bad / short / neargood (whole pages), then final
    rule: str = ""          # rule when removed


@dataclass
class HtmlDoc:
    spans: list             # [(start, end, replacement, rule)], sorted, disjoint
    blocks: list            # [Block]
    whole_page: bool
    title: str = ""         # <title>
    meta: dict = field(default_factory=dict)   # lower-case meta name/property -> content
    h1: str = ""
    times: list = field(default_factory=list)  # <time datetime=…> values
    lang: str = ""



def _tokens(node: Node) -> list[str]:
    out = []
    for key in ("class", "id"):
        for part in _TOKEN_SPLIT.split(node.attrs.get(key, "")):
            if part:
                out.append(part.lower())
    return out



def _hidden(node: Node, hidden_tokens: set) -> bool:
    style = node.attrs.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if "hidden" in node.attrs and node.tag not in ("input",):
        return True
    if node.attrs.get("aria-hidden", "").lower() == "true":
        return True
    if node.tag == "input" and node.attrs.get("type", "").lower() == "hidden":
        return True
    return any(t in hidden_tokens for t in _tokens(node))


def _element_rule(node: Node, rules: dict) -> str:
    """The rule that removes this whole element, or ""."""
    h = rules["html"]
    by_token, hidden_tokens = _token_rules()
    if node.tag in h["drop"]:
        return f"html_{node.tag}" if node.tag in ("script", "style") else "html_hidden"
    if node.tag == "head":
        return "html_head"
    if node.tag == "title":
        return "html_head"
    if _hidden(node, hidden_tokens):
        return "html_hidden"
    if node.tag in h["tags"]:
        return h["tags"][node.tag]
    if node.tag == "header":
        if not any(a.tag in ("article", "main") for a in node.ancestors() if a is not node):
            return h["header_tag"]
    toks = _tokens(node)
    for t in toks:
        if t in by_token:
            return by_token[t]
    pairs = h.get("caption_pairs", {})
    if any(t in pairs.get("image", ()) for t in toks) and any(t in pairs.get("text", ()) for t in toks):
        return "image_caption"
    return ""


def _visible(events: list[Event], removed: list[tuple]) -> list[Event]:
    """Events outside removed element ranges."""
    out, k = [], 0
    for ev in events:
        while k < len(removed) and removed[k][1] <= ev.start:
            k += 1
        if k < len(removed) and removed[k][0] <= ev.start < removed[k][1]:
            continue
        out.append(ev)
    return out


def _is_break(ev: Event) -> bool:
    """Does this tag end a block of text (a block element or a table cell)?"""
    return ev.kind in ("start", "end") and (ev.tag in BLOCK or ev.tag in CELL)


def _blocks(events: list[Event]) -> list[Block]:
    """Text blocks (runs of data/entity events between line-breaking tags)."""
    blocks, cur = [], []

    def flush():
        text = "".join(e.value for e in cur)
        if text.strip():
            first = next(e for e in cur if e.value.strip())
            last = next(e for e in reversed(cur) if e.value.strip())
            node = first.node
            link = sum(len(_WS.sub("", e.value)) for e in cur
                       if any(a.tag == "a" and "href" in a.attrs for a in e.node.ancestors()))
            heading = next((int(a.tag[1]) for a in node.ancestors() if re.fullmatch("h[1-6]", a.tag)), 0)
            b = Block(first.start, last.end, _WS.sub(" ", text).strip(), node.tag, link, heading)
            b._events = list(cur)  # noqa: SLF001 (kept for table grouping)
            blocks.append(b)
        cur.clear()

    for ev in events:
        if _is_break(ev):
            flush()
        elif ev.kind in ("data", "entity"):
            cur.append(ev)
    flush()
    return blocks


def _data_tables(blocks: list[Block]) -> set[int]:
    """Tables of data: no nested table, few links, short cells (median ≤ 30 characters:
    an article laid out in a table cell is not one). Their blocks are judged together (a
    statistics table is content, not a run of short lines) and their cells' paragraphs
    stay on the row's line. Returns the ids of those tables' nodes."""
    groups: dict[int, list[Block]] = {}
    tables: dict[int, Node] = {}
    for b in blocks:
        node = b._events[0].node  # noqa: SLF001
        tabs = [a for a in node.ancestors() if a.tag == "table"]
        if len(tabs) == 1:
            groups.setdefault(id(tabs[0]), []).append(b)
            tables[id(tabs[0])] = tabs[0]
    data = set()
    for k, (key, bs) in enumerate(sorted(groups.items(), key=lambda kv: tables[kv[0]].start)):
        lengths = sorted(len(_WS.sub("", b.text)) for b in bs)
        chars = sum(lengths)
        links = sum(b.link_chars for b in bs)
        if len(bs) >= 4 and chars and links / chars < 0.2 and lengths[len(lengths) // 2] <= 30:
            data.add(key)
            for b in bs:
                b.table = k
    return data


def _classify(blocks: list[Block], rules: dict, title: str) -> None:
    """jusText-style labels for the blocks of a whole page (sets .label and .rule)."""
    h = rules["html"]
    punct = re.compile("[" + re.escape(h["prose_punctuation"]) + "]")
    norm_title = _WS.sub("", title)
    for b in blocks:
        chars = len(_WS.sub("", b.text))
        density = b.link_chars / chars if chars else 0.0
        if density > h["max_link_density"]:
            b.label, b.rule = "bad", "web_links"
        elif b.table >= 0:
            b.label = "good"
        elif chars >= h["prose_min_chars"] and punct.search(b.text):
            b.label = "good"
        elif chars <= h["short_max_chars"]:
            b.label = "short"
        else:
            b.label = "neargood"
        if b.label != "bad":
            t = _WS.sub("", b.text)
            if (b.heading or len(t) >= 6) and len(t) >= 4 and norm_title and (t in norm_title or norm_title in t):
                b.label = "good"  # the headline (matches <title>)
    # headings followed closely by prose are content (jusText's heading promotion)
    for i, b in enumerate(blocks):
        if b.heading and b.label in ("short", "neargood"):
            dist = 0
            for nb in blocks[i + 1:]:
                if nb.label == "good":
                    b.label = "good"
                    break
                dist += len(nb.text)
                if dist > 200 or nb.label == "bad":
                    break
    good = [i for i, b in enumerate(blocks) if b.label == "good"]
    if not good:  # nothing reads as prose: keep everything but link lists
        for b in blocks:
            if b.label != "bad":
                b.label = "good"
        return
    first, last = good[0], good[-1]
    # context: short and near-good blocks take their neighbours' class
    labels = [b.label for b in blocks]
    for i, b in enumerate(blocks):
        if b.label in ("good", "bad"):
            continue
        if i > last and i - last <= _TAIL and all(labels[j] != "bad" for j in range(last + 1, i)):
            b.label = "good"  # a signature or date line right after the text (issuer, 2023年2月16日)
            continue
        if i < first or i > last:
            b.label, b.rule = "bad", "web_boilerplate"
            continue
        prev = next((labels[j] for j in range(i - 1, -1, -1) if labels[j] in ("good", "bad")), "bad")
        nxt = next((labels[j] for j in range(i + 1, len(blocks)) if labels[j] in ("good", "bad")), "bad")
        if prev == "good" and nxt == "good":
            b.label = "good"
        elif prev == "bad" and nxt == "bad":
            b.label, b.rule = "bad", "web_boilerplate"
        else:
            b.label = "good" if labels[i] == "neargood" else "good" if prev == "good" else "bad"
            if b.label == "bad":
                b.rule = "web_boilerplate"


def _extend(b: Block, events: list[Event], index: dict) -> tuple[int, int]:
    """A block's removal range, widened over the inline tags around its text."""
    i = index[b._events[0].start]  # noqa: SLF001
    j = index[b._events[-1].start]  # noqa: SLF001
    while i > 0 and not _is_break(events[i - 1]) and events[i - 1].kind in ("start", "end", "data", "entity", "comment") \
            and (events[i - 1].kind in ("start", "end") or not events[i - 1].value.strip()):
        i -= 1
    while j + 1 < len(events) and not _is_break(events[j + 1]) and events[j + 1].kind in ("start", "end", "data", "entity", "comment") \
            and (events[j + 1].kind in ("start", "end") or not events[j + 1].value.strip()):
        j += 1
    return events[i].start, events[j].end


def _join(left: str, right: str) -> str:
    """What source whitespace between two visible characters becomes inside a line:
    a space between two Latin words or numbers, else nothing (CJK text has no spaces)."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    return " " if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() else ""


def _pieces(events: list[Event], removed: list[tuple], data_tables: set = frozenset()) -> list[tuple]:
    """(start, end, kind, value, brk) tiling raw. kind: vis, ent (visible), ws, markup,
    removed (value = rule); brk: "\n" for a line break, "\t" for a table cell, ""."""
    out = []
    k, i = 0, 0
    while i < len(events):
        ev = events[i]
        if k < len(removed) and removed[k][0] <= ev.start:
            s, e, rule, brk = removed[k]
            out.append((s, e, "removed", rule, "\n" if brk else ""))
            while i < len(events) and events[i].start < e:
                i += 1
            k += 1
            continue
        i += 1
        if ev.kind == "data":
            for m in re.finditer(r"\s+|\S+", ev.value):
                kind = "ws" if m.group(0).isspace() else "vis"
                out.append((ev.start + m.start(), ev.start + m.end(), kind, m.group(0), ""))
        elif ev.kind == "entity":
            out.append((ev.start, ev.end, "went" if ev.value.isspace() else "ent", ev.value, ""))
        elif ev.kind == "comment":
            out.append((ev.start, ev.end, "removed", "html_comment", ""))
        elif ev.kind in ("start", "end"):
            if ev.tag in CELL:
                brk = "\t" if ev.kind == "start" else ""
            elif ev.tag in BLOCK:
                # inside a table cell, paragraphs and divs do not break the row's line
                brk = "\t" if ev.tag not in _TABLE_ROWS and _in_cell(ev, data_tables) else "\n"
            else:
                brk = ""
            out.append((ev.start, ev.end, "markup", "", brk))
        else:
            out.append((ev.start, ev.end, "markup", "", "\n"))
    return out


_TABLE_ROWS = {"table", "tr", "tbody", "thead", "tfoot", "caption"}


def _in_cell(ev: Event, data_tables: set) -> bool:
    """Is this tag inside a cell of a data table (the nearest table structure above it is
    td/th, and its table holds data)?"""
    node = ev.node.parent if ev.kind == "start" and ev.node is not None else ev.node
    while node is not None:
        if node.tag in CELL:
            table = next((a for a in node.ancestors() if a.tag == "table"), None)
            return table is not None and id(table) in data_tables
        if node.tag in _TABLE_ROWS:
            return False
        node = node.parent
    return False


def _markup_spans(events: list[Event], removed: list[tuple], data_tables: set = frozenset()) -> list[tuple]:
    """Spans for everything that is not visible text, given the removed ranges.

    Each maximal run of markup, whitespace and removed pieces between two visible
    characters becomes one replacement: a line break if it holds a block tag, a space
    for a table cell, else nothing between CJK characters and a space between words;
    at the start and end of the document nothing. Removed pieces keep their own rule
    (one span each); the markup and whitespace between them are `html_markup` spans.
    Whitespace alone inside a line, without a line break, is text and stays.
    """
    pieces = _pieces(events, removed, data_tables)
    spans: list[tuple] = []
    n, i = len(pieces), 0
    prev = ""
    while i < n:
        s, e, kind, val, brk = pieces[i]
        if kind == "vis":
            prev = val
            i += 1
            continue
        if kind == "ent":
            spans.append((s, e, val, "html_entity"))
            prev = val
            i += 1
            continue
        j = i
        while j < n and pieces[j][2] in ("ws", "went", "markup", "removed"):
            j += 1
        run = pieces[i:j]
        nxt = pieces[j][3] if j < n else ""
        kinds = {p[2] for p in run}
        breaks = {p[4] for p in run}
        if not prev or not nxt:
            repl = ""
        elif "\n" in breaks:
            repl = "\n"
        elif "\t" in breaks:
            repl = " "
        else:
            repl = _join(prev, nxt)
        if kinds <= {"ws", "went"}:
            plain = "".join(p[3] for p in run if p[2] == "ws")
            if prev and nxt and not _LINE_BREAKS.search(plain):
                # spaces inside a line are text; a &nbsp; there is one space
                spans.extend((p[0], p[1], " ", "html_entity") for p in run if p[2] == "went")
                i = j
                continue
            spans.append((run[0][0], run[-1][1], repl, "html_markup"))
            i = j
            continue
        first = len(spans)
        pending: list[tuple] = []
        for p in run:
            if p[2] == "removed":
                if pending:
                    spans.append((pending[0][0], pending[-1][1], "", "html_markup"))
                    pending = []
                spans.append((p[0], p[1], "", p[3]))
            else:
                pending.append(p)
        if pending:
            spans.append((pending[0][0], pending[-1][1], "", "html_markup"))
        s0, e0, _, r0 = spans[first]
        spans[first] = (s0, e0, repl, r0)
        i = j
    return spans


def _prose_prefix(events: list[Event]) -> tuple[list[int], list[int]]:
    """Event starts and prefix sums of prose characters (text of data events that
    carry sentence punctuation, outside dropped elements), for range queries."""
    starts, prefix, total = [], [0], 0
    for ev in events:
        starts.append(ev.start)
        if ev.kind == "data" and not _in_dropped(ev.node) and _SENT.search(ev.value):
            total += len(_WS.sub("", ev.value))
        prefix.append(total)
    return starts, prefix


def parse_html(raw: str, embedded: bool = False) -> HtmlDoc:
    """Spans that turn an HTML page or fragment into its visible text, furniture removed.

    embedded=True reads HTML inside another format (Markdown): only tags of known HTML
    elements are markup, source lines are kept as they are (tags and removed elements
    become nothing, whitespace is left alone) and no block classification is done.
    """
    import bisect

    rules = web_rules()
    events = Tokenizer(raw).run()
    if embedded:
        events = known_tags_only(events, raw)
    build_tree(events, raw)
    whole = not embedded and any(ev.kind == "start" and ev.tag in ("html", "head", "body") for ev in events)
    doc = HtmlDoc([], [], whole)
    _collect_meta(events, doc)
    starts = [ev for ev in events if ev.kind == "start" and ev.node is not None]
    for ev in starts:
        ev.node.rule = _element_rule(ev.node, rules)
    # a furniture element holding half the page's prose is a wrapper, not furniture
    pos, prefix = _prose_prefix(events)
    total = prefix[-1]
    for ev in starts:
        node = ev.node
        if node.rule.startswith("web_") or node.rule == "image_caption":
            lo = bisect.bisect_left(pos, node.start)
            hi = bisect.bisect_left(pos, max(node.end, ev.end))
            if total and prefix[hi] - prefix[lo] >= 0.5 * total:
                node.rule = ""
    removed = []
    for ev in starts:
        node = ev.node
        if node.rule and not any(a.rule for a in node.ancestors() if a is not node):
            removed.append((node.start, max(node.end, ev.end), node.rule, node.tag in BLOCK))
    removed.sort()
    visible = _visible(events, removed)
    blocks = _blocks(visible)
    related = _related_boxes(blocks, pos, prefix, total)
    if related:
        removed = _merge(removed + related)
        visible = _visible(events, removed)
        blocks = _blocks(visible)
    data_tables = _data_tables(blocks)
    if whole:
        _classify(blocks, rules, doc.meta.get("og:title") or doc.title)
        index = {ev.start: k for k, ev in enumerate(visible)}
        for b in blocks:
            if b.label == "bad":
                s, e = _extend(b, visible, index)
                removed.append((s, e, b.rule, True))
        removed = _merge(removed)
    else:
        for b in blocks:
            b.label = "good"
    doc.blocks = blocks
    doc.spans = _embedded_spans(events, removed) if embedded else _markup_spans(events, removed, data_tables)
    return doc


def _embedded_spans(events: list[Event], removed: list[tuple]) -> list[tuple]:
    """Spans for HTML inside Markdown: tags, comments and removed elements become
    nothing, entities their character; text and its line structure stay."""
    spans = []
    for s, e, kind, val, _brk in _pieces(events, removed):
        if kind == "markup":
            spans.append((s, e, "", "html_markup"))
        elif kind == "removed":
            spans.append((s, e, "", val))
        elif kind in ("ent", "went"):
            spans.append((s, e, " " if kind == "went" else val, "html_entity"))
    return spans


@functools.lru_cache(maxsize=1)
def _cut_patterns() -> tuple:
    """Headings of appended link lists: boilerplate_web.yaml's and boilerplate.yaml's."""
    base = yaml.safe_load(resources.files("kslib.data").joinpath("boilerplate.yaml").read_text("utf-8"))
    return tuple(re.compile(p) for p in list(web_rules()["cut_from"]) + list(base["cut_from"]["patterns"]))


def _related_boxes(blocks: list[Block], pos: list[int], prefix: list[int], total: int) -> list[tuple]:
    """A heading such as 相关新闻 / 推荐阅读 heads a box of links: the smallest element
    around it that holds more than the heading goes whole (rule related_news), unless
    it holds half the page's prose (then it is the article, and the text rule cuts from
    the heading on)."""
    import bisect

    out = []
    pats = _cut_patterns()
    for b in blocks:
        if not any(p.fullmatch(b.text) for p in pats):
            continue
        node = b._events[0].node  # noqa: SLF001
        while node is not None and node.tag != "#root":
            if node.tag in BLOCK and any(o is not b and node.start <= o.start < node.end for o in blocks):
                break
            node = node.parent
        if node is None or node.tag in ("#root", "body", "html"):
            continue
        lo, hi = bisect.bisect_left(pos, node.start), bisect.bisect_left(pos, node.end)
        if total and prefix[hi] - prefix[lo] >= 0.5 * total:
            continue
        out.append((node.start, node.end, "related_news", True))
    return out


def _merge(ranges):
    out = []
    for s, e, r, brk in sorted(ranges):
        if out and s < out[-1][1]:
            ps, pe, pr, pb = out[-1]
            out[-1] = (ps, max(pe, e), pr, pb or brk)
        else:
            out.append((s, e, r, brk))
    return out


def _in_dropped(node) -> bool:
    return node is not None and any(a.rule.startswith("html_") for a in node.ancestors())


def _collect_meta(events: list[Event], doc: HtmlDoc) -> None:
    title_parts, in_title, h1_parts, in_h1 = [], False, [], 0
    for ev in events:
        if ev.kind == "start":
            a = ev.node.attrs
            if ev.tag == "meta":
                key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").strip().lower()
                if key and "content" in a and key not in doc.meta:
                    doc.meta[key] = _html.unescape(a["content"]).strip()
                if "charset" in a:
                    doc.meta.setdefault("charset", a["charset"])
            elif ev.tag == "title":
                in_title = True
            elif ev.tag == "h1" and not doc.h1:
                in_h1 = 1
            elif ev.tag == "time" and a.get("datetime"):
                doc.times.append(a["datetime"])
            elif ev.tag == "html" and a.get("lang"):
                doc.lang = a["lang"]
        elif ev.kind == "end":
            if ev.tag == "title":
                in_title = False
                if not doc.title:
                    doc.title = _WS.sub(" ", "".join(title_parts)).strip()
            elif ev.tag == "h1" and in_h1:
                in_h1 = 0
                doc.h1 = _WS.sub(" ", "".join(h1_parts)).strip()
        elif ev.kind in ("data", "entity"):
            if in_title:
                title_parts.append(ev.value)
            if in_h1:
                h1_parts.append(ev.value)
    if in_title and not doc.title:
        doc.title = _WS.sub(" ", "".join(title_parts)).strip()
