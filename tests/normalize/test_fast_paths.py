"""The normaliser's shortcuts give what the plain passes give: Buffer.edit with few spans (Python
integers) and with many (numpy), the spaced-number patterns tried only at the starts of space runs,
the prechecks of the OCR, page-marker, blank-run and document-edge passes."""
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kslib.normalize import buffer as B
from kslib.normalize import characters, layout
from kslib.normalize.boilerplate import rules, span_removals
from kslib.normalize.buffer import Buffer

_EXAMPLES = int(__import__("os").environ.get("KSLIB_HYPOTHESIS_EXAMPLES", 300))
_PIECES = st.sampled_from([
    "昆山", "國", "億元", "8", "30", "1", "000", " ", "  ", "\t", "\u00a0", "\u3000", ".", "%", "％", "l", "I", "O",
    "ｌ", "Ｏ", "Ｉ", "GDP", "\n", "\n\n", "\n\n\n", "\r", "# ", "（下转A2版）", "( 轉 3 版 )", "，", "。", "第", "万",
])


def _state(buf: Buffer):
    rows = [None if r is None else (r.rule, r.raw_start, r.raw_end, r.replacement) for r in buf.rows]
    return buf.text, buf.origin.tolist(), buf.row.tolist(), rows


def _plain_sub(buf: Buffer, pattern, rule, repl=None):
    """Buffer.sub as a plain finditer pass over the whole text (what the passes did before)."""
    text = buf.text
    spans = []
    for m in pattern.finditer(text):
        if repl is None:
            if m.end() > m.start():
                spans.append((m.start(), m.end(), "", rule))
            continue
        new = repl(m)
        if new is not None and new != m.group(0):
            spans.append((m.start(), m.end(), new, rule))
    buf.edit(spans)


def _prepared(raw: str) -> Buffer:
    """A buffer with earlier edits in it (produced characters, removed ones), as later passes see it."""
    buf = Buffer(raw)
    buf.edit([(m.start(), m.end(), "\n", "line_break") for m in re.finditer("\r", raw)])
    characters.full_width(buf)
    return buf


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_number_spacing_equals_the_five_plain_passes(raw):
    fast, plain = _prepared(raw), _prepared(raw)
    characters.number_spacing(fast)
    for p in characters.SPACED_NUMBER:
        _plain_sub(plain, p, "number_spacing", characters.spaced_number)
    assert _state(fast) == _state(plain)


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_whitespace_equals_the_three_plain_passes(raw):
    fast, plain = _prepared(raw), _prepared(raw)
    layout.whitespace(fast)
    _plain_sub(plain, re.compile(r"(?m)^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000\r]+$"), "whitespace")
    _plain_sub(plain, re.compile(r"\n{3,}"), "whitespace", lambda m: "\n\n")
    _plain_sub(plain, re.compile(r"\A\n+|\n+\Z"), "whitespace")
    assert _state(fast) == _state(plain)


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_ocr_digits_and_page_markers_equal_the_plain_passes(raw):
    fast, plain = _prepared(raw), _prepared(raw)
    characters.ocr_digits(fast)
    span_removals(fast)
    _plain_sub(plain, characters.OCR, "ocr_digit", lambda m: characters.OCR_DIGIT[m.group(1)])
    for r in rules()["span_rules"]:
        for p in r["compiled"]:
            _plain_sub(plain, re.compile(rf"[ \t]*{p.pattern}[ \t]*"), r["rule"])
    assert _state(fast) == _state(plain)


def test_the_passes_do_change_text():
    """The equivalences above compare passes that act (not two no-ops)."""
    buf = _prepared("国批 30 周年，1 000 000元，l0万元，  （下转A2版）  \n\n\n\n末行  \n\n")
    characters.ocr_digits(buf)
    span_removals(buf)
    characters.number_spacing(buf)
    layout.whitespace(buf)
    assert buf.text == "国批30周年，1000000元，10万元，\n\n末行"


def _random_edits(rng, buf):
    """Sorted, disjoint, non-empty spans over the buffer: removals, same-length rewrites, longer
    and shorter replacements, some over characters earlier edits produced. (Insertions inside a
    block an earlier edit produced, edited in the same call as that block, fail in _expand —
    before and after this change; no rule makes them.)"""
    n = len(buf.text)
    cuts = sorted(rng.sample(range(n + 1), min(n + 1, 2 * rng.randint(1, 30))))
    cuts = cuts[: len(cuts) // 2 * 2]
    spans = []
    for s, e in zip(cuts[::2], cuts[1::2]):
        kind = rng.random()
        if kind < 0.3:
            repl = ""
        elif kind < 0.6:
            repl = "".join(rng.choice("甲乙丙") for _ in range(e - s))
        else:
            repl = "换" * rng.randint(1, 4)
        spans.append((s, e, repl, rng.choice(["a", "b", "a+b"])))
    return spans


@pytest.mark.parametrize("seed", range(40))
def test_edit_with_few_spans_equals_the_array_path(monkeypatch, seed):
    rng = random.Random(seed)
    raw = "".join(rng.choice("昆山高新区发展\n ") for _ in range(rng.randint(30, 300)))
    script = []
    probe = Buffer(raw)
    for _ in range(6):  # the same sequence of edits for both paths
        spans = _random_edits(rng, probe)
        script.append(spans)
        probe.edit(spans)
    states = []
    for few in (B._FEW, 0):  # 0: every edit through the numpy path
        monkeypatch.setattr(B, "_FEW", few)
        buf = Buffer(raw)
        for spans in script:
            buf.edit(spans)
        states.append(_state(buf))
    assert states[0] == states[1]
    assert any(r is not None and "+" not in r[0] and r[1] < r[2] for r in states[0][3])
