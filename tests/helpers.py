"""Shared builders for tests: small token tables in the kslib.tokens contract."""
import pandas as pd


def make_tokens(docs: dict[str, list[str]], stop=("的", "和"), punct=("，", "。")) -> pd.DataFrame:
    """A tokens table per the kslib.tokens contract from {doc_id: [token, ...]}."""
    rows = []
    for doc_id, toks in docs.items():
        for i, t in enumerate(toks):
            rows.append({"doc_id": doc_id, "paragraph": 1, "position": i, "token": t, "start": i, "end": i + 1,
                         "line": 1, "pos": "", "is_stop": t in stop, "is_punct": t in punct,
                         "is_num": t.replace(".", "").isdigit()})
    return pd.DataFrame(rows)


# a two-document term table (term_frequencies(by="doc") contract), Simplified and Traditional 昆山
FREQS = pd.DataFrame({
    "doc_id": ["a"] * 4 + ["b"] * 3,
    "term": ["昆山", "科创", "发展", "崑山", "昆山", "之路", "开放"],
    "count": [10, 6, 4, 2, 7, 5, 3],
    "per_1k": [100.0, 60, 40, 20, 70, 50, 30],
})


def figure_texts(fig) -> list[str]:
    """Every string a figure shows: titles, axis labels, tick labels, texts, legend entries."""
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels() + ax.texts]
        leg = ax.get_legend()
        if leg is not None:
            out += [t.get_text() for t in leg.get_texts()]
    return [t for t in out if t]


def bar_count(ax) -> int:
    """Bars drawn on an axes (Rectangle patches with a non-zero extent)."""
    from matplotlib.patches import Rectangle

    return sum(1 for p in ax.patches if isinstance(p, Rectangle) and (p.get_width() or p.get_height()))


def texts_outside_axes(fig) -> list[str]:
    """Texts drawn in data coordinates (annotations, cell values) that reach past their axes' box."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        box = ax.get_window_extent(renderer)
        for t in ax.texts:
            if t.get_transform() != ax.transData and not hasattr(t, "xyann"):
                continue
            e = t.get_window_extent(renderer)
            if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1:
                out.append(t.get_text())
    return out


def printed_size(fig) -> tuple[float, float]:
    """Width and height in inches of the figure as save_figure exports it (bbox_inches="tight")."""
    fig.canvas.draw()
    bbox = fig.get_tightbbox(fig.canvas.get_renderer())
    return bbox.width, bbox.height


def overlapping_labels(labels) -> list[tuple[str, str]]:
    """Pairs of horizontal tick labels whose drawn boxes overlap (labels that do not fit side by side);
    slanted labels are left out (their upright boxes overlap even when the text does not)."""
    boxes = [(t.get_text(), t.get_window_extent()) for t in labels
             if t.get_text() and t.get_visible() and t.get_rotation() == 0]
    return [(a, b) for i, (a, ea) in enumerate(boxes) for b, eb in boxes[i + 1:] if ea.overlaps(eb)]
