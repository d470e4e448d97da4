"""Value generators for heldout_zh8 (written from scratch for this set).

Every ``v_<name>(idx)`` returns a list of ``(text, type_or_None)`` segments, so a title or
label written next to a value stays outside the span by construction.
"""

from __future__ import annotations

import datetime as dt
import random

Seg = list[tuple[str, "str | None"]]

SUR_COMMON = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
)
# Rare surnames, several of which are also ordinary words (单 解 查 区 种 盖 过 朴 那).
SUR_RARE = list("岑佟鞠邝覃戚植单解查区种盖过朴那母乜逄乐")
SUR_COMPOUND = ["万俟", "拓跋", "闾丘", "巫马", "梁丘", "仲孙", "亓官", "司空", "端木", "欧阳", "上官", "东方"]
GIVEN_M = list("浩然宇轩子墨俊杰志强建华伟明国栋磊鹏飞文博天佑嘉豪立新振宇永刚海涛凯瑞晨阳锦程")
GIVEN_F = list("雨婷欣怡梓涵思琪佳慧雅静秀兰丽娟晓燕玉梅诗雨若曦婉清美玲春霞雪莹紫萱嘉怡")
# Given names that are ordinary words (a scrubber cannot rely on "not a word").
WORD_GIVEN = ["平安", "海洋", "建国", "国庆", "春雨", "文静", "晓东", "立春", "秋实", "明月", "长江",
              "和平", "胜利", "红梅", "光明", "志愿", "金凤", "朝阳", "永生", "高远", "向东", "美丽"]
EN_FIRST = ["Emily", "Jason", "Olivia", "Daniel", "Grace", "Kevin", "Sophia", "Ryan", "Chloe", "Ethan",
            "Mandy", "Vincent", "Iris", "Leo", "Fiona", "Derek"]
EN_LAST = ["Chen", "Liu", "Wang", "Ho", "Tan", "Lim", "Fischer", "Moreau", "Patel", "Okafor", "Novak",
           "Larsen", "Brennan", "Suzuki", "Kowalski", "Reyes"]

# province, city, districts, area code, zip prefix, plate prefix, division codes
CITIES = [
    ("浙江省", "杭州市", ["西湖区", "拱墅区", "滨江区"], "0571", "3100", "浙A", ["330106", "330105", "330108"]),
    ("江苏省", "苏州市", ["吴中区", "姑苏区", "相城区"], "0512", "2150", "苏E", ["320506", "320508", "320507"]),
    ("广东省", "深圳市", ["南山区", "福田区", "龙岗区"], "0755", "5180", "粤B", ["440305", "440304", "440307"]),
    ("四川省", "成都市", ["武侯区", "锦江区", "青羊区"], "028", "6100", "川A", ["510107", "510104", "510105"]),
    ("湖北省", "武汉市", ["武昌区", "洪山区", "江汉区"], "027", "4300", "鄂A", ["420106", "420111", "420103"]),
    ("陕西省", "西安市", ["雁塔区", "碑林区", "未央区"], "029", "7100", "陕A", ["610113", "610103", "610112"]),
    ("山东省", "青岛市", ["市南区", "崂山区", "李沧区"], "0532", "2660", "鲁B", ["370202", "370212", "370213"]),
    ("湖南省", "长沙市", ["岳麓区", "天心区", "开福区"], "0731", "4100", "湘A", ["430104", "430103", "430105"]),
    ("福建省", "厦门市", ["思明区", "湖里区", "集美区"], "0592", "3610", "闽D", ["350203", "350206", "350211"]),
    ("河南省", "郑州市", ["金水区", "二七区", "中原区"], "0371", "4500", "豫A", ["410105", "410103", "410102"]),
    ("辽宁省", "沈阳市", ["和平区", "沈河区", "皇姑区"], "024", "1100", "辽A", ["210102", "210103", "210105"]),
    ("云南省", "昆明市", ["五华区", "盘龙区", "官渡区"], "0871", "6500", "云A", ["530102", "530103", "530111"]),
    ("安徽省", "合肥市", ["蜀山区", "包河区", "庐阳区"], "0551", "2300", "皖A", ["340104", "340111", "340103"]),
    ("重庆市", "重庆市", ["渝中区", "江北区", "南岸区"], "023", "4000", "渝A", ["500103", "500105", "500108"]),
    ("天津市", "天津市", ["和平区", "南开区", "河西区"], "022", "3000", "津A", ["120101", "120104", "120103"]),
    ("黑龙江省", "哈尔滨市", ["南岗区", "道里区", "香坊区"], "0451", "1500", "黑A", ["230103", "230102", "230110"]),
]
ROADS = ["青枫路", "望湖街", "南屏大道", "松涛路", "金桂巷", "晨光路", "柳岸街", "云栖大道", "石榴路", "翠微街",
         "观澜路", "银杏大道", "梧桐巷", "长虹路", "锦绣街", "芳草路", "星湖大道", "清泉路"]
