import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
os.environ.setdefault("KSLIB_CACHE", str(ROOT / ".cache"))
os.environ.setdefault("MPLBACKEND", "Agg")  # figures are drawn off-screen in tests


@pytest.fixture(scope="session")
def corpus():
    import kslib

    return kslib.load_corpus()


@pytest.fixture(scope="session")
def docs(corpus):
    """doc_id prefix ("000" … "004") -> corpus row."""
    return {d[:3]: row for d, row in zip(corpus["doc_id"], corpus.to_dict("records"))}
