"""Value generators for the Chinese v7 held-out corpus (standard library only).

Every ``v_<name>(i)`` returns ``(text, type)`` segments for person / item ``i`` of one
document.  Related values share state: a person's resident ID, birth date, stated age and
性别 agree (age counted at the document date); a card and its ``尾号`` agree; plates,
landlines and addresses follow the document's city.
"""
from __future__ import annotations

import datetime as _dt
import random

Seg = list[tuple[str, "str | None"]]

# (surname, pinyin) -- common, rare and compound surnames.
COMMON = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
          ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
          ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"),
          ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
          ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
          ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
          ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"),
          ("叶", "ye"), ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"), ("丁", "ding"),
          ("任", "ren"), ("沈", "shen"), ("姚", "yao"), ("卢", "lu"), ("姜", "jiang"), ("崔", "cui"),
          ("钟", "zhong"), ("谭", "tan"), ("陆", "lu"), ("汪", "wang"), ("范", "fan"), ("金", "jin"),
          ("石", "shi"), ("廖", "liao"), ("贾", "jia"), ("夏", "xia"), ("韦", "wei"), ("付", "fu"),
          ("方", "fang"), ("白", "bai"), ("邹", "zou"), ("孟", "meng"), ("熊", "xiong"), ("秦", "qin"),
          ("邱", "qiu"), ("江", "jiang"), ("尹", "yin"), ("薛", "xue"), ("闫", "yan"), ("段", "duan"),
          ("雷", "lei"), ("侯", "hou"), ("龙", "long"), ("史", "shi"), ("陶", "tao"), ("黎", "li"),
          ("贺", "he"), ("顾", "gu"), ("毛", "mao"), ("郝", "hao"), ("龚", "gong"), ("邵", "shao"),
          ("万", "wan"), ("钱", "qian"), ("严", "yan"), ("覃", "qin"), ("武", "wu"), ("戴", "dai"),
          ("莫", "mo"), ("孔", "kong"), ("向", "xiang"), ("汤", "tang"), ("常", "chang"), ("温", "wen"),
          ("康", "kang"), ("施", "shi"), ("文", "wen"), ("牛", "niu"), ("樊", "fan"), ("葛", "ge")]
RARE = [("綦", "qi"), ("仝", "tong"), ("酆", "feng"), ("钮", "niu"), ("羿", "yi"), ("芈", "mi"),
        ("阚", "kan"), ("牟", "mou"), ("琚", "ju"), ("弓", "gong"), ("巫", "wu"), ("邰", "tai"),
        ("晁", "chao"), ("扈", "hu"), ("糜", "mi"), ("寇", "kou"), ("庹", "tuo"), ("蓟", "ji"),
        ("衡", "heng"), ("满", "man"), ("相", "xiang"), ("凤", "feng")]
COMPOUND = [("诸葛", "zhuge"), ("皇甫", "huangfu"), ("尉迟", "yuchi"), ("公孙", "gongsun"),
            ("令狐", "linghu"), ("宇文", "yuwen"), ("司徒", "situ"), ("夏侯", "xiahou"),
            ("西门", "ximen"), ("百里", "baili"), ("南宫", "nangong"), ("东郭", "dongguo"),
            ("申屠", "shentu"), ("左丘", "zuoqiu")]
GIVEN_M = ["伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宁", "凯", "浩", "俊", "帅", "旭", "坤", "峰", "锐", "晨", "昊", "宇", "轩", "博", "文", "健", "彬", "亮", "永", "海", "德", "兵", "栋", "骁", "淳", "湛", "屹", "弈", "珩"]
GIVEN_F = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "颖", "琳", "倩", "瑶", "欣", "怡", "璐", "蕾", "梅", "莉", "丹", "萍", "红", "月", "菲", "岚", "薇", "婧", "悦", "彤", "妍", "萱", "琪", "蓓", "黛", "汐", "芊", "沁", "苒", "湘", "蔓", "瑾"]
GIVEN_ANY = ["子", "晓", "嘉", "思", "雨", "佳", "一", "心", "梓", "若", "天", "安", "雅", "君", "晨", "宏", "志", "建", "国", "春", "秋", "立", "世", "家", "玉", "秀", "桂", "兰", "素", "淑", "卫", "东", "新"]
SYL = ["an", "bo", "chen", "dan", "fei", "hao", "jia", "jie", "lin", "ming", "na", "ping", "qi",
       "rui", "shan", "ting", "wei", "xin", "yan", "yu", "zhe", "zi", "hong", "lei", "min", "kai"]
EN_FIRST = ["Kevin", "Amanda", "Lucas", "Chloe", "Daniel", "Olivia", "Ryan", "Grace", "Ethan",
            "Sophia", "Marcus", "Hannah", "Leo", "Ivy", "Nathan", "Zoe", "Oscar", "Mia", "Felix", "Nora"]
EN_LAST = ["Zhou", "Liu", "Meyer", "Tanaka", "Novak", "Fischer", "Park", "Silva", "Brennan",
           "Okafor", "Lindqvist", "Moreau", "Khan", "Rossi", "Walsh", "Nguyen", "Haddad", "Kowalski"]

