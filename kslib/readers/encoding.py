"""Decoding bytes of a Chinese corpus: a decision rule, not a generic guess.

Order: a byte-order mark decides; valid UTF-8 is UTF-8; otherwise the bytes are decoded
strictly as GB18030 (a superset of GB2312/GBK) and as Big5-HKSCS (or cp950), and the
decodings are judged by how likely their characters are as Chinese text (a unigram model
of Han character frequencies, kslib/data/hanzi_frequency.tsv, with Traditional characters
read through OpenCC t2s); Latin-script bytes that are neither are Windows-1252 (the
WHATWG reading of "latin1"); charset-normalizer is the fallback for the rest.
Generic detectors misread short GBK files ("聚焦两会" as cp949 Korean, a 216-byte
paragraph as cp874 Thai): a few hundred bytes do not carry enough byte statistics, but
their characters are either common Chinese or not.

`decode` returns the text, the encoding and a confidence in [0, 1]; below
LOW_CONFIDENCE the loader warns, naming the file, the encoding and the confidence.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from importlib import resources

__all__ = ["Decoded", "decode", "LOW_CONFIDENCE", "chinese_score"]

LOW_CONFIDENCE = 0.9
COMMON_RANK = 3000  # "common" characters: the 3,000 most frequent (98.5 % of occurrences)
SAMPLE_CHARS = 20000
MIN_MEAN_LOGLIK = -8.5
SHORT_UTF8 = 48  # valid UTF-8 with fewer non-ASCII bytes than this is checked against GB/Big5
_ASCII_BYTES = bytes(range(128))  # scoring looks at the first characters only (linear, bounded cost)
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# Chinese punctuation that real text uses all the time (scored like a common character)
_PUNCT = set("，。、；：？！“”‘’《》〈〉（）【】—…·「」『』〔〕　％．－～０１２３４５６７８９")  # and full-width digits (２０２０年)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LOG_PUNCT = math.log(1e-3)
_LOG_RARE_HAN = math.log(0.3e-6)   # a Han character outside the frequency list
_LOG_OTHER = math.log(1e-8)        # kana, hangul, box drawing, Latin-1 letters, PUA …


@dataclass(frozen=True)
class Decoded:
    """A decoding: text, codec name, confidence, and the candidates' scores (why)."""

    text: str
    encoding: str
    confidence: float
    scores: dict = field(default_factory=dict, compare=False)

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


@functools.lru_cache(maxsize=1)
def _frequencies() -> tuple[dict, frozenset]:
    text = resources.files("kslib.data").joinpath("hanzi_frequency.tsv").read_text("utf-8")
    logp, common = {}, []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        ch, per_million = line.split("\t")
        logp[ch] = math.log(float(per_million) / 1e6)
        if len(common) < COMMON_RANK:
            common.append(ch)
    return logp, frozenset(common)


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Score:
    """How Chinese a decoded text looks: log-likelihood, scored characters, common share."""

    loglik: float
    n: int
    common_share: float


def chinese_score(text: str) -> Score:
    """Unigram log-likelihood of the non-ASCII characters of `text` as Chinese.

    Han characters are read through OpenCC t2s, so Traditional text scores like
    Simplified; common punctuation scores as a common character; anything else
    non-ASCII (what mojibake is made of) gets a floor probability.
    """
    logp, common = _frequencies()
    sample = text[:SAMPLE_CHARS]
    simplified = _t2s().convert(sample)
    if len(simplified) != len(sample):  # a phrase conversion changed length: per character
        simplified = "".join(_t2s().convert(c) for c in sample)
    ll, n, hits = 0.0, 0, 0
    for orig, ch in zip(sample, simplified):
        if ord(orig) < 128 or orig.isspace():
            continue
        n += 1
        if orig in _PUNCT:
            ll += _LOG_PUNCT
            hits += 1
        elif _HAN.match(ch):
            if ch in logp:
                ll += logp[ch]
                hits += ch in common
            else:
                ll += _LOG_RARE_HAN
        else:
            ll += _LOG_OTHER
    return Score(ll, n, hits / n if n else 0.0)


def _plausibility(s: Score) -> float:
    """1.0 for text that reads as ordinary Chinese: ≥ 90 % common characters and, on
    16+ characters, a mean log-probability per character above MIN_MEAN_LOGLIK (real
    sentences: median -6.9, 1st percentile -7.9; Korean EUC-KR read as GBK: -9.9)."""
    if not s.n:
        return 0.0
    p = min(1.0, s.common_share / 0.9)
    if s.n >= 16:
        p *= min(1.0, math.exp(s.loglik / s.n - MIN_MEAN_LOGLIK))
    return p


