"""Kinds 11-20 and the PII-free notices of heldout_zh9."""

from __future__ import annotations

from _zh9_engine import Doc
from _zh9_kinds_a import bank, hospital

COUNTRIES = ("日本", "泰国", "新加坡", "马来西亚", "越南", "法国", "意大利", "澳大利亚", "土耳其", "埃及")


def tour_roster(d: Doc) -> None:
    agency = d.once("ta", lambda: d.city[1][:-1] + d.w("中国国际旅行社有限公司", "春秋国际旅行社有限公司", "途远旅行社有限公司"))
    dest = d.once("dest", lambda: d.v.pick(COUNTRIES))
    d.s(agency, "ORGANIZATION").t(" 出团名单\n团号：").idv("grp", lambda: d.w("CT", "JT", "TY") + d.digits(8)).t("\t线路：").s(dest, "LOCATION").t(f"{d.r.randint(5, 9)}日游\t出发：").d("go", 3, 40, style=d.w("iso", "cn", "dot")).nl()
    d.t("序号\t姓名\t性别\t出生日期\t护照号码\t联系电话\n")
    for k in range(d.r.randint(4, 10)):
        i = 10 + k
        d.t(f"{k + 1}\t").name(i).t("\t").sex(i).t("\t").birth(i).t("\t").passport(i).t("\t")
        if d.chance(0.75):
            d.mobile(i)
        else:
            d.t("同上")
        d.nl()
    d.t("领队：").name(1).t(" ").mobile(1).nl()
    if d.chance(0.6):
        d.t("紧急联系人（国内）：").name(2).t(" ").mobile(2).nl()
    d.t("备注：", d.w("第6位游客素食。", "请游客提前3小时到达机场集合。", "两位老人已签健康承诺书。", "全体游客已购买境外旅游意外险。"))


def financial_complaint(d: Doc) -> None:
    b = d.once("bk", lambda: d.w("中国工商银行", "招商银行", "兴业银行", "中信银行", "浦发银行"))
    d.t(d.w("金融消费投诉书\n", "关于理财产品销售问题的投诉\n"), "致：").org("reg", lambda: "国家金融监督管理总局" + d.city[0][:-1] + "监管局").nl()
    d.t("投诉人").name(1).t("，").sex(1).t("，").age(1).t("，身份证号").rid(1).t("，住").addr().t("，联系电话").mobile(1).t("。\n")
    d.t("被投诉机构：").org("br", lambda: b + d.city[1][:-1] + d.v.pick(d.city[5])[0][:-1] + "支行").nl()
    d.t("本人于").d("buy", -400, -60).t("到该支行办理定期存款，理财经理").title(2, "经理", "经理").t(d.w("称", "向我推荐说")).t("该产品“保本保息、随时可取”，")
    d.t(f"我便将{d.r.randint(5, 80)}万元从卡号").card(1).t("的账户转入购买。")
    d.t("购买时未进行风险评估录音录像，风险测评问卷也是").nick(2).t(d.w("替我勾选的。", "代填后让我签字的。"))
    d.t("近日我到期赎回时发现亏损", str(d.r.randint(3, 19)), "%，多次找支行负责人")
    if d.chance(0.5):
        d.name(3)
    else:
        d.title(3, "行长", "行长")
    d.t("协商无果。\n")
    d.filler()
    if d.chance(0.5):
        d.t("我").t(d.w("女儿", "儿子", "侄子")).name(4).t("（").mobile(4).t("）可代为沟通。\n")
    if d.chance(0.4):
        d.t("销售过程的现场录音已上传：").url().t("\n")
    d.t("诉求：退还本金并赔偿利息损失。\n投诉人：").name(1).nl().d()


