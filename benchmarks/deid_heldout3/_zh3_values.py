# ruff: noqa: E501
"""Value generators for the Chinese held-out set v3 (standard library only)."""

from __future__ import annotations

import datetime as dt

from _h3common import USCC_CHARS, gb11643_check, gb11714_check, gb32100_check, luhn_check_digit

COMMON_SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
RARE_SURNAMES = list("訾昝笪佘麴逯蒯厍缑鄢闵栾蔺靳桑眭隆宓茹禚蹇郦佴")
COMPOUND_SURNAMES = ["诸葛", "上官", "皇甫", "令狐", "公孙", "慕容", "长孙", "宇文", "轩辕", "东方", "西门", "南宫", "夏侯", "闻人", "第五", "申屠"]
GIVEN_CHARS = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红文林宇浩凯子轩梓涵欣怡思雨佳琪俊熙睿博昊天一诺雅婷晨曦嘉怡宏志永福海燕冬梅春生秋菊振国立新晓东丹凤蕾琳璐瑶颖瑾鑫森淼焱垚彬"
)
ENGLISH_FIRST = ["Kevin", "Linda", "Vivian", "Tony", "Grace", "Eric", "Sophie", "Jason", "Cindy", "Michael", "Amanda", "Peter", "Iris", "Leo", "Nina"]
ENGLISH_LAST = ["Chen", "Wong", "Lam", "Ho", "Smith", "Müller", "Tan", "Lee", "Kowalski", "Nguyen", "Fischer", "Park"]