# (province, plate abbreviation, city, plate letter, area code, zip prefix, districts with streets)
CITIES = [
    ("北京市", "京", "北京市", "AEFHNQ", "010", "100", ["朝阳区", "海淀区", "丰台区", "通州区"], ["望京街道", "学院路街道", "卢沟桥街道", "永顺镇"]),
    ("上海市", "沪", "上海市", "ABDEK", "021", "200", ["浦东新区", "闵行区", "徐汇区", "宝山区"], ["花木街道", "莘庄镇", "田林街道", "大场镇"]),
    ("天津市", "津", "天津市", "ACHM", "022", "300", ["南开区", "河西区", "滨海新区", "和平区"], ["向阳路街道", "友谊路街道", "新港街道", "劝业场街道"]),
    ("重庆市", "渝", "重庆市", "ABCD", "023", "400", ["渝中区", "江北区", "沙坪坝区", "九龙坡区"], ["解放碑街道", "观音桥街道", "小龙坎街道", "杨家坪街道"]),
    ("广东省", "粤", "广州市", "A", "020", "510", ["天河区", "海珠区", "白云区", "番禺区"], ["石牌街道", "江南中街道", "京溪街道", "市桥街道"]),
    ("广东省", "粤", "深圳市", "B", "0755", "518", ["南山区", "福田区", "宝安区", "龙岗区"], ["粤海街道", "莲花街道", "西乡街道", "坂田街道"]),
    ("浙江省", "浙", "杭州市", "A", "0571", "310", ["西湖区", "拱墅区", "余杭区", "滨江区"], ["文新街道", "米市巷街道", "五常街道", "长河街道"]),
    ("江苏省", "苏", "南京市", "A", "025", "210", ["鼓楼区", "玄武区", "江宁区", "建邺区"], ["湖南路街道", "孝陵卫街道", "东山街道", "沙洲街道"]),
    ("江苏省", "苏", "苏州市", "E", "0512", "215", ["姑苏区", "吴中区", "相城区", "吴江区"], ["平江街道", "越溪街道", "元和街道", "松陵街道"]),
    ("湖北省", "鄂", "武汉市", "A", "027", "430", ["武昌区", "洪山区", "江汉区", "汉阳区"], ["中南路街道", "关山街道", "唐家墩街道", "四新街道"]),
    ("四川省", "川", "成都市", "A", "028", "610", ["武侯区", "锦江区", "青羊区", "成华区"], ["玉林街道", "春熙路街道", "草堂街道", "猛追湾街道"]),
    ("陕西省", "陕", "西安市", "A", "029", "710", ["雁塔区", "碑林区", "未央区", "长安区"], ["小寨路街道", "南院门街道", "张家堡街道", "韦曲街道"]),
    ("山东省", "鲁", "青岛市", "B", "0532", "266", ["市南区", "崂山区", "黄岛区", "李沧区"], ["八大关街道", "中韩街道", "长江路街道", "虎山路街道"]),
    ("福建省", "闽", "厦门市", "D", "0592", "361", ["思明区", "湖里区", "集美区", "海沧区"], ["鹭江街道", "江头街道", "侨英街道", "新阳街道"]),
    ("湖南省", "湘", "长沙市", "A", "0731", "410", ["岳麓区", "芙蓉区", "天心区", "开福区"], ["望月湖街道", "定王台街道", "坡子街街道", "四方坪街道"]),
    ("河南省", "豫", "郑州市", "A", "0371", "450", ["金水区", "二七区", "中原区", "管城回族区"], ["花园路街道", "蜜蜂张街道", "桐柏路街道", "紫荆山南路街道"]),
    ("安徽省", "皖", "合肥市", "A", "0551", "230", ["蜀山区", "包河区", "庐阳区", "瑶海区"], ["稻香村街道", "芜湖路街道", "杏林街道", "明光路街道"]),
    ("辽宁省", "辽", "沈阳市", "A", "024", "110", ["和平区", "沈河区", "皇姑区", "浑南区"], ["南湖街道", "五里河街道", "华山街道", "五三街道"]),
    ("云南省", "云", "昆明市", "A", "0871", "650", ["五华区", "盘龙区", "官渡区", "西山区"], ["华山街道", "拓东街道", "关上街道", "前卫街道"]),
    ("广西壮族自治区", "桂", "南宁市", "A", "0771", "530", ["青秀区", "兴宁区", "西乡塘区", "江南区"], ["新竹街道", "民生街道", "北湖街道", "福建园街道"]),
    ("黑龙江省", "黑", "哈尔滨市", "A", "0451", "150", ["南岗区", "道里区", "香坊区", "松北区"], ["花园街道", "新阳路街道", "黎明街道", "松浦街道"]),
    ("贵州省", "贵", "贵阳市", "A", "0851", "550", ["南明区", "云岩区", "观山湖区", "花溪区"], ["花果园街道", "中华路街道", "金华园街道", "贵筑街道"]),
]
# (province, city, county, towns) for rural addresses.
RURAL = [("河南省", "周口市", "郸城县", ["宁平镇", "汲冢镇", "巴集乡"]),
         ("湖南省", "邵阳市", "隆回县", ["桃洪镇", "六都寨镇", "荷香桥镇"]),
         ("四川省", "南充市", "营山县", ["绿水镇", "小桥镇", "双流镇"]),
         ("安徽省", "阜阳市", "临泉县", ["鲖城镇", "谭棚镇", "老集镇"]),
         ("江西省", "赣州市", "于都县", ["罗坳镇", "银坑镇", "岭背镇"]),
         ("山东省", "菏泽市", "曹县", ["青菏街道", "庄寨镇", "普连集镇"]),
         ("贵州省", "遵义市", "湄潭县", ["永兴镇", "复兴镇", "兴隆镇"]),
         ("甘肃省", "天水市", "秦安县", ["兴国镇", "莲花镇", "郭嘉镇"])]
