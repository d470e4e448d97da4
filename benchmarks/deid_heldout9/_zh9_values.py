"""Value generators for heldout_zh9 (standard library only, written for this set)."""

from __future__ import annotations

import datetime as dt
import random

COMMON = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
RARE = "雍祁荀嵇卞丛巩仇鄂卓蓝闻权井言练续宓涂阮"
COMPOUND = ("欧阳", "司马", "淳于", "赫连", "宗政", "鲜于", "公良", "太叔", "漆雕", "公羊")
MALE = "伟强磊军洋勇杰涛明超鹏浩宇轩俊凯晨博文斌志刚健辉鑫森林峰睿航泽铭哲恒翔毅峻立诚瀚靖"
FEMALE = "芳娜敏静丽艳娟霞婷雪慧琳欣怡佳悦萱晴颖倩璐瑶妍蕾薇婉菲彤岚月蓉嘉琪雯露媛洁茜楠"
WORDLIKE_M = ("建军", "国强", "卫东", "志远", "红旗")
WORDLIKE_F = ("春梅", "秀英", "海燕", "桂兰", "小红")
ENGLISH = (
    "Kevin", "Amy", "Jason", "Cindy", "Eric", "Vivian", "Tony", "Grace", "Leo", "Irene",
    "Ryan", "Sharon", "Allen", "Tina", "Jack", "Wendy",
)
EN_SUR = ("Zhang", "Lin", "Chen", "Huang", "Wu", "Zhou", "Xu", "Guo", "Ho", "Tsai", "Liang", "Kwok")

# (province, city, area code, plate prefix, zip prefix, [(district, division code)], streets, estates)
CITIES = (
    ("浙江省", "杭州市", "0571", "浙A", "310", (("西湖区", "330106"), ("拱墅区", "330105"), ("余杭区", "330110")),
     ("文三路", "古墩路", "莫干山路", "五常大道"), ("嘉绿苑", "西溪诚园", "申花郡")),
    ("江苏省", "苏州市", "0512", "苏E", "215", (("姑苏区", "320508"), ("吴中区", "320506"), ("昆山市", "320583")),
     ("人民路", "东环路", "星湖街", "前进西路"), ("金枫苑", "新城花园", "湖畔天城")),
    ("广东省", "深圳市", "0755", "粤B", "518", (("南山区", "440305"), ("福田区", "440304"), ("龙岗区", "440307")),
     ("科苑南路", "深南大道", "龙翔大道", "侨香路"), ("蔚蓝海岸", "香蜜湖一号", "万科城")),
    ("湖北省", "武汉市", "027", "鄂A", "430", (("武昌区", "420106"), ("洪山区", "420111"), ("江汉区", "420103")),
     ("中北路", "珞喻路", "解放大道", "雄楚大道"), ("东湖春树里", "保利城", "楚天都市花园")),
    ("四川省", "成都市", "028", "川A", "610", (("武侯区", "510107"), ("锦江区", "510104"), ("郫都区", "510117")),
     ("科华北路", "红星路", "人民南路", "望丛东路"), ("锦城花园", "棕北小区", "蓝光COCO")),
    ("陕西省", "西安市", "029", "陕A", "710", (("雁塔区", "610113"), ("碑林区", "610103"), ("未央区", "610112")),
     ("小寨东路", "长安北路", "凤城八路", "科技路"), ("曲江华府", "紫薇田园都市", "枫林绿洲")),
    ("山东省", "济南市", "0531", "鲁A", "250", (("历下区", "370102"), ("市中区", "370103"), ("槐荫区", "370104")),
     ("经十路", "泉城路", "阳光新路", "二环西路"), ("鲁能领秀城", "舜奥华府", "阳光舜城")),
    ("河南省", "郑州市", "0371", "豫A", "450", (("金水区", "410105"), ("二七区", "410103"), ("中原区", "410102")),
     ("花园路", "大学路", "建设西路", "农业路"), ("正商城", "建业森林半岛", "锦艺城")),
    ("湖南省", "长沙市", "0731", "湘A", "410", (("岳麓区", "430104"), ("天心区", "430103"), ("雨花区", "430111")),
     ("麓山南路", "芙蓉中路", "韶山北路", "劳动东路"), ("中建梅溪湖", "湘江世纪城", "新城新世界")),
    ("福建省", "厦门市", "0592", "闽D", "361", (("思明区", "350203"), ("湖里区", "350206"), ("集美区", "350211")),
     ("湖滨南路", "嘉禾路", "厦禾路", "杏林湾路"), ("瑞景新村", "联发欣悦", "海沧未来海岸")),
    ("辽宁省", "沈阳市", "024", "辽A", "110", (("和平区", "210102"), ("铁西区", "210106"), ("浑南区", "210112")),
     ("南京北街", "北二路", "青年大街", "浑南中路"), ("华润24城", "万科金域蓝湾", "中海城")),
    ("云南省", "昆明市", "0871", "云A", "650", (("五华区", "530102"), ("盘龙区", "530103"), ("官渡区", "530111")),
     ("东风西路", "北京路", "春城路", "关上中路"), ("世纪城", "滇池卫城", "俊发城")),
    ("重庆市", "重庆市", "023", "渝A", "400", (("渝中区", "500103"), ("江北区", "500105"), ("沙坪坝区", "500106")),
     ("解放碑路", "建新北路", "三峡广场路", "观音岩路"), ("龙湖源著", "融创白象街", "金科天籁城")),
    ("安徽省", "合肥市", "0551", "皖A", "230", (("蜀山区", "340104"), ("包河区", "340111"), ("庐阳区", "340103")),
     ("长江西路", "芜湖路", "宿州路", "望江西路"), ("琥珀山庄", "万达公馆", "绿地蓝海")),
)
RURAL = (("河北省", "保定市", "涞源县", "130630", "王安镇", "东团堡村"), ("江西省", "赣州市", "于都县", "360731", "罗坳镇", "新岭村"),
         ("甘肃省", "天水市", "秦安县", "620522", "郭嘉镇", "寺咀村"), ("黑龙江省", "绥化市", "海伦市", "231283", "共合镇", "联合村"),
         ("贵州省", "遵义市", "湄潭县", "520328", "永兴镇", "茅坪村"), ("山西省", "运城市", "临猗县", "140821", "嵋阳镇", "城西村"))
