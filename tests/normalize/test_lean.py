"""The memory-saving paths give what the plain computations give: the buffer's arrays not made
until needed (identity origin, no rows), visible lines kept as spans, offsets kept as runs, t2s
a run of text at a time, and load_corpus's text columns built from UTF-8 bytes."""
import bisect
import random
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kslib import corpus as C
from kslib.normalize import buffer as B
from kslib.normalize import markup, script
from kslib.normalize import origins as O
from kslib.normalize.buffer import Buffer
from kslib.normalize.visible import Visible, visible_lines
from kslib.readers.metadata import infer_metadata
from tests.normalize import test_fast_paths as fp

_random_edits, _state = fp._random_edits, fp._state
_EXAMPLES = int(__import__("os").environ.get("KSLIB_HYPOTHESIS_EXAMPLES", 300))


def _eager(raw: str) -> Buffer:
    """A buffer whose arrays are made at once (as before: np.arange and np.full)."""
    buf = Buffer(raw)
    buf.origin, buf.row  # noqa: B018 — making them is the point
    assert isinstance(buf._origin, np.ndarray) and isinstance(buf._row, np.ndarray)
    return buf


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("few", [B._FEW, 0])
def test_edits_on_unmade_arrays_equal_edits_on_made_ones(monkeypatch, seed, few):
    monkeypatch.setattr(B, "_FEW", few)
    monkeypatch.setattr(B, "_LAZY_MIN", 0)  # every text keeps its arrays unmade (else: texts of 64 k+)
    rng = random.Random(seed)
    raw = "".join(rng.choice("昆山高新区发展\n ") for _ in range(rng.randint(30, 300)))
    removals_only = seed % 2 == 0
    lazy, eager = Buffer(raw), _eager(raw)
    dense = False
    for _ in range(6):
        spans = _random_edits(rng, lazy)
        if removals_only:
            spans = [(s, e, "", rule) for s, e, _, rule in spans]
        lazy.edit(spans)
        eager.edit(spans)
        if removals_only:  # a removal produces no character: still no row array, and the origin runs
            assert isinstance(lazy._row, O.Constant)
            # the origin stays runs while they are at most a quarter of the characters
            o = np.asarray(eager.origin, dtype=np.int64)
            dense = dense or len(o) and np.count_nonzero(np.diff(o) != 1) + 1 > len(o) / 4
            assert dense or isinstance(lazy._origin, (O.Constant, O.Runs))
    assert _state(lazy) == _state(eager)


def test_removing_the_text_edges_keeps_the_identity_origin(monkeypatch):
    monkeypatch.setattr(B, "_LAZY_MIN", 0)
    buf = Buffer("\n\n昆山。\n\n")
    buf.edit([(0, 2, "", "whitespace"), (5, 7, "", "whitespace")])
    assert isinstance(buf._origin, O.Constant) and buf.origin.tolist() == [2, 3, 4]
    assert buf.text == "昆山。"


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.integers(0, 40), st.integers(0, 1000), st.sampled_from([None, -1, 7]), st.data())
def test_a_constant_indexes_like_its_array(n, start, fill, data):
    c = O.Constant(n, np.int32, fill, start)
    arr = np.arange(start, start + n, dtype=np.int32) if fill is None else np.full(n, fill, dtype=np.int32)
    assert np.array_equal(c.array(), arr) and c.array().dtype == arr.dtype
    a, b = sorted(data.draw(st.tuples(st.integers(-50, 50), st.integers(-50, 50))))
    assert np.array_equal(c[a:b], arr[a:b])
    if n:
        k = data.draw(st.integers(-n, n - 1))
        assert c[k] == arr[k] and type(c[k]) is type(arr[k])
        idx = np.asarray(data.draw(st.lists(st.integers(-n, n - 1), max_size=10)), dtype=np.int64)
        assert np.array_equal(c[idx], arr[idx])
    for bad in (n, -n - 1):
        with pytest.raises(IndexError):
            c[bad]
    lo, hi = sorted(data.draw(st.tuples(st.integers(0, n), st.integers(0, n))))
    out = np.zeros(n + 3, dtype=np.int32)
    c.lazy(lo, hi).write(out, 2)
    assert np.array_equal(out[2:2 + hi - lo], arr[lo:hi]) and not out[:2].any()


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 100), st.sampled_from(["id", "fill", "array"])),
                max_size=6))
