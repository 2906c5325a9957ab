"""Shared inputs of the structure tests: two small reports and the dev fixtures with their gold rows."""
from __future__ import annotations

import csv

from tests.conftest import FIXTURES, ROOT

DEV = FIXTURES / "metrics_dev"

NESTED = """一、总体要求
做好今年工作，要坚持稳中求进工作总基调。
（一）指导思想
坚持以新发展理念为引领。
1. 突出重点
聚焦重点领域和关键环节。
（1）产业升级
推动制造业高端化智能化绿色化。
（2）城市更新
改造提升老旧小区和背街小巷。
2. 统筹兼顾
处理好当前和长远的关系。
（二）基本原则
坚持系统观念。
二、主要任务
全力以赴抓好各项工作。
"""

REPORT = """政府工作报告
——2026年1月20日在市第十七届人民代表大会第五次会议上
各位代表：
一、2025年工作回顾
过去一年，全市地区生产总值增长5.2%。
（一）经济运行稳中向好
规模以上工业增加值增长6%。
（二）圆满完成全年目标任务
全年完成固定资产投资500亿元。
二、“十四五”时期主要成就
五年来，地区生产总值年均增长6%。
三、2026年主要预期目标
地区生产总值增长5%左右。
四、2026年重点工作
（一）扩大有效投资
安排重大项目200个，总投资1000亿元。
（二）过去五年的经验
过去五年，累计投资3000亿元。
五、坚定不移深化改革
深化国资国企改革，优化营商环境。
六、今后五年奋斗目标
到2030年，全市生产总值突破2万亿元。
"""


def dev(name, enc):
    """A dev fixture decoded as its README says."""
    return (DEV / name).read_bytes().decode(enc)


def gold(doc_id):
    """The non-seed gold rows of one document."""
    with (ROOT / "tests" / "data" / "metrics_gold_dev.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["doc_id"] == doc_id]