def owners_vote_tally(d: Doc) -> None:
    est = d.v.pick(d.city[7])
    d.t(d.once("title", lambda: f"{est}第{d.w('一', '二', '三')}届业主大会表决票统计"), "\n").lab("小区地址")
    d.s(d.once("ea", lambda: d.v.pick(d.city[5])[0] + d.v.pick(d.city[6]) + f"{d.r.randint(1, 300)}号"), "STREET_ADDRESS").nl()
    d.t("表决事项：", d.w("续聘物业服务企业", "使用专项维修资金更换电梯", "增设电动车充电桩"), "\n")
    d.t("| 房号 | 业主 | 意见 | 签字日期 | 联系电话 |\n|---|---|---|---|---|\n")
    for k in range(d.r.randint(5, 11)):
        i = 10 + k
        d.t("| ").idv(f"h{k}", lambda: d.w(f"{d.r.randint(1, 20)}-{d.r.randint(1, 4)}-{d.r.randint(1, 30)}0{d.r.randint(1, 4)}", f"{d.r.randint(1, 20)}栋{d.r.randint(1, 32)}0{d.r.randint(1, 4)}")).t(" | ").name(i)
        if d.chance(0.2):
            d.t("、").name(30 + k)
        d.t(" | ", d.w("同意", "同意", "反对", "弃权"), " | ").d(f"v{k}", -12, 0, style=d.w("md", "slash")).t(" | ")
        if d.chance(0.6):
            d.mobile(i)
        d.t(" |\n")
    d.filler()
    d.t("监票人：").name(1).t("、").name(2).t("  计票人：").name(3).nl()
    d.t("物业服务企业：").org("pm", lambda: d.city[1][:-1] + d.w("万科", "绿城", "碧桂园", "龙湖") + "物业服务有限公司").nl()
    d.t("统计日期：").d()


def hiking_group_chat(d: Doc) -> None:
    d.t(d.w("【山野徒步群】", "【周末户外约伴群】", "「驴友之家」群聊"), "\n")
    hh = d.r.randint(8, 21)
    mm = d.r.randint(0, 20)
    d.t("领队-").nick(1).t(f" {hh}:{mm:02d}\n").d("trip", 3, 12, style=d.w("wk", "md", "mdh")).t(d.w("走", "穿越", "登")).t(d.w("四姑娘山长坪沟", "武功山", "鳌太线", "雁荡山")).t("，集合地点").addr().t("，早上6点半准时发车，车牌").s(d.once("bus", lambda: d.v.plate(d.city[3])), "CN_VEHICLE_PLATE").t("\n")
    d.t("领队-").nick(1).t(f" {hh}:{mm + 1:02d}\n报名请接龙，买保险需要姓名+身份证号，别发错\n")
    for k in range(d.r.randint(3, 7)):
        i = 10 + k
        d.t(f"{k + 1}. ").name(i).t(" ").rid(i)
        if d.chance(0.5):
            d.t(" ").mobile(i)
        d.nl()
    if d.chance(0.6):
        d.english(2).t(f" {hh}:{mm + 6:02d}\n@").nick(1).t(" 我带我同事").given(3).t("一起，信息私发你了[抱拳]\n")
    if d.chance(0.55):
        d.t(f"山野行者 {hh}:{mm + 7:02d}\n两步路轨迹 ").url().t(" 大家提前下载离线地图\n")
    d.t(f"山野行者 {hh}:{mm + 9:02d}\n装备群文件里有，保险单号").idv("pol", lambda: d.w("PZAP", "6") + d.digits(15)).t("，有问题找我").mobile(4).nl()
    d.filler()
    d.t("领队-").nick(1).t(f" {hh + 1}:{mm:02d}\n费用AA，转账到我这张卡").card(1).t("，备注名字，截止").d("due", 1, 2, style="md").t("晚上10点")


