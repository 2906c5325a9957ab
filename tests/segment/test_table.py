"""The token table: columns, offsets, positions, raw lines, flags, POS, empty input."""
import re

import pytest

import kslib
from kslib.segment import COLUMNS


def test_flags_mark_but_do_not_drop(toks):
    by = toks.drop_duplicates("token").set_index("token")
    assert by.loc["的", "is_stop"] and by.loc["推动", "is_stop"]
    assert not by.loc["高质量发展", "is_stop"]
    assert by.loc[",", "is_punct"] and by.loc["；", "is_punct"]
    assert by.loc["「", "is_punct"] and not by.loc["「", "is_num"]
    for num in ["2018", "7.1%", "23.6", "1732"]:
        assert by.loc[num, "is_num"] and not by.loc[num, "is_punct"], num
    assert not by.loc["5G", "is_num"]
    assert not by.loc["亿元", "is_num"]
    assert (toks["token"].str.len() == 1).any(), "single characters are kept"
    assert toks["is_punct"].any() and toks["is_num"].any()


def test_columns_offsets_positions(corpus, toks):
    assert list(toks.columns) == COLUMNS
    assert toks["doc_id"].is_monotonic_increasing
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    assert set(toks["doc_id"]) == set(texts)
    for doc_id, g in toks.groupby("doc_id", sort=False):
        text = texts[doc_id]
        assert g["position"].tolist() == list(range(len(g)))
        assert all(text[s:e] == t for s, e, t in zip(g["start"], g["end"], g["token"]))
        assert (g["start"].to_numpy()[1:] >= g["end"].to_numpy()[:-1]).all()
        assert "".join(g["token"]) == re.sub(r"\s", "", text)
        paras = [p for p in text.split("\n") if p.strip()]
        assert g["paragraph"].min() == 1 and g["paragraph"].max() == len(paras)
        first = g[g["paragraph"] == 2].iloc[0]
        assert paras[1].strip().startswith(first["token"])
    assert not toks["token"].str.isspace().any()
    assert (toks["pos"] == "").all()


@pytest.mark.parametrize("doc, token, raw_word", [
    ("001", "管凤良", "管凤良"),
    ("003", "周伟", "周伟"),
    ("000", "谭建荣", "譚建榮"),  # Traditional raw: line found through normalisation offsets
])
def test_line_is_the_raw_line(docs, toks, doc, token, raw_word):
    raw = docs[doc]["raw"]
    expected = next(i for i, line in enumerate(raw.split("\n"), 1) if raw_word in line)
    row = toks[toks["doc_id"].str.startswith(doc) & (toks["token"] == token)].iloc[0]
    assert row["line"] == expected


def test_pos_only_when_asked(corpus, toks):
    tp = kslib.tokens(corpus, pos=True)
    assert tp.drop(columns="pos").equals(toks.drop(columns="pos"))
    assert (tp["pos"] != "").all()
    tag = dict(zip(tp["token"], tp["pos"]))
    assert tag["管凤良"] == "nr" and tag["昆山高新区"] == "ns"


def test_hand_made_corpus_without_raw():
    import pandas as pd

    c = pd.DataFrame({"doc_id": ["b", "a"], "text": ["\n科创之城\n\n2018年 增长7.1%", "昆山之路"]})
    t = kslib.tokens(c, cache=False)
    assert t["doc_id"].tolist()[0] == "a"
    b = t[t["doc_id"] == "b"]
    assert b["token"].tolist() == ["科创之城", "2018", "年", "增长", "7.1%"]
    assert b["paragraph"].tolist() == [1, 2, 2, 2, 2]
    assert b["line"].tolist() == [2, 4, 4, 4, 4]
    assert b["is_num"].tolist() == [False, True, False, False, True]


def test_unknown_backend_and_engine_are_errors(corpus):
    with pytest.raises(ValueError, match="backend"):
        kslib.tokens(corpus, backend="nope")
    with pytest.raises(ValueError, match="engine"):
        kslib.tokens(corpus, engine="spark")


def test_empty_corpus_and_empty_texts(corpus):
    import pandas as pd

    empty = kslib.tokens(corpus.iloc[:0])
    assert list(empty.columns) == COLUMNS and len(empty) == 0
    blank = kslib.tokens(pd.DataFrame({"doc_id": ["x", "y"], "text": ["", "\n \n"]}), cache=False)
    assert list(blank.columns) == COLUMNS and len(blank) == 0


def test_column_dtypes_are_the_documented_ones(corpus, tmp_path, monkeypatch):
    """README (tokens section): int32 offsets, positions and lines; str doc_id, token, pos; bool
    flags — the same for a cold, a warm, an empty, a pos=True and a compounds-joined table."""
    import pandas as pd

    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    small = corpus.head(2)
    ints, strs, flags = ["paragraph", "position", "start", "end", "line"], ["doc_id", "token", "pos"], \
        ["is_stop", "is_punct", "is_num"]
    tables = {"cold": kslib.tokens(small), "warm": kslib.tokens(small), "empty": kslib.tokens(small.iloc[:0]),
              "pos": kslib.tokens(small.head(1), pos=True, cache=False),
              "compounds": kslib.tokens(small, compounds=["高新区"], cache=False)}
    for name, t in tables.items():
        assert all(t[c].dtype == "int32" for c in ints), (name, t.dtypes.to_dict())
        assert all(isinstance(t[c].dtype, pd.StringDtype) for c in strs), (name, t.dtypes.to_dict())
        assert all(t[c].dtype == bool for c in flags), (name, t.dtypes.to_dict())
    assert (tables["cold"]["end"] - tables["cold"]["start"] == tables["cold"]["token"].str.len()).all()