# (division code, province, city, district) - real division codes
REGIONS = [
    ("110105", "北京市", "", "朝阳区"), ("110108", "北京市", "", "海淀区"), ("310115", "上海市", "", "浦东新区"),
    ("310104", "上海市", "", "徐汇区"), ("120103", "天津市", "", "河西区"), ("500103", "重庆市", "", "渝中区"),
    ("440106", "广东省", "广州市", "天河区"), ("440305", "广东省", "深圳市", "南山区"), ("441900", "广东省", "东莞市", ""),
    ("330106", "浙江省", "杭州市", "西湖区"), ("330212", "浙江省", "宁波市", "鄞州区"), ("320506", "江苏省", "苏州市", "吴中区"),
    ("320102", "江苏省", "南京市", "玄武区"), ("420106", "湖北省", "武汉市", "武昌区"), ("430104", "湖南省", "长沙市", "岳麓区"),
    ("510107", "四川省", "成都市", "武侯区"), ("610113", "陕西省", "西安市", "雁塔区"), ("370212", "山东省", "青岛市", "崂山区"),
    ("370102", "山东省", "济南市", "历下区"), ("350203", "福建省", "厦门市", "思明区"), ("410105", "河南省", "郑州市", "金水区"),
    ("130104", "河北省", "石家庄市", "桥西区"), ("210204", "辽宁省", "大连市", "沙河口区"), ("230103", "黑龙江省", "哈尔滨市", "南岗区"),
    ("530102", "云南省", "昆明市", "五华区"), ("450103", "广西壮族自治区", "南宁市", "青秀区"), ("650102", "新疆维吾尔自治区", "乌鲁木齐市", "天山区"),
    ("520102", "贵州省", "贵阳市", "南明区"), ("340104", "安徽省", "合肥市", "蜀山区"), ("360102", "江西省", "南昌市", "东湖区"),
    ("140105", "山西省", "太原市", "小店区"), ("620102", "甘肃省", "兰州市", "城关区"), ("460105", "海南省", "海口市", "秀英区"),
    ("150102", "内蒙古自治区", "呼和浩特市", "新城区"), ("220104", "吉林省", "长春市", "朝阳区"), ("640104", "宁夏回族自治区", "银川市", "兴庆区"),
]
ROADS = ["人民路", "中山北路", "解放大道", "建设路", "文化路", "和平街", "科技园南路", "滨江大道", "长江路", "新华东路", "学府路", "迎宾大道", "光明街", "金桥路", "青年路", "东风北路", "幸福里", "望江路"]
ESTATES = ["阳光花园", "翠湖苑", "锦绣家园", "万科城", "碧桂园", "金色港湾", "丽景湾", "东方明珠苑", "书香门第", "世纪城", "保利香槟国际", "绿地新都会", "和谐小区", "紫荆公寓", "梧桐里"]
PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
NATIONS = ["汉族", "回族", "壮族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族", "蒙古族", "侗族", "布依族", "瑶族", "白族", "朝鲜族", "哈尼族", "黎族", "傣族", "畲族"]
PARTIES = ["中共党员", "中共预备党员", "共青团员", "群众", "民盟盟员", "九三学社社员", "民革党员", "无党派人士", "致公党党员"]
CN_NUMS = "零一二三四五六七八九"
MOBILE_PREFIX = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "155", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "185", "186", "187", "188", "189", "191", "195", "198", "199"]
AREA_CODES = ["010", "021", "022", "023", "020", "0755", "0571", "025", "027", "028", "029", "0532", "0592", "0371", "0311", "0411", "0871", "0591", "0731", "0551", "0769", "0512", "0574", "0898"]
CARD_BINS = ["622202", "622848", "621700", "622588", "622609", "621226", "622262", "623668", "628288", "625965", "621483", "622700", "621661", "436742", "524047"]
CO_PREFIX = ["华信", "博远", "盛泰", "恒润", "鼎新", "佳禾", "云帆", "汇智", "睿通", "天择", "嘉诚", "瑞丰", "启明", "安程", "中科联创", "星河", "海纳", "润达"]
CO_INDUSTRY = ["科技", "网络技术", "物流", "电子商务", "建筑工程", "餐饮管理", "物业服务", "医疗器械", "贸易", "教育咨询", "汽车销售服务", "人力资源服务", "食品", "家居"]
CO_SUFFIX = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"]
HOSPITALS = ["第一人民医院", "中心医院", "中医院", "妇幼保健院", "第三人民医院", "人民医院", "骨科医院", "口腔医院", "肿瘤医院"]
BANKS = ["中国工商银行", "中国建设银行", "招商银行", "中国农业银行", "交通银行", "兴业银行", "浦发银行", "中国银行", "平安银行", "中信银行"]
INSURERS = ["中国人寿保险股份有限公司", "中国平安财产保险股份有限公司", "太平洋财产保险股份有限公司", "中国人民财产保险股份有限公司", "泰康人寿保险有限责任公司", "新华人寿保险股份有限公司", "大地财产保险股份有限公司"]
SCHOOLS = ["实验小学", "第二中学", "外国语学校", "实验中学", "育才小学", "师范大学附属小学", "第十一中学"]
EMAIL_DOMAINS = ["163.com", "qq.com", "126.com", "sina.com", "foxmail.com", "gmail.com", "outlook.com", "139.com", "yeah.net"]
SYLLABLES = ["zhang", "wang", "li", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu", "gao", "lin", "he", "guo", "ma", "luo", "wei", "jun", "xiao", "ming", "hua", "yu", "ting", "fang", "lei", "jie", "hao", "yan", "qing", "xin"]
FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _digits(rng, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _region(prof, suffix):
    key = "region" + suffix
    if key not in prof.meta:
        prof.meta[key] = prof.rng.choice(REGIONS)
    return prof.meta[key]


def _dob(prof, suffix) -> dt.date:
    key = "dob" + suffix
    if key not in prof.meta:
        rng = prof.rng
        prof.meta[key] = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 58))
    return prof.meta[key]


def _event(prof, suffix) -> dt.date:
    key = "event" + suffix
    if key not in prof.meta:
        prof.meta[key] = dt.date(2023, 1, 1) + dt.timedelta(days=prof.rng.randint(0, 1000))
    return prof.meta[key]


def cn_number(n: int) -> str:
    if n < 10:
        return CN_NUMS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_NUMS[tens]
    return head + "十" + (CN_NUMS[ones] if ones else "")