def _utf8_implausible(text: str) -> bool:
    """Characters that real UTF-8 text hardly has but GBK bytes read as UTF-8 give:
    combining marks, modifier letters, C1 controls, private use, unassigned."""
    import unicodedata

    return any(unicodedata.category(c) in {"Mn", "Mc", "Me", "Lm", "Sk", "Co", "Cn", "Cc"}
               for c in text if ord(c) >= 0x80)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _fallback(data: bytes, scores: dict) -> Decoded | None:
    """charset-normalizer for bytes that are not Chinese in GB18030 or Big5."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    scores[best.encoding] = {"chaos": round(best.chaos, 3), "coherence": round(best.coherence, 3)}
    return Decoded(text, best.encoding, round(max(0.0, 1.0 - best.chaos) * (0.5 + 0.5 * best.coherence), 3),
                   scores)


_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
WESTERN_CONFIDENCE = 0.8  # Windows-1252 and the other Western code pages share their letters


def _western(data: bytes) -> Decoded | None:
    """Windows-1252 for Latin-script text that is neither UTF-8 nor Chinese: the encoding the
    WHATWG Encoding Standard reads "latin1" and unlabelled Western legacy text as (a superset
    of ISO-8859-1). Accepted only when the text looks Latin: every non-ASCII character a
    letter, punctuation or symbol in runs of at most 3 (é, ß, “, € beside ASCII letters), and
    those at most half as many as the letters. CJK, Cyrillic or Greek bytes read as 1252 give
    long runs of accented letters (Ïðèâåò) and are left to the fallback. Charset detectors
    call short Latin-1 text cp1250 or cp864 (Arabic), changing its letters."""
    import unicodedata

    text = _strict(data, "cp1252")
    if text is None or _CONTROL.search(text):
        return None
    runs = _NON_ASCII_RUN.findall(text)
    letters = sum(c.isalpha() for c in text)
    if not runs or any(len(r) > 3 for r in runs) or sum(map(len, runs)) > 0.5 * letters:
        return None
    if not all(unicodedata.category(c)[0] in "LPSZ" for r in runs for c in r):
        return None
    return Decoded(text, "cp1252", WESTERN_CONFIDENCE, {"cp1252": {"non_ascii_runs": len(runs)}})


def decode(data: bytes) -> Decoded | None:
    """Decode a file's bytes; None when no encoding gives text (binary or corrupt)."""
    if not data:
        return Decoded("", "empty", 1.0)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            return None if text is None else Decoded(text, enc, 1.0)
    text = _strict(data, "utf-8")
    scores: dict = {}
    candidates = []
    if text is not None:
        utf16 = _utf16_without_bom(data, text)
        if utf16 is not None:
            return utf16
        if len(data.translate(None, _ASCII_BYTES)) >= SHORT_UTF8 or not _utf8_implausible(text):
            return Decoded(text, "utf-8", 1.0)
        # a few non-ASCII bytes can be valid UTF-8 by chance (GBK "同时" is): let the
        # decodings compete, UTF-8 first among equals
        s = chinese_score(text)
        scores["utf-8"] = {"loglik": round(s.loglik, 1), "chars": s.n, "common_share": round(s.common_share, 3)}
        candidates.append(("utf-8", text, s))
    for enc in ("gb18030", "big5hkscs", "cp950"):
        if enc == "cp950" and "big5hkscs" in scores:
            continue  # cp950 only where Big5-HKSCS fails (Microsoft's extra rows)
        text = _strict(data, enc)
        if text is None or _CONTROL.search(text):
            continue
        s = chinese_score(text)
        scores[enc] = {"loglik": round(s.loglik, 1), "chars": s.n, "common_share": round(s.common_share, 3)}
        candidates.append((enc, text, s))
    if candidates:
        order = {"utf-8": 0, "gb18030": 1, "big5hkscs": 2, "cp950": 3}
        candidates.sort(key=lambda c: (-c[2].loglik, order[c[0]]))
        enc, text, s = candidates[0]
        if "utf-8" in scores and (enc == "utf-8" or s.common_share < 0.9):
            utf8 = next(c for c in candidates if c[0] == "utf-8")
            return Decoded(utf8[1], "utf-8", 1.0 if enc == "utf-8" else 0.8, scores)
        plausible = _plausibility(s)
        if plausible >= 0.5:
            # posterior of the best against the runner-up under the unigram model
            margin = s.loglik - candidates[1][2].loglik if len(candidates) > 1 else math.inf
            posterior = 1.0 if margin > 50 else 1.0 / (1.0 + math.exp(-margin))
            return Decoded(text, enc, round(posterior * plausible, 3), scores)
    western = _western(data)
    if western is not None:
        return western
    fallback = _fallback(data, scores)
    if fallback is not None:
        return fallback
    if candidates:  # some Chinese decoding exists, but it does not read as Chinese
        enc, text, s = candidates[0]
        return Decoded(text, enc, round(min(0.5, s.common_share), 3), scores)
    return None


def _utf16_without_bom(data: bytes, text: str) -> Decoded | None:
    """UTF-16 without a BOM is valid UTF-8 when it is mostly ASCII (a NUL every other
    byte); read it as UTF-16 when that gives text without NULs."""
    if len(data) < 4 or len(data) % 2 or text.count("\x00") < len(text) * 0.2:
        return None
    for enc, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) >= len(zeros) * 0.5:
            t = _strict(data, enc)
            if t is not None and "\x00" not in t and not _CONTROL.search(t):
                return Decoded(t, enc, 0.95)
    return None
