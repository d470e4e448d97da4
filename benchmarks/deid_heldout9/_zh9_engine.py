"""Document builder for heldout_zh9: segments of (text, type or None), people cached per document."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from _zh9_values import CITIES, EN_SUR, ENGLISH, NATIONS, POLITICS, RURAL, Vals, cn_age

FILLERS = (
    "以上信息由本人确认无误。", "如有疑问请在工作时间内联系。", "附件材料已扫描上传。", "本记录仅供内部留存。",
    "请于三个工作日内完成复核。", "系统已自动发送提醒短信。", "备注：资料原件已当面退还。", "（以下空白）",
    "经办人已核对原件。", "相关费用按公示标准执行。",
)


@dataclass
class Person:
    sur: str
    given: str
    male: bool
    age: int
    birth: dt.date
    div: str
    cache: dict = field(default_factory=dict)

    @property
    def full(self) -> str:
        return self.sur + self.given


class Doc:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng
        self.v = Vals(rng)
        self.segs: list[tuple[str, str | None]] = []
        self.people: dict[int, Person] = {}
        self.date = self.v.doc_date()
        self.city = self.v.pick(CITIES)
        self.colon = self.v.pick(("：", "：", "：", ":", ": "))
        self.cache: dict[str, str] = {}
        self.used_fill: set[str] = set()

    # ---- low level
    def t(self, *texts: str) -> Doc:
        for text in texts:
            self.segs.append((text, None))
        return self

    def s(self, text: str, typ: str) -> Doc:
        self.segs.append((text, typ))
        return self

    def nl(self) -> Doc:
        return self.t("\n")

    def lab(self, label: str) -> Doc:
        return self.t(label + self.colon)

    def w(self, *options: str) -> str:
        return self.v.pick(options)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def filler(self, p: float = 0.12) -> None:
        if self.chance(p):
            f = self.v.pick(FILLERS)
            if f not in self.used_fill:
                self.used_fill.add(f)
                self.t(f, "\n")

    def once(self, key: str, make) -> str:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    # ---- people
    def p(self, i: int, lo: int = 22, hi: int = 64, male: bool | None = None) -> Person:
        if i not in self.people:
            m = self.chance(0.5) if male is None else male
            age = self.r.randint(lo, hi)
            birth = dt.date(self.date.year - age - 1, 1, 1) + dt.timedelta(days=self.r.randrange(365))
            age = self.date.year - birth.year - ((self.date.month, self.date.day) < (birth.month, birth.day))
            x = self.r.random()
            if x < 0.45:
                div = self.v.pick(self.city[5])[1]
            elif x < 0.8:
                div = self.v.pick(self.v.pick(CITIES)[5])[1]
            else:
                div = self.v.pick(RURAL)[3]
            sur = self.v.surname()
            taken = {q.full for q in self.people.values()}
            given = self.v.given(m)
            while sur + given in taken:
                given = self.v.given(m)
            self.people[i] = Person(sur, given, m, age, birth, div)
        return self.people[i]

    def name(self, i: int) -> Doc:
        return self.s(self.p(i).full, "PERSON")

    def title(self, i: int, male_t: str = "先生", female_t: str = "女士") -> Doc:
        q = self.p(i)
        return self.s(q.sur, "PERSON").t(male_t if q.male else female_t)

    def nick(self, i: int) -> Doc:
        q = self.p(i)
        if len(q.sur) > 1:
            return self.name(i)
        return self.t("老" if q.age >= 40 else "小").s(q.sur, "PERSON")

    def given(self, i: int) -> Doc:
        q = self.p(i)
        if len(q.given) < 2:
            return self.name(i)
        return self.s(q.given, "PERSON")

    def pv(self, i: int, key: str, make) -> str:
        q = self.p(i)
        if key not in q.cache:
            q.cache[key] = make()
        return q.cache[key]

    def mobile(self, i: int) -> Doc:
        return self.s(self.pv(i, "mob", self.v.mobile), "PHONE_NUMBER")

    def rid(self, i: int) -> Doc:
        q = self.p(i)
        return self.s(self.pv(i, "rid", lambda: self.v.resident_id(q.div, q.birth, q.male)), "CN_RESIDENT_ID")

    def card(self, i: int) -> Doc:
        return self.s(self.pv(i, "card", self.v.bank_card), "CN_BANK_CARD")

    def tail(self, i: int) -> Doc:
        c = self.pv(i, "card", self.v.bank_card).replace(" ", "").replace("-", "")
        return self.t("尾号" + c[-4:])

    def email(self, i: int) -> Doc:
        return self.s(self.pv(i, "mail", self.v.email), "EMAIL_ADDRESS")

    def passport(self, i: int) -> Doc:
        return self.s(self.pv(i, "pp", self.v.passport), "CN_PASSPORT")

    def age(self, i: int, bare: bool = False) -> Doc:
        a = self.p(i).age
        if bare:
            return self.s(str(a), "AGE")
        return self.s(self.v.pick((f"{a}岁", f"{a}岁", f"{a}周岁", cn_age(a) + "岁")), "AGE")

    def birth(self, i: int) -> Doc:
        b = self.p(i).birth
        return self.s(self.pv(i, "bd", lambda: self.v.fmt_date(b, self.v.pick(("cn", "iso", "dot", "slash", "cn0")))), "DATE_TIME")

    def sex(self, i: int) -> Doc:
        return self.t("男" if self.p(i).male else "女")

    def nation(self, i: int) -> Doc:
        return self.s(self.pv(i, "nat", lambda: self.v.pick(NATIONS)), "NRP")

    def politics(self, i: int) -> Doc:
        return self.s(self.pv(i, "pol", lambda: self.v.pick(POLITICS)), "NRP")

    def english(self, i: int) -> Doc:
        full = self.pv(i, "en", lambda: self.v.pick(ENGLISH) + (" " + self.v.pick(EN_SUR) if self.chance(0.5) else ""))
        return self.s(full, "PERSON")

    # ---- places / dates / orgs
    def addr(self, key: str = "a", rural: bool = False) -> Doc:
        def make() -> str:
            if rural:
                prov, city, county, _div, town, village = self.v.pick(RURAL)
                head = self.v.pick((prov + city + county, city + county, county))
                grp = self.v.pick((f"{self.r.randint(1, 9)}组", f"{cn_age(self.r.randint(1, 9))}组"))
                return f"{head}{town}{village}{grp}{self.r.randint(1, 80)}号"
            prov, city = self.city[0], self.city[1]
            dist = self.v.pick(self.city[5])[0]
            head = self.v.pick((prov + city + dist, city + dist, dist)) if prov != city else self.v.pick((city + dist, dist))
            road = f"{self.v.pick(self.city[6])}{self.r.randint(1, 399)}号"
            est = self.v.pick(self.city[7])
            b, u, rm = self.r.randint(1, 28), self.r.randint(1, 4), self.r.randint(1, 33) * 100 + self.r.randint(1, 6)
            tail = self.v.pick((f"{est}{b}栋{u}单元{rm}室", f"{est}{b}幢{rm}室", f"{est}{b}-{u}-{rm}", f"{est}{b}号楼{u}单元{rm}",
                                f"{self.r.randint(3, 30)}楼", f"{est}{b}栋{rm}"))
            return head + road + tail
        return self.s(self.once("addr" + key, make), "STREET_ADDRESS")

    def zip(self) -> Doc:
        return self.s(self.once("zip", lambda: self.city[4] + self.v.digits(3)), "ZIP_CODE")

    def loc_city(self) -> Doc:
        return self.s(self.city[1], "LOCATION")

    def d(self, key: str = "d", lo: int = 0, hi: int = 0, style: str | None = None, time: bool = False) -> Doc:
        def make() -> str:
            day = self.v.near(self.date, lo, hi)
            return self.v.fmt_datetime(day) if time else self.v.fmt_date(day, style)
        return self.s(self.once("date" + key, make), "DATE_TIME")

    def org(self, key: str, make) -> Doc:
        return self.s(self.once("org" + key, make), "ORGANIZATION")

    def company(self, key: str = "co") -> Doc:
        def make() -> str:
            place = self.v.pick((self.city[1], self.city[1][:-1], ""))
            core = self.v.pick(("恒信", "瑞丰", "嘉禾", "远大", "天择", "博源", "星河", "华拓", "诚达", "青木", "聚力", "明泰"))
            trade = self.v.pick(("科技", "电子商务", "物流", "建筑工程", "贸易", "餐饮管理", "信息技术", "医疗器械", "文化传媒"))
            return f"{place}{core}{trade}有限公司" if place else f"{core}{trade}股份有限公司"
        return self.org(key, make)

    def uscc(self, key: str = "co") -> Doc:
        div = self.city[5][0][1]
        return self.s(self.once("uscc" + key, lambda: self.v.uscc(div)), "CN_USCC")

    def idv(self, key: str, make) -> Doc:
        return self.s(self.once("id" + key, make), "ID")

    def ip(self, key: str = "ip") -> Doc:
        return self.s(self.once("ip" + key, self.v.ip), "IP_ADDRESS")

    def url(self, key: str = "url") -> Doc:
        return self.s(self.once("url" + key, self.v.url), "URL")

    def native(self, i: int) -> Doc:
        def make() -> str:
            c = self.v.pick(CITIES)
            return self.v.pick((c[0][:-1] + c[1][:-1], c[0], c[1][:-1]))
        return self.s(self.pv(i, "native", make), "LOCATION")

    def digits(self, n: int) -> str:
        return self.v.digits(n)

    # ---- output
    def render(self) -> tuple[str, list[dict]]:
        text, spans, pos = [], [], 0
        for seg, typ in self.segs:
            if typ is not None:
                spans.append({"start": pos, "end": pos + len(seg), "type": typ})
            text.append(seg)
            pos += len(seg)
        return "".join(text).rstrip("\n ").rstrip(), spans
