"""Paths and environment variables live in kslib.config and are read when used."""
from kslib import config


def test_paths_point_into_the_repository():
    assert (config.PACKAGE / "__init__.py").exists()
    assert (config.DATA / "metrics.yaml").exists()
    assert (config.SEEDS / "metadata.csv").exists()
    assert (config.GOLD_DIR / "metrics_gold.csv").exists()
    assert config.NOTEBOOKS.is_dir()


def test_environment_overrides_are_read_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path / "c"))
    monkeypatch.setenv("KSLIB_FIGURES", str(tmp_path / "f"))
    assert config.cache_dir() == tmp_path / "c"
    assert config.figures_dir() == tmp_path / "f"
    monkeypatch.delenv("KSLIB_CACHE")
    monkeypatch.delenv("KSLIB_FIGURES")
    assert config.cache_dir() == config.REPO / ".cache"
    assert config.figures_dir() == config.REPO / "figures"


def test_no_module_sets_its_own_paths():
    """Every path is built in kslib/config.py (the layout's rule): no other module derives one
    from its own __file__."""
    offenders = [p.relative_to(config.PACKAGE) for p in config.PACKAGE.rglob("*.py")
                 if p.name != "config.py" and "__file__" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_a_relative_corpus_path_is_read_from_the_repository_root(monkeypatch, tmp_path):
    import pytest

    monkeypatch.chdir(tmp_path)  # e.g. notebooks/, where a notebook's kernel runs
    assert config.corpus_path("seeds") == config.SEEDS.resolve()
    assert config.corpus_path(None) == config.SEEDS
    (tmp_path / "mine").mkdir()
    assert config.corpus_path("mine") == (tmp_path / "mine").resolve()  # the current directory first
    with pytest.raises(FileNotFoundError) as e:
        config.corpus_path("no_such_corpus")
    # the error names both places it looked
    assert str(tmp_path / "no_such_corpus") in str(e.value) and str(config.REPO / "no_such_corpus") in str(e.value)


def test_default_output_folders():
    assert config.results_dir(None) == config.REPO / "figures"
    assert config.results_dir(config.SEEDS) == config.REPO / "figures"
    assert config.results_dir("tests/fixtures/encodings") == config.RESULTS / "encodings"
    assert config.is_seeds("seeds") and not config.is_seeds("tests/fixtures/encodings")


def test_results_are_not_committed():
    lines = (config.REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "results/" in lines
