"""Chinese value generators for heldout_zh6 (blind6). Synthetic values; checksums are valid."""

from __future__ import annotations

import random

from _b6common import (
    BaseValues,
    gb11643_check,
    gb11714_check,
    gb32100_check,
    group,
    luhn_complete,
    to_fullwidth,
)

P, D, PH, E, A, L, Z, O, AG, N, ID, MRN = (
    "PERSON", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "LOCATION",
    "ZIP_CODE", "ORGANIZATION", "AGE", "NRP", "ID", "MEDICAL_RECORD_NUMBER",
)

COMMON = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔"
)
RARE = list("仉亓邴郗隗禤敖晏宦帅蒲党展揭冉谯粟闵竺边郏")
COMPOUND = ["欧阳", "司马", "上官", "东方", "独孤", "长孙", "慕容", "端木", "呼延", "澹台", "公冶", "太史", "濮阳", "乐正"]
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍鹏辉玲宇浩凯健俊帆雪琳晨欣怡梓涵子轩"
    "宏博文思雨佳颖晓婷振国建新海波荣春燕瑞德志红淑珍慧倩昊然泽楠一诺可馨嘉琪世豪天佑锦程若曦"
)
EN_FIRST = ["Kevin", "Alice", "Jason", "Cindy", "Eric", "Vivian", "Tony", "Grace", "Leo", "Sophie", "Daniel",
            "Emily", "Ryan", "Helen", "Frank", "Olivia", "Marco", "Priya", "Tom", "Yuki"]
EN_LAST = ["Müller", "Smith", "Tanaka", "Johnson", "Rossi", "Kim", "Nguyen", "Brown", "Patel", "Schneider",
           "Garcia", "Dubois", "Novak", "O'Brien", "Larsen"]

# Real county-level division codes (GB/T 2260) with their province / city / district names.
REGIONS = [
    ("110105", "北京市", "北京市", "朝阳区", "010", "100020"), ("310115", "上海市", "上海市", "浦东新区", "021", "200120"),
    ("440305", "广东省", "深圳市", "南山区", "0755", "518052"), ("330106", "浙江省", "杭州市", "西湖区", "0571", "310013"),
    ("510107", "四川省", "成都市", "武侯区", "028", "610041"), ("420111", "湖北省", "武汉市", "洪山区", "027", "430070"),
    ("320102", "江苏省", "南京市", "玄武区", "025", "210018"), ("610113", "陕西省", "西安市", "雁塔区", "029", "710061"),
    ("370202", "山东省", "青岛市", "市南区", "0532", "266001"), ("500103", "重庆市", "重庆市", "渝中区", "023", "400010"),
    ("430104", "湖南省", "长沙市", "岳麓区", "0731", "410006"), ("350203", "福建省", "厦门市", "思明区", "0592", "361001"),
    ("230103", "黑龙江省", "哈尔滨市", "南岗区", "0451", "150001"), ("410105", "河南省", "郑州市", "金水区", "0371", "450003"),
    ("530102", "云南省", "昆明市", "五华区", "0871", "650031"), ("450103", "广西壮族自治区", "南宁市", "青秀区", "0771", "530022"),
    ("340104", "安徽省", "合肥市", "蜀山区", "0551", "230031"), ("360102", "江西省", "南昌市", "东湖区", "0791", "330006"),
    ("520102", "贵州省", "贵阳市", "南明区", "0851", "550001"), ("620102", "甘肃省", "兰州市", "城关区", "0931", "730030"),
    ("650102", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "0991", "830002"), ("130102", "河北省", "石家庄市", "长安区", "0311", "050011"),
    ("140105", "山西省", "太原市", "小店区", "0351", "030032"), ("460106", "海南省", "海口市", "龙华区", "0898", "570105"),
    ("220102", "吉林省", "长春市", "南关区", "0431", "130022"), ("640104", "宁夏回族自治区", "银川市", "兴庆区", "0951", "750001"),
    ("210102", "辽宁省", "沈阳市", "和平区", "024", "110001"), ("120101", "天津市", "天津市", "和平区", "022", "300041"),
    ("320583", "江苏省", "苏州市", "昆山市", "0512", "215300"), ("441900", "广东省", "东莞市", "东莞市", "0769", "523000"),
]
PLATE_PREFIX = {"北京市": "京", "上海市": "沪", "广东省": "粤", "浙江省": "浙", "四川省": "川", "湖北省": "鄂", "江苏省": "苏",
                "陕西省": "陕", "山东省": "鲁", "重庆市": "渝", "湖南省": "湘", "福建省": "闽", "黑龙江省": "黑", "河南省": "豫",
                "云南省": "云", "广西壮族自治区": "桂", "安徽省": "皖", "江西省": "赣", "贵州省": "贵", "甘肃省": "甘",
                "新疆维吾尔自治区": "新", "河北省": "冀", "山西省": "晋", "海南省": "琼", "吉林省": "吉", "宁夏回族自治区": "宁",
                "辽宁省": "辽", "天津市": "津"}
