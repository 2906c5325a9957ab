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


# --- the fast path against the plain statement of the rule --------------------------------------
import random  # noqa: E402
import re  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import kslib.readers.dedup as dedup  # noqa: E402


def _plain(paragraphs, threshold=dedup.THRESHOLD, min_chars=dedup.MIN_CHARS):
    """The rule as the docstring states it, with Python sets and no prefilter: each paragraph
    of min_chars+ characters (whitespace ignored) against every earlier kept one; a verbatim
    copy names the first; otherwise the earlier kept paragraphs holding one of its probes (its
    first 10 % + 1 distinct 5-grams in text order), ranked by probes held (ties: earlier first),
    the first MAX_CANDIDATES of them intersected in full; the best share >= threshold wins,
    ties to the earliest."""
    out, kept, seen = [], [], {}
    for i, para in enumerate(paragraphs):
        t = re.sub(r"\s+", "", para)
        if len(t) < min_chars:
            continue
        order = list(dict.fromkeys(t[j:j + dedup.NGRAM] for j in range(len(t) - dedup.NGRAM + 1)))
        mine = set(order)
        if t in seen:
            out.append((i, seen[t], 1.0))
            continue
        probes = order[:int(len(mine) * (1 - threshold)) + 1]
        held = [(sum(p in g for p in probes), j, g) for j, g in kept]
        ranked = sorted((h for h in held if h[0] > 0), key=lambda h: (-h[0], h[1]))[:dedup.MAX_CANDIDATES]
        best = None
        for _, j, g in ranked:
            share = len(mine & g) / len(mine)
            if share >= threshold and (best is None or share > best[2] or share == best[2] and j < best[1]):
                best = (i, j, round(share, 4))
        if best:
            out.append(best)
            continue
        seen[t] = i
        kept.append((i, mine))
    return out


def _paragraph_set(rng):
    alphabet = "昆山发展经济开放建设高新区创新产业科技企业人民政府工作报告"[: rng.randint(4, 34)]
    paras = []
    for _ in range(rng.randint(2, 40)):
        if paras and rng.random() < 0.5:  # a copy of an earlier one, more or less changed
            chars = list(rng.choice(paras))
            for _ in range(rng.randint(0, 8)):
                op = rng.random()
                if op < 0.4 and chars:
                    chars[rng.randrange(len(chars))] = rng.choice(alphabet)
                elif op < 0.7:
                    chars.insert(rng.randrange(len(chars) + 1), rng.choice(alphabet + " \n"))
                elif chars:
                    del chars[rng.randrange(len(chars))]
            paras.append("".join(chars))
        else:
            paras.append("".join(rng.choice(alphabet) for _ in range(rng.randint(3, 200))))
    return paras


@pytest.mark.parametrize("chunk", [dedup.CHUNK, 97])
def test_near_duplicates_match_the_plain_rule_on_random_paragraph_sets(monkeypatch, chunk):
    """The prefilter (paragraphs too little covered by earlier ones are never searched), the
    coding in chunks and ranges of codes (chunk=97 forces many of each) and the postings give
    exactly the plain rule's pairs and shares — so no true near-duplicate is dropped."""
    monkeypatch.setattr(dedup, "CHUNK", chunk)
    rng = random.Random(7)
    found = 0
    for _ in range(250):
        paras = _paragraph_set(rng)
        want = _plain(paras)
        assert dedup.near_duplicates(paras) == want, paras
        found += len(want)
    assert found > 300  # the sets do hold near-duplicates, not only distinct paragraphs


def test_more_candidates_than_examined_follow_the_ranking(monkeypatch):
    """With more earlier paragraphs sharing probes than MAX_CANDIDATES, only the best-ranked are
    intersected, as the plain rule ranks them."""
    monkeypatch.setattr(dedup, "MAX_CANDIDATES", 3)
    rng = random.Random(3)
    for _ in range(100):
        paras = _paragraph_set(rng)
        assert dedup.near_duplicates(paras) == _plain(paras)


def test_covered_counts_5grams_held_by_an_earlier_paragraph(monkeypatch):
    monkeypatch.setattr(dedup, "CHUNK", 50)
    rng = random.Random(5)
    texts = ["".join(rng.choice("甲乙丙丁戊己") for _ in range(rng.randint(20, 90))) for _ in range(40)]
    grams, bounds, _, _, n_ids = dedup._gram_codes(texts, dedup.THRESHOLD)
    got, holders = dedup._covered(grams, bounds, n_ids)
    held_by = holders[grams]
    sets = [{t[j:j + 5] for j in range(len(t) - 4)} for t in texts]
    want = [len(s & set().union(*sets[:k])) for k, s in enumerate(sets)]
    assert got.tolist() == want
    assert np.diff(bounds).tolist() == [len(s) for s in sets]
    holders = [sum(g in s for s in sets) for t in texts for g in sorted({t[j:j + 5] for j in range(len(t) - 4)}, key=lambda g: 0)]
    assert sorted(held_by.tolist()) == sorted(min(h, 255) for h in holders)


@pytest.mark.parametrize("chunk", [dedup.CHUNK, 50])
def test_gram_ids_name_each_distinct_5gram_once(monkeypatch, chunk):
    """The dense ids: one per distinct 5-gram of all texts (equal ids exactly when the 5-grams are
    equal), each text's ids sorted and distinct, and its probes the ids of its first distinct
    5-grams in text order — with the texts coded in many chunks (chunk=50) or in one."""
    monkeypatch.setattr(dedup, "CHUNK", chunk)
    rng = random.Random(11)
    texts = ["".join(rng.choice("甲乙丙丁戊己庚") for _ in range(rng.randint(20, 120))) for _ in range(60)]
    grams, bounds, probes, probe_at, n_ids = dedup._gram_codes(texts, dedup.THRESHOLD)
    id_of = {}
    for k, t in enumerate(texts):
        order = list(dict.fromkeys(t[j:j + 5] for j in range(len(t) - 4)))
        ids = grams[bounds[k]:bounds[k + 1]].tolist()
        assert ids == sorted(set(ids)) and len(ids) == len(order)
        mine = probes[probe_at[k]:probe_at[k + 1]].tolist()
        assert len(mine) == int(len(order) * (1 - dedup.THRESHOLD)) + 1
        # the ids of a text, in the order of their 5-grams' codes, pair off with its distinct 5-grams
        for g, i in zip(sorted(order, key=_code), ids):
            assert id_of.setdefault(g, i) == i
        assert mine == [id_of[g] for g in order[:len(mine)]]
    assert len(set(id_of.values())) == len(id_of) == n_ids


def _code(gram):
    """A 5-gram's exact code as _gram_codes makes it for these texts' alphabet (甲…庚 in code point order)."""
    alphabet = sorted("甲乙丙丁戊己庚")
    value = 0
    for ch in gram:
        value = value * len(alphabet) + alphabet.index(ch)
    return value
