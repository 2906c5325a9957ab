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
