"""Hand-marked fixtures (tests/fixtures/web/*.labels): reading the labels and scoring a
cleaning against them (boilerplate lines removed, content lines kept)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kslib.readers.lines import split_lines

# What a reader never sees, found independently of kslib's readers (so that the score does
# not take the code's word for what is markup): comments, scripts and styles, tags,
# entities, front matter, Markdown link targets, URLs and e-mail addresses.
_MARKUP = [
    re.compile(r"\A(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n).*?(?:\r\n|\r|\n)(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n|\Z)", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I),
    re.compile(r"<[A-Za-z!/?][^<>]*>"),
    re.compile(r"&#?\w+;?"),
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"(?:https?|ftp)://[^\s<>\"'，。）)\]]+|www\.[A-Za-z0-9.-]+\.[a-z]{2,}\S*"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
]
_VISIBLE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")
KEPT_SHARE = 0.9  # a content line is kept when this share of its visible characters survives


def read_labels(path: Path) -> dict[int, str]:
    """{line: "B" | "C"} from a .labels file (ranges `a-b LABEL note`, # comments)."""
    out = {}
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        rng, label = line.split()[:2]
        a, _, b = rng.partition("-")
        assert label in ("B", "C"), raw
        for n in range(int(a), int(b or a) + 1):
            out[n] = label
    return out


@dataclass
class Score:
    boilerplate: int = 0
    removed: int = 0
    content: int = 0
    kept: int = 0
    unlabelled: list = field(default_factory=list)   # lines with visible text and no label
    left: list = field(default_factory=list)         # boilerplate lines with text left
    lost: list = field(default_factory=list)         # content lines not kept

    @property
    def recall(self) -> float:
        return self.removed / self.boilerplate if self.boilerplate else 1.0

    @property
    def retention(self) -> float:
        return self.kept / self.content if self.content else 1.0

    def __iadd__(self, other: "Score"):
        for k in ("boilerplate", "removed", "content", "kept"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.unlabelled += other.unlabelled
        self.left += other.left
        self.lost += other.lost
        return self


def score(raw: str, offsets, labels: dict[int, str], name: str = "") -> Score:
    """Score one cleaned document against its labels."""
    kept = set(int(o) for o in offsets)
    markup = set()
    for pat in _MARKUP:
        for m in pat.finditer(raw):
            markup.update(range(m.start(), m.end()))
    sc = Score()
    for n, (s, e, text) in enumerate(split_lines(raw), 1):
        chars = [s + m.start() for m in _VISIBLE.finditer(text)]
        visible = [o for o in chars if o not in markup]
        survived_all = [o for o in chars if o in kept]
        label = labels.get(n)
        if label is None:
            if visible:
                sc.unlabelled.append((name, n, text[:60]))
            continue
        if label == "B":
            if not visible:  # markup only (a script line, a tag): not furniture a reader sees
                continue
            sc.boilerplate += 1
            if survived_all:
                sc.left.append((name, n, text[:60]))
            else:
                sc.removed += 1
        elif visible:  # a blank or markup-only line inside a content range counts for nothing
            sc.content += 1
            if sum(o in kept for o in visible) >= KEPT_SHARE * len(visible):
                sc.kept += 1
            else:
                sc.lost.append((name, n, text[:60]))
    return sc
