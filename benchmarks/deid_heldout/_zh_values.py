"""Value generators for the Chinese held-out corpus (one random.Random drives all)."""

from __future__ import annotations

import random

from _build import USCC_ALPHABET, gb11643_check, gb11714_check, luhn_complete, uscc_check

SURNAMES_1 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
)
SURNAMES_2 = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "长孙", "宇文", "夏侯", "轩辕", "端木", "申屠", "独孤", "南宫", "司徒", "呼延",
    "澹台", "公冶", "太史", "闻人", "万俟",
)
GIVEN_M = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国峰亮成志文博昊然睿轩泽宏锋晨浩楠"
GIVEN_F = "芳娜敏静丽艳娟霞秀玲桂英红梅琳雪婷颖慧莉倩洁琴云萍燕丹瑶怡欣悦晶露璐佳蕾茜菲薇妍彤琪雯晓"
GIVEN_ANY = "子一梓嘉思雨诗可心若依语晨安宸沐亦书星"

EN_GIVEN = (
    "Kevin", "Linda", "Tony", "Jason", "Amy", "Grace", "Eric", "Vivian", "Michael", "Cindy",
    "David", "Sunny", "Jack", "Helen", "Leo", "Iris", "Frank", "Nancy", "Peter", "Coco",
)
EN_FAMILY = ("Zhang", "Wang", "Li", "Chen", "Liu", "Huang", "Zhao", "Wu", "Zhou", "Smith", "Miller", "Tan", "Lim", "Ho", "Ng")

