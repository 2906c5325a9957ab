"""The CJK font (a TrueType face built from the wheel's CFF collection), glyphs
that are not the missing-glyph box, PDFs embedding a real TrueType CJK font, and
deterministic exports."""
import io
import re
import warnings
import zlib

import matplotlib

matplotlib.use("Agg")  # tests only; the library never calls matplotlib.use()
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from kslib import figures  # noqa: E402
from kslib.plots.terms import bar_top_terms, bar_top_terms_by_doc, cooccurrence_network, wordclouds  # noqa: E402
from tests.helpers import FREQS  # noqa: E402


@pytest.fixture(scope="module")
def font():
    path = figures.font_path()
    return path, TTFont(path, lazy=True)


def test_font_is_a_truetype_sc_face_with_its_own_name(font):
    path, f = font
    assert path.endswith(".ttf")
    assert "glyf" in f and "CFF " not in f
    assert f["name"].getDebugName(1) == figures.FONT_FAMILY
    from matplotlib import font_manager

    assert font_manager.findfont(figures.FONT_FAMILY, fallback_to_default=False) == path


def test_font_covers_every_character_of_the_seeds(font, corpus):
    _, f = font
    cmap = f.getBestCmap()
    chars = {c for t in corpus["text"] for c in t if not c.isspace()}
    missing = sorted(c for c in chars if ord(c) not in cmap)
    assert not missing
    assert {ord("昆"), ord("崑")} <= cmap.keys()


def _render(s: str) -> np.ndarray:
    figures.use_paper_style()
    fig = plt.figure(figsize=(1, 0.5), dpi=100)
    fig.text(0.05, 0.2, s, fontsize=20)
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=2)
    plt.close(fig)
    return img


def test_kunshan_glyphs_are_not_the_missing_glyph_box(font):
    _, f = font
    absent = next(chr(c) for c in range(0xE000, 0xF8FF) if c not in f.getBestCmap())  # private use: no glyph
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # matplotlib warns about the missing glyph
        box = _render(absent * 2)
    assert (box < 128).any()  # the .notdef box has ink
    imgs = {s: _render(s) for s in ("昆山", "崑山")}
    for s, img in imgs.items():
        assert (img < 128).sum() > 50, s
        assert not np.array_equal(img, box), s
    assert not np.array_equal(imgs["昆山"], imgs["崑山"])  # 崑 and 昆 are different glyphs