def background_check(d: Doc) -> None:
    d.t(d.w("员工背景调查报告", "候选人背景调查报告（简版）"), "\n").lab("报告编号").idv("rep", lambda: "BC" + d.digits(9)).t("  ").lab("委托方").company("cl").nl()
    if d.chance(0.5):
        d.lab("委托方统一社会信用代码").uscc("cl").nl()
    d.lab("候选人").name(1).t("  ").lab("身份证号").rid(1).t("  ").lab("应聘职位").t(d.w("销售总监", "财务经理", "高级Java工程师", "区域运营")).nl()
    d.t("一、身份核验：与公安系统信息一致。\n二、学历核验：").org("uni", lambda: d.w("武汉大学", "华中科技大学", "四川大学", "郑州大学", "山东财经大学", "湖南师范大学")).t(" 本科，")
    gy = d.p(1).birth.year + 22
    d.s(f"{gy}年{d.w('6', '7')}月", "DATE_TIME").t("毕业，学信网验证通过。\n三、工作履历：\n")
    for k in range(d.r.randint(1, 3)):
        i = 10 + k
        y = gy + k * 3
        d.t(f"（{k + 1}）").company(f"e{k}").t("，").s(f"{y}.{d.r.randint(1, 12):02d}", "DATE_TIME").t("-").s(f"{y + d.r.randint(1, 3)}.{d.r.randint(1, 12):02d}", "DATE_TIME")
        d.t("。证明人：").name(i).t("（", d.w("原直属上级", "HR经理", "部门总监"), "），电话").mobile(i).t("。评价：", d.w("工作积极，离职原因属实。", "业绩突出，无劳动纠纷。", "能力一般，曾因考勤问题被警告。"), "\n")
    d.filler()
    if d.chance(0.5):
        d.t("候选人现居").loc_city().t(d.w("，可随时到岗。\n", "，期望一个月内入职。\n"))
    d.t("四、负面记录：未发现失信被执行及诉讼记录。\n调查员：").name(2).t("  ").email(2).t("  ").d()


def residence_permit(d: Doc) -> None:
    d.t("居住证申领登记表\n")
    d.lab("姓名").name(1).t("  ").lab("性别").sex(1).t("  ").lab("民族").nation(1).t("  ").lab("出生日期").birth(1).nl()
    if d.chance(0.25):
        d.lab("曾用名").s(d.p(1).sur + d.v.given(d.p(1).male), "PERSON").nl()
    d.lab("公民身份号码").rid(1).t("  ").lab("籍贯").native(1).nl()
    d.lab("户籍地址").addr("hk", rural=True).nl()
    d.lab("居住地址").addr("live").t("  ").lab("邮政编码").zip().nl()
    d.lab("居住事由").t(d.w("就业", "就读", "投靠亲属", "经商")).t("  ").lab("服务处所").company().nl()
    d.lab("联系电话").mobile(1).nl()
    d.filler()
    d.lab("房屋性质").t(d.w("租赁", "自购", "单位宿舍")).t("  出租人：").name(2).t("  出租人电话：").mobile(2).nl()
    d.lab("受理单位").org("ps", lambda: d.city[1] + "公安局" + d.v.pick(d.city[5])[0] + "分局" + d.w("东湖", "新街", "江滨", "城北") + "派出所").nl()
    d.lab("受理人").name(3).t("  ").lab("受理日期").d().t("  ").lab("受理编号").idv("no", lambda: d.digits(16)).nl()
    d.t("申请人签名：").name(1)


def lawyer_letter(d: Doc) -> None:
    firm = d.once("firm", lambda: d.w("北京大成", "上海锦天城", "浙江天册", "广东广和", "湖北得伟君尚") + "（" + d.city[1][:-1] + "）律师事务所")
    d.t("律师函\n").lab("函号").idv("no", lambda: f"{d.w('锦', '天', '广')}律函字〔{d.date.year}〕第{d.r.randint(10, 399)}号").nl()
    d.t("致：").name(1).t(d.w("先生/女士", "")).nl().t("地址：").addr().nl()
    d.s(firm, "ORGANIZATION").t("接受").company().t("（统一社会信用代码：").uscc().t("）的委托，指派").name(2).t("律师就您拖欠货款一事致函如下：\n")
    d.t("自").d("st", -500, -200, style="cn").t("起，您向委托人采购货物，截至本函发出之日，尚欠货款人民币", str(d.r.randint(3, 90)), ",", d.digits(3), "元未付。委托人员工").name(3).t("多次通过电话").mobile(1).t("与您联系，均未获回应。\n")
    d.filler()
    d.t("请您于收到本函之日起七日内支付上述款项至委托人账户（账号").idv("acct", lambda: d.w("3", "1", "7") + d.digits(d.r.choice((13, 15, 16)))).t("，开户行：")
    bank(d).t("），否则本所将依法提起诉讼。\n")
    d.t("联系人：").name(2).t("律师  电话：").s(d.once("ll", lambda: d.v.landline(d.city[2])), "PHONE_NUMBER").t("  邮箱：").email(2).nl()
    d.t("执业证号：").idv("lic", lambda: "1" + d.city[5][0][1][:2] + "01" + d.digits(10)).nl()
    d.s(firm, "ORGANIZATION").nl().d("ltr", style=d.w("zh", "cn"))