# Real county-level division codes (GB/T 2260) for resident IDs.
REGION_CODES = ["110105", "110108", "310104", "310115", "120104", "500106", "440106", "440305",
                "330106", "330110", "320106", "320506", "420106", "510107", "610113", "370202",
                "350203", "430104", "410105", "340104", "210102", "530102", "450103", "230103",
                "520102", "411625", "430524", "511322", "341221", "360731", "522128", "620522",
                "441900", "330782"]
ROAD_A = ["文三", "学院", "建设", "解放", "人民", "中山", "和平", "长江", "黄河", "新华", "光明", "幸福", "青年", "胜利", "滨江", "望江", "科技", "金沙", "银杏", "梧桐", "玉兰", "东风", "朝阳", "团结"]
ROAD_B = ["路", "街", "大道", "东路", "西路", "南路", "北路", "中路"]
ESTATE_A = ["锦绣", "翠苑", "碧桂", "金色", "阳光", "丽景", "和谐", "紫荆", "枫林", "蓝湾", "天誉", "嘉园", "明珠", "御景", "春江", "悦澜", "静安", "绿洲", "馨悦", "云栖"]
ESTATE_B = ["花园", "小区", "苑", "家园", "公寓", "新村", "府", "雅居", "名都", "华庭"]
VILLAGE_A = ["东孙楼", "大柳树", "李家湾", "王庄", "石桥", "黄泥塘", "新河", "高岭", "刘圩", "杏花", "枣林", "双井", "塘坊", "下坪", "白沙"]
BRAND = ["恒信", "鼎盛", "华辰", "优居", "安家", "匠心", "众联", "嘉禾", "启航", "博远", "锦程", "康宁", "瑞丰", "蓝海", "金桥", "立达", "晟和", "一诺", "德邦", "青禾"]
NATIONS = ["汉族", "汉族", "汉族", "汉族", "回族", "满族", "壮族", "土家族", "苗族", "蒙古族", "彝族", "朝鲜族", "侗族", "白族"]
POLITICAL = ["群众", "群众", "中共党员", "共青团员", "中共预备党员", "民盟盟员", "九三学社社员", "无党派人士"]
CN_DIGIT = "〇一二三四五六七八九"
FW = str.maketrans("0123456789", "０１２３４５６７８９")
MOBILE_PREFIX = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                 "153", "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181",
                 "182", "183", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199"]
CARD_BINS = ["622202", "622848", "621700", "622588", "621483", "622262", "621226", "623058",
             "622908", "621661", "622155", "625965", "628288", "622630"]
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def cn_number(n: int) -> str:
    """Spoken Chinese numeral for 0..99 (ages, days, months)."""
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else d[tens]
    return head + "十" + (d[ones] if ones else "")


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


def rid_check(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body17, weights))
    return "10X98765432"[s % 11]


def org_code_check(body8: str) -> str:
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(body8, weights))
    c = 11 - s % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def uscc_check(body17: str) -> str:
    s = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body17))
    return USCC_CHARS[(31 - s % 31) % 31]