# ------------------------------------------------------------------ people
def g_name(prof, suffix):
    rng = prof.rng
    r = rng.random()
    if r < 0.72:
        sur = rng.choice(COMMON_SURNAMES)
    elif r < 0.88:
        sur = rng.choice(RARE_SURNAMES)
    else:
        sur = rng.choice(COMPOUND_SURNAMES)
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice([1, 2, 2, 2])))
    prof.meta["sur" + suffix] = sur
    prof.meta["given" + suffix] = given
    return sur + given, "PERSON"


def g_sur(prof, suffix):
    prof.get("name", suffix)
    return prof.meta["sur" + suffix], "PERSON"


def g_given(prof, suffix):
    prof.get("name", suffix)
    given = prof.meta["given" + suffix]
    return given, "PERSON"


def g_kin(prof, suffix):
    """A relative of {name}: same surname, own given name."""
    prof.get("name", suffix)
    given = "".join(prof.rng.choice(GIVEN_CHARS) for _ in range(prof.rng.choice([1, 2, 2])))
    return prof.meta["sur" + suffix] + given, "PERSON"


def g_xname(prof, suffix):
    rng = prof.rng
    first, last = rng.choice(ENGLISH_FIRST), rng.choice(ENGLISH_LAST)
    prof.meta["xfirst" + suffix] = first
    return f"{first} {last}", "PERSON"


def g_xfirst(prof, suffix):
    prof.get("xname", suffix)
    return prof.meta["xfirst" + suffix], "PERSON"


def g_sex(prof, suffix):
    return prof.rng.choice(["男", "女"]), None


def g_nation(prof, suffix):
    return prof.rng.choice(NATIONS), "NRP"


def g_party(prof, suffix):
    return prof.rng.choice(PARTIES), "NRP"


def g_age(prof, suffix):
    rng = prof.rng
    years = (_event(prof, "") - _dob(prof, suffix)).days // 365
    r = rng.random()
    if r < 0.55:
        return f"{years}岁", "AGE"
    if r < 0.75:
        return f"{years}周岁", "AGE"
    if r < 0.9:
        return f"{cn_number(years)}岁", "AGE"
    return f"{years}岁{rng.randint(1, 11)}个月", "AGE"


def g_agen(prof, suffix):
    years = (_event(prof, "") - _dob(prof, suffix)).days // 365
    return str(years), "AGE"


def g_kidage(prof, suffix):
    rng = prof.rng
    n = rng.randint(6, 13)
    prof.meta["kidage"] = n
    return rng.choice([f"{n}岁", f"{cn_number(n)}岁", f"{n}周岁"]), "AGE"


def g_kidbirth(prof, suffix):
    prof.get("kidage", "")
    d = _event(prof, "") - dt.timedelta(days=365 * prof.meta["kidage"] + prof.rng.randint(30, 300))
    return prof.rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}", f"{d.year}-{d.month:02d}-{d.day:02d}"]), "DATE_TIME"


def g_birth(prof, suffix):
    d = _dob(prof, suffix)
    rng = prof.rng
    fmt = rng.choice(["{y}年{m}月{d}日", "{y}-{m2}-{d2}", "{y}.{m}.{d}", "{y}年{m2}月", "{y}/{m2}/{d2}", "{y}{m2}{d2}"])
    return fmt.format(y=d.year, m=d.month, d=d.day, m2=f"{d.month:02d}", d2=f"{d.day:02d}"), "DATE_TIME"


# --------------------------------------------------------------- identifiers
def g_id18(prof, suffix):
    rng = prof.rng
    code = _region(prof, suffix)[0]
    d = _dob(prof, suffix)
    body = code + d.strftime("%Y%m%d") + _digits(rng, 3)
    full = body + gb11643_check(body)
    r = rng.random()
    if r < 0.14:
        return f"{full[:6]} {full[6:14]} {full[14:]}", "CN_RESIDENT_ID"
    if full.endswith("X") and r < 0.4:
        return full[:-1] + "x", "CN_RESIDENT_ID"
    return full, "CN_RESIDENT_ID"


def g_id15(prof, suffix):
    rng = prof.rng
    d = _dob(prof, suffix)
    if d.year >= 2000:
        d = d.replace(year=1960 + d.year % 30)
        prof.meta["dob" + suffix] = d
    return _region(prof, suffix)[0] + d.strftime("%y%m%d") + _digits(rng, 3), "CN_RESIDENT_ID"


