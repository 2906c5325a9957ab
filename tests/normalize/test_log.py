"""The cleaning log kept by column (Log): rows read as the dicts the log always gave."""
import pickle

import pandas as pd

from kslib.normalize import LOG_COLUMNS, normalize
from kslib.normalize.buffer import Log

_PARA = ("昆山高新区高度重视党的建设，将党建工作与中心工作结合起来，激发基层党组织和党员干部干事创业活力，"
         "如推进包保机关勤政为民、农村强村富民、国企强企富民等五大领域民心党建工程。")
RAW = f"首页 | 要闻 | 国内 | 国际\r\n崑山市高新區發展很快，ＧＤＰ增長３０％。\r\n{_PARA}\n一直以来，{_PARA}\n"


def test_rows_are_dicts_of_the_raw_text():
    n = normalize(RAW)
    assert isinstance(n.log, Log) and len(n.log) > 5
    rows = list(n.log)
    assert [list(r) for r in rows] == [LOG_COLUMNS[1:]] * len(rows)
    for r in rows:
        assert r["text"] == RAW[r["raw_start"]:r["raw_end"]]
        assert r["line"] == RAW[:r["raw_start"]].replace("\r\n", "\n").count("\n") + 1
    assert [r["raw_start"] for r in rows] == sorted(r["raw_start"] for r in rows)
    near = [r for r in rows if r["rule"] == "near_duplicate"]
    assert len(near) == 1 and near[0]["line"] == 4 and near[0]["note"] == "repeats line 3"
    assert all(r["note"] == "" for r in rows if r["rule"] != "near_duplicate")


def test_indexing_slicing_equality_and_pickle():
    n = normalize(RAW)
    rows = list(n.log)
    assert n.log[0] == rows[0] and n.log[-1] == rows[-1] and n.log[1:3] == rows[1:3]
    assert n.log == rows and n.log == normalize(RAW).log and n.log != rows[:-1]
    back = pickle.loads(pickle.dumps(n.log))
    assert back == n.log
    n.log[0]["rule"] = "changed"  # a row read is a copy: the log stays as it was
    assert n.log[0] == rows[0]
    try:
        n.log[len(rows)]
        raise AssertionError("no IndexError")
    except IndexError:
        pass


def test_a_frame_of_the_log_has_the_columns_and_types_of_one_made_from_dicts():
    n = normalize(RAW)
    rows = [dict(r) for r in n.log]
    got = pd.DataFrame(list(n.log), columns=LOG_COLUMNS[1:])
    pd.testing.assert_frame_equal(got, pd.DataFrame(rows, columns=LOG_COLUMNS[1:]))
    assert got["raw_start"].dtype == "int64" and got["line"].dtype == "int64"