def test_concat_equals_numpy_concatenate(specs):
    parts, plain = [], []
    for n, start, kind in specs:
        if kind == "array":
            a = np.arange(n, dtype=np.int32) * 3 - start
            parts.append(a)
        else:
            parts.append(O.Constant(n, np.int32, None if kind == "id" else -1, start))
            a = parts[-1].array()
        plain.append(a)
    got = O.concat(parts, np.int32)
    want = np.concatenate(plain).astype(np.int32) if plain else np.zeros(0, np.int32)
    got = got.array() if isinstance(got, O.Constant) else got
    assert np.array_equal(got, want) and got.dtype == np.int32


def _plain_visible(buf: Buffer) -> list:
    """The visible lines as normalize computed them before (a list of line copies)."""
    starts = [0] + [m.end() for m in re.finditer("\r\n|[\n\r\u0085\u2028\u2029]", buf.raw)]
    out, pos = [], 0
    for line in buf.text.split("\n"):
        if pos < len(buf.origin) and line.strip():
            out.append((bisect.bisect_right(starts, int(buf.origin[pos])), line))
        pos += len(line) + 1
    return out


_LINE_PIECES = st.sampled_from(["昆山", "发展。", " ", "\t", "\u3000", "\u00a0", "\x0b", "\x0c", "\x1c", "\u2003",
                                "\n", "\n\n", "\r\n", "\r", "\u2028", "\u0085", "<p>", "</p>", "&nbsp;", "<br>",
                                "# 标题", "a"])


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=40).map("".join), st.sampled_from([None, "html", "markdown"]))
def test_visible_lines_equal_the_list_of_lines(raw, fmt):
    buf = Buffer(raw)
    markup.line_breaks(buf)
    markup.format_markup(buf, fmt)
    got = visible_lines(buf)
    want = _plain_visible(buf)
    assert list(got) == want and got == want and len(got) == len(want)
    assert list(reversed(got)) == want[::-1] and got[-2:] == want[-2:]
    if want:
        assert got[0] == want[0] and got[-1] == want[-1]
    # metadata read from them is the same
    assert infer_metadata("text", got) == infer_metadata("text", want)


def test_visible_lines_share_the_raw_text_when_no_markup_went():
    raw = "标题\n\n昆山发展。\n  \n来源：新华社\n"
    buf = Buffer(raw)
    markup.line_breaks(buf)
    markup.format_markup(buf, "text")
    got = visible_lines(buf)
    assert got.text is raw and list(got) == [(1, "标题"), (3, "昆山发展。"), (5, "来源：新华社")]


_TRAD = st.sampled_from(["崑山", "億元", "發展", "經濟", "開發區", "醫療衞生", "軟體", "\n", "\n\n", "。", "昆山", "，",
                         "臺灣", "乾隆", "頭髮", "後來", "中國", " "])


@settings(max_examples=_EXAMPLES, deadline=None)
@given(st.lists(_TRAD, max_size=60).map("".join), st.integers(1, 12))
def test_t2s_a_run_of_lines_at_a_time_equals_t2s_at_once(raw, chunk):
    results = []
    for size in (chunk, 1 << 30):
        buf = Buffer(raw)
        old = script.CHUNK
        script.CHUNK = size
        try:
            script.t2s_edits(buf)
        finally:
            script.CHUNK = old
        results.append(_state(buf))
    assert results[0] == results[1]
    assert results[0][0] == script.t2s().convert(raw)


def test_runs_cover_the_text_at_line_breaks_and_full_stops():
    text = "甲乙\n丙。\n丁戊己。庚\n辛"
    for size in range(1, 14):
        runs = list(script._runs(text, size))
        assert "".join(text[a:b] for a, b in runs) == text
        assert all(text[b - 1] in "\n。" for _, b in runs[:-1])
        assert all(b - a >= size for a, b in runs[:-1])


def test_t2s_by_runs_equals_t2s_at_once_on_traditional_documents_made_one_line(docs):
    """Real Traditional text (seed 000, a Hong Kong-style Traditional article, and the seeds'
    other articles through OpenCC s2hk), every line break removed: converted a run at a time
    (runs ending after 。), it is the text converted at once — no phrase match of OpenCC's
    dictionaries crosses a 。."""
    import opencc

    s2hk = opencc.OpenCC("s2hk")
    raws = [docs["000"]["raw"]] + [s2hk.convert(d["raw"]) for k, d in sorted(docs.items()) if k != "000"]
    one = "".join(r.replace("\r", "").replace("\n", "") for r in raws)
    assert one.count("。") > 50 and script.t2s().convert(one) != one
    for size in (7, 50, 400):
        pieces = [one[a:b] for a, b in script._runs(one, size)]
        assert len(pieces) > 5
        assert "".join(script.t2s().convert(p) for p in pieces) == script.t2s().convert(one)
    results = []
    for size in (50, 1 << 30):
        buf = Buffer(one)
        old, script.CHUNK = script.CHUNK, size
        try:
            script.t2s_edits(buf)
        finally:
            script.CHUNK = old
        results.append(_state(buf))
    assert results[0] == results[1]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.sampled_from("昆山a1 \n😀é"), max_size=8), min_size=1, max_size=6))