def _mobile_digits(prof, suffix):
    key = "mob" + suffix
    if key not in prof.meta:
        prof.meta[key] = prof.rng.choice(MOBILE_PREFIX) + _digits(prof.rng, 8)
    return prof.meta[key]


def g_mobile(prof, suffix):
    rng = prof.rng
    m = _mobile_digits(prof, suffix)
    r = rng.random()
    if r < 0.3:
        v = m
    elif r < 0.45:
        v = f"{m[:3]} {m[3:7]} {m[7:]}"
    elif r < 0.58:
        v = f"{m[:3]}-{m[3:7]}-{m[7:]}"
    elif r < 0.68:
        v = f"+86 {m}"
    elif r < 0.76:
        v = f"+86-{m[:3]}-{m[3:7]}-{m[7:]}"
    elif r < 0.82:
        v = f"(+86){m}"
    elif r < 0.88:
        v = f"0086 {m[:3]} {m[3:7]} {m[7:]}"
    elif r < 0.94:
        v = m.translate(FULLWIDTH)
    else:
        v = f"{m[:4]} {m[4:8]} {m[8:]}"
    return v, "PHONE_NUMBER"


def g_mob4(prof, suffix):
    """Only the last four digits of a mobile, as call centres read them out - not PII on its own."""
    return _mobile_digits(prof, suffix)[-4:], None


def g_tel(prof, suffix):
    rng = prof.rng
    area = rng.choice(AREA_CODES)
    local = _digits(rng, 8 if len(area) == 3 else rng.choice([7, 8]))
    local = str(rng.randint(2, 8)) + local[1:]
    r = rng.random()
    if r < 0.3:
        v = f"{area}-{local}"
    elif r < 0.45:
        v = f"（{area}）{local}"
    elif r < 0.55:
        v = f"({area}){local[:4]}-{local[4:]}"
    elif r < 0.65:
        v = f"{area} {local[:4]} {local[4:]}"
    elif r < 0.75:
        v = f"+86-{area[1:]}-{local}"
    else:
        v = f"{area}{local}"
    if rng.random() < 0.35:
        v += rng.choice(["转", "-", " 转 ", "转分机", " ext.", "#"]) + str(rng.randint(10, 8999))
    return v, "PHONE_NUMBER"


def g_hotline(prof, suffix):
    """Public service hotlines (95588, 12345) - organisation numbers, not personal; left unlabelled."""
    rng = prof.rng
    return rng.choice(["95588", "95533", "95555", "95511", "12345", "95518"]), None


def g_card(prof, suffix):
    rng = prof.rng
    key = "card" + suffix
    if key not in prof.meta:
        length = rng.choice([16, 16, 19, 19, 18, 17])
        body = rng.choice(CARD_BINS) + _digits(rng, length - 7)
        prof.meta[key] = body + luhn_check_digit(body)
    num = prof.meta[key]
    r = rng.random()
    if r < 0.45:
        return num, "CN_BANK_CARD"
    sep = " " if r < 0.8 else "-"
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4)), "CN_BANK_CARD"


def g_card4(prof, suffix):
    prof.get("card", suffix)
    return prof.meta["card" + suffix][-4:], None


