"""Numbered formulas and slogans: known list, ordinary numbers not matched, seeds with raw lines."""


from kslib.compare.formulas import extract_formulas, formula_recurrence

KNOWN = ("推出“1+5+22”推进模式，形成“2+6+X”产业格局，发起「4+2」联盟，落实人才科创“631”计划，"
         "开展“263”专项行动，发布了“1+1+10+N”系列活动。规划「五区一线」，建设「一廊一园一港」，"
         "苏州「三大法宝」，树牢“四个意识”，「三创」精神，构筑“六个一”体系，打造「七横四纵」绿廊，"
         "“十四五”期间。")


NEGATIVE = ("用三个月时间，位列第一，2018年增长7%，一是推动发展，二是加强管理，同比提高4个百分点，"
            "一个又一个难题，第一次，三年行动计划，长三角一体化，全国第五，党的十九大和二十大，"
            "五湖四海，一大批项目，“12345”热线，“两岸一家亲”理念，15%—20%用于研发。")


def test_known_formula_list_found_with_nothing_extra():
    f = extract_formulas(KNOWN)
    expected = ["1+5+22", "2+6+X", "4+2", "631计划", "263专项行动", "1+1+10+N", "五区一线", "一廊一园一港",
                "三大法宝", "四个意识", "三创", "六个一", "七横四纵", "十四五"]
    assert f["formula"].tolist() == expected
    assert f.loc[f["formula"].str.contains(r"\d"), "kind"].eq("digit").all()
    assert f.loc[~f["formula"].str.contains(r"\d"), "kind"].eq("numeral").all()
    row = f[f["formula"] == "631计划"].iloc[0]
    assert KNOWN[row["start"]:row["end"]] == "631”计划"
    assert "人才科创" in row["context"]


def test_ordinary_numbers_are_not_formulas():
    assert extract_formulas(NEGATIVE).empty


def test_seed_formulas_found_with_raw_lines(corpus):
    f = extract_formulas(corpus)
    issue = ["1+5+22", "2+6+X", "4+2", "631计划", "263专项行动", "1+1+10+N", "五区一线", "一廊一园一港",
             "三大法宝", "四个意识", "三创", "六个一", "七横四纵", "十四五"]
    assert set(issue) <= set(f["formula"])
    raw = dict(zip(corpus["doc_id"], corpus["raw"]))
    # every mention points at a raw line that holds it (000 is Traditional in raw: compare digits only)
    for r in f.itertuples():
        line = raw[r.doc_id].split("\n")[r.line - 1]
        assert r.raw_line == line.strip()
        if r.kind == "digit":
            assert r.formula[:3].rstrip("计专") in line
    rec = formula_recurrence(f).set_index("formula")
    assert rec.loc["五区一线", "doc_ids"] == "000 001"
    assert rec.loc["631计划", "documents"] == 2