def _pdf_fonts(data: bytes) -> list[tuple[bytes, TTFont]]:
    """(FontFile key, font) for every embedded font program of a PDF."""
    out = []
    for m in re.finditer(rb"/(FontFile\d?)\s+(\d+)\s+0\s+R", data):
        obj = re.search(rb"(?:^|\n)" + m.group(2) + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", data, re.S)
        length = int(re.search(rb"/Length\s+(\d+)", obj.group(1)).group(1))
        stream = data[obj.end():obj.end() + length]
        if b"FlateDecode" in obj.group(1):
            stream = zlib.decompress(stream)
        out.append((m.group(1), TTFont(io.BytesIO(stream))))
    return out


def _bar_figure():
    figures.use_paper_style()
    return bar_top_terms({"昆山": 9, "崑山": 3, "科创": 5, "高质量发展": 4}, title="昆山 崑山")


def test_pdf_embeds_the_cjk_font_as_truetype(tmp_path):
    fig = _bar_figure()
    figures.save_figure(fig, "bar", caption="t", out=tmp_path)
    plt.close(fig)
    data = (tmp_path / "bar.pdf").read_bytes()
    assert b"/FontFile2" in data and b"/CIDFontType2" in data
    embedded = _pdf_fonts(data)
    assert embedded
    cjk = [f for key, f in embedded if ord("昆") in (f.getBestCmap() or {})]
    assert cjk, "no embedded font maps 昆"
    for key, f in embedded:
        assert key == b"FontFile2"
        assert f.sfntVersion == "\x00\x01\x00\x00" and "glyf" in f and "CFF " not in f  # real TrueType
    assert all(ord(c) in cjk[0].getBestCmap() for c in "崑山科创高质量发展")
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+NotoSansCJKSCTT", data)


def test_png_is_not_blank(tmp_path):
    fig = _bar_figure()
    figures.save_figure(fig, "bar", caption="t", out=tmp_path)
    plt.close(fig)
    from PIL import Image

    img = np.asarray(Image.open(tmp_path / "bar.png").convert("L"), dtype=float)
    assert img.shape[1] > 600  # 300 dpi
    assert img.std() > 5 and (img < 128).mean() > 0.01


def _all_figures():
    figures.use_paper_style()
    pairs = pd.DataFrame({"term1": ["昆山", "昆山", "发展", "之路"], "term2": ["科创", "发展", "科创", "昆山"],
                          "count": [5, 3, 2, 2]})
    return {
        "bars": bar_top_terms_by_doc(FREQS, n=3, ncols=2),
        "clouds": wordclouds(FREQS, ncols=2, max_words=10, width=300, height=200),
        "net": cooccurrence_network(pairs, weights={"昆山": 10, "科创": 6}),
    }


def test_two_exports_are_byte_identical(tmp_path):
    for run in ("one", "two"):
        for name, fig in _all_figures().items():
            figures.save_figure(fig, name, caption=name, out=tmp_path / run)
            plt.close(fig)
    for name in ("bars", "clouds", "net"):
        for ext in ("png", "pdf", "svg"):
            a = (tmp_path / "one" / f"{name}.{ext}").read_bytes()
            b = (tmp_path / "two" / f"{name}.{ext}").read_bytes()
            assert a == b, f"{name}.{ext}"
    assert b"/FontFile2" in (tmp_path / "one" / "net.pdf").read_bytes()  # network labels embed the font


def test_truetype_conversion_keeps_the_outlines(font):
    """The converted glyph of 崑 has the same bounding box (within the cu2qu
    tolerance) as the CFF original in the collection's SC face."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTCollection

    _, tt = font
    sc = next(f for f in TTCollection(figures.collection_path(), lazy=True).fonts
              if f["name"].getDebugName(1) == figures.FONT_FACE)
    for ch in "崑昆山":
        boxes = []
        for f in (sc, tt):
            pen = BoundsPen(f.getGlyphSet())
            f.getGlyphSet()[f.getBestCmap()[ord(ch)]].draw(pen)
            boxes.append(pen.bounds)
        assert boxes[0] == pytest.approx(boxes[1], abs=1.5), ch


def test_a_table_and_a_figure_of_the_same_name_keep_both_captions(tmp_path):
    import csv

    import matplotlib.pyplot as plt
    import pandas as pd

    from kslib.figures import save_figure, save_table

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    save_figure(fig, "same", caption="the chart", out=tmp_path)
    save_table(pd.DataFrame({"a": [1]}), "same", caption="the table", out=tmp_path)
    plt.close(fig)
    rows = list(csv.DictReader((tmp_path / "captions.csv").open(encoding="utf-8")))
    assert sorted((r["kind"], r["caption"]) for r in rows) == [("figure", "the chart"), ("table", "the table")]


def test_built_font_carries_the_source_timestamp_not_the_build_time():
    """The converted font's head.modified reaches every PDF through the embedded
    subset: it must come from the wheel's font, or PDFs differ between machines."""
    from fontTools.ttLib import TTCollection, TTFont

    from kslib import figures as F

    built = TTFont(F.font_path(), lazy=True)
    faces = TTCollection(F.collection_path(), lazy=True).fonts
    source = next(f for f in faces if f["name"].getDebugName(1) == F.FONT_FACE)
    assert built["head"].modified == source["head"].modified


def test_svg_does_not_depend_on_float_noise_below_its_precision(tmp_path):
    """matplotlib hashes clip-path ids from full-precision floats: axes 1e-12 apart drew the same
    SVG with different ids (seen on keyness_each_vs_rest.svg between two runs)."""
    figures.use_paper_style()
    out = []
    for i, left in enumerate((0.1, 0.1 + 1e-12)):
        fig = plt.figure(figsize=(2, 2))
        ax = fig.add_axes([left, 0.1, 0.8, 0.8])
        ax.bar([0, 1], [1, 2])
        figures.save_figure(fig, "f", caption="c", out=tmp_path / str(i))
        out.append((tmp_path / str(i) / "f.svg").read_bytes())
        plt.close(fig)
    assert b"clip-path=" in out[0] and not re.search(rb'id="[a-z][0-9a-f]{10}"', out[0])
    assert out[0] == out[1]


def test_tables_are_written_exactly(tmp_path):
    df = pd.DataFrame({"value": [12345678.0, 0.1 + 0.2, 7.1, float("nan"), 762e8, 1 / 3],
                       "count": [1, 2, 3, 4, 5, 6], "unit": ["USD", "%", "%", "", "CNY", "%"]})
    figures.save_table(df, "t", caption="c", out=tmp_path)
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "12345678,1,USD" in text and "76200000000,5,CNY" in text and "e+07" not in text
    back = pd.read_csv(tmp_path / "t.csv")
    assert back["value"].tolist()[:3] == [12345678.0, 0.1 + 0.2, 7.1]  # round-trips to the same floats
    assert back["value"].iloc[5] == 1 / 3 and pd.isna(back["value"].iloc[3])


@pytest.mark.parametrize("name", ["../x", "../../x", "/tmp/x", "a/../../x", ".hidden", ""])
def test_names_that_leave_the_output_folder_are_refused(tmp_path, name):
    out = tmp_path / "out"
    with pytest.raises(ValueError):
        figures.save_table(pd.DataFrame({"a": [1]}), name, out=out)
    with pytest.raises(ValueError):
        figures.save_figure(plt.figure(), name, out=out)
    assert not any(tmp_path.rglob("x*"))


def test_exports_get_the_users_normal_permissions(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        figures.save_table(pd.DataFrame({"a": [1]}), "t", out=tmp_path)
    finally:
        os.umask(old)
    assert (tmp_path / "t.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "captions.csv").stat().st_mode & 0o777 == 0o644