ESTATES = ["枫丹苑", "绿城桂语里", "金域华庭", "翠湖湾", "天悦府", "锦江花园", "星河湾", "阳光水岸", "和园",
           "东方名邸", "春晓苑", "望江府", "南湖小区", "书香雅居"]
TOWNS = ["白沙镇", "清溪镇", "柳林乡", "石门镇", "桃源乡"]
VILLAGES = ["上湾村", "梨花村", "新民村", "龙井村", "红旗村"]
CO_WORDS = ["禾信", "启明", "嘉悦", "博远", "鑫汇", "云帆", "恒泰", "睿达", "森和", "景行", "澄海", "聚能"]
CO_KIND = ["科技", "贸易", "物流", "餐饮管理", "建筑劳务", "电子商务", "物业服务", "信息技术", "医疗器械", "文化传媒"]
BANKS = ["中国工商银行", "中国建设银行", "招商银行", "中国农业银行", "交通银行", "中信银行", "兴业银行", "平安银行"]
UNIONPAY = ["622202", "621700", "622848", "622588", "621483", "623058", "622155", "625809"]
NATIONS = ["汉族", "回族", "满族", "壮族", "苗族", "土家族", "蒙古族", "彝族"]
POLITICS = ["中共党员", "共青团员", "群众", "民盟盟员"]
EMAIL_DOM = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com"]
CN_DIGITS = "〇一二三四五六七八九"
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PINYIN = {"王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang", "黄": "huang",
          "赵": "zhao", "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu", "胡": "hu",
          "郭": "guo", "何": "he", "高": "gao", "林": "lin", "罗": "luo", "郑": "zheng", "梁": "liang"}


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, ID_W)) % 11]


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def uscc(rng: random.Random, division: str) -> str:
    org = "".join(rng.choice("0123456789") for _ in range(8))
    c9 = 11 - sum(int(c) * w for c, w in zip(org, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    org += {10: "X", 11: "0"}.get(c9, str(c9))
    body = rng.choice(["91", "92", "12", "52", "91", "91"]) + division + org
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_W))
    return body + USCC_CHARS[(31 - s % 31) % 31]


