#!/usr/bin/env python3
# ruff: noqa: E501  (CJK literals count double width)
"""The zh session's own Chinese TUNING corpus (development only; never a held-out score).

Faker ``zh_CN`` values in hand-written sentence frames; identifiers are made valid
(GB 11643 check digit, Luhn, GB 32100). Written by the recognizer author, so scores on
it are optimistic by construction -- the held-out set is ``heldout_zh.jsonl``.

    python benchmarks/deid_tuning/make_tuning_zh.py      # -> benchmarks/data/deid/tuning_zh.jsonl
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from faker import Faker

OUT = Path(__file__).resolve().parents[1] / "data" / "deid" / "tuning_zh.jsonl"
SEED, N = 20261202, 240
ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def resident_id(r: random.Random) -> str:
    body = f"{r.choice(['110105', '310104', '440305', '330106', '510107', '420102'])}" \
           f"{r.randint(1950, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(0, 999):03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(body))
    return body + "10X98765432"[total % 11]


def luhn(prefix: str, length: int, r: random.Random) -> str:
    digits = prefix + "".join(str(r.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        s = digits + check
        total = sum((int(c) * 2 - 9 if int(c) * 2 > 9 else int(c) * 2) if i % 2 else int(c)
                    for i, c in enumerate(reversed(s)))
        if total % 10 == 0:
            return s
    raise AssertionError


def uscc(r: random.Random) -> str:
    body = "91" + r.choice(["110000", "310115", "440300"]) + "".join(r.choice(ALPHA) for _ in range(9))
    total = sum(ALPHA.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + ALPHA[(31 - total % 31) % 31]


def mobile(r: random.Random) -> str:
    n = f"1{r.choice('3456789')}{r.randint(0, 9)}{r.randint(0, 99999999):08d}"
    return r.choice([n, f"{n[:3]} {n[3:7]} {n[7:]}", f"{n[:3]}-{n[3:7]}-{n[7:]}", f"+86 {n}", f"+86-{n}"])


def landline(r: random.Random) -> str:
    area, local = r.choice(["010", "021", "0755", "0571", "028"]), f"{r.randint(2, 8)}{r.randint(0, 9999999):07d}"
    return r.choice([f"{area}-{local}", f"({area}){local}", f"{area} {local}", f"{area}-{local}转{r.randint(1, 999)}"])


def address(f: Faker, r: random.Random) -> str:
    prov, city, dist = r.choice([("广东省", "深圳市", "福田区"), ("浙江省", "杭州市", "西湖区"), ("江苏省", "南京市", "鼓楼区"),
                                 ("四川省", "成都市", "武侯区"), ("", "北京市", "海淀区"), ("", "上海市", "徐汇区")])
    road = f.street_name() if r.random() < 0.5 else r.choice(["中山", "人民", "解放", "建设", "长江"]) + r.choice(["路", "大道", "街"])
    tail = f"{road}{r.randint(1, 999)}号" + r.choice(["", f"{r.choice(['阳光', '锦绣', '翠苑'])}小区{r.randint(1, 30)}栋"
                                                         f"{r.randint(1, 6)}单元{r.randint(101, 2808)}室"])
    return r.choice([prov, ""]) + city + dist + tail


def plate(r: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    if r.random() < 0.3:
        return r.choice("粤浙苏京沪") + r.choice(letters) + r.choice(["·", ""]) + "D" + "".join(r.choice("0123456789") for _ in range(5))
    return r.choice("粤浙苏京沪川鄂") + r.choice(letters) + r.choice(["·", " ", ""]) + "".join(
        r.choice("0123456789" + letters) for _ in range(5))


def date(r: random.Random) -> str:
    y, m, d = r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28)
    return r.choice([f"{y}年{m}月{d}日", f"{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}", f"{m}月{d}号"])


FRAMES = [
    "客户{PERSON}来电反映，其尾号信用卡被盗刷，卡号{CN_BANK_CARD}，联系电话{PHONE_NUMBER}。",
    "患者{PERSON}，{AGE}，于{DATE_TIME}入院，住院号{MEDICAL_RECORD_NUMBER}，身份证号{CN_RESIDENT_ID}。",
    "收货人：{PERSON}，电话：{PHONE_NUMBER}，地址：{STREET_ADDRESS}。",
    "{PERSON}女士您好，您的订单号{ID}已于{DATE_TIME}发货，请留意查收。",
    "投诉人{PERSON}称，{ORGANIZATION}未经同意从其账户扣款，身份证{CN_RESIDENT_ID}。",
    "经办人：{PERSON}；单位：{ORGANIZATION}；统一社会信用代码：{CN_USCC}。",
    "车主{PERSON}驾驶车牌号为{CN_VEHICLE_PLATE}的车辆于{DATE_TIME}在{LOCATION}发生事故。",
    "您好，我是{ORGANIZATION}的客服，请问是{PERSON}先生吗？您的手机号{PHONE_NUMBER}已通过验证。",
    "员工{PERSON}，工号{ID}，护照号码{CN_PASSPORT}，邮箱{EMAIL_ADDRESS}。",
    "{PERSON}医生建议患者{DATE_TIME}复诊，如有不适请拨打{PHONE_NUMBER}。",
    "户名：{PERSON}  开户行：{ORGANIZATION}  账号：{CN_BANK_CARD}",
    "我叫{PERSON}，今年{AGE}，家住{STREET_ADDRESS}，座机{PHONE_NUMBER}。",
    "请把合同寄给{PERSON}，地址{STREET_ADDRESS}，邮编{ZIP_CODE}。",
    "{PERSON}和{PERSON}于{DATE_TIME}一起去了{LOCATION}出差。",
    "Hi {EN_PERSON}，关于你在{ORGANIZATION}的入职手续，请把材料发到{EMAIL_ADDRESS}。",
    "民族：{NRP}，政治面貌：{NRP}，出生日期：{DATE_TIME}。",
]


def value(kind: str, f: Faker, e: Faker, r: random.Random) -> tuple[str, str]:
    if kind == "EN_PERSON":
        return e.name(), "PERSON"
    makers = {
        "PERSON": f.name, "PHONE_NUMBER": lambda: r.choice([mobile, mobile, landline])(r),
        "CN_BANK_CARD": lambda: luhn("62", r.choice([16, 19]), r), "CN_RESIDENT_ID": lambda: resident_id(r),
        "AGE": lambda: f"{r.randint(18, 90)}岁", "DATE_TIME": lambda: date(r),
        "MEDICAL_RECORD_NUMBER": lambda: str(r.randint(100000, 9999999)), "STREET_ADDRESS": lambda: address(f, r),
        "ID": lambda: r.choice(["", "SF", "JD"]) + str(r.randint(10**9, 10**12)), "ORGANIZATION": f.company,
        "CN_USCC": lambda: uscc(r), "CN_VEHICLE_PLATE": lambda: plate(r), "LOCATION": f.city,
        "CN_PASSPORT": lambda: "E" + str(r.randint(10**7, 10**8 - 1)), "EMAIL_ADDRESS": e.email,
        "ZIP_CODE": f.postcode, "NRP": lambda: r.choice(["汉族", "回族", "满族", "中共党员", "共青团员", "群众"]),
    }
    return str(makers[kind]()), kind


def document(f: Faker, e: Faker, r: random.Random) -> dict[str, object]:
    text, spans = "", []
    for frame in r.sample(FRAMES, r.randint(1, 3)):
        pos = 0
        for m in re.finditer(r"\{(\w+)\}", frame):
            text += frame[pos:m.start()]
            v, kind = value(m.group(1), f, e, r)
            spans.append({"start": len(text), "end": len(text) + len(v), "type": kind})
            text += v
            pos = m.end()
        text += frame[pos:]
    return {"text": text, "spans": spans, "lang": "zh"}


def main() -> None:
    r = random.Random(SEED)
    f, e = Faker("zh_CN"), Faker("en_US")
    f.seed_instance(SEED)
    e.seed_instance(SEED)
    OUT.write_text("".join(json.dumps(document(f, e, r), ensure_ascii=False) + "\n" for _ in range(N)),
                   encoding="utf-8")
    print(f"wrote {N} documents to {OUT}")


if __name__ == "__main__":
    main()
