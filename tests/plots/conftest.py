import matplotlib.pyplot as plt
import pytest

from kslib import figures


@pytest.fixture(autouse=True)
def paper_style():
    """Every plot test draws with the project's CJK font (chrome in English, so tests can name the
    strings; Chinese chrome is tested on its own), and closes its figures and resets the style."""
    figures.use_paper_style(language="en")
    yield
    plt.close("all")
    figures.use_paper_style()
