"""HTML tokens with exact raw offsets, and the element tree built on them (kslib.readers.html).

html.parser reports where every tag, comment, entity and text run starts; the tree applies the HTML5
rules that matter for text: void elements, implied ends of <p> <li> <td> <tr> …, stray </html> ignored.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Node", "Event", "Tokenizer", "build_tree", "known_tags_only",
           "VOID", "BLOCK", "CELL", "HEAD_OK", "CLOSES_P", "SCOPE", "IMPLIED"]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", "frame", "basefont", "isindex"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
         "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
         "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
         "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
         "tfoot", "thead", "tr", "ul", "title", "head", "option", "br", "noscript", "iframe"}
CELL = {"td", "th"}
HEAD_OK = {"meta", "link", "title", "style", "script", "base", "noscript", "template", "object"}
# a start tag of one of these closes an open <p> (HTML5 "close a p element")
CLOSES_P = BLOCK - {"br", "title", "head", "body", "html", "option", "noscript", "iframe", "caption"} | {"table"}
SCOPE = {"html", "body", "div", "td", "th", "table", "li", "section", "article", "main", "blockquote",
         "aside", "nav", "header", "footer", "figure", "form", "dd", "dt"}
IMPLIED = {  # tag -> (tags it closes, tags that bound the search)
    "li": ({"li"}, {"ul", "ol", "menu", "table", "body"}),
    "dt": ({"dt", "dd"}, {"dl", "table", "body"}),
    "dd": ({"dt", "dd"}, {"dl", "table", "body"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tbody": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "thead": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "option": ({"option"}, {"select", "datalist", "body"}),
}


@dataclass
class Node:
    tag: str
    attrs: dict
    start: int
    parent: "Node | None"
    end: int = -1
    rule: str = ""          # set when the whole element is removed
    prose: int = 0          # characters of prose blocks inside (filled later)

    def ancestors(self):
        n = self
        while n is not None:
            yield n
            n = n.parent


@dataclass
class Event:
    kind: str       # start end data entity comment decl
    start: int
    end: int
    tag: str = ""
    node: "Node | None" = None   # innermost open element (for start: the element itself)
    value: str = ""               # decoded text for data/entity



class Tokenizer(HTMLParser):
    """html.parser with raw offsets: each event covers raw[start:end], events tile raw."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self._lines = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.events: list[Event] = []

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def _add(self, kind, tag="", value="", attrs=None):
        ev = Event(kind, self._pos(), -1, tag, None, value)
        if attrs is not None:
            ev.node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, ev.start, None)
        self.events.append(ev)

    def handle_starttag(self, tag, attrs):
        self._add("start", tag.lower(), attrs=attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("start", tag.lower(), attrs=attrs)
        self.events[-1].value = "/"  # self-closing

    def handle_endtag(self, tag):
        self._add("end", tag.lower())

    def handle_data(self, data):
        self._add("data", value=data)

    def handle_entityref(self, name):
        self._add("entity", value=name)

    def handle_charref(self, name):
        self._add("entity", value=name)

    def handle_comment(self, data):
        self._add("comment")

    def handle_decl(self, decl):
        self._add("decl")

    def unknown_decl(self, data):
        self._add("decl")

    def handle_pi(self, data):
        self._add("decl")

    def parse_html_declaration(self, i):
        # html.parser raises on a malformed marked section ("<![" then no name); a browser
        # reads it as a bogus comment, and so do we
        pos = self.lineno, self.offset
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = pos  # the failed scan moved the position on
            return self.parse_bogus_comment(i)

    def run(self) -> list[Event]:
        self.feed(self.raw)
        self.close()
        evs = self.events
        for k, ev in enumerate(evs):
            ev.end = evs[k + 1].start if k + 1 < len(evs) else len(self.raw)
        for ev in evs:
            if ev.kind == "entity":
                text = self.raw[ev.start:ev.end]
                ev.value = _html.unescape(text)
                if ev.value == text:  # not an entity (&pageNum= in a URL): text
                    ev.kind = "data"
                elif ev.value == "\xa0":
                    ev.value = " "
            elif ev.kind == "data":
                ev.value = self.raw[ev.start:ev.end]
        return evs



def build_tree(events: list[Event], raw: str) -> Node:
    """Attach every event to its innermost open element; set element ends."""
    root = Node("#root", {}, 0, None)
    stack = [root]

    def pop_to(i: int, end: int):
        while len(stack) > i:
            n = stack.pop()
            n.end = end

    for ev in events:
        if ev.kind == "start":
            node = ev.node
            tag = ev.tag
            if tag not in HEAD_OK and any(n.tag == "head" for n in stack):
                i = max(k for k, n in enumerate(stack) if n.tag == "head")
                pop_to(i, ev.start)  # body content closes <head>
            if tag in CLOSES_P:
                for k in range(len(stack) - 1, 0, -1):
                    if stack[k].tag == "p":
                        pop_to(k, ev.start)
                        break
                    if stack[k].tag in SCOPE:
                        break
            if tag in IMPLIED:
                closes, bounds = IMPLIED[tag]
                for k in range(len(stack) - 1, 0, -1):
                    if stack[k].tag in closes:
                        pop_to(k, ev.start)
                        break
                    if stack[k].tag in bounds:
                        break
            node.parent = stack[-1]
            if tag in VOID or ev.value == "/" and tag not in ("div", "p", "span", "a", "script", "style"):
                node.end = ev.end
            else:
                stack.append(node)
        elif ev.kind == "end":
            ev.node = stack[-1]
            if ev.tag in ("html", "body", "br"):
                continue
            for k in range(len(stack) - 1, 0, -1):
                if stack[k].tag == ev.tag:
                    stack[k].end = ev.end
                    pop_to(k + 1, ev.start)
                    stack.pop()
                    break
        else:
            ev.node = stack[-1]
    pop_to(1, len(raw))
    root.end = len(raw)
    return root


_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_CJK_OUTSIDE_QUOTES = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def known_tags_only(events: list[Event], raw: str) -> list[Event]:
    """Tags of unknown elements (<https://…> autolinks, <某> in prose) and "tags" with
    CJK text outside quotes (a < b 时…) become text."""
    from .formats import HTML_TAGS

    known = set(HTML_TAGS.replace("h[1-6]", "h1|h2|h3|h4|h5|h6").split("|"))
    out = []
    for ev in events:
        if ev.kind in ("start", "end") and (ev.tag not in known or _CJK_OUTSIDE_QUOTES.search(
                _QUOTED.sub("", raw[ev.start:ev.end]))):
            ev = Event("data", ev.start, ev.end, value=raw[ev.start:ev.end])
        if out and ev.kind == "data" and out[-1].kind == "data":
            prev = out[-1]
            out[-1] = Event("data", prev.start, ev.end, value=prev.value + ev.value)
            continue
        out.append(ev)
    return out
