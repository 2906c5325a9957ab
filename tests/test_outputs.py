"""Output folders are replaced as a whole: never a mix of two runs."""
import pytest

from kslib.outputs import PARTIAL, replacing


def _write(folder, names):
    for n in names:
        (folder / n).write_text(n)


def test_a_complete_run_replaces_the_previous_output(tmp_path):
    out = tmp_path / "o"
    with replacing(out) as d:
        assert d.name == "o" and d != out
        _write(d, ["a.csv", "b.csv"])
    with replacing(out) as d:
        _write(d, ["a.csv"])
    assert sorted(p.name for p in out.iterdir()) == ["a.csv"]  # b.csv was the previous run's
    assert not [p for p in tmp_path.iterdir() if PARTIAL in p.name]


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_an_interrupted_run_leaves_the_previous_complete_output(tmp_path, error):
    out = tmp_path / "o"
    with replacing(out) as d:
        _write(d, ["overview.csv", "metrics.csv"])
    with pytest.raises(error):
        with replacing(out) as d:
            _write(d, ["overview.csv"])
            (d / "overview.csv").write_text("run B")
            raise error()
    assert sorted(p.name for p in out.iterdir()) == ["metrics.csv", "overview.csv"]
    assert (out / "overview.csv").read_text() == "overview.csv"  # still run A's
    assert [p.name for p in tmp_path.iterdir()] == ["o"]


def test_owned_files_only_are_replaced(tmp_path):
    out = tmp_path / "figures"
    out.mkdir()
    _write(out, ["old.svg", "keep.txt"])
    (out / "explore").mkdir()
    with replacing(out, owned=lambda p: p.suffix == ".svg") as d:
        _write(d, ["new.svg"])
    assert sorted(p.name for p in out.iterdir()) == ["explore", "keep.txt", "new.svg"]
