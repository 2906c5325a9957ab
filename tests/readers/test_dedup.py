"""Near-duplicate paragraphs: kept once, named after the paragraph they repeat."""

from kslib.readers.dedup import near_duplicates

BASE = ("昆山高新区高度重视党的建设，将党建工作与中心工作结合起来，激发基层党组织和党员干部干事创业活力，"
        "如推进包保机关勤政为民、农村强村富民、国企强企富民等五大领域民心党建工程。")


def test_copy_with_a_phrase_in_front():
    paras = [BASE, "另一段不同的内容，讲的是产业发展和科技创新的具体做法与成效。", "一直以来，" + BASE]
    assert [(i, j) for i, j, _ in near_duplicates(paras)] == [(2, 0)]


def test_shortened_copy_and_changed_word():
    short = BASE[:60]
    changed = BASE.replace("五大领域", "六大领域")
    out = near_duplicates([BASE, short, changed])
    assert [(i, j) for i, j, _ in out] == [(1, 0), (2, 0)]


def test_long_paragraph_quoting_a_short_line_is_not_a_repeat():
    quote = "只要昆山开发区永葆闯的精神创的劲头干的作风"
    long = quote + "，拿出干就干到最好的最佳状态、做就做到极致的最实作风，就一定能够续写发展新传奇，再创发展新辉煌，建成全国一流现代化示范园区。"
    assert near_duplicates([quote, long]) == []


def test_third_copy_names_the_first_and_short_lines_are_left():
    out = near_duplicates([BASE, "一直以来，" + BASE, "如今，" + BASE, "（完）", "（完）"])
    assert [(i, j) for i, j, _ in out] == [(1, 0), (2, 0)]


def test_different_paragraphs_are_not_repeats():
    paras = [f"第{i}项措施：昆山将在{i}个领域推出新的改革举措，覆盖企业{i * 7}家，预计带动投资{i * 3}亿元。" for i in range(20)]
    assert all(share < 1.0 for _, _, share in near_duplicates(paras))