def traffic_violation(d: Doc) -> None:
    d.t(d.w("公安交通管理简易程序处罚决定书", "道路交通安全违法行为处理通知书"), "\n").lab("编号").idv("doc", lambda: d.city[5][0][1] + d.digits(10)).nl()
    d.lab("被处罚人").name(1).t("  ").lab("驾驶证/身份证号").rid(1).t("  ").lab("档案编号").idv("dab", lambda: d.digits(12)).nl()
    d.lab("联系方式").mobile(1).t("  ").lab("住址").addr().nl()
    d.lab("车辆牌号").s(d.once("pl", lambda: d.v.plate(d.city[3])), "CN_VEHICLE_PLATE").t("  ").lab("车辆类型").t(d.w("小型轿车", "小型普通客车", "轻型厢式货车")).nl()
    dist = d.v.pick(d.city[5])[0]
    r1, r2 = d.v.pick(d.city[6]), d.v.pick(d.city[6]) + d.w("", "辅路")
    d.t("被处罚人于").d(time=True).t("在").s(d.once("loc", lambda: f"{dist}{r1}与{r2}交叉口"), "LOCATION")
    d.t("实施", d.w("驾驶机动车不按导向车道行驶", "机动车违反禁止停车标线指示", "驾驶时拨打接听手持电话"), "的违法行为，")
    d.t(f"依据《中华人民共和国道路交通安全法》，决定处以罚款{d.w('100', '150', '200')}元、记{d.w('2', '3', '1')}分。\n")
    d.filler()
    d.t("处罚地点：").org("tp", lambda: d.city[1] + "公安局交通警察支队" + dist[:-1] + "大队").nl()
    if d.chance(0.4):
        d.t("当事人").s(d.p(1).sur, "PERSON").t("某对违法事实及处罚依据无异议。\n")
    d.t("交通警察：").name(2).t("  警号：").idv("badge", lambda: d.digits(6)).nl()
    d.t("被处罚人签名：").name(1)


def birth_registration(d: Doc) -> None:
    mo = d.p(1, 22, 40, False)
    fa = d.p(2, 24, 45, True)
    d.p(3, 0, 0)
    baby = d.p(3)
    baby.sur = fa.sur if d.chance(0.85) else mo.sur
    hospital(d).t(d.w(" 新生儿出生登记", " 出生医学证明首次签发登记表")).nl()
    d.lab("新生儿姓名")
    if d.chance(0.8):
        d.name(3)
    else:
        d.t("暂未取名（").s(mo.full, "PERSON").t("之").t("子" if baby.male else "女").t("）")
    d.t("  ").lab("性别").sex(3).t("  ").lab("出生时间").s(d.v.fmt_datetime(d.v.near(d.date, -3, 0)), "DATE_TIME").nl()
    d.lab("出生地点").s(d.city[0] + d.city[1] if d.city[0] != d.city[1] else d.city[1], "LOCATION").t("  ")
    d.lab("出生体重").t(f"{d.r.randint(2600, 4200)}g  ").lab("母亲住院号").s(d.once("mr", lambda: d.w("ZY", "") + d.digits(8)), "MEDICAL_RECORD_NUMBER").nl()
    d.lab("母亲姓名").name(1).t("  ").lab("年龄").age(1).t("  ").lab("民族").nation(1).t("  ").lab("身份证号").rid(1).nl()
    d.lab("父亲姓名").name(2).t("  ").lab("年龄").age(2).t("  ").lab("民族").nation(2).t("  ").lab("身份证号").rid(2).nl()
    d.filler()
    d.lab("家庭住址").addr().nl()
    d.lab("联系电话").mobile(1).t(" / ").mobile(2).nl()
    d.lab("接生人员").name(4).t("  ").lab("签发人").name(5).t("  ").lab("登记日期").d()


