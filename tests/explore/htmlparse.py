"""A small reader of the explorers' HTML for the tests: the text of the elements with a class,
and the attributes of elements, parsed with the standard library's HTMLParser (so a broken
tag or an unescaped '<' in a document shows up as a wrong count)."""
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "input", "meta", "link"}


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []       # open elements: dicts with tag, attrs, text parts
        self.elements = []    # every element, in document order
        self.text = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "parts": []}
        self.elements.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1]["tag"] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for el in self.stack:
            el["parts"].append(data)


def parse(html: str) -> _Tree:
    t = _Tree()
    t.feed(html)
    t.close()
    assert not t.stack, f"unclosed elements: {[e['tag'] for e in t.stack]}"
    return t


def with_class(html: str, cls: str) -> list[dict]:
    """Elements whose class attribute contains `cls`, each with its text as "text"."""
    out = []
    for el in parse(html).elements:
        if cls in (el["attrs"].get("class") or "").split():
            out.append({**el, "text": "".join(el["parts"])})
    return out


def texts(html: str, cls: str) -> list[str]:
    return [e["text"] for e in with_class(html, cls)]


def keys(html: str) -> list[str]:
    """The data-key attributes, in document order."""
    return [el["attrs"]["data-key"] for el in parse(html).elements if "data-key" in el["attrs"]]


def all_text(html: str) -> str:
    return "".join(parse(html).text)
