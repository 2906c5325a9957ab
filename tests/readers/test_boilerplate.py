"""General web-furniture rules: the shapes remove furniture, sentences with the same
words stay."""
import pytest

from kslib.readers.boilerplate import (inline_spans, line_rule, load_rules, short_run_spans, starts_cut,
                                       template_lines)


@pytest.mark.parametrize("line,rule", [
    ("首页 | 要闻 | 国内 | 国际 | 财经", "navigation"),
    ("首页 > 新闻中心 > 正文", "navigation"),
    ("当前位置：首页 > 昆山要闻", "navigation"),
    ("首頁 政務 新聞 服務", "navigation"),
    ("下载 打印 收藏 【字号：大 中 小】", "toolbar"),
    ("【打印】【关闭】", "toolbar"),
    ("分享到：微信 微博 QQ空间", "toolbar"),
    ("上一篇 下一篇", "toolbar"),
    ("扫码下载昆山日报客户端", "share_subscribe"),
    ("扫一扫在手机打开当前页", "share_subscribe"),
    ("关注人民网微信", "share_subscribe"),
    ("人民日报客户端下载", "share_subscribe"),
    ("入金抽188元红包，100%中奖", "advert"),
    ("点击进入“文艺星青年”>>", "advert"),
    ("扫码下载APP，立即开户领取Level-2行情", "advert"),
    ("广告", "advert"),
    ("责任编辑：王芳", "editor"),
    ("(责编：汤诗瑶、丁涛)", "editor"),
    ("（编辑：陈晨）", "editor"),
    ("來源：經濟部", "editor"),
    ("(来源：中国政府网）", "editor"),
    ("（根据直播整理）", "editor"),
    ("版权所有：中国政府网　中文域名：中国政府网.政务", "copyright"),
    ("本文版权归作者所有，未经授权不得转载。", "copyright"),
    ("Copyright © 1997-2023 by www.example.com.cn. all rights reserved", "copyright"),
    ("京ICP证000000号 京公网安备11000000000001号", "copyright"),
    ("更多>>", "related_more"),
    ("阅读全文", "related_more"),
    ("资料图片", "image_caption"),
    ("图片来源：视觉中国", "image_caption"),
    ("图为昆山高新区科技园区夜景。（资料图片）", "image_caption"),
    ("发展局局长（中）出席记者会。（记者 李志强 摄）", "image_caption"),
    ("会议现场（新华社发）", "image_caption"),
    ("2019年06月15日08:18  来源：人民网-文化频道", "dateline"),
    ("发布日期：民國112年04月13日", "dateline"),
    ("发布时间：2023-02-16 来源：昆山日报 浏览次数：", "article_info"),
    ("作者：周敏　　发布时间：2023-02-16　　阅读：1,024", "article_info"),
    ("浏览次数：2386", "article_info"),
    ("|", "markup_leftover"),
    ("[图片]", "markup_leftover"),
])
def test_furniture_lines(line, rule):
    assert line_rule(line) == rule


@pytest.mark.parametrize("line", [
    "春节期间，昆山发放消费红包3000万元。",
    "昆山发放消费红包",
    "会议强调，要扫码通行、减少接触，保障群众安全。",
    "2021年6月23日 上海市第十五届人民代表大会常务委员会第三十二次会议通过",
    "——2020年5月22日在第十三届全国人民代表大会第三次会议上",
    "国务院总理 李克强",
    "高新区将继续实施计划（见下图）",
    "全市研发经费支出占地区生产总值的比重达到3.8%，高新技术企业总数突破2700家。",
    "编辑部的同志们认为，这项改革来源于基层实践。",
    "……",
    "一、综合",
    "聚焦两会",
])
def test_content_lines_stay(line):
    assert line_rule(line) is None


def test_related_headings_start_a_cut():
    assert starts_cut("相关阅读") and starts_cut("相關焦點") and starts_cut("推荐阅读：")
    assert not starts_cut("相关阅读材料显示，全市经济稳中向好。")


def test_vertical_menu_is_a_short_run_but_table_rows_and_prose_are_not():
    text = "首页\n要闻\n国内\n国际\n财经\n\n正文第一段，写得很长。\n金融\n单位：亿元\n3月末\n4月末\n"
    spans = short_run_spans(text)
    assert [text[s:e].strip() for s, e, _, _ in spans] == ["首页", "要闻", "国内", "国际", "财经"]


def test_urls_emails_percent_encoded():
    text = "详见 https://www.gov.cn/zhengce/2023-02/16/content_5741.htm。联系 data@stats.gov.cn 或访问 www.ks.gov.cn/a?b=1，编码%E5%85%AC%E5%B8%83残留，增长100%以上。"
    got = [(text[s:e], r) for s, e, _, r in inline_spans(text)]
    assert got == [("https://www.gov.cn/zhengce/2023-02/16/content_5741.htm", "url"), ("data@stats.gov.cn", "email"),
                   ("www.ks.gov.cn/a?b=1", "url"), ("%E5%85%AC%E5%B8%83残留", "percent_encoded")]


def test_site_template_lines_need_several_documents():
    footer = "主办单位：昆山市人民政府办公室 技术支持：昆山市大数据管理局"
    docs = [[f"正文{i}，内容不同。", footer] for i in range(4)] + [["另一个网站的文章。"]]
    assert template_lines(docs) == {footer}
    assert template_lines(docs[:2]) == set()


def test_corpus_can_switch_rules_off_and_add_its_own(tmp_path):
    (tmp_path / "boilerplate.yaml").write_text(
        "disable: [image_caption]\nline_rules:\n  - rule: local_slogan\n    max_len: 20\n    patterns: ['^昆山之路.*$']\n",
        encoding="utf-8")
    rules = load_rules(tmp_path)
    assert line_rule("资料图片", rules) is None and line_rule("昆山之路再出发", rules) == "local_slogan"
    assert line_rule("资料图片") == "image_caption"  # the general rules are unchanged