NATIONS = ("汉族",) * 12 + ("回族", "壮族", "满族", "苗族", "土家族", "蒙古族", "彝族", "朝鲜族", "侗族", "白族", "瑶族")
POLITICS = ("群众",) * 5 + ("中共党员", "共青团员", "中共预备党员", "民盟盟员", "无党派人士")
SYL = ("zhang", "li", "wang", "chen", "liu", "yang", "hui", "min", "jun", "ting", "xin", "yu", "hao", "jing",
       "lei", "fang", "qing", "wei", "rui", "yan", "xiao", "mei", "long", "feng", "tian", "bo")
MAILDOM = ("163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "outlook.com", "hotmail.com", "yeah.net", "139.com")
MOBILE_PREFIXES = tuple(f"13{i}" for i in range(10)) + ("150", "151", "152", "153", "155", "156", "157", "158", "159",
                                                           "180", "181", "182", "183", "185", "186", "187", "188", "189",
                                                           "145", "147", "166", "170", "173", "176", "177", "178", "191", "193", "195", "198", "199")
FW = str.maketrans("0123456789", "０１２３４５６７８９")
CN_NUM = "〇一二三四五六七八九"
WEEK = "一二三四五六日"


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            n -= 9 if n > 9 else 0
        total += n
    return str((10 - total % 10) % 10)


def rid_check(body17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    s = sum(int(c) * w for c, w in zip(body17, weights))
    return "10X98765432"[s % 11]


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_check(body8: str) -> str:
    w = (3, 7, 9, 10, 5, 8, 4, 2)
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * x for c, x in zip(body8, w))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check(body17: str) -> str:
    s = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body17))
    return USCC_CHARS[(31 - s % 31) % 31]


def cn_numeral_date(d: dt.date) -> str:
    def small(n: int) -> str:
        if n < 10:
            return CN_NUM[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_NUM[tens]) + "十" + (CN_NUM[ones] if ones else "")
    return "".join(CN_NUM[int(c)] for c in str(d.year)) + "年" + small(d.month) + "月" + small(d.day) + "日"


