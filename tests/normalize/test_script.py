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


def test_hong_kong_variant_characters_are_simplified():
    """衞 (the Hong Kong form of 衛) is Traditional too: t2s leaves it, hk2s's variant table does not."""
    from kslib.normalize import normalize

    n = normalize("醫療衞生經常開支增加")
    assert n.text == "医疗卫生经常开支增加"
    assert n.raw_line(n.text.index("卫")) == 1
    assert normalize("昆山之路发展着，软件业").text == "昆山之路发展着，软件业"  # Simplified text unchanged