def test_str_column_equals_pandas_own(values):
    got, want = C._str_column(values), pd.array(values, dtype="str")
    pd.testing.assert_extension_array_equal(got, want)
    assert got.dtype == want.dtype and got._pa_array.type == want._pa_array.type
    frame = pd.DataFrame({"x": range(len(values))})
    frame["t"] = got
    pd.testing.assert_frame_equal(frame, pd.DataFrame({"x": range(len(values)), "t": values}), check_exact=True)


def test_visible_is_equal_to_its_list_and_pickles():
    import pickle

    v = Visible("甲\n乙", np.array([0, 2], np.int32), np.array([1, 3], np.int32), np.array([1, 2], np.int32))
    assert v == [(1, "甲"), (2, "乙")] and pickle.loads(pickle.dumps(v)) == v
    assert v != [(1, "甲")]
    with pytest.raises(IndexError):
        v[2]


@st.composite
def _origins(draw):
    """Offsets arrays as edits leave them: runs going up by one, constant anchors, jumps."""
    out, v = [], draw(st.integers(0, 5))
    for _ in range(draw(st.integers(0, 12))):
        kind, n = draw(st.sampled_from(["run", "anchor", "jump"])), draw(st.integers(1, 30))
        if kind == "run":
            out += range(v, v + n)
            v += n
        elif kind == "anchor":
            out += [v] * n
        else:
            v += n
    return np.asarray(out, dtype=np.int32)


@settings(max_examples=_EXAMPLES, deadline=None)
@given(_origins(), st.data())
def test_offsets_runs_read_like_their_array(arr, data):
    import pickle

    from kslib.normalize import offsets as O

    monkey = O._CHUNK
    O._CHUNK = data.draw(st.sampled_from([1, 3, 1 << 20]))
    try:
        got = O.compact(arr, np.int32)
        # every run start, whatever compact chose to keep
        pos = np.flatnonzero(np.r_[True, np.diff(arr.astype(np.int64)) != 1])[:len(arr)]
        runs = O.Offsets(pos.astype(np.int32), arr[pos], len(arr), np.int32)
        for o in (got, runs):
            assert len(o) == len(arr) and np.array_equal(np.asarray(o), arr) and np.asarray(o).dtype == arr.dtype
            assert o.tolist() == arr.tolist() and list(o) == list(arr)
            a, b = sorted(data.draw(st.tuples(st.integers(-40, 400), st.integers(-40, 400))))
            step = data.draw(st.sampled_from([1, 1, 2, 3]))
            assert np.array_equal(o[a:b:step], arr[a:b:step])
            if len(arr):
                k = data.draw(st.integers(-len(arr), len(arr) - 1))
                assert o[k] == arr[k] and type(o[k]) is type(arr[k])
                idx = np.asarray(data.draw(st.lists(st.integers(-len(arr), len(arr) - 1), max_size=10)), np.int64)
                assert np.array_equal(o[idx], arr[idx])
                assert np.array_equal(o + 1, arr + 1) and np.array_equal(o == arr[0], arr == arr[0])
                assert o.max() == arr.max()
            with pytest.raises(IndexError):
                o[len(arr)]
            assert np.array_equal(np.asarray(pickle.loads(pickle.dumps(o))), arr)
    finally:
        O._CHUNK = monkey


def test_offsets_of_a_long_edited_text_are_runs():
    """A text with a few edits keeps a few runs, not 4 bytes a character; the identity origin one."""
    from kslib.normalize import normalize
    from kslib.normalize.offsets import Offsets

    raw = "".join(f"{k}、昆山发展第{k}年，经济增长。\n" for k in range(3000)) + "责任编辑：张三\n"
    n = normalize(raw)
    assert isinstance(n.offsets, Offsets) and len(n.offsets.pos) < 10
    plain = normalize("昆山发展，经济增长。" * 3)
    assert isinstance(plain.offsets, Offsets) and len(plain.offsets.pos) == 1
    assert n.raw_line(len(n.text) - 1) == 3000 and np.array_equal(n.raw_lines([0, 5]), [1, 1])