# (province, city, districts); a municipality repeats its name as the city.
REGIONS = (
    ("北京市", "北京市", ("朝阳区", "海淀区", "东城区", "西城区", "丰台区", "昌平区", "通州区", "大兴区")),
    ("上海市", "上海市", ("浦东新区", "徐汇区", "静安区", "黄浦区", "闵行区", "杨浦区", "长宁区", "宝山区")),
    ("天津市", "天津市", ("和平区", "河西区", "南开区", "滨海新区", "西青区")),
    ("重庆市", "重庆市", ("渝中区", "江北区", "沙坪坝区", "九龙坡区", "渝北区", "南岸区")),
    ("广东省", "广州市", ("天河区", "越秀区", "海珠区", "白云区", "番禺区", "黄埔区")),
    ("广东省", "深圳市", ("南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "龙华区")),
    ("广东省", "东莞市", ("南城街道", "东城街道", "长安镇", "虎门镇")),
    ("浙江省", "杭州市", ("西湖区", "上城区", "拱墅区", "滨江区", "余杭区", "萧山区")),
    ("浙江省", "宁波市", ("海曙区", "江北区", "鄞州区", "北仑区")),
    ("江苏省", "南京市", ("玄武区", "秦淮区", "鼓楼区", "建邺区", "江宁区")),
    ("江苏省", "苏州市", ("姑苏区", "吴中区", "工业园区", "相城区", "昆山市")),
    ("四川省", "成都市", ("锦江区", "青羊区", "武侯区", "成华区", "高新区", "双流区")),
    ("湖北省", "武汉市", ("江岸区", "武昌区", "洪山区", "汉阳区", "江汉区")),
    ("湖南省", "长沙市", ("岳麓区", "芙蓉区", "天心区", "开福区", "雨花区")),
    ("陕西省", "西安市", ("雁塔区", "碑林区", "未央区", "长安区", "莲湖区")),
    ("山东省", "济南市", ("历下区", "市中区", "槐荫区", "历城区")),
    ("山东省", "青岛市", ("市南区", "市北区", "崂山区", "黄岛区")),
    ("河南省", "郑州市", ("金水区", "二七区", "中原区", "管城回族区")),
    ("河南省", "周口市", ("川汇区", "郸城县", "淮阳区", "项城市")),
    ("福建省", "厦门市", ("思明区", "湖里区", "集美区", "海沧区")),
    ("福建省", "福州市", ("鼓楼区", "台江区", "仓山区", "晋安区")),
    ("辽宁省", "沈阳市", ("和平区", "沈河区", "皇姑区", "铁西区")),
    ("辽宁省", "大连市", ("中山区", "西岗区", "沙河口区", "甘井子区")),
    ("黑龙江省", "哈尔滨市", ("南岗区", "道里区", "香坊区", "松北区")),
    ("云南省", "昆明市", ("五华区", "盘龙区", "官渡区", "西山区")),
    ("广西壮族自治区", "南宁市", ("青秀区", "兴宁区", "江南区", "西乡塘区")),
    ("新疆维吾尔自治区", "乌鲁木齐市", ("天山区", "沙依巴克区", "新市区")),
    ("内蒙古自治区", "呼和浩特市", ("新城区", "回民区", "赛罕区")),
    ("安徽省", "合肥市", ("蜀山区", "包河区", "庐阳区", "瑶海区")),
    ("江西省", "南昌市", ("东湖区", "西湖区", "青山湖区", "红谷滩区")),
    ("贵州省", "贵阳市", ("南明区", "云岩区", "观山湖区")),
    ("河北省", "石家庄市", ("长安区", "桥西区", "裕华区", "新华区")),
    ("山西省", "太原市", ("小店区", "迎泽区", "杏花岭区")),
    ("吉林省", "长春市", ("朝阳区", "南关区", "宽城区", "绿园区")),
    ("海南省", "海口市", ("龙华区", "美兰区", "秀英区")),
    ("甘肃省", "兰州市", ("城关区", "七里河区", "安宁区")),
)
ROAD_STEMS = (
    "中山", "人民", "解放", "建设", "和平", "胜利", "文化", "新华", "长江", "黄河", "南京", "北京", "延安",
    "科技园南", "高新", "金桥", "学府", "滨江", "湖滨", "望京", "花园", "东风", "红旗", "幸福", "光明",
    "青年", "迎宾", "工业", "桃源", "振兴", "世纪", "丽水", "锦绣", "天府", "文三", "祖冲之", "漕溪北",
)
ROAD_KINDS = ("路", "路", "大道", "街", "东路", "西路", "南路", "北路", "中路", "大街", "巷")
ESTATES = (
    "阳光花园", "翠湖苑", "金色家园", "万科城", "碧桂园", "华润城", "绿地中心", "保利香槟国际", "龙湖天街",
    "世纪花园", "锦江公寓", "东方明珠花苑", "中海国际社区", "融创壹号院", "星河湾", "幸福里", "和谐家园",
    "科兴科学园", "国贸大厦", "时代广场", "创业大厦", "金融中心", "软件园二期", "恒大名都",
)
# Six-digit administrative division codes (real prefixes) used for resident IDs.
AREA_CODES = (
    "110101", "110105", "110108", "310104", "310115", "440305", "440106", "440304", "330106", "330102",
    "320102", "320508", "510107", "510104", "420106", "430104", "610113", "370102", "370202", "410105",
    "411625", "350203", "350102", "210102", "230103", "530102", "450103", "650102", "150102", "340104",
    "360102", "520102", "130104", "140105", "220102", "460106", "620102", "500103", "120101", "441900",
)
MOBILE_PREFIX = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "170", "173", "175", "176", "177", "178", "180", "181",
    "182", "183", "185", "186", "187", "188", "189", "191", "195", "198", "199",
)
AREA_PHONE = ("010", "021", "022", "023", "020", "0755", "0769", "0571", "0574", "025", "0512", "028", "027",
              "0731", "029", "0531", "0532", "0371", "0592", "0591", "024", "0411", "0451", "0871")
BANK_BINS = ("622202", "622208", "621226", "622848", "622845", "621700", "622700", "622588", "621483",
             "622609", "623058", "621661", "622262", "621799", "625965", "622155", "621485", "628288")
BANKS = ("中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "交通银行", "招商银行", "中国邮政储蓄银行",
         "浦发银行", "兴业银行", "中信银行", "平安银行", "民生银行", "光大银行", "华夏银行", "北京银行", "宁波银行")
HOSPITALS = ("北京协和医院", "四川大学华西医院", "复旦大学附属中山医院", "中山大学附属第一医院", "浙江大学医学院附属第一医院",
             "武汉大学人民医院", "上海交通大学医学院附属瑞金医院", "首都医科大学附属北京天坛医院", "郑州大学第一附属医院",
             "南方医科大学南方医院", "湘雅二医院", "西京医院")
BRANDS = ("腾云", "华信", "瑞丰", "鼎盛", "卓越", "天合", "恒通", "博远", "新动力", "金诚", "万象", "聚能", "启明",
          "星辰", "鸿运", "中科", "汇达", "联创", "嘉源", "润泽", "乐享", "优选", "智联", "安泰")
INDUSTRY = ("科技", "信息技术", "电子商务", "贸易", "物流", "网络科技", "医疗器械", "餐饮管理", "建筑工程", "文化传媒",
            "供应链管理", "新能源", "生物科技", "家居用品", "汽车服务", "教育咨询")
ORG_SUFFIX = ("有限公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
PLATE_PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com", "hotmail.com", "gmail.com", "outlook.com", "aliyun.com")
PINYIN = ("zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
          "hu", "guo", "lin", "luo", "zheng", "xie", "tang", "han", "feng", "deng", "cao", "peng", "xiao", "tian")
PINYIN_G = ("wei", "qiang", "lei", "jun", "yong", "jie", "tao", "fang", "na", "min", "jing", "li", "yan", "xin",
            "hao", "yu", "ting", "xue", "hui", "ming", "lin", "chen", "yi", "kai")
NATIONS = ("汉族", "汉族", "汉族", "回族", "满族", "壮族", "维吾尔族", "苗族", "土家族", "蒙古族", "藏族", "彝族", "朝鲜族")
PARTIES = ("中共党员", "中共预备党员", "共青团员", "群众", "民盟盟员", "九三学社社员", "无党派人士")
RELIGIONS = ("佛教", "基督教", "天主教", "伊斯兰教", "道教")
CN_DIGITS = "零一二三四五六七八九"


def person(rng: random.Random, *, female: bool | None = None) -> str:
    sur = rng.choice(SURNAMES_2) if rng.random() < 0.12 else rng.choice(SURNAMES_1)
    if female is None:
        female = rng.random() < 0.5
    pool = GIVEN_F if female else GIVEN_M
    if rng.random() < 0.3:
        return sur + rng.choice(pool)
    first = rng.choice(GIVEN_ANY) if rng.random() < 0.25 else rng.choice(pool)
    return sur + first + rng.choice(pool)


def english_name(rng: random.Random) -> str:
    return f"{rng.choice(EN_GIVEN)} {rng.choice(EN_FAMILY)}" if rng.random() < 0.7 else rng.choice(EN_GIVEN)


def resident_id(rng: random.Random, *, year: int | None = None) -> str:
    y = year or rng.randint(1950, 2005)
    body = f"{rng.choice(AREA_CODES)}{y}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    check = gb11643_check(body)
    if check == "X" and rng.random() < 0.2:
        check = "x"
    return body + check


def legacy_id(rng: random.Random) -> str:
    return f"{rng.choice(AREA_CODES)}{rng.randint(40, 84):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"


def mobile(rng: random.Random) -> str:
    d = rng.choice(MOBILE_PREFIX) + "".join(rng.choice("0123456789") for _ in range(8))
    a, b, c = d[:3], d[3:7], d[7:]
    return rng.choice((
        d, d, d, f"{a} {b} {c}", f"{a}-{b}-{c}", f"+86 {d}", f"+86 {a} {b} {c}", f"+86-{d}",
        f"+86{d}", f"(+86){d}", f"0086 {d}", f"{a}{b} {c}", f"86-{a}-{b}-{c}",
    ))


def landline(rng: random.Random) -> str:
    area = rng.choice(AREA_PHONE)
    n = 8 if len(area) == 3 else rng.choice((7, 8))
    local = str(rng.randint(2, 8)) + "".join(rng.choice("0123456789") for _ in range(n - 1))
    s = rng.choice((f"{area}-{local}", f"({area}){local}", f"{area} {local}", f"{area}{local}", f"（{area}）{local}",
                    f"{area}-{local[:4]}-{local[4:]}", f"+86-{area[1:]}-{local}"))
    if rng.random() < 0.15:
        s += rng.choice(("转", "-", " 转 ")) + str(rng.randint(100, 8999))
    return s


def bank_card(rng: random.Random) -> str:
    n = luhn_complete(rng.choice(BANK_BINS), rng.choice((16, 16, 19, 19, 17, 18)), rng)
    if rng.random() < 0.35:
        return " ".join(n[i : i + 4] for i in range(0, len(n), 4))
    return n


def credit_card(rng: random.Random) -> str:
    prefix = rng.choice(("4", "4", "51", "53", "55", "3568", "37", "34"))
    n = luhn_complete(prefix, 15 if prefix in ("37", "34") else 16, rng)
    if len(n) == 16 and rng.random() < 0.5:
        return " ".join(n[i : i + 4] for i in range(0, 16, 4))
    return n


def uscc(rng: random.Random) -> str:
    head = rng.choice(("91", "91", "91", "92", "93", "12", "52", "11", "31"))
    admin = rng.choice(AREA_CODES)
    org8 = "".join(rng.choice("0123456789" if rng.random() < 0.8 else "ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    org9 = org8 + gb11714_check(org8)
    if org9[-1] not in USCC_ALPHABET:  # 'X' is in the alphabet; kept for clarity
        org9 = org8 + "0"
    first17 = head + admin + org9
    return first17 + uscc_check(first17)


def passport(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(8))
    return rng.choice((
        "E" + digits, "E" + digits, "E" + rng.choice("ABCDEFGHJKLMNPQRSTUVWXY") + digits[:7],
        "G" + digits, "P" + digits[:7], "D" + digits[:7], "S" + digits[:7],
    ))


def plate(rng: random.Random) -> str:
    prov, letter = rng.choice(PLATE_PROV), rng.choice(PLATE_LETTERS)
    sep = rng.choice(("", "", "·", " ", "-"))
    alnum = "0123456789" * 3 + "ABCDEFGHJKLMNPQRSTUVWXYZ"
    r = rng.random()
    if r < 0.3:  # new-energy small car: D/F + 5 digits (or letter+4 digits)
        tail = rng.choice("DF") + "".join(rng.choice(alnum if i == 0 else "0123456789") for i in range(5))
    elif r < 0.38:  # new-energy large vehicle: 5 digits + D/F
        tail = "".join(rng.choice("0123456789") for _ in range(5)) + rng.choice("DF")
    else:  # ordinary plate: mostly digits, at most two letters
        chars = [rng.choice("0123456789") for _ in range(5)]
        for i in rng.sample(range(5), k=rng.choice((0, 1, 1, 2))):
            chars[i] = rng.choice(PLATE_LETTERS)
        tail = "".join(chars)
    return f"{prov}{letter}{sep}{tail}"


def region(rng: random.Random) -> tuple[str, str, str]:
    prov, city, districts = rng.choice(REGIONS)
    return prov, city, rng.choice(districts)


def street_address(rng: random.Random) -> str:
    prov, city, dist = region(rng)
    road = rng.choice(ROAD_STEMS) + rng.choice(ROAD_KINDS)
    num = f"{rng.randint(1, 2999)}号"
    if rng.random() < 0.15:
        num = f"{rng.randint(1, 999)}弄{rng.randint(1, 40)}号"
    tail = ""
    r = rng.random()
    if r < 0.4:
        tail = f"{rng.choice(ESTATES)}{rng.randint(1, 30)}{rng.choice(('栋', '号楼', '幢', '座'))}"
        if rng.random() < 0.5:
            tail += f"{rng.randint(1, 6)}单元"
        tail += f"{rng.randint(1, 33)}{rng.randint(1, 12):02d}{rng.choice(('室', '', '房'))}"
    elif r < 0.65:
        tail = f"{rng.choice('ABCDE')}座{rng.randint(1, 40)}{rng.randint(1, 20):02d}室"
    elif r < 0.75:
        tail = f"{rng.randint(1, 20)}楼"
    if prov == city:
        head = rng.choice((city + dist, city + dist, dist))
    else:
        head = rng.choice((prov + city + dist, prov + city + dist, city + dist, prov + city + dist))
    if rng.random() < 0.07:  # rural form
        village = rng.choice(SURNAMES_1) + rng.choice(("庄", "楼", "家村", "营", "寨"))
        return f"{prov}{city}{dist}{rng.choice(ROAD_STEMS)}镇{village}{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
    sep = " " if rng.random() < 0.1 else ""
    return f"{head}{sep}{road}{num}{tail}"


def location(rng: random.Random) -> str:
    prov, city, dist = region(rng)
    short = city.rstrip("市") if rng.random() < 0.5 else city
    return rng.choice((short, short, city, prov if prov != city else city, prov.rstrip("省") if prov.endswith("省") else short))


def company(rng: random.Random) -> str:
    _, city, _ = region(rng)
    c = city.rstrip("市") if rng.random() < 0.6 else ""
    return c + rng.choice(BRANDS) + rng.choice(INDUSTRY) + rng.choice(ORG_SUFFIX)


def hospital(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(HOSPITALS)
    _, city, _ = region(rng)
    return city + rng.choice(("第一人民医院", "第二人民医院", "中医院", "妇幼保健院", "中心医院", "第三人民医院", "儿童医院"))


def bank(rng: random.Random) -> str:
    b = rng.choice(BANKS)
    if rng.random() < 0.4:
        _, city, dist = region(rng)
        b += city.rstrip("市") + rng.choice(("分行", dist.rstrip("区") + "支行", "营业部"))
    return b


def cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def age(rng: random.Random) -> str:
    n = rng.randint(3, 92)
    return rng.choice((f"{n}岁", f"{n}岁", f"{n}周岁", f"{cn_number(n)}岁", f"{n}岁"))


def date(rng: random.Random, *, with_time: bool = False) -> str:
    y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    s = rng.choice((f"{y}年{m}月{d}日", f"{y}年{m}月{d}日", f"{m}月{d}日", f"{m}月{d}号", f"{y}-{m:02d}-{d:02d}",
                    f"{y}/{m}/{d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m:02d}月{d:02d}日"))
    if rng.random() < 0.04:  # fully Chinese numerals, as in formal letters
        s = "".join("〇一二三四五六七八九"[int(c)] for c in str(y)) + f"年{cn_number(m)}月{cn_number(d)}日"
    if with_time or rng.random() < 0.15:
        h, mi = rng.randint(0, 23), rng.randint(0, 59)
        if "-" in s or "/" in s or "." in s:
            s += f" {h:02d}:{mi:02d}"
        else:
            s += rng.choice((f"{h}点{mi}分", f" {h:02d}:{mi:02d}", f"{rng.choice(('上午', '下午', '晚上'))}{rng.randint(1, 11)}点"))
    return s


def birth_date(rng: random.Random) -> str:
    y, m, d = rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice((f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m:02d}"))


def email(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        user = "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 10)))
        user = str(rng.randint(1, 9)) + user
    elif r < 0.7:
        user = rng.choice(PINYIN) + rng.choice(("", ".", "_")) + rng.choice(PINYIN_G) + (str(rng.randint(1, 2024)) if rng.random() < 0.5 else "")
    else:
        user = rng.choice(EN_GIVEN).lower() + rng.choice(("", ".", "_")) + rng.choice(PINYIN)
    dom = rng.choice(MAIL_DOMAINS) if rng.random() < 0.75 else rng.choice(("huaxin-tech.cn", "ruifeng.com.cn", "dingsheng.net", "corp.qihang.com"))
    return f"{user}@{dom}"


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def zip_code(rng: random.Random) -> str:
    return rng.choice(("100", "200", "518", "510", "310", "210", "610", "430", "410", "710", "250", "450", "361")) + f"{rng.randint(0, 999):03d}"


def ip(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
