"""Property: whatever markup soup a document is, raw = text + log (HTML, Markdown, text)."""
from hypothesis import given, settings, strategies as st

from kslib.normalize import normalize, restore_raw

ATOMS = ["<p>", "</p>", "<div class='nav'>", "</div>", "<br>", "<br/>", "<td>", "</td>", "<tr>", "<table>", "</table>",
         "<a href='x'>", "</a>", "<script>", "</script>", "<!--", "-->", "<![", "<!x", "&nbsp;", "&amp;", "&#20013;",
         "&", "<", ">", "\n", "\r", "\r\n", "\u2028", "\x85", " ", "\u3000", "昆山", "高新区", "，", "。", "2023年2月16日",
         "首页", "|", "#", "## ", "---\n", "+++\n", "*", "**", "_", "[", "](", ")", "![", "`", "```\n", "> ", "- ",
         "https://x.cn/%E5%85%AC", "a@b.cn", "相关新闻", "责任编辑：王芳", "<html>", "<body>", "</body>", "</html>",
         "<head>", "<title>", "</title>", "<style>", "</style>", "<h1>", "</h1>", "<figcaption>", "</figcaption>",
         "增长5%", "l億元", "(下转A2版)", "ｌ２３", "一直以来，"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=60), st.sampled_from([None, "html", "markdown", "text"]))
def test_raw_is_rebuilt_from_text_and_log(atoms, fmt):
    raw = "".join(atoms)
    n = normalize(raw, fmt=fmt)
    assert restore_raw(n.text, n.offsets, n.log) == raw


def test_malformed_marked_section_is_a_bogus_comment():
    raw = "<p>甲</p><![</div>乙<p>丙</p>"
    n = normalize(raw, fmt="html")
    assert restore_raw(n.text, n.offsets, n.log) == raw and "丙" in n.text