def test_a_long_text_keeps_its_arrays_unmade_and_a_short_one_makes_them():
    long = Buffer("昆山发展。\n" * (B._LAZY_MIN // 6 + 1) + "\n")
    long.edit([(len(long.text) - 1, len(long.text), "", "whitespace")])
    assert isinstance(long._origin, O.Constant) and isinstance(long._row, O.Constant)
    short = Buffer("昆山发展。\n\n")
    short.edit([(6, 7, "", "whitespace")])
    assert isinstance(short._origin, np.ndarray) and isinstance(short._row, np.ndarray)


@st.composite
def _identity_parts(draw):
    """Parts of an origin as edits leave them: identity runs not made (_Constant), runs (_Runs),
    and short arrays (a replacement's offsets: its own raw offsets, or an anchor repeated)."""
    parts, v = [], draw(st.integers(0, 5))
    for _ in range(draw(st.integers(1, 10))):
        kind, n = draw(st.sampled_from(["constant", "runs", "own", "anchor"])), draw(st.integers(1, 40))
        if kind == "constant":
            parts.append(O.Constant(n, np.int32, None, v))
        elif kind == "runs":
            cuts = sorted(set(draw(st.lists(st.integers(1, n - 1), max_size=4)))) if n > 1 else []
            pos = np.asarray([0] + cuts, np.int64)
            val = v + pos + np.cumsum(draw(st.lists(st.integers(1, 9), min_size=len(pos), max_size=len(pos))))
            parts.append(O.Runs(pos, val.astype(np.int64), n, np.int32))
        elif kind == "own":
            parts.append(np.arange(v, v + min(n, 3), dtype=np.int32))
        else:
            parts.append(np.full(min(n, 3), v, dtype=np.int32))
        v += n + draw(st.integers(0, 7))
    return parts


def _plain(p):
    return p if isinstance(p, np.ndarray) else np.asarray([p[k] for k in range(len(p))], dtype=np.int32)


@settings(max_examples=_EXAMPLES, deadline=None)
@given(_identity_parts(), st.data())
def test_origin_runs_read_and_join_like_their_array(parts, data):
    """_Runs (an origin not made, as runs) indexes, slices, writes and joins as the array it stands
    for; _concat gives what np.concatenate gives, as runs when they are few enough."""
    plain = [_plain(p) for p in parts]
    for p, arr in zip(parts, plain):
        assert np.array_equal(p[0:len(p)], arr) and p[0:len(p)].dtype == np.int32
    want = np.concatenate(plain)
    got = O.concat(list(parts), np.int32)
    runs = O.as_runs([p for p in parts if len(p)], len(want), np.int32)
    assert np.array_equal(np.asarray(got[0:len(got)]), want) and len(got) == len(want)
    if runs is None:
        return
    n = len(want)
    assert np.array_equal(runs.array(), want) and runs.array().dtype == np.int32
    # canonical: no run continues the one before (as kslib.normalize.offsets finds runs)
    assert np.array_equal(runs.pos, np.flatnonzero(np.r_[True, np.diff(want.astype(np.int64)) != 1]))
    a, b = sorted(data.draw(st.tuples(st.integers(-10, n + 10), st.integers(-10, n + 10))))
    step = data.draw(st.sampled_from([1, 1, 2, 3]))
    assert np.array_equal(runs[a:b:step], want[a:b:step])
    lo, hi = sorted(data.draw(st.tuples(st.integers(0, n), st.integers(0, n))))
    part = runs.lazy(lo, hi)
    assert len(part) == hi - lo and np.array_equal(part.array(), want[lo:hi])
    k = data.draw(st.integers(-n, n - 1))
    assert runs[k] == want[k] and type(runs[k]) is type(want[k])
    idx = np.asarray(data.draw(st.lists(st.integers(-n, n - 1), max_size=10)), np.int64)
    assert np.array_equal(runs[idx], want[idx])
    out = np.full(n + 4, -7, dtype=np.int32)
    runs.write(out, 2)
    assert np.array_equal(out[2:-2], want) and (out[:2] == -7).all() and (out[-2:] == -7).all()
    for bad in (n, -n - 1):
        with pytest.raises(IndexError):
            runs[bad]
    from kslib.normalize.offsets import compact

    assert np.array_equal(np.asarray(compact(runs, np.int32)), compact(want, np.int32)[0:n])


def test_removals_and_same_length_rewrites_keep_a_long_origin_as_runs():
    """A long text whose edits only remove or rewrite characters in place never makes its origin
    array (4 bytes a character); the text, origin and rows are those of the made arrays."""
    raw = "".join(f"{k}、崑山發展第{k}年，经济增长。\n\n" for k in range(20000))
    lazy, eager = Buffer(raw), _eager(raw)
    lines = [m.span() for m in re.finditer("[^\n]+", raw)]
    removals = [(s, e + 1, "", "near_duplicate") for s, e in lines[1::3]]
    rewrites = [(m.start(), m.end(), "昆", "t2s") for m in re.finditer("崑", raw)][::5]
    spans = sorted(removals + [r for r in rewrites if not any(s <= r[0] < e for s, e, _, _ in removals)])
    for buf in (lazy, eager):
        buf.edit(spans)
        buf.edit([(len(buf.text) - 1, len(buf.text), "", "whitespace")])
    assert isinstance(lazy._origin, O.Runs) and len(lazy._origin.pos) < len(lines)
    assert _state(lazy) == _state(eager)


def test_a_long_text_walks_its_lines_as_line_spans_gives_them():
    from kslib.normalize import boilerplate as NB
    from kslib.normalize.buffer import line_spans

    rng = random.Random(3)
    for _ in range(200):
        text = "".join(rng.choice("昆山\n\n 。") for _ in range(rng.randint(0, 40)))
        assert list(NB._Walk(text)) == list(line_spans(text)), text


@pytest.mark.parametrize("collide", [False, True])
def test_near_duplicates_of_lines_read_as_slices_equal_those_of_the_strings(monkeypatch, collide):
    """Lines (slices of one text made on each use), the stripped texts made on each use and the
    hash-keyed verbatim check give the pairs of the paragraphs held as strings; with every hash
    equal, the check still tells texts apart by comparing them."""
    from kslib.readers import dedup
    from tests.readers.test_dedup import _paragraph_set

    monkeypatch.setattr(dedup, "LAZY_CHARS", 0)
    if collide:
        monkeypatch.setattr(dedup, "hash", lambda text: 0, raising=False)
    rng = random.Random(11)
    for _ in range(150):
        paras = _paragraph_set(rng)
        text = "|".join(paras)
        start = np.cumsum([0] + [len(p) + 1 for p in paras[:-1]]).astype(np.int64)
        lines = dedup.Lines(text, start, start + [len(p) for p in paras])
        assert list(lines) == paras and [lines[k] for k in range(len(paras))] == paras
        assert dedup.near_duplicates(lines) == dedup.near_duplicates(list(paras)), paras


def test_seen_answers_as_a_dict(monkeypatch):
    from kslib.readers import dedup

    monkeypatch.setattr(dedup, "hash", lambda text: len(text) % 3, raising=False)
    rng = random.Random(5)
    texts = ["".join(rng.choice("甲乙") for _ in range(rng.randint(1, 4))) for _ in range(300)]
    eligible = list(range(1000, 1300))
    seen, plain = dedup._Seen(texts, eligible), {}
    for k, t in enumerate(texts):
        assert seen.get(t) == plain.get(t)
        if rng.random() < 0.7:
            seen.put(t, k)
            plain[t] = eligible[k]


def test_web_line_removals_of_a_long_text_equal_those_of_the_held_lines(monkeypatch):
    """A text of LAZY_CHARS or more walks its lines again each time and gives near_duplicates
    slices: the removals and repeats are those of the lines held as a list (the seeds' lines
    with near and verbatim copies and web furniture, shuffled)."""
    from kslib.normalize import boilerplate as NB
    from kslib.readers import dedup

    rng = random.Random(2)
    lines = [ln for p in sorted(C.SEEDS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    lines += [ln[:-3] + "。" for ln in lines if len(ln) > 40][:30] + lines[:20]
    lines += ["责任编辑：张三", "相关阅读", "首页", "要闻", "国内", "国际", ""]
    rng.shuffle(lines)
    text = "\n".join(lines) + "\n"
    plain = NB.web_line_removals(text, set())
    monkeypatch.setattr(NB, "LAZY_CHARS", 0)
    monkeypatch.setattr(dedup, "LAZY_CHARS", 0)
    lazy = NB.web_line_removals(text, set())
    assert lazy == plain and any(sp[3] == "near_duplicate" for sp in plain[0])


def test_heap_trim_runs_and_changes_nothing():
    from kslib import heap
    from kslib.normalize import normalize

    raw = "崑山。\n" * 10
    before = normalize(raw)
    assert heap.trim() is None
    after = normalize(raw)
    assert after.text == before.text and np.array_equal(np.asarray(after.offsets), np.asarray(before.offsets))
