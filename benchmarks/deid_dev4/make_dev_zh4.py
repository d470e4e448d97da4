"""Generate benchmarks/data/deid/dev_zh4.jsonl (Chinese development set, written blind)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _dev4common import build, write  # noqa: E402
from _zh4_values import ZhValues  # noqa: E402

SEED = 4_2026_1202_20
OUT = Path(__file__).resolve().parents[1] / "data" / "deid" / "dev_zh4.jsonl"

KINDS = {
    "card_hotline_transcript": (
        ["【录音转写】通话时间：{date}，坐席工号{idno}", "信用卡中心来电录音整理 {date}"],
        ["客服：您好，请问是{sur}先生吗？", "客户：对，我是{name}，手机号{mobile}。",
         "客服：请核对一下身份证号。客户：{rid}。", "客户：我那张尾号{tail}的卡，就是{card}，被盗刷了{money}元。",
         "客服：账单地址还是{addr}吗？", "客服：稍后会有95588以外的号码{tel}回访您，请注意接听。",
         "客户：邮件发到{email}就行。"],
        ["（录音结束，时长6分12秒）"], "\n", 3, 6),
    "police_interview": (
        ["询问笔录\n询问时间：{date}\n询问地点：{station}"],
        ["问：你的基本情况？\n答：我叫{name}，{age}，{nation}，身份证号码{rid}，住{addr}。",
         "问：联系电话？\n答：{mobile}。", "问：事情经过？\n答：{date2}我在{dist}一个小区门口，被一辆车牌{plate}的车剐了。",
         "问：对方是谁？\n答：司机叫{name2}，大家叫他{nick2}。", "问：还有谁在场？\n答：我邻居{sur3}阿姨。"],
        ["以上笔录我看过，和我说的相符。\n被询问人：{name}"], "\n", 3, 5),
    "sick_note": (
        ["{hosp}\n病 假 证 明"],
        ["姓名{:}{name}  性别{:}女  年龄{:}{age}", "门诊号{:}{mrn}", "诊断：急性支气管炎，建议休息三天（体温38.6℃，14床）。",
         "休息时间：{date}起至{date2}止", "医师签名：{name2}", "单位：{org}"],
        ["（本证明涂改无效）"], "\n", 3, 6),
    "kindergarten_enrollment": (
        ["{school}新生入园登记表"],
        ["幼儿姓名：{name}  年龄：{kidage}", "出生日期：{kiddob}  民族：{nation}", "父亲：{name2}  电话：{mobile2}",
         "母亲：{name3}  电话：{mobile3}  工作单位：{org}", "家庭住址：{addr}（邮编{zip}）", "接送人：{given}奶奶（不在名单的不予接走）",
         "过敏史：无；疫苗本已核对，批号{lot}。"],
        ["登记老师：{sur4}老师  {date}"], "\n", 4, 7),
    "used_car_contract": (
        ["二手车买卖合同 合同编号：{idno}"],
        ["甲方（卖方）：{name}，身份证号：{rid}，电话：{mobile}", "乙方（买方）：{name2}，联系电话：{tel}",
         "车牌号码：{plate}，车辆识别代号：{vin}，行驶里程8.6万公里。", "成交价{money}元，乙方于{date}前付清至账户{card}。",
         "交易市场：{org}", "甲方住址：{addr}"],
        ["甲方签字：{name}    乙方签字：{name2}    {date2}"], "\n", 3, 6),
    "parcel_exception": (
        ["物流异常件登记（{city}转运中心）"],
        ["运单号 {idno} | 收件人 {name} | {mobile} | 破损", "运单号 {idno2} | 收件人 {name2} | {mobile2} | 地址不详",
         "退回地址：{addr}，邮编：{zip}", "登记人：{nick3}，登记时间 {date}", "取件码 {code} 已失效，已电话联系收件人。"],
        ["客服热线 95338"], "\n", 3, 5),
    "volunteer_signup": (
        ["城市马拉松志愿者报名表"],
        ["姓名{:}{name}", "身份证号{:}{rid}", "政治面貌{:}{party}", "手机{:}{mobile}", "邮箱{:}{email}",
         "所在单位{:}{org}", "紧急联系人{:}{name2} {mobile2}", "报名时间{:}{date}"],
        [], "\n", 5, 8),
    "vaccination_record": (
        ["社区卫生服务中心 疫苗接种登记"],
        ["受种者：{name}，{age}，证件号码{rid}", "联系电话：{mobile}", "居住地址：{addr}",
         "接种时间：{date}，疫苗批号{lot}，接种护士{sur2}护士。", "门诊号：{mrn}"],
        [], "\n", 3, 5),
    "ocr_business_license": (
        ["营 业 执 照\n（副  本）"],
        ["统一社会信用代码  {uscc}", "名    称  {org}", "法定代表人  {name}", "住    所  {addr}",
         "成立日期  {date}", "登记机关  {city}市场监督管理局"],
        [], "\n", 4, 6),
    "secondhand_trade_chat": (
        ["闲置交易聊天记录（导出）"],
        ["买家{given}：在吗，这个还在吗？", "卖家：在的，可以到{dist}面交，我电话{mobile}", "买家：我发你支付宝{email}吧",
         "卖家：@{name2} 你上次说的那个链接{url}", "买家：好，我{date}过去，地址发我", "卖家：{addr}，到了打电话"],
        [], "\n", 3, 6),
    "airline_email_thread": (
        ["From: {email}\nSubject: 改签申请 Re: Booking {idno}"],
        ["{name}您好，您{date}的航班CA1831已取消。", "Passenger: {name2} / Passport {passport}",
         "Dear {sur}女士，请在{date2}前回复。", "联系电话 Tel: {mobile}", "Sent from {ip}"],
        ["Best regards,\n{org}客服中心"], "\n", 3, 5),
    "tax_deduction_form": (
        ["个人所得税专项附加扣除信息表"],
        ["纳税人姓名：{name}  身份证件号码：{rid}", "子女姓名：{given2}  出生日期：{kiddob2}",
         "赡养老人：{name3}，{age3}", "住房贷款：房屋坐落地址{addr}", "扣缴义务人：{org}  纳税人识别号：{uscc}",
         "联系电话：{tel}"],
        [], "\n", 3, 6),
    "pii_free": (
        ["温馨提示", "通知"],
        ["本周六上午停水，请提前储水。", "发热门诊24小时开放。", "请勿在楼道堆放杂物。", "客服热线95588，工作时间9:00-18:00。",
         "体温36.5℃以下方可入园。", "本合同一式两份，双方各执一份。", "报名截止后不再受理。"],
        [], "\n", 3, 5),
}
FILLERS = ["（以下空白）", "请如实填写。", "备注：无。"]


def main() -> None:
    out = Path(sys.argv[1]) / OUT.name if len(sys.argv) > 1 else OUT
    rng = random.Random(SEED)
    values = ZhValues(rng)
    kinds = {}
    for name, spec in KINDS.items():
        heads, body, tails, joiner, lo, hi = spec
        kinds[name] = (heads, body, tails, joiner, lo, hi)
    docs = build(rng, values, {k: v for k, v in kinds.items() if k != "pii_free"}, 33, "zh", FILLERS)
    docs += build(rng, values, {"pii_free": kinds["pii_free"]}, 25, "zh", [])
    rng.shuffle(docs)
    write(docs, out)
    print(f"{out}: {len(docs)} documents")


if __name__ == "__main__":
    main()
