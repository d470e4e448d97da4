"""Places, dates, organisations and record numbers for heldout_zh8."""

from __future__ import annotations

import datetime as dt

from _zh8_values import (
    BANKS,
    CN_DIGITS,
    CO_KIND,
    CO_WORDS,
    ESTATES,
    ROADS,
    TOWNS,
    UNIONPAY,
    VILLAGES,
    Seg,
    ZhValues,
    luhn_digit,
    uscc,
)

WEEK = "一二三四五六日"
DIGITS = "0123456789"


def cn_year(y: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def cn_small(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    return ("" if n < 20 else CN_DIGITS[n // 10]) + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


class ZhValues8(ZhValues):
    def digits(self, n: int) -> str:
        return str(self.rng.randint(1, 9)) + "".join(self.rng.choice(DIGITS) for _ in range(n - 1))

    # ---- places --------------------------------------------------------------
    def v_addr(self, i: int) -> Seg:
        r = self.rng
        prov, city, dists = self.city[0], self.city[1], self.city[2]
        dist = r.choice(dists)
        head = r.choice([prov + city + dist, city + dist, dist, city + dist])
        if prov == city and head.startswith(prov + city):
            head = city + dist
        if r.random() < 0.12:
            tail = f"{r.choice(TOWNS)}{r.choice(VILLAGES)}{r.randint(1, 9)}组{r.randint(1, 60)}号"
            return [(head + tail, "STREET_ADDRESS")]
        road = f"{r.choice(ROADS)}{r.randint(1, 999)}号"
        unit = r.choice([
            f"{r.choice(ESTATES)}{r.randint(1, 30)}栋{r.randint(1, 4)}单元{r.randint(1, 33)}{r.randint(1, 4):02d}室",
            f"{r.choice(ESTATES)}{r.randint(1, 20)}幢{r.randint(1, 28)}{r.randint(1, 6):02d}室",
            f"{r.choice(ESTATES)}{r.randint(1, 12)}号楼{r.randint(1, 3)}单元{r.randint(2, 18)}楼",
            f"{r.choice(ESTATES)}{r.randint(1, 12)}-{r.randint(1, 3)}-{r.randint(1, 18)}{r.randint(1, 4):02d}",
            f"{r.choice(['A', 'B', 'C'])}座{r.randint(5, 32)}层{r.randint(1, 20):02d}室",
            "",
        ])
        return [(head + road + unit, "STREET_ADDRESS")]

    def v_city(self, i: int) -> Seg:
        return [(self.city[1], "LOCATION")]

    def v_dist(self, i: int) -> Seg:
        return [(self.city[1] + self.rng.choice(self.city[2]), "LOCATION")]

    def v_zip(self, i: int) -> Seg:
        return [(self.city[4] + self.digits(2), "ZIP_CODE")]

    def v_plate(self, i: int) -> Seg:
        r = self.rng
        pre = self.city[5]
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        roll = r.random()
        if roll < 0.08:
            body = "".join(r.choice(DIGITS) for _ in range(5)) + r.choice("DF")
        elif roll < 0.3:
            body = r.choice("DF") + r.choice(letters + DIGITS) + "".join(r.choice(DIGITS) for _ in range(4))
        else:
            body = "".join(r.choice(letters + DIGITS * 2) for _ in range(5))
        sep = r.choice(["", "", "·", " "])
        return [(pre + sep + body, "CN_VEHICLE_PLATE")]

    def v_ip(self, i: int) -> Seg:
        r = self.rng
        return [(f"{r.choice([36, 58, 117, 183, 220, 112])}.{r.randint(1, 254)}.{r.randint(0, 254)}.{r.randint(1, 254)}",
                 "IP_ADDRESS")]

    # ---- dates ---------------------------------------------------------------
    def reset(self) -> None:
        super().reset()
        self.days: dict[int, dt.date] = {}

    def day(self, i: int) -> dt.date:
        if i <= 1:
            return self.date
        if i not in self.days:
            self.days[i] = self.date + dt.timedelta(days=self.rng.randint(-45, 30))
        return self.days[i]

    def v_date(self, i: int) -> Seg:
        d = self.day(i)
        r = self.rng
        forms = [f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month}月{d.day}日", d.strftime("%Y-%m-%d"),
                 f"{d.year}/{d.month}/{d.day}", f"{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}",
                 d.strftime("%Y/%m/%d"), f"{d.month}月{d.day}号", f"{d.month}月{d.day}日（周{WEEK[d.weekday()]}）"]
        return [(r.choice(forms), "DATE_TIME")]

    def v_cndate(self, i: int) -> Seg:
        d = self.day(i)
        return [(f"{cn_year(d.year)}年{cn_small(d.month)}月{cn_small(d.day)}日", "DATE_TIME")]

    def v_dtime(self, i: int) -> Seg:
        d = self.day(i)
        r = self.rng
        h, m = r.randint(7, 22), r.randint(0, 59)
        spoken = f"{'上午' if h < 12 else '下午' if h < 18 else '晚上'}{h if h <= 12 else h - 12}点{f'{m}分' if m else ''}"
        forms = [f"{d.year}-{d.month:02d}-{d.day:02d} {h:02d}:{m:02d}", f"{d.year}年{d.month}月{d.day}日 {h}:{m:02d}",
                 f"{d.month}月{d.day}日{spoken}", f"{d.year}/{d.month:02d}/{d.day:02d} {h:02d}:{m:02d}:{r.randint(0, 59):02d}",
                 f"{d.year}年{d.month}月{d.day}日{h}时{m}分"]
        return [(r.choice(forms), "DATE_TIME")]

    def v_month(self, i: int) -> Seg:
        r = self.rng
        y, m = r.randint(2008, 2024), r.randint(1, 12)
        return [(r.choice([f"{y}年{m}月", f"{y}.{m:02d}", f"{y}-{m:02d}", f"{y}/{m}"]), "DATE_TIME")]

    # ---- organisations ---------------------------------------------------------
    def v_co(self, i: int) -> Seg:
        r = self.rng
        city = r.choice([self.city[1].rstrip("市"), self.city[1], ""])
        return [(f"{city}{r.choice(CO_WORDS)}{r.choice(CO_KIND)}有限公司", "ORGANIZATION")]

    def v_hosp(self, i: int) -> Seg:
        r = self.rng
        c = self.city[1]
        return [(r.choice([f"{c}第{r.choice('一二三四五六')}人民医院", f"{c}中医院", f"{r.choice(self.city[2])}妇幼保健院",
                           f"{c}{r.choice(['仁和', '博爱', '同济', '康宁'])}医院",
                           f"{r.choice(self.city[2])}{r.choice(ROADS)[:2]}社区卫生服务中心"]), "ORGANIZATION")]

    def v_bank(self, i: int) -> Seg:
        r = self.rng
        return [(f"{r.choice(BANKS)}{self.city[1].rstrip('市')}{r.choice(self.city[2]).rstrip('区')}支行", "ORGANIZATION")]

    def v_bankhq(self, i: int) -> Seg:
        return [(self.rng.choice(BANKS), "ORGANIZATION")]

    def v_school(self, i: int) -> Seg:
        r = self.rng
        c = self.city[1].rstrip("市")
        return [(r.choice([f"{c}大学", f"{c}理工学院", f"{c}师范大学", f"{c}第{r.choice('一二三七九')}中学",
                           f"{c}职业技术学院", f"{c}财经大学"]), "ORGANIZATION")]

    def v_court(self, i: int) -> Seg:
        return [(f"{self.city[1]}{self.rng.choice(self.city[2])}人民法院", "ORGANIZATION")]

    def v_police(self, i: int) -> Seg:
        r = self.rng
        return [(f"{self.city[1]}公安局{r.choice(self.city[2])}分局{r.choice(ROADS)[:2]}派出所", "ORGANIZATION")]

    def v_insurer(self, i: int) -> Seg:
        r = self.rng
        return [(r.choice(["中国人寿保险股份有限公司", "平安健康保险股份有限公司", "太平洋人寿", "泰康人寿保险有限责任公司",
                           "中国人民财产保险股份有限公司"]) + r.choice(["", f"{self.city[1]}分公司"]), "ORGANIZATION")]

    def v_hotel(self, i: int) -> Seg:
        r = self.rng
        return [(f"{self.city[1].rstrip('市')}{r.choice(['悦庭', '锦澜', '山水', '云栖', '君和'])}酒店", "ORGANIZATION")]

    def v_gov(self, i: int) -> Seg:
        r = self.rng
        d = r.choice(self.city[2])
        return [(r.choice([f"{d}住房和城乡建设局", f"{d}城市管理局", f"{d}{r.choice(ROADS)[:2]}街道办事处",
                           f"{d}市场监督管理局", f"{d}生态环境分局"]), "ORGANIZATION")]

    # ---- numbers -----------------------------------------------------------------
    def raw_card(self, i: int) -> str:
        if i not in self.cards:
            r = self.rng
            n = r.choice([16, 19, 19, 16, 17, 18])
            body = r.choice(UNIONPAY) + "".join(r.choice(DIGITS) for _ in range(n - 7))
            self.cards[i] = body + luhn_digit(body)
        return self.cards[i]

    def v_card(self, i: int) -> Seg:
        c = self.raw_card(i)
        r = self.rng.random()
        if r < 0.35:
            c = " ".join(c[k:k + 4] for k in range(0, len(c), 4))
        elif r < 0.45:
            c = "-".join(c[k:k + 4] for k in range(0, len(c), 4))
        return [(c, "CN_BANK_CARD")]

    def v_tail(self, i: int) -> Seg:
        return [(self.raw_card(i)[-4:], None)]

    def v_uscc(self, i: int) -> Seg:
        return [(uscc(self.rng, self.rng.choice(self.city[6])), "CN_USCC")]

    def v_pp(self, i: int) -> Seg:
        r = self.rng
        form = r.random()
        if form < 0.55:
            return [("E" + self.digits(8), "CN_PASSPORT")]
        if form < 0.8:
            return [("E" + r.choice("ABCDEFGHJK") + self.digits(7), "CN_PASSPORT")]
        return [("G" + self.digits(8), "CN_PASSPORT")]

    def v_mrn(self, i: int) -> Seg:
        r = self.rng
        return [(r.choice([self.digits(8), "ZY" + self.digits(9), f"{self.date.year}{self.digits(6)}"]),
                 "MEDICAL_RECORD_NUMBER")]

    def v_no(self, i: int) -> Seg:
        """Generic labelled record number (ID)."""
        r = self.rng
        y = self.date.strftime("%Y%m%d")
        form = r.choice([self.digits(12), y + self.digits(6), "GD" + y + self.digits(4), self.digits(16),
                         r.choice("ABCHKLPSTW") + self.digits(10), f"{self.date.year}-{self.digits(6)}"])
        return [(form, "ID")]

    def v_case(self, i: int) -> Seg:
        r = self.rng
        code = self.city[5][0] + r.choice(self.city[6])[2:]
        kind = r.choice(["民初", "民特", "执", "民调"])
        return [(f"（{self.date.year}）{code}{kind}{r.randint(101, 28999)}号", "ID")]

    def v_empno(self, i: int) -> Seg:
        r = self.rng
        return [(r.choice(["E", "HX", "QM-", ""]) + self.digits(r.choice([5, 6, 7])), "ID")]

    def v_url(self, i: int) -> Seg:
        r = self.rng
        tok = "".join(r.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(7))
        return [(r.choice([f"https://t.cn/{tok}", f"https://s.zh8.cn/{tok}", f"http://m.qmjx.com/r/{tok}"]), "URL")]

    def v_room(self, i: int) -> Seg:
        r = self.rng
        return [(r.choice([f"{r.randint(1, 18)}-{r.randint(1, 4)}-{r.randint(2, 32)}{r.randint(1, 4):02d}",
                           f"{r.randint(1, 18)}幢{r.randint(1, 4)}单元{r.randint(2, 32)}{r.randint(1, 4):02d}",
                           f"{r.choice('ABCDE')}{r.randint(1, 9)}-{r.randint(2, 32)}{r.randint(1, 4):02d}"]), "ID")]

    def v_nia(self, i: int) -> Seg:
        return [(self.rng.choice(["国家移民管理局", f"{self.city[1]}公安局出入境管理支队"]), "ORGANIZATION")]

    def v_ehotel(self, i: int) -> Seg:
        return [(self.rng.choice(["Hotel Lindenhof", "Pension Alma", "Hotel Rivoli Sud", "Hostal Mirador"]),
                 "ORGANIZATION")]

    def v_merchant(self, i: int) -> Seg:
        return [(self.rng.choice(["Brightline Store", "NORDVIK OUTLET", "Casa Verde Market", "PXL Digital Ltd"]),
                 "ORGANIZATION")]

    def v_cc(self, i: int) -> Seg:
        return [(self.rng.choice(BANKS) + "信用卡中心", "ORGANIZATION")]

    def v_cross(self, i: int) -> Seg:
        r = self.rng
        a, b = r.sample(ROADS, 2)
        head = r.choice([self.city[1], ""]) + r.choice(self.city[2])
        if r.random() < 0.6:
            return [(f"{head}{a}与{b}交叉口", "LOCATION")]
        return [(f"{head}{a}{r.randint(1, 600)}号", "STREET_ADDRESS"), ("附近", None)]

    def v_pmco(self, i: int) -> Seg:
        r = self.rng
        return [(f"{r.choice([self.city[1], ''])}{r.choice(CO_WORDS)}物业服务有限公司", "ORGANIZATION")]

    def v_lunar(self, i: int) -> Seg:
        r = self.rng
        months = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]
        day = r.choice(["初三", "初八", "十二", "十五", "十六", "廿一", "廿六", "初十"])
        return [(f"农历{r.choice(months)}月{day}", "DATE_TIME")]

    def v_lawfirm(self, i: int) -> Seg:
        r = self.rng
        return [(f"{r.choice(['', self.city[0].rstrip('省市')])}{r.choice(CO_WORDS)}律师事务所", "ORGANIZATION")]

    def v_paymonth(self, i: int) -> Seg:
        d = self.date.replace(day=1) - dt.timedelta(days=1)
        return [(self.rng.choice([f"{d.year}年{d.month}月", f"{d.year}年{d.month:02d}月", f"{d.year}-{d.month:02d}"]),
                 "DATE_TIME")]