def g_uscc(prof, suffix):
    rng = prof.rng
    dept = rng.choice("1599Y")
    cat = {"1": "1", "5": rng.choice("123"), "9": rng.choice("123"), "Y": "1"}[dept]
    division = rng.choice(REGIONS)[0]
    org8 = "".join(rng.choice("0123456789" if rng.random() < 0.85 else "ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    org9 = org8 + gb11714_check(org8)
    body = dept + cat + division + org9
    assert all(c in USCC_CHARS for c in body)
    return body + gb32100_check(body), "CN_USCC"


def g_passport(prof, suffix):
    rng = prof.rng
    r = rng.random()
    if r < 0.5:
        return "E" + _digits(rng, 8), "CN_PASSPORT"
    if r < 0.8:
        return "E" + rng.choice("ABCDEFGHJKLMNPQRSTUVWXY") + _digits(rng, 7), "CN_PASSPORT"
    return rng.choice("GP") + _digits(rng, 8), "CN_PASSPORT"


def g_plate(prof, suffix):
    rng = prof.rng
    key = "plate" + suffix
    if key not in prof.meta:
        prov = rng.choice(PROVINCE_ABBR)
        city = rng.choice(PLATE_LETTERS[:12])
        if rng.random() < 0.3:
            tail = rng.choice("DF") + rng.choice(PLATE_LETTERS[:8] + "0123456789") + _digits(rng, 4)
        else:
            tail = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") if i < 2 else rng.choice("0123456789") for i in range(5))
        prof.meta[key] = (prov, city, tail)
    prov, city, tail = prof.meta[key]
    sep = rng.choice(["", "", "·", " ", "•"])
    return prov + city + sep + tail, "CN_VEHICLE_PLATE"


def g_vin(prof, suffix):
    rng = prof.rng
    alpha = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
    return rng.choice(["LSV", "LFV", "LGB", "LVS", "LHG", "LBV", "LRW"]) + "".join(rng.choice(alpha) for _ in range(6)) + "".join(rng.choice(alpha) for _ in range(2)) + _digits(rng, 6), "ID"


# ------------------------------------------------------------------ places
def g_addr(prof, suffix):
    rng = prof.rng
    _, prov, city, dist = _region(prof, suffix + "a")
    start = rng.random()
    head = prov + city + dist if start < 0.45 else ((city or prov) + dist if start < 0.75 else (dist or city))
    if rng.random() < 0.12:
        town = rng.choice(["青山镇", "城关镇", "石桥镇", "红旗乡", "白鹭镇"])
        v = f"{head}{town}{rng.choice(['东', '西', '南', '北', '新'])}{rng.choice(['坪', '塘', '庄', '湾'])}村{rng.randint(1, 12)}组{rng.randint(1, 80)}号"
        return v, "STREET_ADDRESS"
    road = rng.choice(ROADS)
    v = f"{head}{road}{rng.randint(1, 999)}号"
    r = rng.random()
    if r < 0.7:
        v += rng.choice(ESTATES)
        bld = rng.choice([f"{rng.randint(1, 30)}栋", f"{rng.randint(1, 30)}号楼", f"{rng.randint(1, 30)}幢", f"{rng.choice('ABCDE')}座"])
        unit = rng.choice(["", f"{rng.randint(1, 6)}单元"])
        room = rng.choice([f"{rng.randint(1, 33)}{rng.randint(1, 8):02d}室", f"{rng.randint(1, 33)}{rng.randint(1, 8):02d}", f"{rng.randint(1, 28)}楼{rng.randint(1, 8)}号"])
        v += bld + unit + room
    elif r < 0.85:
        v += rng.choice(["", "院内"]) + f"{rng.randint(1, 9)}号楼{rng.randint(1, 20)}层"
    if rng.random() < 0.1:
        v = v.replace("号", "弄", 1) if "号楼" not in v else v
    return v, "STREET_ADDRESS"


def g_city(prof, suffix):
    rng = prof.rng
    _, prov, city, dist = rng.choice(REGIONS)
    short = prov.replace("省", "").replace("市", "").replace("壮族自治区", "").replace("维吾尔自治区", "").replace("回族自治区", "").replace("自治区", "")
    return rng.choice([prov, city or prov, short + (city.replace("市", "") if city else ""), (city or prov) + dist if dist else prov]), "LOCATION"


def g_district(prof, suffix):
    _, prov, city, dist = _region(prof, suffix + "a")
    return (dist or city or prov), "LOCATION"


def g_arbcom(prof, suffix):
    _, prov, city, dist = _region(prof, suffix + "a")
    return f"{dist or city}劳动人事争议仲裁委员会", "ORGANIZATION"


def g_police(prof, suffix):
    _, prov, city, dist = prof.rng.choice(REGIONS)
    return f"{city or prov}公安局交通警察{prof.rng.choice(['支队', '总队', '大队'])}", "ORGANIZATION"


def g_zip(prof, suffix):
    rng = prof.rng
    return f"{rng.randint(10, 85)}{rng.randint(0, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}", "ZIP_CODE"


# ------------------------------------------------------------------ time
def _fmt_date(rng, d: dt.date) -> str:
    fmts = ["{y}年{m}月{d}日", "{y}年{m}月{d}日", "{m}月{d}日", "{m}月{d}号", "{y}.{m}.{d}", "{yy}/{m}/{d}", "{y}-{m2}-{d2}",
            "{y}/{m2}/{d2}", "{y}年{m2}月{d2}日", "{y}{m2}{d2}", "{m2}-{d2}"]
    f = rng.choice(fmts)
    return f.format(y=d.year, yy=f"{d.year % 100:02d}", m=d.month, d=d.day, m2=f"{d.month:02d}", d2=f"{d.day:02d}")


def g_date(prof, suffix):
    rng = prof.rng
    d = _event(prof, "") + dt.timedelta(days=rng.randint(-40, 40) if suffix else 0)
    return _fmt_date(rng, d), "DATE_TIME"


def g_datet(prof, suffix):
    rng = prof.rng
    d = _event(prof, "") + dt.timedelta(days=rng.randint(-5, 5) if suffix else 0)
    h, mi = rng.randint(7, 22), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    t = rng.choice([f" {h:02d}:{mi:02d}", f"{h}时{mi}分", f" {h}:{mi:02d}", f"上午{h % 12 or 12}点{'半' if mi == 30 else ''}" if h < 12 else f"{'晚上' if h >= 18 else '下午'}{h - 12 or 12}点" + (f"{mi}分" if mi else "")])
    return _fmt_date(rng, d) + t, "DATE_TIME"


def g_month(prof, suffix):
    rng = prof.rng
    d = _event(prof, "") - dt.timedelta(days=rng.randint(60, 900))
    return rng.choice([f"{d.year}年{d.month}月", f"{d.year}.{d.month:02d}", f"{d.year}年{d.month:02d}月"]), "DATE_TIME"


# ------------------------------------------------------------------ organisations
def g_company(prof, suffix):
    rng = prof.rng
    _, prov, city, dist = rng.choice(REGIONS)
    place = (city or prov).replace("市", "").replace("省", "")
    return f"{place}{rng.choice(CO_PREFIX)}{rng.choice(CO_INDUSTRY)}{rng.choice(CO_SUFFIX)}", "ORGANIZATION"


def g_hospital(prof, suffix):
    rng = prof.rng
    _, prov, city, dist = rng.choice(REGIONS)
    place = (city or prov).replace("省", "")
    return rng.choice([f"{place}{rng.choice(HOSPITALS)}", f"{prov.replace('省', '')}大学附属第{rng.choice('一二三')}医院", f"{dist or place}社区卫生服务中心"]), "ORGANIZATION"


def g_bank(prof, suffix):
    rng = prof.rng
    _, prov, city, dist = rng.choice(REGIONS)
    b = rng.choice(BANKS)
    return rng.choice([b, f"{b}{(city or prov).replace('市', '').replace('省', '')}分行", f"{b}{(dist or city)}支行"]), "ORGANIZATION"


def g_insurer(prof, suffix):
    return prof.rng.choice(INSURERS), "ORGANIZATION"


def g_school(prof, suffix):
    rng = prof.rng
    _, prov, city, dist = rng.choice(REGIONS)
    return f"{city or prov}{rng.choice(SCHOOLS)}", "ORGANIZATION"


def g_shop(prof, suffix):
    rng = prof.rng
    return rng.choice(["优品", "拾光", "木子", "悦家", "橙心", "小鹿", "北极"]) + rng.choice(["家居旗舰店", "数码专营店", "母婴官方店", "服饰旗舰店", "美妆专卖店"]), "ORGANIZATION"


# ------------------------------------------------------------------ net
def g_email(prof, suffix):
    rng = prof.rng
    handle = rng.choice(SYLLABLES) + rng.choice(["", ".", "_"]) + rng.choice(SYLLABLES) + rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1970, 2005))])
    if rng.random() < 0.2:
        handle = _digits(rng, rng.randint(6, 10)).lstrip("0") or "10086"
        return handle + "@qq.com", "EMAIL_ADDRESS"
    return f"{handle}@{rng.choice(EMAIL_DOMAINS)}", "EMAIL_ADDRESS"


