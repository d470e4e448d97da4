"""Generate the Chinese held-out de-identification corpus (``heldout_zh.jsonl``).

Usage: python benchmarks/deid_heldout/make_heldout_zh.py [--out PATH] [--n N] [--seed S]

Written blind: the author did not read ``dataprotocol/deid`` or any earlier corpus.
Standard library only (Faker is not needed for Chinese: its zh_CN addresses are not
realistic, so values come from ``_zh_values``).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _zh_values as V  # noqa: E402
from _build import fill, join, write_jsonl  # noqa: E402
from _zh_templates import POOLS, TYPES  # noqa: E402

SEED = 16_2026_0600
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "benchmarks" / "data" / "deid" / "heldout_zh.jsonl"

PRODUCTS = ("扫地机器人", "空气炸锅", "蓝牙耳机", "儿童书包", "羽绒服", "手机壳", "洗衣凝珠", "电动牙刷", "茶叶礼盒", "保温杯")
DEPTS = ("心内科", "呼吸内科", "消化内科", "骨科", "急诊科", "神经内科", "内分泌科", "普外科")
SYMPTOMS = ("咳嗽、咳痰", "胸闷、气短", "上腹痛", "头晕、头痛", "发热", "腰背部疼痛", "反复腹泻", "双下肢水肿")
DRUGS = ("阿莫西林胶囊", "布洛芬缓释胶囊", "奥美拉唑肠溶片", "硝苯地平控释片", "二甲双胍片", "头孢克肟分散片")
JOBS = ("工程师", "会计", "教师", "销售经理", "司机", "护士", "个体经营", "产品经理", "行政专员", "退休")
COURIERS = ("顺丰速运", "中通快递", "圆通速递", "韵达快递", "京东物流", "申通快递", "邮政EMS", "极兔速递")
ORDERED = ("clinical_note", "bank_form", "insurance_claim")
UNITS = ("财务部", "技术部", "市场部", "销售部", "行政部", "研发中心", "客服中心", "法务部")
RELS = ("配偶", "儿子", "女儿", "母亲", "父亲", "姐姐", "朋友")


def _ids(rng: random.Random) -> dict[str, str]:
    d = V.digits
    return {
        "mrn": rng.choice((f"ZY{rng.randint(2019, 2025)}{d(rng, 6)}", d(rng, 8), f"MZ{d(rng, 10)}", f"{d(rng, 7)}", f"H{d(rng, 9)}")),
        "order": rng.choice((d(rng, 18), d(rng, 19), f"DD{d(rng, 14)}", d(rng, 16))),
        "empid": rng.choice((f"HR{d(rng, 5)}", f"E{d(rng, 6)}", d(rng, 6), f"{rng.choice('ABCK')}{d(rng, 4)}")),
        "policy": rng.choice((f"P{d(rng, 17)}", d(rng, 16), f"BD{d(rng, 12)}")),
        "caseno": rng.choice((f"TS{d(rng, 13)}", f"A{d(rng, 19)}", f"BA{d(rng, 10)}")),
        "waybill": rng.choice((f"SF{d(rng, 13)}", f"YT{d(rng, 13)}", f"JD{d(rng, 13)}", d(rng, 12), f"75{d(rng, 12)}")),
        "qq": d(rng, rng.randint(6, 10)),
        "member": rng.choice((f"VIP{d(rng, 8)}", "8" + d(rng, 10), f"M{d(rng, 9)}")),
    }


def profile(rng: random.Random) -> dict[str, str]:
    female = rng.random() < 0.5
    p: dict[str, str] = {
        "name": V.person(rng, female=female), "name2": V.person(rng), "name3": V.person(rng),
        "ename": V.english_name(rng), "ename2": V.english_name(rng),
        "doctor": V.person(rng), "doctor2": V.person(rng), "agent": V.person(rng), "agent2": V.person(rng),
        "pinyin": f"{rng.choice(V.PINYIN).upper()} {rng.choice(V.PINYIN_G).upper()}{rng.choice(V.PINYIN_G).upper() if rng.random() < 0.6 else ''}",
        "title": "女士" if female else "先生", "sex": "女" if female else "男",
        "idno": V.resident_id(rng), "idno2": V.resident_id(rng), "idold": V.legacy_id(rng),
        "mobile": V.mobile(rng), "mobile2": V.mobile(rng), "tel": V.landline(rng),
        "card": V.bank_card(rng), "ccard": V.credit_card(rng), "uscc": V.uscc(rng), "passport": V.passport(rng),
        "plate": V.plate(rng), "plate2": V.plate(rng),
        "addr": V.street_address(rng), "addr2": V.street_address(rng), "loc": V.location(rng), "loc2": V.location(rng),
        "date": V.date(rng), "date2": V.date(rng), "date3": V.date(rng),
        "dt": V.date(rng, with_time=True), "dt2": V.date(rng, with_time=True), "dt3": V.date(rng, with_time=True),
        "birth": V.birth_date(rng), "age": V.age(rng),
        "company": V.company(rng), "company2": V.company(rng), "hospital": V.hospital(rng), "hospital2": V.hospital(rng),
        "bank": V.bank(rng), "bank2": V.bank(rng), "courier": rng.choice(COURIERS),
        "email": V.email(rng), "eemail": V.email(rng), "zip": V.zip_code(rng), "ip": V.ip(rng),
        "url": rng.choice(("https://", "http://")) + rng.choice(("t.cn/", "u.jd.cn/", "www.weixin-share.cn/s/", "dwz.cn/")) + "".join(rng.choice("abcdefghjkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(rng.randint(6, 10))),
        "nation": rng.choice(V.NATIONS), "party": rng.choice(V.PARTIES), "religion": rng.choice(V.RELIGIONS),
        "amount": f"{rng.randint(1, 99999)}{rng.choice(('', '.00', '.50'))}", "product": rng.choice(PRODUCTS),
        "dept": rng.choice(DEPTS), "unit": rng.choice(UNITS), "symptom": rng.choice(SYMPTOMS), "drug": rng.choice(DRUGS), "job": rng.choice(JOBS),
        "n": str(rng.randint(1, 9)), "days": str(rng.randint(2, 15)), "rel": rng.choice(RELS),
        "sys": str(rng.randint(100, 170)), "dia": str(rng.randint(60, 105)), "temp": f"{rng.uniform(36.2, 39.4):.1f}",
    }
    p.update(_ids(rng))
    return p


def pooled_doc(rng: random.Random, shape: str) -> tuple[str, list[dict[str, object]]]:
    pool = POOLS[shape]
    p = profile(rng)
    idx = rng.sample(range(len(pool["body"])), k=min(len(pool["body"]), rng.randint(2, 6)))
    if shape in ORDERED:  # forms and notes keep their section order
        idx.sort()
    body = [pool["body"][i] for i in idx]
    parts = [rng.choice(pool["open"]), *body]
    if rng.random() < 0.8:
        parts.append(rng.choice(pool["close"]))
    run_on = shape in ("complaint", "police_report", "clinical_note") and rng.random() < 0.5
    pieces: list[tuple[str, list[dict[str, object]]]] = []
    for t in parts:
        text, spans = fill(t, p, TYPES)
        if pieces and not (run_on and pieces[-1][0].endswith("。")):
            pieces.append(("\n", []))
        pieces.append((text, spans))
    return join(pieces)


ROW_COLUMNS = (
    ("订单号", "{order}"), ("下单时间", "{dt}"), ("收货人", "{name}"), ("手机", "{mobile}"), ("收货地址", "{addr}"),
    ("商品", "{product}"), ("金额", "{amount}"), ("身份证号", "{idno}"), ("邮编", "{zip}"), ("邮箱", "{email}"),
    ("会员号", "{member}"), ("支付卡号", "{card}"),
)


def order_rows(rng: random.Random) -> tuple[str, list[dict[str, object]]]:
    cols = [ROW_COLUMNS[0], *rng.sample(ROW_COLUMNS[1:], k=rng.randint(3, 7))]
    delim = rng.choice((",", "\t", "|", "，"))
    pieces = [(delim.join(c[0] for c in cols), [])] if rng.random() < 0.85 else []
    for _ in range(rng.randint(1, 6)):
        p = profile(rng)
        pieces.append(fill(delim.join(c[1] for c in cols), p, TYPES))
    return join(pieces, sep="\n")


SHAPES = (*POOLS.keys(), "order_rows")


def generate(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    docs: list[dict[str, object]] = []
    for i in range(n):
        shape = SHAPES[i % len(SHAPES)]
        text, spans = order_rows(rng) if shape == "order_rows" else pooled_doc(rng, shape)
        docs.append({"text": text, "spans": spans, "shape": shape, "lang": "zh"})
    rng.shuffle(docs)
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--n", type=int, default=650)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    count = write_jsonl(args.out, generate(args.n, args.seed))
    print(f"wrote {count} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
