import matplotlib.pyplot as plt
import pytest

from kslib import figures


@pytest.fixture(autouse=True)
def paper_style():
    """Every plot test draws with the project's CJK font, and closes its figures."""
    figures.use_paper_style()
    yield
    plt.close("all")
