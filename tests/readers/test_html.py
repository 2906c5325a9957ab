"""HTML: exact spans on raw; markup out, text and its line structure in; furniture out."""
from kslib.normalize import restore_raw
from kslib.normalize.buffer import Buffer as _Buffer
from kslib.readers.html import parse_html


def apply(raw):
    doc = parse_html(raw)
    buf = _Buffer(raw)
    buf.edit(doc.spans)
    log = [dict(rule=r.rule, raw_start=r.raw_start, raw_end=r.raw_end, text=raw[r.raw_start:r.raw_end],
                replacement=r.replacement) for r in buf.rows if r]
    assert restore_raw(buf.text, buf.origin, log) == raw
    return buf.text, doc, log


def rules(log):
    return {r["rule"] for r in log}


def test_tags_scripts_styles_comments_entities():
    raw = ('<p>第一段<span>2012</span>年增长<b>10%</b>。</p><script>var a = "<p>x</p>";</script>'
           '<style>p{color:red}</style><!-- 注释 --><p>甲&amp;乙&nbsp;丙&#20013;</p>')
    text, _, log = apply(raw)
    assert text.split("\n") == ["第一段2012年增长10%。", "甲&乙 丙中"]
    assert {"html_script", "html_style", "html_comment", "html_entity", "html_markup"} <= rules(log)


def test_every_line_wrapped_in_p_and_source_layout_whitespace():
    raw = '<p class="MsoNormal">\n\t全市完成地方财政收入<span>263</span>亿元，\n\t同比增长<span>24.8%</span>。\n</p>\n<p>\n\t二、农业\n</p>\n'
    text, _, _ = apply(raw)
    assert text == "全市完成地方财政收入263亿元，同比增长24.8%。\n二、农业"


def test_latin_words_keep_their_spaces():
    text, _, _ = apply("<p>Copyright <b>by</b>\n  example</p>")
    assert text == "Copyright by example"


def test_table_rows_are_lines_cells_spaced():
    raw = "<table><tr><td><p>地区生产总值</p></td><td><p>4000.5</p></td></tr><tr><td>工业</td><td>3157.4</td></tr></table>"
    text, _, _ = apply(raw)
    assert text.split("\n") == ["地区生产总值 4000.5", "工业 3157.4"]


def test_stray_html_end_tag_does_not_end_the_page():
    raw = ("<html><head><title>决议_中国政府网</title></head><body><div class='header'><a href='/'>首页</a></div></html>"
           "<div class='content'><p>会议决定：批准发行15500亿元特别国债，批准2007年末国债余额限额调整为53365.53亿元。</p></div>"
           "<div class='footer'>版权所有：中国政府网</div></body></html>")
    text, doc, log = apply(raw)
    assert text == "会议决定：批准发行15500亿元特别国债，批准2007年末国债余额限额调整为53365.53亿元。"
    assert {"html_head", "web_header", "web_footer"} <= rules(log) and doc.title == "决议_中国政府网"


def test_furniture_by_tag_and_by_class_tokens():
    raw = ("<body><nav><a href='/'>首页</a><a href='/n'>要闻</a></nav>"
           "<div class='BreadcrumbNav'>首页 &gt; 正文</div>"
           "<div id='article'><p>昆山开发区去年完成地区生产总值2400亿元，同比增长5.2%，总量继续位居全国前列。</p>"
           "<div class='share-box'>分享到：微信 微博</div></div>"
           "<aside><p>热门文章</p></aside><div class='ad-banner'>广告位招租</div></body>")
    text, _, log = apply(raw)
    assert text == "昆山开发区去年完成地区生产总值2400亿元，同比增长5.2%，总量继续位居全国前列。"
    assert {"web_navigation", "web_share", "web_aside", "web_ad"} <= rules(log)


def test_hidden_elements_go():
    text, _, log = apply("<body><p>正文第一段，写得很长很长的一句话，里面有逗号和句号。</p><div style='display: none'>隐藏的</div>"
                         "<span hidden>也隐藏</span><div class='siteurl hide'>https://x.cn/</div></body>")
    assert "隐藏" not in text and "x.cn" not in text and "html_hidden" in rules(log)


def test_furniture_class_on_a_wrapper_holding_the_article_is_kept():
    body = "".join(f"<p>第{i}段正文，昆山高新区推动高质量发展，取得新成效。</p>" for i in range(5))
    text, _, _ = apply(f"<body><div class='main-header-wrap'>{body}</div></body>")
    assert text.count("正文") == 5


