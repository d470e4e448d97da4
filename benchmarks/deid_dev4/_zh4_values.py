"""Chinese value generators for dev_zh4 (written from scratch, stdlib only)."""

from __future__ import annotations

import datetime as dt

SUR = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆汪范石廖贾夏")
RARE = list("郜鄢靳慕隋闫芮栾暴谌宓雒甄勾睢冼")
COMPOUND = ["欧阳", "司马", "上官", "慕容", "诸葛", "夏侯", "公孙", "轩辕", "宇文", "司徒", "闻人", "南宫", "钟离"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力宁晨欣怡梓涵浩然子轩雨桐一诺宇航思远嘉琪佳")
DIV = ["110105", "310104", "440305", "330106", "510107", "420106", "320102", "610113", "370202", "500103",
       "430104", "350203", "210102", "410105", "530102", "450103", "620102", "650102", "340104", "360102"]
CITY = [("浙江省", "杭州市", "西湖区"), ("广东省", "深圳市", "南山区"), ("四川省", "成都市", "武侯区"), ("湖北省", "武汉市", "武昌区"),
        ("江苏省", "南京市", "玄武区"), ("陕西省", "西安市", "雁塔区"), ("山东省", "青岛市", "市南区"), ("湖南省", "长沙市", "岳麓区"),
        ("福建省", "厦门市", "思明区"), ("河南省", "郑州市", "金水区"), ("云南省", "昆明市", "五华区"), ("安徽省", "合肥市", "蜀山区")]
ROAD = ["文一西路", "科技南十二路", "人民南路四段", "中山路", "解放大道", "珞喻路", "东风路", "滨河北街", "长江西路", "枫林路"]
ESTATE = ["金地格林小镇", "翠苑一区", "阳光100", "华润二十四城", "万科城市花园", "保利心语", "锦绣江南", "紫薇花园"]
CN_NUM = "〇一二三四五六七八九"
WEEK = ["一", "二", "三", "四", "五", "六", "日"]
MOB = ["138", "139", "135", "150", "152", "158", "186", "187", "177", "199", "166", "181", "191", "173"]
AREA = ["010", "021", "0755", "0731", "0871", "0951", "0898", "023", "0571", "0532"]
BIN = ["622202", "621700", "622848", "621661", "622262", "622588", "623668", "621483"]
USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def cn_int(n: int) -> str:
    if n < 10:
        return "零一二三四五六七八九"[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else "零一二三四五六七八九"[tens]) + "十" + ("" if ones == 0 else "零一二三四五六七八九"[ones])


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def rid_check(body: str) -> str:
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11]


