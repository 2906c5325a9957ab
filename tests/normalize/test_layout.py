"""Line layout: paragraphs split by a page break are rejoined."""




def test_page_break_split_paragraph_rejoined(docs):
    assert "以构\n\n建自主可控" in docs["001"]["raw"]
    assert "以构建自主可控先进制造业体系" in docs["001"]["text"]
    assert "由电子信息产业" in docs["002"]["text"].replace("\n", "")
    # a caption after a truncated paragraph is not glued to it
    assert "\n\n阳澄湖科技园" in docs["001"]["text"]
