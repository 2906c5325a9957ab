"""nbval settings for the committed notebooks.

stderr streams are not compared: they carry library noise (kernel start-up, a
deprecation warning from a new dependency version) that is not part of an analysis.
Text outputs (stdout, text/plain, text/html) are compared; images are checked by
tests/test_figures_regression.py against the committed files in figures/.
"""
import os

os.environ.setdefault("PYTHONHASHSEED", "0")


def pytest_collection_modifyitems(session, config, items):
    seen = set()
    for item in items:
        parent = item.parent
        if id(parent) not in seen and hasattr(parent, "skip_compare"):
            parent.skip_compare = tuple(parent.skip_compare) + ("stderr",)
            seen.add(id(parent))