class ZhValues:
    def __init__(self, rng):
        self.rng = rng
        self.reset()

    def reset(self) -> None:
        self.people: dict = {}

    def person(self, n: str) -> dict:
        if n not in self.people:
            r = self.rng
            x = r.random()
            sur = r.choice(COMPOUND) if x < 0.1 else r.choice(RARE) if x < 0.25 else r.choice(SUR)
            given = "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))
            age = r.randint(19, 78)
            born = dt.date(2026 - age, 1, 1) + dt.timedelta(days=r.randint(0, 330))
            self.people[n] = {"sur": sur, "given": given, "age": age, "born": born}
        return self.people[n]

    def _p(self, t, kind="PERSON"):
        return [(t, kind)]

    def v_name(self, n):
        p = self.person(n)
        return self._p(p["sur"] + p["given"])

    def v_sur(self, n):
        return self._p(self.person(n)["sur"])

    def v_given(self, n):
        return self._p(self.person(n)["given"])

    def v_nick(self, n):
        return [(self.rng.choice(["小", "老"]), None), (self.person(n)["sur"], "PERSON")]

    def v_at(self, n):
        p = self.person(n)
        return [("@", None), (p["sur"] + p["given"], "PERSON")]

    def v_age(self, n):
        a = self.person(n)["age"]
        r = self.rng.random()
        t = f"{a}岁" if r < 0.45 else f"{cn_int(a)}岁" if r < 0.7 else f"{a}周岁"
        return [(t, "AGE")]

    def v_kidage(self, n):
        return [(f"{self.rng.randint(2, 5)}岁{self.rng.randint(1, 11)}个月", "AGE")]

    def v_rid(self, n):
        p = self.person(n)
        body = self.rng.choice(DIV) + p["born"].strftime("%Y%m%d") + f"{self.rng.randint(0, 999):03d}"
        t = body + rid_check(body)
        r = self.rng.random()
        if r < 0.15:
            t = t[:6] + " " + t[6:14] + " " + t[14:]
        elif r < 0.25:
            t = t.replace("X", "x")
        return [(t, "CN_RESIDENT_ID")]

    def v_dob(self, n):
        b = self.person(n)["born"]
        r = self.rng.random()
        t = f"{b.year}年{b.month}月{b.day}日" if r < 0.5 else b.strftime("%Y.%m.%d") if r < 0.8 else f"{b.year}-{b.month:02d}"
        return [(t, "DATE_TIME")]

    def v_kiddob(self, n):
        d = dt.date(2021, 9, 1) + dt.timedelta(days=self.rng.randint(0, 900))
        return [(self.rng.choice([f"{d.year}年{d.month}月{d.day}日", d.strftime("%Y.%m.%d")]), "DATE_TIME")]

    def v_date(self, n):
        r = self.rng
        d = dt.date(2026, 1, 1) + dt.timedelta(days=r.randint(0, 330))
        wk = WEEK[d.weekday()]
        f = r.randrange(9)
        if f == 0:
            t = f"{d.year}年{d.month}月{d.day}日"
        elif f == 1:
            t = "".join(CN_NUM[int(c)] for c in str(d.year)) + f"年{cn_int(d.month)}月{cn_int(d.day)}日"
        elif f == 2:
            t = f"{d.month}月{d.day}号"
        elif f == 3:
            t = f"{d.year % 100}.{d.month}.{d.day}"
        elif f == 4:
            t = f"{d.month}月{d.day}日周{wk}"
        elif f == 5:
            t = f"{d.year}年{d.month}月{d.day}日 星期{wk}"
        elif f == 6:
            t = f"{d.year}-{d.month:02d}-{d.day:02d} {r.randint(8, 21)}:{r.choice(['00', '15', '30', '45'])}"
        elif f == 7:
            t = f"{d.month}月{d.day}日" + r.choice(["下午两点半", "晚上8点", "上午10点", "中午12点20分", "凌晨3点"])
        else:
            t = f"{d.year}/{d.month:02d}/{d.day:02d}"
        return [(t, "DATE_TIME")]

    def v_mobile(self, n):
        r = self.rng
        d = r.choice(MOB) + "".join(str(r.randrange(10)) for _ in range(8))
        f = r.randrange(6)
        t = [d, f"{d[:3]} {d[3:7]} {d[7:]}", f"{d[:3]}-{d[3:7]}-{d[7:]}", "+86 " + d, "0086-" + d,
             f"+86 {d[:3]} {d[3:7]} {d[7:]}"][f]
        return [(t, "PHONE_NUMBER")]

    def v_tel(self, n):
        r = self.rng
        a = r.choice(AREA)
        num = "".join(str(r.randrange(10)) for _ in range(8 if len(a) == 3 else 7))
        num = str(r.randint(2, 8)) + num[1:]
        t = r.choice([f"{a}-{num}", f"({a}){num}", f"{a} {num}", f"（{a}）{num}"])
        if r.random() < 0.4:
            t += r.choice(["转", "-", "分机", " ext "]) + str(r.randint(100, 8999))
        return [(t, "PHONE_NUMBER")]

    def v_card(self, n):
        r = self.rng
        ln = r.choice([16, 19])
        c = luhn_complete(r.choice(BIN) + "".join(str(r.randrange(10)) for _ in range(ln - 7)))
        if r.random() < 0.4:
            c = " ".join(c[i : i + 4] for i in range(0, ln, 4))
        self.people.setdefault("_tail", c[-4:])
        return [(c, "CN_BANK_CARD")]

    def v_tail(self, n):
        return [(self.people.get("_tail", f"{self.rng.randint(0, 9999):04d}"), None)]

    def v_uscc(self, n):
        r = self.rng
        body = "".join(str(r.randrange(10)) for _ in range(8))
        s = sum(int(c) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2]))
        c9 = 11 - s % 11
        org = body + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
        code = "91" + r.choice(DIV) + org
        total = sum(USCC_CH.index(ch) * w for ch, w in zip(code, USCC_W))
        return [(code + USCC_CH[(31 - total % 31) % 31], "CN_USCC")]

    def v_passport(self, n):
        r = self.rng
        t = r.choice(["E", "G"]) + "".join(str(r.randrange(10)) for _ in range(8))
        if r.random() < 0.3:
            t = "E" + r.choice("ABCDEFGH") + "".join(str(r.randrange(10)) for _ in range(7))
        return [(t, "CN_PASSPORT")]

    def v_plate(self, n):
        r = self.rng
        pre = r.choice(["浙A", "粤B", "川A", "鄂A", "苏A", "陕A", "鲁B", "湘A", "闽D", "豫A"])
        tail = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))
        if r.random() < 0.3:
            tail = r.choice("DF") + "".join(str(r.randrange(10)) for _ in range(5))
        return [(pre + r.choice(["", "·", " "]) + tail, "CN_VEHICLE_PLATE")]

    def v_vin(self, n):
        r = self.rng
        return [("L" + "".join(r.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(16)), "ID")]

    def _city(self, n):
        key = "_city" + n
        if key not in self.people:
            self.people[key] = self.rng.choice(CITY)
        return self.people[key]

    def v_addr(self, n):
        r = self.rng
        prov, city, dist = self._city(n)
        start = r.randrange(3)
        head = (prov + city + dist) if start == 0 else (city + dist) if start == 1 else dist
        if r.random() < 0.2:
            t = f"{city}{r.choice(['临安区', '长丰县', '双流区'])}{r.choice(['青山湖街道', '岗集镇', '黄甲镇'])}" \
                f"{r.choice(['横溪村', '新桥村', '王庄村'])}{r.randint(1, 9)}组{r.randint(1, 60)}号"
        else:
            t = f"{head}{r.choice(ROAD)}{r.randint(1, 999)}号{r.choice(ESTATE)}{r.randint(1, 30)}栋" \
                f"{r.randint(1, 4)}单元{r.randint(1, 33)}{r.randint(1, 4):02d}室"
        return [(t, "STREET_ADDRESS")]

    def v_city(self, n):
        return [(self._city(n)[1], "LOCATION")]

    def v_dist(self, n):
        return [(self._city(n)[2], "LOCATION")]

    def v_zip(self, n):
        return [(f"{self.rng.randint(10, 85)}{self.rng.randint(0, 9999):04d}", "ZIP_CODE")]

    def v_org(self, n):
        r = self.rng
        t = self._city(n)[1][:-1] + r.choice(["恒达", "瑞丰", "知行", "易达", "启明", "鑫源"]) + \
            r.choice(["物流有限公司", "汽车销售服务有限公司", "科技股份有限公司", "贸易有限公司"])
        return [(t, "ORGANIZATION")]

    def v_hosp(self, n):
        r = self.rng
        t = self._city(n)[1] + r.choice(["第一人民医院", "中医院", "妇幼保健院", "第三人民医院"])
        return [(t, "ORGANIZATION")]

    def v_station(self, n):
        c = self._city(n)
        return [(f"{c[1]}公安局{c[2]}分局{self.rng.choice(['城东', '望江', '滨江', '北门'])}派出所", "ORGANIZATION")]

    def v_school(self, n):
        c = self._city(n)
        return [(f"{c[2]}{self.rng.choice(['阳光', '蓝天', '小太阳', '七彩'])}幼儿园", "ORGANIZATION")]

    def v_email(self, n):
        r = self.rng
        if r.random() < 0.3:
            return [(f"{r.randint(10000000, 2999999999)}@qq.com", "EMAIL_ADDRESS")]
        h = r.choice(["zhang", "li", "wang", "chen", "liu", "yang"]) + r.choice(["xm", "fang", "wei", "_hz", ".sz"])
        return [(f"{h}{r.randint(1, 99)}@{r.choice(['163.com', '126.com', 'foxmail.com', 'sina.cn'])}", "EMAIL_ADDRESS")]

    def v_ip(self, n):
        r = self.rng
        return [(f"{r.choice([36, 58, 112, 183, 220])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                 "IP_ADDRESS")]

    def v_url(self, n):
        r = self.rng
        return [(f"https://{r.choice(['m.tb.cn', 'u.jd.com', 'url.cn'])}/{r.randint(100000, 999999):x}", "URL")]

    def v_idno(self, n):
        r = self.rng
        pre = r.choice(["", "SF", "JD", "DD", "YT", "HT-", "ZY"])
        return [(pre + str(r.randint(10**9, 10**13)), "ID")]

    def v_mrn(self, n):
        return [(str(self.rng.randint(100000, 9999999)), "MEDICAL_RECORD_NUMBER")]

    def v_nation(self, n):
        return [(self.rng.choice(["汉族", "回族", "满族", "壮族", "土家族", "苗族", "蒙古族"]), "NRP")]

    def v_party(self, n):
        return [(self.rng.choice(["中共党员", "共青团员", "群众", "民盟盟员"]), "NRP")]

    # --- non-PII look-alikes ---
    def v_money(self, n):
        return [(f"{self.rng.randint(2, 980) * 100:,}.00", None)]

    def v_code(self, n):
        return [(f"{self.rng.randint(100000, 999999)}", None)]

    def v_lot(self, n):
        return [(f"2026{self.rng.randint(10, 99)}B{self.rng.randint(100, 999)}", None)]