ROADS = ["建设路", "人民南路", "解放大道", "长江路", "文化路", "和平里三街", "滨河东路", "科技园南路", "学府街", "中山北路",
         "青年大街", "望江路", "金桥路", "光华村街", "育才路", "东风路", "湖滨北路", "新华西街", "银杏大道", "沿江二路"]
ESTATES = ["阳光花园", "锦绣华庭", "碧桂园", "万科城", "龙湖春江郦城", "金地格林小镇", "保利香槟国际", "绿地世纪城", "翠湖苑",
           "幸福里", "融创玖樾府", "恒大名都", "紫薇花园", "御景湾", "书香门第", "东湖名苑"]
TOWNS = [("平乐镇", "花园村"), ("石桥乡", "大井村"), ("白马镇", "新民村"), ("龙泉街道", "柏合村"), ("清溪镇", "三和村")]
MINZU = ["汉族", "回族", "满族", "壮族", "蒙古族", "土家族", "苗族", "彝族", "藏族", "维吾尔族", "朝鲜族", "白族", "侗族", "瑶族"]
ZZMM = ["中共党员", "中共预备党员", "共青团员", "群众", "民革党员", "民盟盟员", "九三学社社员", "无党派人士", "致公党党员"]
RELIGION = ["佛教", "基督教", "天主教", "伊斯兰教", "道教"]
MOBILE_PFX = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157",
              "158", "159", "166", "173", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188",
              "189", "191", "193", "195", "198", "199"]
CARD_BIN = ["622202", "622848", "621700", "622588", "621226", "623058", "622609", "621483", "622700", "625965", "621799"]
BANKS = ["中国工商银行", "中国建设银行", "招商银行", "中国农业银行", "交通银行", "中国银行", "兴业银行", "浦发银行", "中信银行"]
MAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com", "gmail.com", "139.com", "yeah.net"]
CN_NUM = "〇一二三四五六七八九"
PINYIN = {"王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang", "黄": "huang", "赵": "zhao",
          "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu", "胡": "hu", "郭": "guo", "林": "lin"}
PINYIN_SYL = ["xiao", "ming", "hua", "jun", "li", "fang", "yu", "hao", "jie", "ting", "wei", "lei", "qian", "yan", "bo",
              "chen", "xin", "yi", "zhi", "rui"]