def cn_age(n: int) -> str:
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_NUM[ones]
    return ("" if tens == 1 else CN_NUM[tens]) + "十" + (CN_NUM[ones] if ones else "")


class Vals:
    """Draws values with one random.Random; every format choice goes through it."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def digits(self, n: int) -> str:
        return "".join(str(self.r.randrange(10)) for _ in range(n))

    # ---- names
    def surname(self) -> str:
        x = self.r.random()
        if x < 0.05:
            return self.pick(COMPOUND)
        if x < 0.14:
            return self.pick(RARE)
        return self.pick(COMMON)

    def given(self, male: bool) -> str:
        pool = MALE if male else FEMALE
        if self.r.random() < 0.05:
            return self.pick(WORDLIKE_M if male else WORDLIKE_F)
        if self.r.random() < 0.3:
            return self.pick(pool)
        return self.pick(pool) + self.pick(pool + "子一思文安宁嘉")

    # ---- dates
    def doc_date(self) -> dt.date:
        return dt.date(2025, 2, 3) + dt.timedelta(days=self.r.randrange(640))

    def fmt_date(self, d: dt.date, style: str | None = None) -> str:
        s = style or self.pick(("cn", "cn", "iso", "slash", "dot", "cn0", "md", "mdh", "wk", "num", "fw", "dash1"))
        if s == "cn":
            return f"{d.year}年{d.month}月{d.day}日"
        if s == "cn0":
            return f"{d.year}年{d.month:02d}月{d.day:02d}日"
        if s == "iso":
            return d.isoformat()
        if s == "slash":
            return f"{d.year}/{d.month}/{d.day}"
        if s == "dot":
            return f"{d.year}.{d.month:02d}.{d.day:02d}"
        if s == "md":
            return f"{d.month}月{d.day}日"
        if s == "mdh":
            return f"{d.month}月{d.day}号"
        if s == "wk":
            return f"{d.month}月{d.day}日周{WEEK[d.weekday()]}"
        if s == "num":
            return f"{d.year}{d.month:02d}{d.day:02d}"
        if s == "fw":
            return f"{d.year}年{d.month}月{d.day}日".translate(FW)
        if s == "dash1":
            return f"{d.year}-{d.month}-{d.day}"
        if s == "yy":
            return f"{d.year % 100}.{d.month}.{d.day}"
        if s == "zh":
            return cn_numeral_date(d)
        raise ValueError(s)

    def fmt_datetime(self, d: dt.date) -> str:
        h, m, sec = self.r.randrange(7, 23), self.r.randrange(60), self.r.randrange(60)
        s = self.pick(("iso", "isos", "slashs", "cn", "spoken", "cnhm"))
        if s == "iso":
            return f"{d.isoformat()} {h:02d}:{m:02d}"
        if s == "isos":
            return f"{d.isoformat()} {h:02d}:{m:02d}:{sec:02d}"
        if s == "slashs":
            return f"{d.year}/{d.month:02d}/{d.day:02d} {h}:{m:02d}:{sec:02d}"
        if s == "cn":
            return f"{d.year}年{d.month}月{d.day}日 {h}:{m:02d}"
        if s == "cnhm":
            return f"{d.year}年{d.month}月{d.day}日{h}时{m:02d}分"
        part = "上午" if h < 12 else "下午" if h < 18 else "晚上"
        hh = h if h <= 12 else h - 12
        mm = "" if m < 5 else "半" if 28 <= m <= 32 else f"{m}分"
        return f"{d.month}月{d.day}日{part}{hh}点{mm}"

    def near(self, d: dt.date, lo: int, hi: int) -> dt.date:
        return d + dt.timedelta(days=self.r.randint(lo, hi))

    # ---- numbers
    def mobile(self) -> str:
        p = self.pick(MOBILE_PREFIXES) + self.digits(8)
        s = self.r.random()
        if s < 0.55:
            return p
        if s < 0.65:
            return f"{p[:3]} {p[3:7]} {p[7:]}"
        if s < 0.73:
            return f"{p[:3]}-{p[3:7]}-{p[7:]}"
        if s < 0.8:
            return "+86 " + p
        if s < 0.85:
            return f"+86-{p[:3]}-{p[3:7]}-{p[7:]}"
        if s < 0.88:
            return "(+86)" + p
        if s < 0.9:
            return "86-" + p
        return p.translate(FW)

    def landline(self, area: str) -> str:
        n = self.digits(8 if len(area) <= 3 or self.r.random() < 0.6 else 7)
        n = str(self.r.randint(2, 8)) + n[1:]
        s = self.pick(("dash", "dash", "par", "fpar", "space", "plus"))
        base = {"dash": f"{area}-{n}", "par": f"({area}){n}", "fpar": f"（{area}）{n}",
                "space": f"{area} {n}", "plus": f"+86-{area[1:]}-{n}"}[s]
        if self.r.random() < 0.2:
            base += self.pick(("转", "-", " 转", "转分机")) + str(self.r.randint(10, 8999))
        return base

    def resident_id(self, div: str, birth: dt.date, male: bool) -> str:
        seq = self.r.randrange(100) * 10 + self.pick((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        body = f"{div}{birth:%Y%m%d}{seq:03d}"
        rid = body + rid_check(body)
        x = self.r.random()
        if rid.endswith("X") and x < 0.3:
            rid = rid[:-1] + "x"
        if x > 0.94:
            rid = f"{rid[:6]} {rid[6:14]} {rid[14:]}"
        return rid

    def bank_card(self) -> str:
        pre = self.pick(("622202", "621700", "622848", "621661", "622588", "623058", "621483", "622908", "625966"))
        n = self.pick((16, 19, 19))
        body = pre + self.digits(n - 7)
        card = body + luhn_digit(body)
        s = self.r.random()
        if s < 0.2:
            return " ".join(card[i:i + 4] for i in range(0, len(card), 4))
        if s < 0.25:
            return "-".join(card[i:i + 4] for i in range(0, len(card), 4))
        return card

    def uscc(self, div: str) -> str:
        head = self.pick(("91", "91", "91", "92", "12", "52", "93"))
        org = "".join(self.pick("0123456789" * 3 + "MABCDHKLNPQRTUWXY") for _ in range(8))
        body = head + div + org + org_check(org)
        return body + uscc_check(body)

    def passport(self) -> str:
        s = self.r.random()
        if s < 0.5:
            return "E" + self.digits(8)
        if s < 0.8:
            return "E" + self.pick("ABCDEFGHJKLMNPRS") + self.digits(7)
        return "G" + self.digits(8)

    def plate(self, pre: str) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        sep = self.pick(("", "", "·", " "))
        if self.r.random() < 0.25:
            tail = self.pick("DF") + self.pick(letters + "0123456789") + self.digits(4)
        else:
            tail = "".join(self.pick(letters) if self.r.random() < 0.3 else str(self.r.randrange(10)) for _ in range(5))
        return pre + sep + tail

    def email(self) -> str:
        s = self.r.random()
        if s < 0.3:
            return str(self.r.randint(10000000, 3999999999)) + "@qq.com"
        h = self.pick(SYL) + self.pick(("", ".", "_")) + self.pick(SYL)
        if self.r.random() < 0.6:
            h += str(self.r.randint(1, 2009))
        return h + "@" + self.pick(MAILDOM)

    def ip(self) -> str:
        if self.r.random() < 0.3:
            return f"192.168.{self.r.randint(0, 31)}.{self.r.randint(2, 254)}"
        a = self.pick((36, 58, 101, 112, 117, 120, 171, 183, 211, 223))
        return f"{a}.{self.r.randint(1, 254)}.{self.r.randint(0, 254)}.{self.r.randint(1, 254)}"

    def url(self, kind: str = "") -> str:
        tok = "".join(self.pick("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(self.r.randint(6, 9)))
        return self.pick((f"https://t.cn/{tok}", f"https://u.wechat.com/{tok}", f"http://dwz.cn/{tok}",
                          f"https://pan.baidu.com/s/1{tok}{kind}", f"https://m.tb.cn/h.{tok}"))
