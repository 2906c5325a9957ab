import pytest

import kslib


@pytest.fixture(scope="module")
def toks(corpus):
    """The seeds' token table."""
    return kslib.tokens(corpus)
