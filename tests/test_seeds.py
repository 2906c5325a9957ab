"""The seeds are never edited: they match SHA256SUMS and ../shared/seeds byte for byte."""
import hashlib

import pandas as pd
import pytest

from tests.conftest import ROOT

SEEDS = ROOT / "seeds"


def test_seeds_match_sha256sums():
    lines = (SEEDS / "SHA256SUMS").read_text().split("\n")
    sums = dict(reversed(l.split("  ")) for l in lines if l.strip())
    assert len(sums) == 5
    assert sorted(sums) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, f"{name} changed"


@pytest.mark.skipif(not (ROOT.parent / "shared" / "seeds").is_dir(), reason="../shared/seeds not beside the clone")
def test_seeds_identical_to_shared():
    for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"):
        assert (SEEDS / p.name).read_bytes() == p.read_bytes(), p.name


def test_metadata_is_curated_for_every_seed():
    meta = pd.read_csv(SEEDS / "metadata.csv", dtype=str, keep_default_na=False)
    assert sorted(meta["doc_id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for col in ["title", "date", "date_precision", "date_evidence", "source", "script", "subject"]:
        assert (meta[col] != "").all(), col
    assert set(meta["date_precision"]) <= {"day", "month", "year"}
    assert meta["date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    # a day-precision date is quoted in its evidence as it stands in the text
    raw = {p.stem: p.read_text("utf-8") for p in SEEDS.glob("*.txt")}
    for _, m in meta.iterrows():
        assert m["title"] in raw[m["doc_id"]], m["doc_id"]
        if m["date_precision"] == "day":
            quoted = m["date_evidence"].split('"')[1]
            assert quoted in raw[m["doc_id"]]
    assert dict(zip(meta["doc_id"].str[:3], meta["script"]))["000"] == "traditional"
