import pytest

from kslib.metrics import extract_metrics


@pytest.fixture(scope="module")
def metrics(corpus):
    """The seeds' extracted metrics."""
    return extract_metrics(corpus)
