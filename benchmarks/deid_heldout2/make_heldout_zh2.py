"""Held-out Chinese de-identification corpus v2 (heldout_zh2), stdlib only, deterministic.

    python benchmarks/deid_heldout2/make_heldout_zh2.py
writes benchmarks/data/deid/heldout_zh2.jsonl.
"""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _h2common import Doc, group, luhn_complete, write_jsonl  # noqa: E402

SEED = 2026_1202_0216
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "deid", "heldout_zh2.jsonl")
PER_KIND = 40

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
RARE = list("禤佘亓逄郗隗冼訾缪阚蒯仉甘乜靳滕揭晏咸厍栾晁牟詹")
COMPOUND = [
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "公孙",
    "夏侯",
    "长孙",
    "宇文",
    "澹台",
    "轩辕",
    "呼延",
    "端木",
]
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏宇浩然子轩梓涵一诺欣怡思远嘉怡晨曦佳琪雨桐俊熙沐宸若汐昊天诗雨梦瑶志坚建国海燕文博立新宏图瀚宁婉清逸飞书瑶锦程"
)
EN_FIRST = [
    "Michael",
    "Sarah",
    "David",
    "Emily",
    "Kevin",
    "Jessica",
    "Thomas",
    "Olivia",
    "Daniel",
    "Grace",
    "Peter",
    "Hannah",
    "Lucas",
    "Chloe",
    "Ryan",
    "Sophie",
]
EN_LAST = [
    "Thompson",
    "Müller",
    "O'Brien",
    "Nguyen",
    "Schmidt",
    "Patel",
    "Johansson",
    "Rossi",
    "Dubois",
    "Walker",
    "Kim",
    "Fischer",
]
TITLES = ["先生", "女士", "老师", "医生", "经理", "主任", "同学", "师傅", "律师", "警官"]
AREA = [
    ("110105", "北京市", "朝阳区"),
    ("310115", "上海市", "浦东新区"),
    ("440106", "广州市", "天河区"),
    ("440305", "深圳市", "南山区"),
    ("330106", "杭州市", "西湖区"),
    ("510107", "成都市", "武侯区"),
    ("420106", "武汉市", "武昌区"),
    ("320102", "南京市", "玄武区"),
    ("370202", "青岛市", "市南区"),
    ("610113", "西安市", "雁塔区"),
    ("500103", "重庆市", "渝中区"),
    ("210102", "沈阳市", "和平区"),
    ("350203", "厦门市", "思明区"),
    ("430104", "长沙市", "岳麓区"),
    ("410105", "郑州市", "金水区"),
    ("530102", "昆明市", "五华区"),
    ("450103", "南宁市", "青秀区"),
    ("230103", "哈尔滨市", "南岗区"),
]
PROV = {
    "44": "广东省",
    "33": "浙江省",
    "51": "四川省",
    "42": "湖北省",
    "32": "江苏省",
    "37": "山东省",
    "61": "陕西省",
    "21": "辽宁省",
    "35": "福建省",
    "43": "湖南省",
    "41": "河南省",
    "53": "云南省",
    "45": "广西壮族自治区",
    "23": "黑龙江省",
}
ROADS = [
    "科苑南路",
    "解放东路",
    "中山北路",
    "文三路",
    "人民大道",
    "建设二路",
    "滨江西街",
    "学府路",
    "长江中路",
    "桃源街",
    "新华里",
    "东风巷",
]
ESTATES = [
    "锦绣花园",
    "阳光新城",
    "翠湖雅苑",
    "金地名都",
    "碧桂园",
    "保利香槟国际",
    "万科城",
    "滨海明珠",
    "梧桐公寓",
    "丽景湾",
]
PLATE_P = "京沪粤浙川鄂苏鲁陕渝辽闽湘豫云桂黑津冀晋皖赣"
PLATE_L = "ABCDEFGHJKLMNPQRSTUVWXYZ"
ORG_CORE = ["恒远", "瑞丰", "华信", "天择", "启明", "嘉禾", "博润", "中科鼎新", "云帆", "盛世通达", "海纳", "青禾"]
ORG_TAIL = [
    "科技有限公司",
    "贸易有限公司",
    "物流股份有限公司",
    "网络科技有限公司",
    "餐饮管理有限公司",
    "房地产经纪有限公司",
    "教育咨询有限公司",
]
HOSP = ["第一人民医院", "中医院", "妇幼保健院", "中心医院", "附属第二医院", "口腔医院"]
BANKS = [
    ("中国工商银行", "622202"),
    ("中国建设银行", "621700"),
    ("中国农业银行", "622848"),
    ("招商银行", "621483"),
    ("交通银行", "622262"),
    ("中国银行", "621661"),
    ("浦发银行", "622521"),
    ("兴业银行", "622909"),
]
NATION = ["汉族", "回族", "满族", "壮族", "维吾尔族", "苗族", "土家族", "蒙古族", "朝鲜族", "藏族"]
POLITY = ["中共党员", "共青团员", "群众", "中共预备党员", "民盟盟员", "九三学社社员"]
CN_NUM = "〇一二三四五六七八九"
USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def digits(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def pname(rng):
    r = rng.random()
    sur = rng.choice(COMPOUND) if r < 0.15 else rng.choice(RARE) if r < 0.27 else rng.choice(SURNAMES)
    k = 1 if rng.random() < 0.35 else 2
    return sur + "".join(rng.choice(GIVEN) for _ in range(k))


def g_name(rng):
    return (pname(rng), "PERSON")


def g_tname(rng):  # name followed (or not) by a title
    n = pname(rng)
    if rng.random() < 0.6:
        return [(n, "PERSON"), (rng.choice(TITLES), None)]
    return [(n, "PERSON")]


def g_sname(rng):  # surname + title, e.g. 禤女士 -> surname is the PERSON span
    s = rng.choice(COMPOUND + RARE + SURNAMES[:40])
    return [(s, "PERSON"), (rng.choice(["先生", "女士", "老师", "医生", "总"]), None)]


def g_ename(rng):
    return (rng.choice(EN_FIRST) + " " + rng.choice(EN_LAST), "PERSON")


def g_email(rng):
    users = ["zhang.wei", "liuyang88", "xiaomei_chen", "k.thompson", "ouyang.lin", "hr-recruit", "wang2019", "sunny.li"]
    doms = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.cn", "outlook.com", "corp-hengyuan.cn", "gmail.com"]
    return (rng.choice(users) + str(rng.randrange(10, 999)) + "@" + rng.choice(doms), "EMAIL_ADDRESS")


def birth(rng, lo=1950, hi=2008):
    y = rng.randrange(lo, hi)
    m = rng.randrange(1, 13)
    d = rng.randrange(1, 29)
    return y, m, d


def id18(rng):
    area = rng.choice(AREA)[0]
    y, m, d = birth(rng)
    body = "%s%04d%02d%02d%s" % (area, y, m, d, digits(rng, 3))
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    c = "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]
    return body + c


def g_id(rng):
    if rng.random() < 0.15:
        area = rng.choice(AREA)[0]
        y, m, d = birth(rng, 1940, 1985)
        return ("%s%02d%02d%02d%s" % (area, y % 100, m, d, digits(rng, 3)), "CN_RESIDENT_ID")
    v = id18(rng)
    if v.endswith("X") and rng.random() < 0.3:
        v = v[:-1] + "x"
    return (v, "CN_RESIDENT_ID")


def g_mobile(rng):
    p = rng.choice(["138", "139", "135", "150", "152", "158", "177", "180", "186", "189", "199", "166", "147"])
    n = p + digits(rng, 8)
    f = rng.randrange(7)
    v = [
        n,
        n[:3] + " " + n[3:7] + " " + n[7:],
        n[:3] + "-" + n[3:7] + "-" + n[7:],
        "+86 " + n,
        "+86-" + n[:3] + "-" + n[3:7] + "-" + n[7:],
        "+86" + n,
        "（+86）" + n,
    ][f]
    return (v, "PHONE_NUMBER")


def g_landline(rng):
    code = rng.choice(["010", "021", "020", "022", "023", "0755", "0571", "028", "027", "0512", "0871", "0898"])
    n = digits(rng, 8) if len(code) == 3 or rng.random() < 0.5 else digits(rng, 7)
    n = str(rng.randrange(2, 9)) + n[1:]
    f = rng.randrange(5)
    v = [
        code + "-" + n,
        "(" + code + ")" + n,
        code + " " + n[:4] + " " + n[4:],
        "0086-" + code[1:] + "-" + n,
        code + "-" + n + "转" + str(rng.randrange(100, 9999)),
    ][f]
    return (v, "PHONE_NUMBER")


def g_card(rng):
    bank, bin_ = rng.choice(BANKS)
    length = rng.choice([16, 16, 17, 18, 19, 19])
    c = luhn_complete(rng, bin_, length)
    f = rng.random()
    if f < 0.35:
        c = group(c, [4] * 5, " ")
    elif f < 0.45:
        c = group(c, [4] * 5, "-")
    return (c, "CN_BANK_CARD")


def g_bank(rng):
    bank, _ = rng.choice(BANKS)
    return (bank + rng.choice(AREA)[1][:-1] + rng.choice(["分行", "高新支行", "东城支行", "营业部"]), "ORGANIZATION")


def uscc(rng):
    div = rng.choice(AREA)[0]
    org8 = digits(rng, 8)
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    c9 = 11 - sum(int(a) * b for a, b in zip(org8, w)) % 11
    org = org8 + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
    body = rng.choice("9159") + rng.choice("1123") + div + org
    ws = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    s = sum(USCC_CH.index(ch) * wt for ch, wt in zip(body, ws))
    return body + USCC_CH[(31 - s % 31) % 31]


def g_uscc(rng):
    return (uscc(rng), "CN_USCC")


def g_passport(rng):
    f = rng.randrange(4)
    v = ["E" + digits(rng, 8), "EA" + digits(rng, 7), "G" + digits(rng, 8), "EH" + digits(rng, 7)][f]
    return (v, "CN_PASSPORT")


def g_plate(rng):
    p = rng.choice(PLATE_P) + rng.choice(PLATE_L)
    sep = rng.choice(["", "", "·", " "])
    if rng.random() < 0.35:
        tail = rng.choice("DF") + digits(rng, 5) if rng.random() < 0.7 else digits(rng, 5) + rng.choice("DF")
    else:
        tail = [str(rng.randrange(10)) for _ in range(5)]
        for j in rng.sample(range(5), rng.choice([0, 1, 1, 2])):
            tail[j] = rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
        tail = "".join(tail)
    return (p + sep + tail, "CN_VEHICLE_PLATE")


def g_addr(rng):
    area, city, dist = rng.choice(AREA)
    prov = PROV.get(area[:2], "")
    lvl = rng.random()
    head = (prov + city + dist) if lvl < 0.4 and prov else (city + dist) if lvl < 0.8 else dist
    road = rng.choice(ROADS) + str(rng.randrange(1, 999)) + "号"
    r = rng.random()
    if r < 0.4:
        tail = (
            rng.choice(ESTATES)
            + str(rng.randrange(1, 30))
            + rng.choice(["栋", "号楼", "幢"])
            + str(rng.randrange(1, 6))
            + "单元"
            + str(rng.randrange(1, 33))
            + "%02d室" % rng.randrange(1, 12)
        )
    elif r < 0.7:
        tail = rng.choice(ESTATES) + rng.choice("ABCD") + "座" + str(rng.randrange(101, 2808))
    else:
        tail = ""
    return (head + road + tail, "STREET_ADDRESS")


def g_city(rng):
    return (rng.choice(AREA)[1], "LOCATION")


def g_zip(rng):
    return (rng.choice(["100", "200", "510", "518", "310", "610", "430", "210", "266"]) + digits(rng, 3), "ZIP_CODE")


def g_date(rng):
    y, m, d = birth(rng, 2019, 2026)
    f = rng.randrange(6)
    v = [
        "%d年%d月%d日" % (y, m, d),
        "%d月%d日" % (m, d),
        "%04d-%02d-%02d" % (y, m, d),
        "%d年%02d月%02d日" % (y, m, d),
        "%d/%d/%d" % (y, m, d),
        "".join(CN_NUM[int(c)] for c in str(y)) + "年%d月%d日" % (m, d),
    ][f]
    return (v, "DATE_TIME")


def g_bdate(rng):
    y, m, d = birth(rng)
    return (rng.choice(["%d年%d月%d日" % (y, m, d), "%04d-%02d-%02d" % (y, m, d), "%d.%02d" % (y, m)]), "DATE_TIME")


def g_age(rng):
    a = rng.randrange(3, 92)
    return (rng.choice(["%d岁" % a, "%d岁" % a, "%d周岁" % a]), "AGE")


def g_company(rng):
    return (rng.choice(AREA)[1][:-1] + rng.choice(ORG_CORE) + rng.choice(ORG_TAIL), "ORGANIZATION")


def g_hosp(rng):
    return (rng.choice(AREA)[1][:-1] + "市" + rng.choice(HOSP), "ORGANIZATION")


def g_school(rng):
    return (
        rng.choice(AREA)[1][:-1]
        + rng.choice(["第三中学", "实验小学", "外国语学校", "理工大学", "师范大学", "职业技术学院"]),
        "ORGANIZATION",
    )


def g_mrn(rng):
    return (rng.choice(["", "ZY", "BA"]) + digits(rng, rng.choice([7, 8, 10])), "MEDICAL_RECORD_NUMBER")


def g_ticket(rng):
    return (rng.choice(["GD", "WO", "TK", "CS"]) + "20" + digits(rng, 10), "ID")


def g_order(rng):
    return (digits(rng, rng.choice([16, 18, 19])), "ID")


def g_policy(rng):
    return (rng.choice(["P", "8", "PICC", "CPIC"]) + digits(rng, 12), "ID")


def g_waybill(rng):
    return (rng.choice(["SF", "YT", "JD", "ZTO", "73"]) + digits(rng, 12), "ID")


def g_studentno(rng):
    return (rng.choice(["G", "L", "S"]) + id18(rng)[:-1] if rng.random() < 0.3 else "20" + digits(rng, 8), "ID")


def g_contract(rng):
    return ("ZL-%d-%s" % (rng.randrange(2020, 2027), digits(rng, 5)), "ID")


def g_case(rng):
    return (
        "（%d）%s民初%d号"
        % (rng.randrange(2021, 2026), rng.choice(["京0105", "沪0115", "粤0305", "浙0106"]), rng.randrange(100, 30000)),
        "ID",
    )


def g_wechat(rng):
    return ("wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(12)), "ID")


def g_qq(rng):
    return (str(rng.randrange(10000, 9999999999)), "ID")


def g_nation(rng):
    return (rng.choice(NATION), "NRP")


def g_polity(rng):
    return (rng.choice(POLITY), "NRP")


def g_ip(rng):
    return (
        "%d.%d.%d.%d" % (rng.randrange(1, 223), rng.randrange(256), rng.randrange(256), rng.randrange(1, 255)),
        "IP_ADDRESS",
    )


def g_url(rng):
    return (
        "https://" + rng.choice(["weibo.com/u/", "www.douyin.com/user/", "space.bilibili.com/"]) + digits(rng, 10),
        "URL",
    )


def g_money(rng):
    return (str(rng.randrange(50, 99999)) + "." + digits(rng, 2), None)


GENS = {k[2:]: v for k, v in globals().items() if k.startswith("g_")}

# ---- kinds: (openers, bodies, closers); body sentences are sampled ----
KINDS = {
    "discharge_summary": (
        [
            "出院小结\n姓名：{name}  性别：{sex}  年龄：{age}  病案号：{mrn}\n",
            "{hosp}出院记录（病案号 {mrn}）\n患者{name}，{age}，",
        ],
        [
            "入院日期：{date}，出院日期：{date2}。",
            "患者于{date}因“反复胸闷3天”入院，既往体健。",
            "身份证号{id}，医保卡已核验。",
            "联系人：{tname2}（家属），电话{mobile}。",
            "现住址：{addr}。",
            "主治医师{name3}医生查房后同意出院。",
            "出院诊断：社区获得性肺炎，已好转。",
            "嘱低盐低脂饮食，两周后门诊复查。",
            "出院带药：阿莫西林胶囊0.5g tid。",
            "病理号 {mrn2} 结果待回报。",
        ],
        ["\n医师签名：{name3}  {date2}", "\n如有不适请拨打{landline}。", ""],
    ),
    "work_order": (
        ["【客服工单】工单号：{ticket}\n", "工单编号 {ticket} ｜ 创建时间 {date}\n"],
        [
            "来电人：{tname}，手机号：{mobile}。",
            "客户反映其在{company}购买的空调无法制冷，要求上门维修。",
            "上门地址：{addr}。",
            "客户订单号{order}，下单时间{date}。",
            "客户要求回电，备用电话{landline}。",
            "已转派给维修师傅{name2}处理。",
            "客户情绪较为激动，建议优先处理。",
            "备注：客户邮箱{email}，需发送电子发票。",
            "处理结果：已更换压缩机，客户满意。",
        ],
        ["\n受理坐席：{name4}", "\n请于48小时内回访。", ""],
    ),
    "bank_statement_note": (
        ["银行流水情况说明\n", "关于账户交易流水的说明\n致{bank}：\n"],
        [
            "本人{name}，身份证号码{id}，在贵行开立借记卡，卡号{card}。",
            "{date}收到{company}转入工资款{money}元，摘要为“代发工资”。",
            "{date2}向{name2}转账{money2}元，系归还个人借款。",
            "对方账户：{card2}，开户行{bank2}。",
            "该笔交易的流水号为{order}。",
            "特此说明，以上交易均为本人真实意愿。",
            "联系电话：{mobile}。",
            "近三个月账户无异常冻结记录。",
        ],
        ["\n说明人：{name}\n{date3}", "\n（本说明一式两份）"],
    ),
    "express_waybill": (
        ["快递面单\n运单号：{waybill}\n", "{waybill} 顺丰标快\n"],
        [
            "寄件人：{name} {mobile}",
            "寄件地址：{addr}",
            "收件人：{name2}　{mobile2}",
            "收件地址：{addr2}",
            "托寄物：文件　保价：否",
            "揽收时间：{date}",
            "邮编：{zip}",
            "月结卡号：{order}",
            "签收人：{tname3}（本人签收）",
        ],
        ["", "\n客服热线：95338"],
    ),
    "rental_contract": (
        ["房屋租赁合同\n合同编号：{contract}\n", "租房合同（简版）编号{contract}\n"],
        [
            "出租方（甲方）：{name}，身份证号：{id}，联系电话：{mobile}。",
            "承租方（乙方）：{name2}，证件号码：{id2}，电话：{mobile2}。",
            "甲方将位于{addr}的房屋出租给乙方居住使用。",
            "租期自{date}起至{date2}止。",
            "月租金人民币{money}元，押一付三。",
            "租金汇入甲方账户：{bank}，卡号{card}。",
            "乙方不得将房屋转租他人。",
            "房屋中介：{company}，经办人{tname3}。",
            "水电燃气费用由乙方承担。",
        ],
        ["\n甲方签字：{name}　乙方签字：{name2}\n签订日期：{date3}", "\n本合同一式三份，具有同等法律效力。"],
    ),
    "resume": (
        ["个人简历\n", "求职简历｜应聘岗位：数据分析师\n"],
        [
            "姓名：{name}　性别：{sex}　出生年月：{bdate}",
            "民族：{nation}　政治面貌：{polity}",
            "联系电话：{mobile}　邮箱：{email}",
            "现居住地：{city}",
            "毕业院校：{school}（{date}毕业）",
            "{date2}至今就职于{company}，担任高级工程师。",
            "证明人：{tname2}，电话{landline}。",
            "自我评价：性格开朗，责任心强，善于团队协作。",
            "英文名：{ename}，曾在外企与{ename2}共同负责项目。",
            "期望工作地点：{city2}",
        ],
        ["", "\n附：身份证号{id}（仅用于背景调查）"],
    ),
    "wechat_log": (
        ["微信聊天记录（导出）\n", "【群聊：小区业主群】\n"],
        [
            "{name}：{sname2}，我的快递放你家门口了吗？",
            "{name2}：放了，{mobile}打你电话没接。",
            "{name}：我车{plate}挡路了吗？马上挪。",
            "{name3}：明天{date}物业要停水，大家注意。",
            "{name2}：转账给你了，卡号{card}尾号对一下。",
            "{name}：好的，谢谢！",
            "{name3}：我微信号{wechat}，加我拉群。",
            "{name}：今天天气不错，晚上一起散步吧。",
            "{name2}：我家住{addr}，来拿吧。",
        ],
        ["", "\n—— 以上为聊天记录 ——"],
    ),
    "police_bulletin": (
        ["{city}公安局警情通报\n", "警情通报（{date}）\n"],
        [
            "{date}14时许，{city}警方接群众报警称，在{addr}附近发生一起交通事故。",
            "经查，{plate}号小型轿车驾驶人{name}（男，{age}）涉嫌酒后驾驶。",
            "违法嫌疑人{sname2}（{age2}，身份证号{id}）已被依法刑事拘留。",
            "受伤人员{name3}已送往{hosp}救治，无生命危险。",
            "案件编号：{case}。",
            "目前，案件正在进一步调查中。",
            "警方提醒广大市民切勿酒后驾车。",
            "有线索者请拨打{landline}与民警联系。",
        ],
        ["\n{city}公安局\n{date2}", ""],
    ),
    "claim_review": (
        ["理赔审核意见书\n保单号：{policy}\n", "健康险理赔审核｜保单号 {policy}\n"],
        [
            "被保险人：{name}，{age}，证件号{id}。",
            "投保人：{name2}，联系电话{mobile}。",
            "出险日期：{date}，就诊医院：{hosp}，住院号{mrn}。",
            "申请理赔金额{money}元，经审核核定赔付{money2}元。",
            "赔款将支付至{bank}账户{card}。",
            "投保单位：{company}（统一社会信用代码{uscc}）。",
            "理赔专员{tname3}已电话回访，客户无异议。",
            "本次理赔材料齐全，符合条款约定。",
        ],
        ["\n审核人：{name4}　{date2}", ""],
    ),
    "student_record": (
        ["学籍档案\n", "学生学籍信息登记表\n"],
        [
            "学生姓名：{name}　学籍号：{studentno}",
            "出生日期：{bdate}　民族：{nation}",
            "身份证件号：{id}",
            "就读学校：{school}",
            "监护人：{name2}（父亲）　联系电话：{mobile}",
            "监护人：{name3}（母亲）　工作单位：{company}",
            "家庭住址：{addr}",
            "入学时间：{date}",
            "班主任：{sname4}　办公电话{landline}",
            "该生在校期间表现良好，无违纪记录。",
        ],
        ["\n填表日期：{date2}", ""],
    ),
    "court_notice": (
        ["{city}人民法院\n传票\n案号：{case}\n", "民事诉讼送达回证　案号{case}\n"],
        [
            "被传唤人：{name}，住{addr}。",
            "原告：{company}，统一社会信用代码：{uscc}。",
            "被告：{name}，{sex}，{bdate}出生，公民身份号码{id}。",
            "委托诉讼代理人：{tname2}，{company2}律师。",
            "请于{date}上午9时到本院第三法庭出庭。",
            "承办法官：{name3}，联系电话{landline}。",
            "无正当理由拒不到庭的，可以拘传。",
            "受送达人签收：{name}　{date2}",
        ],
        ["", "\n本院地址：{addr2}"],
    ),
    "hotel_checkin": (
        ["酒店入住登记单\n", "Guest Registration / 住客登记\n"],
        [
            "住客姓名：{name}　证件类型：护照　证件号：{passport}",
            "同住人：{ename}（英国籍）",
            "入住日期：{date}　离店日期：{date2}",
            "联系手机：{mobile}　电子邮箱：{email}",
            "车牌号：{plate}（需停车位）",
            "预订渠道：携程，订单号{order}",
            "押金以信用卡{card}预授权。",
            "房型：高级大床房，含双早。",
            "公司协议单位：{company}",
        ],
        ["\n前台接待：{name3}", ""],
    ),
    "meeting_minutes": (
        ["会议纪要 / Meeting Minutes\n", "项目周会纪要（{date}）\n"],
        [
            "参会人：{name}、{ename}、{tname2}、{ename2}。",
            "{ename}介绍了新版本的上线计划，预计{date2}发布。",
            "{name}负责与{company}对接，联系邮箱{email}。",
            "Action item: {ename2} to send the contract draft to {email2}.",
            "下次会议由{name2}主持，会议室电话{landline}。",
            "服务器{ip}已完成迁移。",
            "会议讨论了预算分配问题，暂无结论。",
            "公众号文章链接：{url}",
        ],
        ["\n记录人：{name3}", ""],
    ),
}

PII_FREE = [
    "今天的会议主要讨论了第三季度的销售目标。",
    "请各部门于本周五前提交预算报告。",
    "系统将于周日凌晨进行例行维护，届时服务暂停两小时。",
    "根据相关规定，个人信息将被严格保密。",
    "本产品适用于家庭日常清洁，请放置于儿童接触不到的地方。",
    "春季气候多变，请注意增减衣物。",
    "医院门诊时间为每周一至周五上午八点至下午五点。",
    "快递员将在配送前电话联系收件人。",
    "租赁期内双方应遵守诚实信用原则。",
    "理赔申请一般在十个工作日内处理完毕。",
    "学校图书馆寒假期间闭馆。",
    "为保障交通安全，请勿疲劳驾驶。",
    "感谢您对我们工作的理解与支持。",
    "本月用电量较上月下降百分之十二。",
    "合同条款的解释权归双方协商确定。",
    "新版应用已修复若干已知问题并提升了稳定性。",
]


def g_sex(rng):
    return (rng.choice(["男", "女"]), None)


GENS["sex"] = g_sex


def make_doc(rng, kind):
    d = Doc(GENS, rng)
    if kind == "pii_free":
        for s in rng.sample(PII_FREE, rng.randrange(2, 6)):
            d.raw(s)
        return d.finish(kind, "zh")
    openers, bodies, closers = KINDS[kind]
    d.add(rng.choice(openers))
    k = rng.randrange(3, min(7, len(bodies)) + 1)
    idx = sorted(rng.sample(range(len(bodies)), k))
    sep = "\n" if kind in ("express_waybill", "resume", "student_record", "hotel_checkin", "wechat_log") else ""
    for j, i in enumerate(idx):
        if rng.random() < 0.15:
            d.raw(rng.choice(PII_FREE) + sep)
        d.add(bodies[i] + (sep if j < len(idx) - 1 else ""))
    d.add(rng.choice(closers))
    return d.finish(kind, "zh")


def build():
    rng = random.Random(SEED)
    out = []
    for kind in list(KINDS) + ["pii_free"]:
        n = PER_KIND if kind != "pii_free" else 30
        seen = set()
        while len(seen) < n:
            doc = make_doc(rng, kind)
            if doc[0]["text"] not in seen:
                seen.add(doc[0]["text"])
                out.append(doc)
    rng.shuffle(out)
    return out


if __name__ == "__main__":
    docs = build()
    write_jsonl(OUT, [d for d, _ in docs])
    print("wrote %d documents to %s" % (len(docs), os.path.normpath(OUT)))
