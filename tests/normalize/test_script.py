"""Traditional -> Simplified (OpenCC t2s)."""


import kslib


def test_traditional_to_simplified(docs):
    text = docs["000"]["text"]
    assert "崑" not in text and "億" not in text
    assert "昆山" in text and "高质量发展" in text and "亿元" in text
    # every 崑山 of the article is 昆山 now (minus the headline repeated after the page break)
    assert text.count("昆山") == docs["000"]["raw"].split("相關焦點")[0].count("崑山") - 1
    # Simplified seeds are left alone by t2s
    log = kslib.cleaning_log(kslib.load_corpus())
    assert not ((log["rule"] == "t2s") & (log["doc_id"].str[:3] != "000")).any()