class ZhValues:
    """Per-document value state; ``doc_date`` and the city are drawn on creation."""

    def __init__(self, rng: random.Random):
        self.r = rng
        self.doc_date = _dt.date(2026, 1, 5) + _dt.timedelta(days=rng.randint(0, 320))
        self.city = rng.choice(CITIES)
        self.people: dict[int, dict] = {}
        self.clock = rng.randint(7 * 60, 20 * 60)
        self.used_names: set[str] = set()
        self.cards: dict[int, str] = {}
        self.english: dict[int, tuple[str, str]] = {}

    # ---- people -------------------------------------------------------------------------
    def person(self, i: int) -> dict:
        if i in self.people:
            return self.people[i]
        r = self.r
        while True:
            roll = r.random()
            sur, py = r.choice(COMPOUND if roll < 0.07 else RARE if roll < 0.20 else COMMON)
            sex = {11: "M", 12: "F"}.get(i, r.choice("MF"))
            pool = GIVEN_M if sex == "M" else GIVEN_F
            if r.random() < 0.35:
                given = r.choice(pool)
            else:
                given = r.choice(GIVEN_ANY + pool) + r.choice(pool)
            if sur + given not in self.used_names and not (len(given) == 2 and given[0] == given[1]):
                break
        self.used_names.add(sur + given)
        # Persons 7 and 8 are children, 9 an elder, 11/12 a couple (templates rely on it).
        if i in (7, 8):
            age = r.randint(5, 15)
        elif i == 9:
            age = r.randint(68, 96)
        elif i in (11, 12):  # the couple of a marriage booking (legal minimum 22 / 20)
            age = r.randint(23, 52)
        else:
            age = r.choice([r.randint(20, 45), r.randint(25, 62), r.randint(45, 80)])
        born = self.doc_date.replace(year=self.doc_date.year - age) - _dt.timedelta(days=r.randint(1, 360))
        p = {"sur": sur, "py": py, "given": given, "sex": sex, "age": age, "born": born,
             "compound": len(sur) == 2}
        self.people[i] = p
        return p

    def v_name(self, i: int) -> Seg:
        p = self.person(i)
        return [(p["sur"] + p["given"], "PERSON")]

    def v_sur(self, i: int) -> Seg:
        return [(self.person(i)["sur"], "PERSON")]

    def v_given(self, i: int) -> Seg:
        p = self.person(i)
        if len(p["given"]) == 2:
            return [(p["given"], "PERSON")]
        return [(p["sur"] + p["given"], "PERSON")]

    def v_mr(self, i: int) -> Seg:
        p = self.person(i)
        return [(p["sur"], "PERSON"), ("先生" if p["sex"] == "M" else "女士", None)]

    def v_nick(self, i: int) -> Seg:
        p = self.person(i)
        if p["compound"]:
            return [(p["sur"] + p["given"], "PERSON")]
        head = "老" if p["age"] >= 45 else "小"
        return [(head, None), (p["sur"], "PERSON")]

    def v_mou(self, i: int) -> Seg:
        return [(self.person(i)["sur"], "PERSON"), ("某", None)]

    def v_sex(self, i: int) -> Seg:
        return [("男" if self.person(i)["sex"] == "M" else "女", None)]

    def v_ta(self, i: int) -> Seg:
        return [("他" if self.person(i)["sex"] == "M" else "她", None)]

    def _en(self, i: int) -> tuple[str, str]:
        if i not in self.english:
            self.english[i] = (self.r.choice(EN_FIRST), self.r.choice(EN_LAST))
        return self.english[i]

    def v_ename(self, i: int) -> Seg:
        first, last = self._en(i)
        return [(first + " " + last, "PERSON")]

    def v_efirst(self, i: int) -> Seg:
        return [(self.r.choice(EN_FIRST), "PERSON")]

    def v_age(self, i: int) -> Seg:
        a = self.person(i)["age"]
        form = self.r.random()
        if form < 0.55:
            return [(f"{a}岁", "AGE")]
        if form < 0.75:
            return [(f"{a}周岁", "AGE")]
        return [(cn_number(a) + "岁", "AGE")]

    def v_agenum(self, i: int) -> Seg:
        """After a 年龄 label: the bare number (or with 岁) is the span."""
        a = self.person(i)["age"]
        return [(str(a) if self.r.random() < 0.6 else f"{a}岁", "AGE")]

    def v_birth(self, i: int) -> Seg:
        b = self.person(i)["born"]
        f = self.r.choice([f"{b.year}年{b.month}月{b.day}日", f"{b.year}-{b.month:02d}-{b.day:02d}",
                           f"{b.year}.{b.month}.{b.day}", f"{b.year}/{b.month:02d}/{b.day:02d}",
                           f"{b.year}年{b.month:02d}月{b.day:02d}日", self._cn_date(b)])
        return [(f, "DATE_TIME")]

    def v_nation(self, i: int) -> Seg:
        return [(self.r.choice(NATIONS), "NRP")]

    def v_political(self, i: int) -> Seg:
        return [(self.r.choice(POLITICAL), "NRP")]

    def v_rid(self, i: int) -> Seg:
        p = self.person(i)
        b = p["born"]
        region = self.r.choice(REGION_CODES)
        seq = self.r.randint(0, 99)
        sexd = self.r.choice("13579" if p["sex"] == "M" else "02468")
        if p["age"] >= 42 and self.r.random() < 0.12:
            body = f"{region}{b.year % 100:02d}{b.month:02d}{b.day:02d}{seq:02d}{sexd}"
            return [(body, "CN_RESIDENT_ID")]
        body = f"{region}{b.year}{b.month:02d}{b.day:02d}{seq:02d}{sexd}"
        full = body + rid_check(body)
        roll = self.r.random()
        if full.endswith("X") and roll < 0.3:
            full = full[:-1] + "x"
        elif roll > 0.9:
            full = f"{full[:6]} {full[6:14]} {full[14:]}"
        return [(full, "CN_RESIDENT_ID")]

    # ---- contact ------------------------------------------------------------------------
    def _mobile_digits(self) -> str:
        return self.r.choice(MOBILE_PREFIX) + "".join(self.r.choice("0123456789") for _ in range(8))

    def v_phone(self, i: int) -> Seg:
        d = self._mobile_digits()
        f = self.r.choices(range(8), weights=[40, 10, 10, 8, 6, 5, 4, 5])[0]
        text = [d, f"{d[:3]} {d[3:7]} {d[7:]}", f"{d[:3]}-{d[3:7]}-{d[7:]}", f"+86 {d}",
                f"+86-{d}", f"0086 {d}", f"(+86){d}", d.translate(FW)][f]
        return [(text, "PHONE_NUMBER")]

    def v_phonefw(self, i: int) -> Seg:
        return [(self._mobile_digits().translate(FW), "PHONE_NUMBER")]

    def v_tel(self, i: int) -> Seg:
        area = self.city[4]
        n = 8 if len(area) == 3 else self.r.choice([7, 8])
        num = str(self.r.randint(2, 8)) + "".join(self.r.choice("0123456789") for _ in range(n - 1))
        core = self.r.choice([f"{area}-{num}", f"（{area}）{num}", f"({area}){num}", f"{area} {num}",
                              f"+86-{area[1:]}-{num}", f"{area}{num}"])
        ext = self.r.random()
        if ext < 0.15:
            core += "转" + str(self.r.randint(100, 8999))
        elif ext < 0.22:
            core += "-" + str(self.r.randint(10, 899))
        elif ext < 0.27:
            core += " 分机" + str(self.r.randint(10, 899))
        return [(core, "PHONE_NUMBER")]

    def v_email(self, i: int) -> Seg:
        p = self.person(i)
        r = self.r
        dom = r.choice(["qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "outlook.com",
                        "gmail.com", "yeah.net", "139.com", "aliyun.com"])
        if dom == "qq.com" and r.random() < 0.6:
            return [(str(r.randint(10_000_000, 2_999_999_999)) + "@qq.com", "EMAIL_ADDRESS")]
        handle = r.choice([p["py"] + r.choice(SYL) + r.choice(SYL), r.choice(SYL) + "_" + p["py"],
                           p["py"] + "." + r.choice(SYL) + str(p["born"].year % 100),
                           r.choice(SYL) + r.choice(SYL) + str(r.randint(1, 999))])
        return [(handle + "@" + dom, "EMAIL_ADDRESS")]

    def v_workmail(self, i: int) -> Seg:
        """A work e-mail; derived from the English name when the person has one."""
        dom = self.r.choice(["qingyou-tech.cn", "hengxin.com.cn", "zhonglian-group.com", "anjia.net"])
        if i in self.english:
            first, last = self.english[i]
            local = self.r.choice([f"{first}.{last}".lower(), f"{first[0]}{last}".lower(), first.lower()])
        else:
            local = self.person(i)["py"] + "." + self.r.choice(SYL)
        return [(local + "@" + dom, "EMAIL_ADDRESS")]

    def v_wechat(self, i: int) -> Seg:
        p = self.person(i)
        r = self.r
        return [(r.choice(["wxid_" + "".join(r.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(12)),
                           p["py"] + r.choice(SYL) + str(r.randint(10, 9999)),
                           r.choice(SYL).capitalize() + "_" + p["py"] + str(r.randint(80, 99))]), "ID")]

    def v_qq(self, i: int) -> Seg:
        return [(str(self.r.randint(100_000_00, 3_999_999_999)), "ID")]

    # ---- places -------------------------------------------------------------------------
    def _urban(self, start: str) -> str:
        r = self.r
        prov, _pl, city, _l, _a, _z, districts, _st = self.city
        district = r.choice(districts)
        road = r.choice(ROAD_A) + r.choice(ROAD_B) + f"{r.randint(1, 688)}号"
        estate = r.choice(ESTATE_A) + r.choice(ESTATE_B)
        bld = r.choice([f"{r.randint(1, 36)}栋", f"{r.randint(1, 28)}号楼", f"{r.randint(1, 20)}幢",
                        r.choice("ABCDE") + "座"])
        unit = f"{r.randint(1, 6)}单元" if r.random() < 0.6 else ""
        room = f"{r.randint(1, 33)}{r.randint(1, 8):02d}" + ("室" if r.random() < 0.7 else "")
        head = {"prov": (prov if prov != city else "") + city, "city": city, "district": ""}[start]
        tail = r.choice([road + estate + bld + unit + room, road + bld + unit + room, estate + bld + unit + room,
                         road + f"{r.randint(1, 30)}号院" + bld + room, road])
        return head + district + tail

    def v_addr(self, i: int) -> Seg:
        r = self.r
        if r.random() < 0.16:
            return self.v_rural(i)
        return [(self._urban(r.choice(["prov", "city", "city", "district"])), "STREET_ADDRESS")]

    def v_rural(self, i: int) -> Seg:
        r = self.r
        prov, city, county, towns = r.choice(RURAL)
        head = r.choice([prov + city + county, city + county, county])
        group = r.choice([f"{cn_number(r.randint(1, 12))}组", f"{r.randint(1, 12)}组", f"{r.randint(1, 9)}社"])
        return [(head + r.choice(towns) + r.choice(VILLAGE_A) + "村" + group + f"{r.randint(1, 88)}号",
                 "STREET_ADDRESS")]

    def v_zip(self, i: int) -> Seg:
        return [(self.city[5] + f"{self.r.randint(0, 999):03d}", "ZIP_CODE")]

    def v_city(self, i: int) -> Seg:
        return [(self.city[2], "LOCATION")]

    def v_district(self, i: int) -> Seg:
        return [(self.r.choice(self.city[6]), "LOCATION")]

    def v_hometown(self, i: int) -> Seg:
        prov, city, county, _t = self.r.choice(RURAL)
        return [(self.r.choice([prov + city, prov + city + county, city + county, prov]), "LOCATION")]

    # ---- organisations ------------------------------------------------------------------
    def _cshort(self) -> str:
        return self.city[2].rstrip("市")

    def v_hospital(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self.city[2] + r.choice(["第一人民医院", "第三人民医院", "中医医院", "中心医院", "妇幼保健院", "骨科医院", "肿瘤医院"]),
                           r.choice(self.city[6]) + "人民医院", self._cshort() + r.choice(["医科大学附属第二医院", "市第五人民医院", "仁爱医院", "红十字会医院"])]),
                 "ORGANIZATION")]

    def v_company(self, i: int) -> Seg:
        r = self.r
        ind = r.choice(["科技", "贸易", "建筑装饰工程", "家政服务", "物流", "餐饮管理", "电子商务", "物业服务", "文化传媒", "机械制造"])
        return [(r.choice([self._cshort(), ""]) + r.choice(BRAND) + ind + r.choice(["有限公司", "有限责任公司", "股份有限公司"]), "ORGANIZATION")]

    def v_org(self, i: int) -> Seg:
        """Kind-specific organisations are built in templates from these parts."""
        return self.v_company(i)

    def v_gov(self, i: int) -> Seg:
        r = self.r
        d = r.choice(self.city[6])
        return [(r.choice([d + "人力资源和社会保障局", self.city[2] + "人力资源和社会保障局", d + "市场监督管理局", self.city[2] + "医疗保障局", d + "教育局"]), "ORGANIZATION")]

    def v_mediation(self, i: int) -> Seg:
        st = self.r.choice(self.city[7])
        return [(st + self.r.choice(["人民调解委员会", "矛盾纠纷调解中心", "社区人民调解委员会"]), "ORGANIZATION")]

    def v_marriage_office(self, i: int) -> Seg:
        return [(self.r.choice(self.city[6]) + "民政局婚姻登记处", "ORGANIZATION")]

    def v_exam_org(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self.city[2] + "人事考试中心", self.city[0] + "人事考试院", self.city[2] + "职业技能鉴定指导中心"]), "ORGANIZATION")]

    def v_exam_site(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self._cshort() + "第" + cn_number(r.randint(2, 40)) + "中学", self._cshort() + r.choice(["职业技术学院", "城市学院", "理工学校", "外国语学校"])]), "ORGANIZATION")]

    def v_carehome(self, i: int) -> Seg:
        r = self.r
        return [(r.choice(self.city[6]) + r.choice(BRAND) + r.choice(["养老院", "颐养中心", "老年公寓", "康养中心"]), "ORGANIZATION")]

    def v_funeral(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self.city[2] + "殡仪馆", self._cshort() + r.choice(["福寿园", "安息堂", "永安公墓"]), r.choice(self.city[6]) + "殡仪服务站"]), "ORGANIZATION")]

    def v_school(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self._cshort() + r.choice(["实验小学", "外国语学校", "第二中学", "育才小学"]), r.choice(self.city[6]) + "第" + cn_number(r.randint(1, 20)) + "小学"]), "ORGANIZATION")]

    def v_training(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self._cshort(), ""]) + r.choice(BRAND) + r.choice(["教育培训学校", "艺术培训中心", "文化培训学校有限公司", "体育培训有限公司"]), "ORGANIZATION")]

    def v_telecom(self, i: int) -> Seg:
        r = self.r
        op = r.choice(["中国电信", "中国联通", "中国移动"])
        return [(op + self._cshort() + r.choice(["分公司", "分公司" + r.choice(self.city[6]) + "营业部"]), "ORGANIZATION")]

    def v_lottery(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self.city[2] + "福利彩票发行中心", self.city[0] + "体育彩票管理中心", self.city[2] + "福彩中心"]), "ORGANIZATION")]

    def v_clinic(self, i: int) -> Seg:
        r = self.r
        return [(r.choice(self.city[7]) + "社区卫生服务中心", "ORGANIZATION")]

    def v_bank(self, i: int) -> Seg:
        r = self.r
        bank = r.choice(["中国工商银行", "中国建设银行", "中国农业银行", "招商银行", "交通银行", "中国邮政储蓄银行", "兴业银行", "浦发银行"])
        return [(bank + self._cshort() + r.choice(self.city[6]) + "支行", "ORGANIZATION")]

    def v_platform_co(self, i: int) -> Seg:
        r = self.r
        return [(r.choice(["北京", "杭州", "上海", "深圳"]) + r.choice(["青柚", "拾光", "橙意", "云朵"]) + "网络科技有限公司", "ORGANIZATION")]

    # ---- numbers ------------------------------------------------------------------------
    def _card(self) -> str:
        body = self.r.choice(CARD_BINS) + "".join(self.r.choice("0123456789") for _ in range(self.r.choice([9, 12])))
        return body + luhn_digit(body)

    def v_card(self, i: int) -> Seg:
        c = self.cards.setdefault(i, self._card())
        f = self.r.random()
        if f < 0.2:
            c = " ".join(c[k:k + 4] for k in range(0, len(c), 4))
        elif f < 0.27:
            c = "-".join(c[k:k + 4] for k in range(0, len(c), 4))
        return [(c, "CN_BANK_CARD")]

    def v_tail(self, i: int) -> Seg:
        c = self.cards.setdefault(i, self._card())
        return [(c[-4:], None)]

    def v_uscc(self, i: int) -> Seg:
        r = self.r
        head = r.choice(["91", "91", "92", "12", "52", "93"]) + r.choice(REGION_CODES)
        org = "".join(r.choice(USCC_CHARS[:10] if k < 2 else USCC_CHARS) for k in range(8))
        body = head + org + org_code_check(org)
        return [(body + uscc_check(body), "CN_USCC")]

    def v_passport(self, i: int) -> Seg:
        r = self.r
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return [(r.choice(["E" + "".join(r.choice("0123456789") for _ in range(8)),
                           "E" + r.choice(letters) + "".join(r.choice("0123456789") for _ in range(7)),
                           "G" + "".join(r.choice("0123456789") for _ in range(8))]), "CN_PASSPORT")]

    def v_plate(self, i: int) -> Seg:
        r = self.r
        head = self.city[1] + r.choice(self.city[3])
        roll = r.random()
        if roll < 0.08:
            tail = "".join(r.choice("0123456789") for _ in range(5)) + r.choice("DF")
        elif roll < 0.32:
            tail = r.choice("DF") + r.choice(PLATE_LETTERS + "0123456789") + "".join(r.choice("0123456789") for _ in range(4))
        else:
            chars = [r.choice(PLATE_LETTERS + "0123456789") for _ in range(5)]
            chars[r.randint(0, 4)] = r.choice("0123456789")
            tail = "".join(chars)
        sep = r.choice(["", "", "·", " "])
        return [(head + sep + tail, "CN_VEHICLE_PLATE")]

    def v_ip(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([f"{r.choice([36, 58, 101, 112, 117, 183, 221, 39])}.{r.randint(1, 254)}.{r.randint(0, 254)}.{r.randint(1, 254)}",
                           f"192.168.{r.randint(0, 31)}.{r.randint(2, 254)}", f"10.{r.randint(0, 99)}.{r.randint(0, 254)}.{r.randint(2, 254)}"]), "IP_ADDRESS")]

    def v_url(self, i: int) -> Seg:
        r = self.r
        tok = "".join(r.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(r.randint(6, 10)))
        return [(r.choice([f"https://t.cn/{tok}", f"https://m.qingyou.cn/appeal/{tok}", f"http://dwz.cn/{tok}",
                           f"https://pan.baidu.com/s/1{tok}", f"https://h5.anjia.net/sign?code={tok}"]), "URL")]

    def _digits(self, n: int) -> str:
        return str(self.r.randint(1, 9)) + "".join(self.r.choice("0123456789") for _ in range(n - 1))

    def v_recno(self, i: int) -> Seg:
        """A generic labelled record number (ID)."""
        r = self.r
        y = self.doc_date.year
        return [(r.choice([f"{y}{self._digits(8)}", self._digits(10), f"{r.choice('ABCDHKLMNPSTWZ')}{y % 100}{self._digits(6)}",
                           f"{y}-{self._digits(5)}", f"{r.choice(['TJ', 'GS', 'KD', 'HT', 'BM', 'LX'])}{self._digits(9)}"]), "ID")]

    def v_mrn(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self._digits(8), self._digits(7), f"ZY{self._digits(8)}", f"{self.doc_date.year % 100}{self._digits(6)}", f"MZ{self._digits(9)}"]), "MEDICAL_RECORD_NUMBER")]

    def v_caseno(self, i: int) -> Seg:
        y = self.doc_date.year
        st = self.r.choice(self.city[6])[:2]
        return [(self.r.choice([f"（{y}）{st}调字第{self.r.randint(1, 399)}号", f"{st}人调〔{y}〕{self.r.randint(1, 399)}号"]), "ID")]

    def v_hk(self, i: int) -> Seg:
        r = self.r
        return [("C" + r.choice("ABCDEFGHJKLMN") + "".join(r.choice("0123456789") for _ in range(7)), "ID")]

    def v_medcard(self, i: int) -> Seg:
        return [(self.r.choice(["1", "3", "5"]) + self._digits(9), "ID")]

    def v_court(self, i: int) -> Seg:
        return [(self.r.choice(self.city[6]) + "人民法院", "ORGANIZATION")]

    def v_police(self, i: int) -> Seg:
        r = self.r
        d = r.choice(self.city[6])
        return [(r.choice([self.city[2] + "公安局" + d + "分局", d + "公安分局" + r.choice(self.city[7]).replace("街道", "").replace("镇", "") + "派出所"]), "ORGANIZATION")]

    def v_college(self, i: int) -> Seg:
        r = self.r
        return [(r.choice(["湖南师范大学", "西南财经大学", "郑州大学", "南京审计大学", "长春工业大学", "广东外语外贸大学", "浙江工商大学", "山西农业大学", "重庆邮电大学"]), "ORGANIZATION")]

    def v_birthmonth(self, i: int) -> Seg:
        b = self.person(i)["born"]
        return [(self.r.choice([f"{b.year}年{b.month}月", f"{b.year}.{b.month:02d}", f"{b.year}-{b.month:02d}"]), "DATE_TIME")]

    def v_unit(self, i: int) -> Seg:
        """A household's unit code inside an estate (房号): ID, see README."""
        r = self.r
        return [(r.choice([f"{r.randint(1, 30)}栋{r.randint(2, 32)}{r.randint(1, 6):02d}", f"{r.randint(1, 30)}-{r.randint(1, 4)}-{r.randint(2, 32)}{r.randint(1, 6):02d}",
                           f"{r.randint(1, 30)}幢{r.randint(1, 3)}单元{r.randint(2, 26)}{r.randint(1, 4):02d}", f"{r.choice('ABCDE')}{r.randint(1, 9)}-{r.randint(2, 32)}{r.randint(1, 6):02d}"]), "ID")]

    def v_bbacct(self, i: int) -> Seg:
        return [(self.city[4] + self._digits(8), "ID")]

    def v_kinrel(self, i: int) -> Seg:
        """Relation of person ``i`` to the main person, agreeing with i's sex (not labelled)."""
        male = self.person(i)["sex"] == "M"
        pool = ["配偶", "儿子", "长子", "侄子", "孙子", "外孙", "女婿", "兄弟"] if male else ["配偶", "女儿", "长女", "侄女", "孙女", "儿媳", "姐妹"]
        return [(self.r.choice(pool), None)]

    def v_hrss(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([r.choice(self.city[6]) + "人力资源和社会保障局", self.city[2] + "人力资源和社会保障局", r.choice(self.city[6]) + "人社局工伤保险科"]), "ORGANIZATION")]

    def v_transit(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self._cshort() + "地铁集团有限公司", self.city[2] + "公共交通集团有限公司", self._cshort() + "长途汽车客运中心", "中国铁路" + r.choice(["上海", "广州", "成都", "武汉", "北京"]) + "局集团有限公司"]), "ORGANIZATION")]

    def v_petclinic(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([self._cshort(), ""]) + r.choice(BRAND) + r.choice(["宠物医院", "动物医院", "宠物诊所"]), "ORGANIZATION")]

    def v_chip(self, i: int) -> Seg:
        """Pet microchip number (ISO 11784: country code 156 + 12 digits): ID."""
        return [("156" + "".join(self.r.choice("0123456789") for _ in range(12)), "ID")]

    # ---- dates --------------------------------------------------------------------------
    def _cn_date(self, d: _dt.date) -> str:
        y = "".join(CN_DIGIT[int(c)] for c in str(d.year))
        return f"{y}年{cn_number(d.month)}月{cn_number(d.day)}日"

    def _fmt_date(self, d: _dt.date, allow_short: bool = True) -> str:
        r = self.r
        forms = [f"{d.year}年{d.month}月{d.day}日", f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.year}/{d.month:02d}/{d.day:02d}",
                 f"{d.year}.{d.month}.{d.day}", f"{d.year}年{d.month:02d}月{d.day:02d}日"]
        if allow_short:
            forms += [f"{d.month}月{d.day}日", f"{d.month}月{d.day}号"]
        return r.choice(forms)

    def _near(self, i: int) -> _dt.date:
        if i == 1:
            return self.doc_date
        return self.doc_date + _dt.timedelta(days=self.r.randint(-40, 40))

    def v_date(self, i: int) -> Seg:
        return [(self._fmt_date(self._near(i)), "DATE_TIME")]

    def v_fdate(self, i: int) -> Seg:
        """A full date with year (forms)."""
        return [(self._fmt_date(self._near(i), allow_short=False), "DATE_TIME")]

    def v_cndate(self, i: int) -> Seg:
        return [(self._cn_date(self._near(i)), "DATE_TIME")]

    def v_week(self, i: int) -> Seg:
        d = self._near(i)
        wd = "一二三四五六日"[d.weekday()]
        return [(self.r.choice([f"{d.month}月{d.day}日（周{wd}）", f"{d.month}月{d.day}日星期{'一二三四五六天'[d.weekday()]}", f"{d.year}年{d.month}月{d.day}日 周{wd}"]), "DATE_TIME")]

    def v_dt(self, i: int) -> Seg:
        """A date with an attached time."""
        r = self.r
        d = self._near(i)
        h, m = r.randint(7, 21), r.choice([0, 5, 10, 15, 20, 30, 40, 45, 50, r.randint(0, 59)])
        spoken = ("上午" if h < 12 else "中午" if h < 13 else "下午" if h < 18 else "晚上") + f"{h if h <= 12 else h - 12}点" + ("半" if m == 30 else f"{m}分" if m else "")
        return [(r.choice([f"{d.year}-{d.month:02d}-{d.day:02d} {h:02d}:{m:02d}", f"{d.year}/{d.month:02d}/{d.day:02d} {h:02d}:{m:02d}:{r.randint(0, 59):02d}",
                           f"{d.year}年{d.month}月{d.day}日{h}时{m}分", f"{d.month}月{d.day}日{spoken}", f"{d.month}月{d.day}号{spoken}",
                           f"{d.year}年{d.month}月{d.day}日 {h:02d}:{m:02d}"]), "DATE_TIME")]

    def v_month(self, i: int) -> Seg:
        r = self.r
        y = self.doc_date.year - r.randint(0, 12)
        m = r.randint(1, 12)
        return [(r.choice([f"{y}年{m}月", f"{y}.{m:02d}", f"{y}-{m:02d}"]), "DATE_TIME")]

    def v_clock(self, i: int) -> Seg:
        """Chat timestamp: a bare clock time, not labelled; increases through a document."""
        self.clock += self.r.randint(0, 23)
        h, m = divmod(self.clock % (24 * 60), 60)
        return [(f"{h:02d}:{m:02d}", None)]

    def v_money(self, i: int) -> Seg:
        r = self.r
        return [(r.choice([f"{r.randint(2, 98) * 100}元", f"{r.randint(100, 9999)}.{r.randint(0, 99):02d}元", f"￥{r.randint(100, 30000):,}", f"人民币{cn_number(r.randint(1, 9))}千元整"]), None)]

    def v_num(self, i: int) -> Seg:
        return [(str(self.r.randint(2, 30)), None)]