def member_export_tsv(d: Doc) -> None:
    store = d.once("gym", lambda: d.w("乐刻", "超级猩猩", "一兆韦德", "威尔士", "金仕堡") + "健身" + d.v.pick(d.city[5])[0][:-1] + "店")
    d.t("会员号\t姓名\t手机\t性别\t生日\t开卡日期\t私教\t备注\n")
    coach = [d.v.pick((1, 2, 3)) for _ in range(12)]
    for k in range(d.r.randint(4, 12)):
        i = 10 + k
        d.idv(f"m{k}", lambda: d.w("VIP", "M", "") + d.digits(7)).t("\t")
        if d.chance(0.2):
            d.english(i)
        else:
            d.name(i)
        d.t("\t").mobile(i).t("\t").sex(i).t("\t")
        b = d.p(i).birth
        d.s(f"{b.month:02d}-{b.day:02d}" if d.chance(0.5) else f"{b:%Y/%m/%d}", "DATE_TIME").t("\t").d(f"o{k}", -700, 0, style="iso").t("\t")
        if d.chance(0.6):
            d.name(coach[k])
        d.t("\t", d.w("", "", "年卡", "次卡剩8次", "膝盖旧伤", "冻结中")).nl()
    d.t("导出门店：").org("gym", lambda: store).t("  导出人：").name(4)


PII_FREE = (
    "本周六上午九点至十一点，小区二期水泵房检修，届时高层住户可能出现水压不足。",
    "请各位业主不要在楼道内堆放杂物，消防通道须保持畅通。",
    "门诊楼三楼自助机可打印检验报告，凭就诊卡或电子健康码扫码即可。",
    "本店商品支持七天无理由退货，定制类商品除外。",
    "国庆期间客服在线时间调整为每天9:00-18:00，物流发货顺延。",
    "办理居住证需携带本人身份证原件、居住证明及一寸白底照片。",
    "银行工作人员不会以任何理由索要您的短信验证码，请警惕电信诈骗，如有疑问请拨打95588。",
    "本次徒步活动全程约18公里，累计爬升1200米，请量力而行。",
    "健身房淋浴区晚上十点后关闭，请会员合理安排时间。",
    "违法行为人可在15日内通过交管12123应用在线处理，逾期将加处罚款。",
    "新生儿出生医学证明补发须提供原签发机构的证明材料。",
    "货物签收时请当面开箱验货，破损件请拒收并拍照留存。",
    "理财非存款，产品有风险，投资须谨慎。",
    "图书馆二层自习室开放时间为早上8点到晚上10点，节假日照常开放。",
    "今年第三季度共受理投诉1,286件，办结率98.6%，同比下降4.2个百分点。",
    "本表一式三份，申请人、受理单位、档案室各执一份。",
    "旅游团请提前两小时到达机场，国际航班提前三小时办理值机。",
    "马上就到年底了，请各部门于本月25日前提交年度总结。",
    "高温天气外卖配送可能延迟，感谢您的耐心等待。",
    "会议室B201本周五下午已被预订，如需使用请改订B305。",
    "住房公积金提取业务可通过线上渠道办理，无需到柜台。",
)


def pii_free(d: Doc) -> None:
    d.t(d.w("【温馨提示】", "通知", "公告", "说明", "注意事项"), "\n")
    picks = d.r.sample(PII_FREE, d.r.randint(3, 6))
    d.t("\n".join(picks) if d.chance(0.6) else "".join(picks))