def test_link_lists_and_chrome_around_the_article_go_on_whole_pages():
    links = "".join(f"<li><a href='/n{i}'>其他新闻标题{i}</a></li>" for i in range(6))
    raw = (f"<html><body><div class='x1'><ul>{links}</ul></div>"
           "<div class='x2'><h1>昆山发布年度报告</h1><p>昆山市统计局发布年度报告，全年地区生产总值增长5.2%，工业产值增长6.1%。</p>"
           "<p>短句。</p><p>报告指出，全市新增高新技术企业120家，研发投入占比达到3.5%。</p></div>"
           f"<div class='x3'><ul>{links}</ul><p>地址：某某路1号</p></div></body></html>")
    text, doc, log = apply(raw)
    assert text.split("\n") == ["昆山发布年度报告", "昆山市统计局发布年度报告，全年地区生产总值增长5.2%，工业产值增长6.1%。",
                                "短句。", "报告指出，全市新增高新技术企业120家，研发投入占比达到3.5%。"]
    assert "web_links" in rules(log) and doc.whole_page


def test_related_box_goes_whole():
    raw = ("<html><body><div><p>正文一段，内容充实，说明情况，介绍成果，总结经验。</p>"
           "<div class='box'><h2>相关新闻</h2><p>另一篇文章的导语，同样有逗号和句号。</p></div></div></body></html>")
    text, _, log = apply(raw)
    assert text == "正文一段，内容充实，说明情况，介绍成果，总结经验。" and "related_news" in rules(log)


def test_data_table_survives_on_a_whole_page():
    rows = "".join(f"<tr><td>指标{i}</td><td>{i}.5</td></tr>" for i in range(6))
    raw = (f"<html><body><p>全年主要指标如下，增长平稳，结构优化，质量提升。</p><table>{rows}</table>"
           "<div class='footer'>版权所有</div></body></html>")
    text, _, _ = apply(raw)
    assert "指标5 5.5" in text.split("\n")


def test_fragment_keeps_everything_but_markup():
    raw = "<p>金 融</p><p>单位：亿元</p>"
    text, doc, _ = apply(raw)
    assert not doc.whole_page and text == "金 融\n单位：亿元"


def test_page_metadata():
    raw = ('<html lang="zh-CN"><head><meta charset="utf-8"><title>标题_网站</title>'
           '<meta property="og:title" content="og 标题"><meta name="PubDate" content="2023-02-16 07:54">'
           '</head><body><h1>正文标题</h1><time datetime="2023-02-16">x</time></body></html>')
    doc = parse_html(raw)
    assert doc.title == "标题_网站" and doc.meta["og:title"] == "og 标题" and doc.meta["pubdate"] == "2023-02-16 07:54"
    assert doc.h1 == "正文标题" and doc.times == ["2023-02-16"] and doc.lang == "zh-CN"


def test_unclosed_and_malformed_markup_is_still_exact():
    for raw in ["<p>甲<b>乙", "<div><p>甲</div>乙</p>丙", "<a href='x>断开的链接", "a < b 且 c > d", "<p>甲</p></p></div>",
                "<!-- 未闭合的注释", "<![CDATA[x]]><?xml version='1.0'?><p>甲</p>"]:
        apply(raw)


def test_article_laid_out_in_a_table_cell_keeps_its_paragraphs():
    paras = "".join(f"<p>第{i}段：昆山高新区推动高质量发展，取得新成效，群众获得感不断增强。</p>" for i in range(3))
    raw = f"<table><tr><td class='title'>标题</td></tr><tr><td id='zoom'>{paras}</td></tr></table>"
    text, _, _ = apply(raw)
    assert len([l for l in text.split("\n") if l.startswith("第")]) == 3


def test_signature_right_after_the_text_stays_on_a_whole_page():
    raw = ("<html><body><div class='menu'><a href='/'>首页</a></div>"
           "<p>为进一步优化营商环境，现将有关事项通知如下，请认真贯彻执行。</p>"
           "<p>昆山市人民政府</p><p>2023年2月16日</p><div class='footer'><a href='/a'>网站地图</a></div></body></html>")
    text, _, _ = apply(raw)
    assert text.split("\n")[-2:] == ["昆山市人民政府", "2023年2月16日"]


def test_a_content_word_in_a_class_does_not_protect_a_share_bar():
    raw = ("<body><div class='article'><p>正文第一段，内容充实，说明情况，介绍成果，总结经验。</p>"
           "<div class='article-share'>分享到：微信 微博</div></div></body>")
    text, _, _ = apply(raw)
    assert "分享" not in text