def cn_num(n: int) -> str:
    """Chinese numeral for 1..99 (ages)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = ("" if tens == 1 else CN_DIGITS[tens]) + "十"
    return head + (CN_DIGITS[ones] if ones else "")


def years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Person:
    def __init__(self, rng: random.Random, on: dt.date, *, min_age: int = 19, max_age: int = 78,
                 male: bool | None = None) -> None:
        roll = rng.random()
        self.sur = rng.choice(SUR_COMPOUND if roll < 0.07 else SUR_RARE if roll < 0.18 else SUR_COMMON)
        self.male = rng.random() < 0.5 if male is None else male
        pool = GIVEN_M if self.male else GIVEN_F
        roll = rng.random()
        if roll < 0.14:
            self.given = rng.choice(WORD_GIVEN)
        elif roll < 0.45:
            self.given = rng.choice(pool)
        else:
            self.given = rng.choice(pool) + rng.choice(pool)
        if self.given == self.sur:
            self.given = rng.choice(pool) + "然"
        age = rng.randint(min_age, max_age)
        self.birth = on - dt.timedelta(days=age * 365 + rng.randint(0, 360))
        self.age = years_between(self.birth, on)
        self.division = rng.choice(rng.choice(CITIES)[6])
        seq = rng.randint(0, 99)
        sex = rng.choice("13579" if self.male else "02468")
        if self.age >= 45 and rng.random() < 0.18:
            self.rid = self.division + self.birth.strftime("%y%m%d") + f"{seq:02d}" + sex
        else:
            body = self.division + self.birth.strftime("%Y%m%d") + f"{seq:02d}" + sex
            self.rid = body + id_check(body)

    @property
    def name(self) -> str:
        return self.sur + self.given


class ZhValues:
    """Per-document value source; ``reset`` draws the document date and city."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.reset()

    def reset(self) -> None:
        r = self.rng
        self.date = dt.date(2025, 1, 6) + dt.timedelta(days=r.randint(0, 640))
        self.city = r.choice(CITIES)
        self.people: dict[int, Person] = {}
        self.cards: dict[int, str] = {}
        self.mobiles: dict[int, str] = {}

    # ---- persons -------------------------------------------------------------
    def person(self, i: int) -> Person:
        if i not in self.people:
            # persons 7/8 are children, 9 an elder, 11 a man, 12 a woman, 13 a young adult
            lo, hi = {7: (6, 15), 8: (6, 15), 9: (66, 90), 13: (22, 40)}.get(i, (19, 78))
            male = {11: True, 12: False}.get(i)
            p = Person(self.rng, self.date, min_age=lo, max_age=hi, male=male)
            while any(q.name == p.name for q in self.people.values()):
                p = Person(self.rng, self.date, min_age=lo, max_age=hi, male=male)
            self.people[i] = p
        return self.people[i]

    def v_name(self, i: int) -> Seg:
        return [(self.person(i).name, "PERSON")]

    def v_sur(self, i: int) -> Seg:
        return [(self.person(i).sur, "PERSON")]

    def v_given(self, i: int) -> Seg:
        p = self.person(i)  # a one-character given name alone is rarely used: write the full name
        return [(p.given if len(p.given) > 1 else p.name, "PERSON")]

    def v_fwmob(self, i: int) -> Seg:
        m = self.raw_mobile(i)
        return [("".join(chr(ord(c) + 0xFEE0) for c in m), "PHONE_NUMBER")]

    def v_nick(self, i: int) -> Seg:
        p = self.person(i)
        if len(p.sur) > 1:
            return [(p.name, "PERSON")]
        return [("老" if p.age >= 40 else "小", None), (p.sur, "PERSON")]

    def v_mou(self, i: int) -> Seg:
        return [(self.person(i).sur, "PERSON"), ("某", None)]

    def v_sex(self, i: int) -> Seg:
        return [("男" if self.person(i).male else "女", None)]

    def v_title(self, i: int) -> Seg:
        return [(self.person(i).sur, "PERSON"), ("先生" if self.person(i).male else "女士", None)]

    def v_ename(self, i: int) -> Seg:
        r = self.rng
        return [(f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}", "PERSON")]

    def v_efirst(self, i: int) -> Seg:
        return [(self.rng.choice(EN_FIRST), "PERSON")]

    def v_age(self, i: int) -> Seg:
        a = self.person(i).age
        form = self.rng.random()
        text = f"{a}周岁" if form < 0.25 else f"{cn_num(a)}岁" if form < 0.35 else f"{a}岁"
        return [(text, "AGE")]

    def v_agenum(self, i: int) -> Seg:
        return [(str(self.person(i).age), "AGE")]

    def v_rid(self, i: int) -> Seg:
        rid = self.person(i).rid
        roll = self.rng.random()
        if len(rid) == 18 and roll < 0.15:
            rid = f"{rid[:6]} {rid[6:14]} {rid[14:]}"
        elif len(rid) == 18 and roll < 0.22:
            rid = rid.lower()
        return [(rid, "CN_RESIDENT_ID")]

    def v_birth(self, i: int) -> Seg:
        b = self.person(i).birth
        fmt = self.rng.choice([f"{b.year}年{b.month}月{b.day}日", b.strftime("%Y-%m-%d"),
                               f"{b.year}/{b.month}/{b.day}", b.strftime("%Y.%m.%d")])
        return [(fmt, "DATE_TIME")]

    def v_nation(self, i: int) -> Seg:
        return [(self.rng.choice(NATIONS[:1] * 4 + NATIONS), "NRP")]

    def v_politic(self, i: int) -> Seg:
        return [(self.rng.choice(POLITICS), "NRP")]

    def v_native(self, i: int) -> Seg:
        c = self.rng.choice(CITIES)
        text = c[1].rstrip("市") if c[0] == c[1] else c[0].rstrip("省") + c[1].rstrip("市")
        return [(text, "LOCATION")]

    # ---- contact -------------------------------------------------------------
    def raw_mobile(self, i: int) -> str:
        if i not in self.mobiles:
            r = self.rng
            head = r.choice(["138", "139", "135", "150", "158", "186", "187", "177", "199", "152", "131", "183"])
            self.mobiles[i] = head + "".join(r.choice("0123456789") for _ in range(8))
        return self.mobiles[i]

    def v_mob(self, i: int) -> Seg:
        m = self.raw_mobile(i)
        a, b, c = m[:3], m[3:7], m[7:]
        forms = [m, m, m, f"{a} {b} {c}", f"{a}-{b}-{c}", f"+86 {m}", f"+86-{a}-{b}-{c}",
                 f"+86 {a} {b} {c}", f"(+86){m}", f"0086 {m}", f"{m[:4]} {m[4:8]} {m[8:]}"]
        return [(self.rng.choice(forms), "PHONE_NUMBER")]

    def v_tel(self, i: int) -> Seg:
        r = self.rng
        area = self.city[3]
        local = str(r.randint(2, 8)) + "".join(r.choice("0123456789") for _ in range(7 if len(area) == 3 else 6))
        if len(area) == 4 and r.random() < 0.5:
            local = local + r.choice("0123456789")
        form = r.choice([f"{area}-{local}", f"({area}){local}", f"（{area}）{local}", f"{area} {local}",
                         f"+86-{area[1:]}-{local}", f"{area}{local}"])
        roll = r.random()
        if roll < 0.3:
            form += r.choice(["转", "-", " 分机", "转分机"]) + str(r.randint(10, 8999))
        return [(form, "PHONE_NUMBER")]

    def v_email(self, i: int) -> Seg:
        r = self.rng
        p = self.person(i)
        if r.random() < 0.3:
            return [(f"{r.randint(10000, 2999999999)}@qq.com", "EMAIL_ADDRESS")]
        sur = PINYIN.get(p.sur, r.choice(["cen", "tong", "ju", "shan", "xie", "ou", "zha"]))
        handle = r.choice([f"{sur}{r.randint(1, 99)}", f"{sur}.{r.choice('xyzmjq')}{r.choice('lhwstk')}",
                           f"{sur}_{r.randint(1970, 2005)}", f"{r.choice('xyzmjq')}{sur}{r.randint(100, 999)}"])
        return [(f"{handle}@{r.choice(EMAIL_DOM)}", "EMAIL_ADDRESS")]

    def v_workmail(self, i: int) -> Seg:
        r = self.rng
        sur = PINYIN.get(self.person(i).sur, "zhou")
        dom = r.choice(["hexin-tech.cn", "qiming.com.cn", "yunfan-logistics.com", "ruida.net"])
        return [(f"{sur}.{r.choice('abcdfhjlmnpqstwxyz')}{r.choice('hjlnsy')}@{dom}", "EMAIL_ADDRESS")]

    def v_wx(self, i: int) -> Seg:
        r = self.rng
        sur = PINYIN.get(self.person(i).sur, "xiao")
        text = r.choice([f"wxid_{''.join(r.choice('abcdefghjkmnpqrstuvwxyz0123456789') for _ in range(12))}",
                         f"{sur}{r.randint(1980, 2008)}", f"{sur}_{r.choice(['abc', 'happy', 'sky', 'go'])}{r.randint(1, 99)}"])
        return [(text, "ID")]

    def v_qq(self, i: int) -> Seg:
        return [(str(self.rng.randint(10000000, 2999999999)), "ID")]