def g_wemail(prof, suffix):
    rng = prof.rng
    first = prof.meta.get("xfirst" + suffix) or rng.choice(ENGLISH_FIRST)
    return f"{first.lower()}.{rng.choice(SYLLABLES)}@{rng.choice(['hxkj.com.cn', 'boyuan-tech.cn', 'shengtai.com', 'cloudsail.cn'])}", "EMAIL_ADDRESS"


def g_ip(prof, suffix):
    rng = prof.rng
    return f"{rng.choice([36, 58, 61, 101, 112, 117, 120, 183, 223])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "IP_ADDRESS"


def g_url(prof, suffix):
    rng = prof.rng
    return rng.choice([
        f"https://m.example-shop.cn/refund/{_digits(rng, 10)}",
        f"http://t.cn/A6{''.join(rng.choice('abcdefghijkmnpqrstuvwxyzABCDEFGH23456789') for _ in range(6))}",
        f"https://weibo.com/u/{_digits(rng, 10)}",
        f"https://www.douyin.com/user/MS4wLjAB{''.join(rng.choice('abcdefghijkmnpqrstuvwxyz0123456789') for _ in range(10))}",
    ]), "URL"


# ------------------------------------------------------------------ record numbers
def _alnum(rng, n, alphabet="0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def _id(fn):
    def gen(prof, suffix):
        return fn(prof.rng), "ID"
    return gen


def _mrn(fn):
    def gen(prof, suffix):
        return fn(prof.rng), "MEDICAL_RECORD_NUMBER"
    return gen


UP = "ABCDEFGHJKLMNPQRSTUVWXYZ"

GENERATORS = {
    "name": g_name, "kin": g_kin, "sur": g_sur, "given": g_given, "xname": g_xname, "xfirst": g_xfirst,
    "sex": g_sex, "nation": g_nation, "party": g_party, "age": g_age, "agen": g_agen, "kidage": g_kidage, "kidbirth": g_kidbirth,
    "birth": g_birth, "id": g_id18, "idold": g_id15, "mobile": g_mobile, "mob": g_mob4, "tel": g_tel,
    "hotline": g_hotline, "card": g_card, "cardtail": g_card4, "uscc": g_uscc, "passport": g_passport,
    "plate": g_plate, "vin": g_vin, "addr": g_addr, "city": g_city, "district": g_district, "zip": g_zip, "arbcom": g_arbcom, "police": g_police,
    "date": g_date, "datet": g_datet, "month": g_month, "company": g_company, "hospital": g_hospital,
    "bank": g_bank, "insurer": g_insurer, "school": g_school, "shop": g_shop, "email": g_email,
    "wemail": g_wemail, "ip": g_ip, "url": g_url,
    # ID
    "order": _id(lambda r: r.choice(["", "", "DD", "SO"]) + r.choice("123456789") + _alnum(r, r.choice([15, 17, 18]))),
    "refund": _id(lambda r: "TK" + _alnum(r, 14)),
    "workorder": _id(lambda r: r.choice(["WX", "BX", "GD-"]) + _alnum(r, 4) + r.choice(["", "-"]) + _alnum(r, 6)),
    "policy": _id(lambda r: r.choice(["P", "6", "AGUZ", "PDAA", "8"]) + _alnum(r, r.choice([14, 16, 18]))),
    "claim": _id(lambda r: r.choice(["RDAA", "9", "BA"]) + _alnum(r, r.choice([15, 17]))),
    "contract": _id(lambda r: r.choice(["HT", "JK", "XD", "DK"]) + str(r.randint(2019, 2025)) + r.choice(["", "-"]) + _alnum(r, 8)),
    "loan": _id(lambda r: "JJ" + _alnum(r, 16)),
    "member": _id(lambda r: r.choice(["VIP", "M", ""]) + _alnum(r, r.choice([9, 10, 12]))),
    "invoice": _id(lambda r: _alnum(r, 8)),
    "caseno": _id(lambda r: f"{r.choice(['京', '沪', '穗', '深', '杭', '蓉', '宁'])}{r.choice(['劳人仲案字', '劳仲案'])}〔{r.randint(2023, 2025)}〕第{r.randint(10, 9999)}号"),
    "emp": _id(lambda r: r.choice(["E", "HR", "", "A"]) + _alnum(r, r.choice([5, 6, 7]))),
    "stu": _id(lambda r: str(r.randint(2017, 2024)) + _alnum(r, 6)),
    "wx": _id(lambda r: r.choice(["wxid_", "", ""]) + r.choice(["sunny", "xiaoyu", "lele", "mumu", "tiantian", "a", "zz"]) + _alnum(r, r.randint(3, 8), "abcdefghijkmnpqrstuvwxyz0123456789")),
    "waybill": _id(lambda r: r.choice(["SF", "YT", "JT", "ZTO", "JD"]) + _alnum(r, r.choice([12, 13, 15]))),
    "appno": _id(lambda r: r.choice(["FQ", "APP", "CC"]) + str(r.randint(2023, 2025)) + _alnum(r, 10)),
    "license": _id(lambda r: _alnum(r, 12)),
    "archive": _id(lambda r: _alnum(r, 12)),
    "report": _id(lambda r: r.choice(["BA", "R", ""]) + _alnum(r, 2, UP) + _alnum(r, 12)),
    "household": _id(lambda r: r.choice(["WG", "GZ"]) + "-" + _alnum(r, 3) + "-" + _alnum(r, 4)),
    "candidate": _id(lambda r: r.choice(["C", "TP", "RC"]) + _alnum(r, 7)),
    "room": _id(lambda r: _alnum(r, 1, UP) + "-" + _alnum(r, 4)),
    # MEDICAL_RECORD_NUMBER
    "mzh": _mrn(lambda r: r.choice(["MZ", "", "0"]) + _alnum(r, r.choice([8, 10]))),
    "zyh": _mrn(lambda r: r.choice(["ZY", "", "Z"]) + _alnum(r, r.choice([6, 7, 8]))),
    "blh": _mrn(lambda r: r.choice(["BL", "", "H"]) + _alnum(r, 9)),
    "tjh": _mrn(lambda r: r.choice(["TJ", "PE"]) + str(r.randint(2023, 2025)) + _alnum(r, 6)),
    "zxh": _mrn(lambda r: r.choice(["HLW", "IH"]) + _alnum(r, 11)),
}


def _filler(values):
    def gen(prof, suffix):
        return prof.rng.choice(values), None
    return gen


GENERATORS.update({
    "money": lambda p, s: (p.rng.choice([f"{p.rng.randint(50, 99999)}元", f"¥{p.rng.randint(100, 50000)}.00", f"{p.rng.randint(1, 30)}万元", f"人民币{p.rng.randint(1000, 90000)}元"]), None),
    "periods": _filler(["3期", "6期", "12期", "24期", "18期"]),
    "goods": _filler(["蓝牙耳机", "空气炸锅", "羽绒服", "儿童书包", "扫地机器人", "运动鞋", "电饭煲", "床上四件套", "保温杯", "平板电脑"]),
    "symptom": _filler(["咳嗽三天", "反复头痛一周", "发热伴咽痛", "腹泻两天", "皮疹瘙痒", "腰背酸痛", "失眠多梦", "胸闷气短"]),
    "car": _filler(["白色大众朗逸", "黑色丰田凯美瑞", "蓝色比亚迪秦PLUS", "灰色特斯拉Model 3", "红色本田飞度", "银色吉利星越L", "白色理想L7"]),
    "job": _filler(["Java开发工程师", "产品经理", "财务主管", "仓库管理员", "销售代表", "UI设计师", "行政专员", "数据分析师"]),
    "bed": _filler([f"{i}床" for i in range(1, 40)]),
    "grade": _filler(["三年级二班", "五年级(1)班", "一年级3班", "初二(6)班", "四年级四班"]),
})