def cn_int(n: int) -> str:
    """Chinese numeral for 0 < n < 100 (四十五, 十二, 二十)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_NUM[ones]
    head = "" if tens == 1 else CN_NUM[tens]
    return head + "十" + (CN_NUM[ones] if ones else "")


def cn_year(y: int) -> str:
    return "".join(CN_NUM[int(c)] for c in str(y))


class ZhValues(BaseValues):
    """One document's Chinese values; keys map to ``v_<name>``."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        r = rng
        self.doc_y, self.doc_m, self.doc_d = r.choice([2025, 2026]), r.randint(1, 12), r.randint(1, 28)
        self.region = r.choice(REGIONS)
        self.colon = r.choices(["：", ":", ": ", " "], [6, 2, 2, 1])[0]

    # ---- people -------------------------------------------------------------------------
    def new_person(self, idx: int) -> dict:
        r = self.rng
        roll = r.random()
        sur = r.choice(COMPOUND) if roll < 0.08 else r.choice(RARE) if roll < 0.2 else r.choice(COMMON)
        given = "".join(r.sample(GIVEN, r.choice([1, 2, 2, 2])))
        if sur in COMPOUND and len(given) == 1 and r.random() < 0.5:
            given += r.choice(GIVEN)
        region = self.region if idx == 1 and r.random() < 0.5 else r.choice(REGIONS)
        age = r.randint(19, 78)
        by = self.doc_y - age
        bm, bd = r.randint(1, 12), r.randint(1, 28)
        if (bm, bd) > (self.doc_m, self.doc_d):
            age -= 1
        return {"sur": sur, "given": given, "region": region, "by": by, "bm": bm, "bd": bd, "age": age,
                "en": f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}", "sex": r.choice("男女")}

    def v_C(self, idx: int) -> str:  # label punctuation of this document
        return self.colon

    def v_name(self, idx: int) -> list:
        p = self.person(idx)
        return [(p["sur"] + p["given"], P)]

    def v_sur(self, idx: int) -> list:
        return [(self.person(idx)["sur"], P)]

    def v_given(self, idx: int) -> list:
        return [(self.person(idx)["given"], P)]

    def v_nick(self, idx: int) -> list:  # 小王 / 老王: only the surname is PERSON
        p = self.person(idx)
        if p["sur"] in COMPOUND:  # 老欧阳 is rare in speech: use the full name instead
            return [(p["sur"] + p["given"], P)]
        return [(self.rng.choice(["小", "老"]), None), (p["sur"], P)]

    def v_ename(self, idx: int) -> list:
        return [(self.person(idx)["en"], P)]

    def v_efirst(self, idx: int) -> list:
        return [(self.person(idx)["en"].split()[0], P)]

    def v_title(self, idx: int) -> str:  # 先生/女士 by the person's sex (outside the span)
        return "先生" if self.person(idx)["sex"] == "男" else "女士"

    def v_sex(self, idx: int) -> str:
        return self.person(idx)["sex"]

    def v_kin(self, idx: int) -> list:  # a relative sharing person idx's surname
        sur = self.person(idx)["sur"]
        return [(sur + "".join(self.rng.sample(GIVEN, self.rng.choice([1, 2]))), P)]

    def v_age(self, idx: int) -> list:
        a = self.person(idx)["age"]
        return [(self.rng.choice([f"{a}岁", f"{a}岁", f"{a}周岁"]), AG)]

    def v_agecn(self, idx: int) -> list:
        return [(cn_int(self.person(idx)["age"]) + "岁", AG)]

    def v_agen(self, idx: int) -> list:  # after 年龄: bare number
        return [(str(self.person(idx)["age"]), AG)]

    def v_birth(self, idx: int) -> list:
        p = self.person(idx)
        y, m, d = p["by"], p["bm"], p["bd"]
        fmt = self.rng.choice([f"{y}年{m}月{d}日", f"{y}.{m:02d}.{d:02d}", f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}",
                               f"{cn_year(y)}年{cn_int(m)}月{cn_int(d)}日"])
        return [(fmt, D)]

    def v_minzu(self, idx: int) -> list:
        return [(self.rng.choice(MINZU), N)]

    def v_zzmm(self, idx: int) -> list:
        return [(self.rng.choice(ZZMM), N)]

    def v_religion(self, idx: int) -> list:
        return [(self.rng.choice(RELIGION), N)]

    # ---- identifiers ------------------------------------------------------------------
    def v_rid(self, idx: int) -> list:
        r, p = self.rng, self.person(idx)
        body = f"{p['region'][0]}{p['by']}{p['bm']:02d}{p['bd']:02d}{r.randint(0, 99):02d}"
        body += str(r.choice([1, 3, 5, 7, 9]) if p["sex"] == "男" else r.choice([0, 2, 4, 6, 8]))
        rid = body + gb11643_check(body)
        roll = r.random()
        if rid.endswith("X") and roll < 0.3:
            rid = rid[:-1] + "x"
        elif roll < 0.12:
            rid = f"{rid[:6]} {rid[6:14]} {rid[14:]}"
        return [(rid, "CN_RESIDENT_ID")]

    def v_mobile(self, idx: int) -> list:
        r = self.rng
        num = r.choice(MOBILE_PFX) + f"{r.randint(0, 99999999):08d}"
        fmt = r.choices(
            [num, f"{num[:3]} {num[3:7]} {num[7:]}", f"{num[:3]}-{num[3:7]}-{num[7:]}", f"+86 {num}",
             f"+86-{num}", f"0086 {num}", to_fullwidth(num), f"{num[:3]}****{num[7:]}"],
            [10, 3, 2, 2, 1, 1, 2, 0],
        )[0]
        return [(fmt, PH)]

    def v_tel(self, idx: int) -> list:
        r = self.rng
        code = r.choice(REGIONS)[4]
        local = f"{r.randint(2, 8)}{r.randint(0, 9999999):07d}" if len(code) == 3 else f"{r.randint(2, 8)}{r.randint(0, 999999):06d}"
        fmt = r.choice([f"{code}-{local}", f"（{code}）{local}", f"({code}){local}", f"{code} {local}", f"+86-{code[1:]}-{local}"])
        ext = r.choices(["", f"转{r.randint(100, 8999)}", f"-{r.randint(10, 899)}", f" 分机{r.randint(10, 899)}"], [6, 2, 1, 1])[0]
        return [(fmt + ext, PH)]

    def v_card(self, idx: int) -> list:
        r = self.rng
        n = r.choice([16, 19, 19])
        partial = r.choice(CARD_BIN) + "".join(str(r.randint(0, 9)) for _ in range(n - 7))
        card = luhn_complete(partial)
        self.cache.setdefault("_tailno_" + str(idx), [(card[-4:], None)])
        fmt = r.choices([card, group(card), group(card, sep="-")], [5, 3, 1])[0]
        return [(fmt, "CN_BANK_CARD")]

    def v_tailno(self, idx: int) -> list:  # 尾号: not labelled, agrees with the card
        self.get("card" + ("" if idx == 1 else str(idx)))
        return self.cache["_tailno_" + str(idx)]

    def v_bank(self, idx: int) -> list:
        reg, r = self.region, self.rng
        dist = reg[3] if reg[3] != reg[2] else ""
        return [(r.choice([f"{r.choice(BANKS)}{reg[2]}{dist}支行", f"{r.choice(BANKS)}{reg[2]}分行"]), O)]

    def v_uscc(self, idx: int) -> list:
        r = self.rng
        org8 = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        first = r.choice(["91", "92", "12", "52"]) + r.choice(REGIONS)[0] + org8 + gb11714_check(org8)
        return [(first + gb32100_check(first), "CN_USCC")]

    def v_passport(self, idx: int) -> list:
        r = self.rng
        fmt = r.choice([f"E{r.randint(0, 99999999):08d}", f"E{r.choice('ABCDFGHJKLMN')}{r.randint(0, 9999999):07d}",
                        f"G{r.randint(10000000, 99999999)}"])
        return [(fmt, "CN_PASSPORT")]

    def v_hkpass(self, idx: int) -> list:  # 港澳通行证: nearest listed type is ID
        return [(f"C{self.rng.choice('ABCDEFGH')}{self.rng.randint(0, 9999999):07d}", ID)]

    def v_plate(self, idx: int) -> list:
        r = self.rng
        pre = PLATE_PREFIX[self.region[1]] + r.choice("ABCDEFG")
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
        if r.random() < 0.25:  # new-energy plate: D/F + 5 digits
            tail = r.choice("DF") + "".join(r.choice("0123456789") for _ in range(5))
        else:
            tail = "".join(r.choice(letters) for _ in range(5))
        sep = r.choice(["", "·", " ", ""])
        return [(pre + sep + tail, "CN_VEHICLE_PLATE")]

    def _code(self, prefix: str, n: int) -> str:
        return prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def v_ydate(self, idx: int) -> str:  # compact yyyymmdd used inside record numbers
        return f"{self.doc_y}{self.doc_m:02d}{self.doc_d:02d}"

    def v_idno(self, idx: int) -> list:  # a generic labelled record number
        r = self.rng
        if r.random() < 0.2:  # "No.12345678": "No." is a label, outside the span
            return [(r.choice(["NO.", "No.", "No. "]), None), (self._code("", 8), ID)]
        fmt = r.choice([self._code(r.choice(["SQ", "YY", "GD", "WO", "AP", "LC"]) + str(self.doc_y), 7),
                        self._code("", 12), self._code(f"{self.doc_y}-", 6)])
        return [(fmt, ID)]

    def v_mrn(self, idx: int) -> list:
        r = self.rng
        return [(r.choice([self._code("", 10), self._code("MZ", 8), self._code("KQ", 7), self._code("00", 7)]), MRN)]

    def v_wxid(self, idx: int) -> list:
        r = self.rng
        p = self.person(idx)
        base = PINYIN.get(p["sur"], r.choice(PINYIN_SYL)) + r.choice(PINYIN_SYL)
        return [(r.choice([f"wxid_{base}{r.randint(10, 9999)}", f"{base}_{r.randint(1980, 2005)}", f"{base}{r.randint(100, 999)}"]), ID)]

    def v_email(self, idx: int) -> list:
        r = self.rng
        p = self.person(idx)
        base = PINYIN.get(p["sur"], r.choice(PINYIN_SYL)) + r.choice(["", ".", "_"]) + r.choice(PINYIN_SYL)
        user = r.choice([base, base + str(r.randint(1, 99)), str(r.randint(10000000, 2999999999))])
        return [(f"{user}@{r.choice(MAIL_DOMAINS)}", E)]

    def v_eemail(self, idx: int) -> list:
        first, last = self.person(idx)["en"].lower().replace("'", "").replace("ü", "ue").split()
        dom = self.rng.choice(["acme-asia.com", "globex.cn", "contoso.com.cn", "initech.com"])
        return [(self.rng.choice([f"{first}.{last}@{dom}", f"{first[0]}{last}@{dom}"]), E)]

    def v_url(self, idx: int) -> list:
        r = self.rng
        return [(r.choice([f"https://t.cn/{self._code('A', 5)}", f"https://m.{r.choice(['ydzx', 'gzt', 'hrsys'])}.cn/s/{self._code('', 8)}",
                           f"http://{r.randint(10, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}:8080/login"]), "URL")]

    def v_ip(self, idx: int) -> list:
        r = self.rng
        return [(f"{r.choice([10, 172, 192, 36, 58, 113, 117, 183, 220])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}", "IP_ADDRESS")]

    # ---- places -------------------------------------------------------------------------
    def v_addr(self, idx: int) -> list:
        r = self.rng
        reg = self.person(idx)["region"] if r.random() < 0.6 else r.choice(REGIONS)
        self.__dict__.setdefault("_addr_region", reg)  # a later 邮编 agrees with the first address
        prov, city, dist = reg[1], reg[2], reg[3]
        head = r.choice([prov + city if prov != city else city, city, ""]) + (dist if dist != city else "")
        if r.random() < 0.15:
            town, vil = r.choice(TOWNS)
            tail = f"{town}{vil}{r.randint(1, 12)}组{r.randint(1, 80)}号"
        else:
            tail = f"{r.choice(ROADS)}{r.randint(1, 999)}号{r.choice(ESTATES)}{r.randint(1, 30)}{r.choice(['栋', '号楼', '幢', '座'])}"
            tail += r.choice([f"{r.randint(1, 6)}单元", ""]) + f"{r.randint(1, 33)}{r.randint(1, 4):02d}" + r.choice(["室", "室", "号", ""])
        return [(head + tail, A)]

    def v_city(self, idx: int) -> list:
        reg = self.rng.choice(REGIONS) if idx > 1 else self.region
        return [(reg[2], L)]

    def v_prov(self, idx: int) -> list:
        return [(self.rng.choice(REGIONS)[1], L)]

    def v_dist(self, idx: int) -> list:
        reg = self.region
        return [(reg[3] if reg[3] != reg[2] else reg[2], L)]

    def v_zip(self, idx: int) -> list:
        return [(self.__dict__.get("_addr_region", self.region)[5], Z)]

    # ---- organisations --------------------------------------------------------------------
    def _org(self, suffixes: list[str]) -> list:
        r = self.rng
        city = self.region[2]
        word = r.choice(["华信", "恒通", "博远", "锦程", "中科", "新元", "瑞丰", "天成", "众合", "安和", "鼎盛", "嘉禾"])
        return [(f"{city}{word}{r.choice(suffixes)}", O)]

    def v_company(self, idx: int) -> list:
        return self._org(["科技有限公司", "信息技术有限公司", "贸易有限公司", "物流股份有限公司", "网络科技有限公司", "餐饮管理有限公司"])

    def v_hosp(self, idx: int) -> list:
        r, city = self.rng, self.region[2]
        return [(r.choice([f"{city}第{cn_int(r.randint(1, 9))}人民医院", f"{city}中心医院", f"{city}中医院",
                           f"{self.region[3]}社区卫生服务中心", f"{city}妇幼保健院", f"{city}儿童医院"]), O)]

    def v_clinic(self, idx: int) -> list:
        return self._org(["口腔门诊部", "齿科诊所", "口腔医院"])

    def v_notary(self, idx: int) -> list:
        r, reg = self.rng, self.region
        return [(r.choice([f"{reg[2]}{reg[3] if reg[3] != reg[2] else ''}公证处", f"{reg[2]}{r.choice(['国信', '长安', '东方', '天平'])}公证处"]), O)]

    def v_sio(self, idx: int) -> list:
        reg = self.region if idx == 1 else self.rng.choice(REGIONS)
        return [(f"{reg[2]}{reg[3] if reg[3] != reg[2] else ''}社会保险事业管理中心", O)]

    def v_eeb(self, idx: int) -> list:
        reg = self.region
        return [(self.rng.choice([f"{reg[2]}公安局出入境管理支队", f"{reg[2]}{reg[3] if reg[3] != reg[2] else ''}出入境接待大厅"]), O)]

    def v_dschool(self, idx: int) -> list:
        return self._org(["驾驶员培训有限公司", "机动车驾驶培训学校"])

    def v_agency(self, idx: int) -> list:
        r = self.rng
        return [(f"{r.choice(['链家', '我爱我家', '中原地产', '21世纪不动产'])}{r.choice(ESTATES)}店", O)]

    def v_legalaid(self, idx: int) -> list:
        reg = self.region
        return [(f"{reg[2]}{reg[3] if reg[3] != reg[2] else ''}法律援助中心", O)]

    def v_lawfirm(self, idx: int) -> list:
        return self._org(["律师事务所"])

    def v_bloodbank(self, idx: int) -> list:
        return [(f"{self.region[2]}中心血站", O)]

    def v_ride(self, idx: int) -> list:
        return [(self.rng.choice(["滴滴出行", "高德打车", "曹操出行", "T3出行", "如祺出行"]), O)]

    def v_school(self, idx: int) -> list:
        r, city = self.rng, self.region[2]
        return [(r.choice([f"{city}第{cn_int(r.randint(1, 40))}中学", f"{city}实验小学", f"{city}大学", f"{city}职业技术学院"]), O)]

    def v_insurer(self, idx: int) -> list:
        return [(self.rng.choice(["中国人寿", "平安养老保险", "泰康人寿", "太平洋保险", "新华保险"]), O)]

    # ---- dates and times ------------------------------------------------------------------
    def _date(self, idx: int) -> tuple[int, int, int]:
        r = self.rng
        if idx == 1:
            return self.doc_y, self.doc_m, self.doc_d
        m = (self.doc_m + r.choice([-2, -1, 0, 1, 2]) - 1) % 12 + 1
        return self.doc_y, m, r.randint(1, 28)

    def v_date(self, idx: int) -> list:
        y, m, d = self._date(idx)
        r = self.rng
        fmt = r.choices([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{y}.{m}.{d}",
                         f"{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{cn_year(y)}年{cn_int(m)}月{cn_int(d)}日"],
                        [5, 3, 2, 1, 3, 1, 1])[0]
        return [(fmt, D)]

    def v_cndate(self, idx: int) -> list:
        y, m, d = self._date(idx)
        return [(f"{cn_year(y)}年{cn_int(m)}月{cn_int(d)}日", D)]

    def v_dtime(self, idx: int) -> list:
        y, m, d = self._date(idx)
        r = self.rng
        h, mi = r.randint(7, 21), r.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
        spoken = r.choice([f"上午{h if h < 12 else h - 12}点", f"下午{h - 12 if h > 12 else h}点{mi}分", f"晚上{r.randint(7, 10)}点半",
                           f"中午12点{mi}分"])
        fmt = r.choice([f"{y}-{m:02d}-{d:02d} {h:02d}:{mi:02d}", f"{y}年{m}月{d}日 {h}:{mi:02d}", f"{m}月{d}日{spoken}",
                        f"{y}/{m:02d}/{d:02d} {h:02d}:{mi:02d}:{r.randint(0, 59):02d}", f"{m}月{d}号{spoken}"])
        return [(fmt, D)]

    nocache = frozenset({"time"})

    def v_time(self, idx: int) -> str:  # chat timestamps (clock time alone) are not labelled
        if not hasattr(self, "_clock"):
            self._clock = self.rng.randint(7 * 60, 20 * 60)
        self._clock = min(self._clock + self.rng.randint(0, 9), 23 * 60 + 59)
        return f"{self._clock // 60:02d}:{self._clock % 60:02d}"

    def v_month(self, idx: int) -> list:
        r = self.rng
        y = self.doc_y - r.randint(1, 12)
        return [(r.choice([f"{y}年{r.randint(1, 12)}月", f"{y}.{r.randint(1, 12):02d}"]), D)]

    def v_amount(self, idx: int) -> str:
        r = self.rng
        return r.choice([f"{r.randint(1, 500) * 1000:,}元", f"{r.randint(50, 99999)}.{r.randint(0, 99):02d}元", f"{r.randint(1, 300)}万元"])

    def v_rel(self, idx: int) -> str:
        return self.rng.choice(["配偶", "子女", "母亲", "父亲"])

    def v_police(self, idx: int) -> list:
        reg = self.rng.choice(REGIONS)
        return [(f"{reg[2]}公安局{reg[3] if reg[3] != reg[2] else ''}分局", O)]
