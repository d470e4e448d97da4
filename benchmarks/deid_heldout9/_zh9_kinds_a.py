"""Kinds 1-10 of heldout_zh9."""

from __future__ import annotations

from _zh9_engine import Doc


def hospital(d: Doc) -> Doc:
    c = d.city[1]
    return d.org("hosp", lambda: d.w(f"{c}第{d.w('一', '二', '三', '五')}人民医院", f"{c[:-1]}市中心医院",
                                     f"{d.v.pick(d.city[5])[0]}人民医院", f"{c[:-1]}大学附属医院", f"{c}妇幼保健院"))


def bank(d: Doc) -> Doc:
    dist = d.v.pick(d.city[5])[0]
    return d.org("bank", lambda: d.w("中国工商银行", "中国建设银行", "招商银行", "交通银行", "中国农业银行", "兴业银行")
                 + d.city[1][:-1] + d.w(dist[:-1] + "支行", "分行营业部", dist + d.w("东", "南", "新城") + "支行"))


def order_export_csv(d: Doc) -> None:
    d.t(d.w("订单编号,下单时间,收货人,联系电话,收货地址,商品名称,实付金额,买家留言\n",
            "订单号,付款时间,收件人,手机号,详细地址,宝贝标题,金额(元),备注\n"))
    shop = d.once("shop", lambda: d.w("鲜果优选", "宝宝屋", "居家百货", "数码配件", "茶语"))
    for k in range(d.r.randint(3, 8)):
        i = 10 + k
        d.idv(f"o{k}", lambda: d.w("3", "2", "4") + d.digits(d.r.choice((17, 18))))
        d.t(",").d(f"o{k}", -20, 0, time=True).t(",").name(i).t(",").mobile(i).t(",").addr(f"r{k}")
        d.t(",", d.w("车厘子2斤装", "婴儿湿巾80抽*6", "折叠收纳箱", "Type-C数据线", "明前龙井250g", "保温杯500ml"))
        d.t(",", f"{d.r.randint(9, 399)}.{d.r.randint(0, 99):02d},")
        x = d.r.random()
        if x < 0.2:
            d.t("放门口就行")
        elif x < 0.35:
            d.t("送到后联系").title(i).t("，或打").mobile(20 + k)
        elif x < 0.45:
            d.t("寄给").name(30 + k).t("，生日礼物别放发票")
        d.nl()
    d.t(f"\n导出：{shop}旗舰店后台 共{d.r.randint(40, 900)}条，本页为筛选结果")


def account_opening(d: Doc) -> None:
    d.t(d.w("个人银行结算账户开户申请书", "个人客户开户申请表（借记卡）"), "\n")
    d.lab("户名").name(1).t("  ").lab("性别").sex(1).t("  ").lab("民族").nation(1).nl()
    d.lab("出生日期").birth(1).t("  ").lab("国籍").t("中国").t("  ").lab("籍贯").native(1).nl()
    d.lab("证件类型").t("居民身份证  ").lab("证件号码").rid(1).nl()
    y = d.date.year - d.r.randint(1, 9)
    md = f".{d.r.randint(1, 12):02d}.{d.r.randint(1, 28):02d}"
    d.lab("证件有效期").s(f"{y}{md}", "DATE_TIME").t("-")
    if d.p(1).age >= 46:
        d.t("长期").nl()
    else:
        d.s(f"{y + 20}{md}", "DATE_TIME").nl()
    d.lab("职业").t(d.w("专业技术人员", "商业、服务业人员", "办事人员", "个体工商户", "学生")).nl()
    d.filler()
    d.lab("工作单位").company().nl()
    d.lab("联系地址").addr().t("  ").lab("邮编").zip().nl()
    d.lab("手机号码").mobile(1)
    if d.chance(0.5):
        d.t("  ").lab("固定电话").s(d.once("ll", lambda: d.v.landline(d.city[2])), "PHONE_NUMBER")
    d.nl()
    if d.chance(0.6):
        d.lab("电子邮箱").email(1).nl()
    d.lab("开户网点")
    bank(d).nl()
    d.lab("卡号").card(1).nl()
    if d.chance(0.4):
        d.t("代理人").lab("姓名").name(2).t("  ").lab("与申请人关系").t(d.w("配偶", "父母", "子女")).t("  ").lab("代理人证件号").rid(2).nl()
    if d.chance(0.45):
        d.t("预约渠道：手机银行线上预约，终端IP ").ip().t("\n")
    d.t("本人承诺所提供资料真实有效，账户不出租、出借、出售。\n")
    d.lab("申请人签名").name(1).t("  ").lab("日期").d().nl()
    d.t("客户经理").lab("工号").idv("emp", lambda: d.w("", "A", "E") + d.digits(6)).t("  ").lab("经办柜员").name(3)


def student_aid(d: Doc) -> None:
    uni = d.once("uni", lambda: d.w(d.city[1][:-1] + "理工大学", d.city[1][:-1] + "职业技术学院", d.city[0][:-1] + "师范大学", d.city[1][:-1] + "医科大学"))
    q = d.p(1, 18, 22)
    d.t(d.w("国家助学金申请表", "家庭经济困难学生认定申请表"), "\n")
    d.lab("学校").s(uni, "ORGANIZATION").t("  ").lab("院系").t(d.w("机械工程学院", "护理学院", "外国语学院", "计算机学院")).nl()
    d.lab("姓名").name(1).t("  ").lab("性别").sex(1).t("  ").lab("出生年月").s(f"{q.birth.year}.{q.birth.month:02d}", "DATE_TIME").nl()
    d.lab("学号").idv("sno", lambda: str(d.date.year - d.r.randint(0, 3)) + d.digits(8)).t("  ").lab("民族").nation(1).t("  ").lab("政治面貌").politics(1).nl()
    d.lab("身份证号").rid(1).t("  ").lab("联系电话").mobile(1).nl()
    d.lab("家庭住址").addr("home", rural=d.chance(0.7)).nl()
    d.t("家庭成员情况：\n| 称谓 | 姓名 | 年龄 | 工作或就读单位 | 健康状况 |\n|---|---|---|---|---|\n")
    fa = d.p(2, 42, 58, True)
    d.p(3, 40, 55, False)
    fa.sur = q.sur
    d.t("| 父亲 | ").name(2).t(" | ").age(2, bare=True).t(" | 务农 | ").t(d.w("腰椎间盘突出，不能干重活", "健康")).t(" |\n")
    d.t("| 母亲 | ").name(3).t(" | ").age(3, bare=True).t(" | ").t(d.w("务农", "在县城打零工", "无业")).t(" | ").t(d.w("慢性肾病", "健康")).t(" |\n")
    if d.chance(0.6):
        d.p(4, 8, 16).sur = q.sur
        d.t("| ").t("弟弟" if d.p(4).male else "妹妹").t(" | ").name(4).t(" | ").age(4, bare=True).t(" | ").org("sch", lambda: d.w("县第二中学", "镇中心小学", "县实验中学")).t(" | 健康 |\n")
    d.filler()
    d.t("申请理由：")
    d.t(d.w("父亲", "爸爸")).t(f"前年受伤后收入很少，母亲常年吃药，去年家庭总收入约{d.r.randint(8, 30)}000元。")
    d.t(d.w("本人在校期间勤工俭学，担任班级学习委员。", "我会珍惜这次机会，努力学习。")).nl()
    d.lab("资助金发放卡号").card(1).t("（")
    bank(d).t("）\n")
    d.t("辅导员意见：情况属实，同意推荐。 辅导员：").name(5).t("  ").d().nl()
    d.t("学院认定小组组长：").name(6)


def rider_chat(d: Doc) -> None:
    d.p(1, 20, 45, True)
    d.t(d.w("【外卖订单聊天记录】", "配送异常申诉材料-聊天截图转文字"), "\n").lab("订单号").idv("o", lambda: "1" + d.digits(18)).nl()
    hh = d.r.randint(11, 20)
    mm = d.r.randint(0, 40)
    d.t(f"骑手 {hh}:{mm:02d}\n您好，我是配送员").nick(1).t("，您的餐放哪里？电话打不通\n")
    cust = d.w("顾客", "用户", "买家")
    d.t(f"{cust} {hh}:{mm + 2:02d}\n我在开会，放").addr().t("门口就行，别按门铃，孩子在睡觉\n")
    if d.chance(0.5):
        d.t(f"骑手 {hh}:{mm + 3:02d}\n好的，门禁进不去，小区保安说要登记，我先放快递柜旁边了，您下来拿一下。\n")
    d.t(f"{cust} {hh}:{mm + 9:02d}\n没找到啊，你打我另一个号").mobile(2).nl()
    if d.chance(0.5):
        d.t(f"骑手 {hh}:{mm + 11:02d}\n我手机号").mobile(1).t("，您打过来吧\n")
    d.filler()
    d.t("——平台客服跟进——\n客服").s(d.once("agent", lambda: d.w("Lily", "Coco", "May", "Alice")), "PERSON").t("：")
    d.title(2).t(d.w("您好，关于您反馈的餐品未送达问题，已为您退款。", "您好，骑手已找到餐品并重新送达，给您带来不便非常抱歉。"))
    d.t("骑手").name(1).t("所属站点为").org("st", lambda: d.city[1][:-1] + d.v.pick(d.city[5])[0][:-1] + "站").t("。\n")
    d.t("客户备注：").name(2).t(" ").mobile(2)


def number_porting(d: Doc) -> None:
    d.t(d.w("移动电话过户业务受理单", "携号转网（过户）业务申请表"), "\n")
    d.lab("业务号码").mobile(9).nl()
    d.t("原机主").lab("姓名").name(1).t("  ").lab("证件号码").rid(1).nl()
    d.t("新机主").lab("姓名").name(2).t("  ").lab("证件号码").rid(2).nl()
    d.t("新机主").lab("联系地址").addr().nl()
    d.lab("联系电话").mobile(2).nl()
    d.lab("过户原因").t(d.w("原机主出国，号码转给家人使用", "原机主去世，亲属继承号码", "公司号码转为个人")).nl()
    if d.chance(0.3):
        d.t("原机主死亡证明编号").t(d.colon).idv("dc", lambda: d.w("N", "G") + d.digits(9)).nl()
    d.filler()
    if d.chance(0.3):
        d.t("线上预审提交地址IP").t(d.colon).ip().nl()
    d.lab("受理营业厅").org("hall", lambda: d.w("中国移动", "中国联通", "中国电信") + d.city[1] + d.v.pick(d.city[5])[0] + d.w("旗舰营业厅", "解放路营业厅", "自有营业厅")).nl()
    d.lab("受理工号").idv("staff", lambda: d.w("HZ", "gd", "YD") + d.digits(7)).t("  ").lab("受理时间").d(time=True).nl()
    d.t("原机主签字：").name(1).t("   新机主签字：").name(2)


CASES = (
    ("消化内科", "反复上腹痛1月。", "慢性胃炎", "1.奥美拉唑 20mg qd；2.择期复查胃镜。"),
    ("呼吸内科", "咳嗽咳痰5天。", "急性支气管炎", "1.阿莫西林克拉维酸钾；2.三天后复诊。"),
    ("骨科", "右膝疼痛伴活动受限2周。", "膝关节骨关节炎", "1.理疗；2.避免负重。"),
    ("神经内科", "头晕3天，转头时加重。", "良性阵发性位置性眩晕", "1.手法复位；2.一周后复诊。"),
    ("皮肤科", "双手皮疹伴瘙痒10天。", "湿疹", "1.糠酸莫米松乳膏外用；2.避免接触洗涤剂。"),
)


def outpatient_note(d: Doc) -> None:
    hospital(d).t(d.w(" 门诊病历", "\n门诊病历记录")).nl()
    d.lab("姓名").name(1).t("  ").lab("性别").sex(1).t("  ").lab("年龄").age(1).t("  ").lab("门诊号").s(d.once("mr", lambda: d.w("MZ", "", "0") + d.digits(9)), "MEDICAL_RECORD_NUMBER").nl()
    dept, complaint, dx, plan = d.v.pick(CASES)
    d.lab("科别").t(dept).t("  ").lab("就诊时间").d(time=True).nl()
    d.t("主诉：", complaint, "\n")
    d.t("现病史：患者", d.w("", "自诉")).t(f"{d.r.randint(2, 20)}天前无明显诱因出现上述症状，")
    d.t(d.w("曾于当地诊所输液治疗，效果不佳。", "自服药物后稍缓解。", "未予特殊处理。"))
    if d.chance(0.4):
        d.t("由其", d.w("女儿", "儿子", "配偶", "朋友")).name(2).t("陪同就诊。")
    d.nl()
    d.t("既往史：", d.w("高血压病史5年。", "否认慢性病史。", "2019年行阑尾切除术。"), "过敏史：", d.w("青霉素过敏。", "否认。"), "\n")
    d.filler()
    d.t("查体：T 36.", str(d.r.randint(4, 9)), "℃，BP ", str(d.r.randint(110, 150)), "/", str(d.r.randint(70, 95)), "mmHg。\n")
    d.t("诊断：", dx, "\n处理：", plan, "\n")
    if d.chance(0.5):
        d.lab("联系电话").mobile(1).t("  ").lab("住址").addr().nl()
    d.t("医师签名：").name(3).t(d.w("", "（主治医师）"))


def handover_email(d: Doc) -> None:
    dom = d.once("dom", lambda: d.w("hengxin-tech.com", "ruifeng.cn", "boyuan-group.com", "xinghe.com.cn", "jiahe-sc.com"))
    for i in (1, 2, 3):
        q = d.p(i)
        d.pv(i, "wm", lambda q=q: d.w("", "") + d.v.pick(("wangl", "lixy", "zhangm", "chenjq", "liuyt", "huangk", "zhouyf", "sunl", "gaos", "xuwj")) + str(d.r.randint(1, 99)) + "@" + dom)
    d.t("发件人: ").name(1).t(" <").s(d.p(1).cache["wm"], "EMAIL_ADDRESS").t(">\n收件人: ").name(2).t(" <").s(d.p(2).cache["wm"], "EMAIL_ADDRESS").t(">\n")
    d.t("抄送: ").s(d.p(3).cache["wm"], "EMAIL_ADDRESS").t("; ").s("hr@" + dom, "EMAIL_ADDRESS").t("\n发送时间: ").d(time=True).nl()
    d.t("主题: ", d.w("工作交接清单", "【离职交接】客户及账号交接", "Re: 交接事项确认"), "\n\n")
    d.given(2).t(d.w("，你好：", "：", " 你好，")).nl()
    d.t("我的最后工作日是").d("last", 10, 30).t("，以下工作交接给你，").title(3, "总", "总").t("已知悉。\n")
    for k in range(d.r.randint(2, 4)):
        i = 10 + k
        d.t(f"{k + 1}. ").company(f"c{k}").t("：对接人").name(i).t("，").mobile(i)
        d.t(d.w("，合同下月到期", "，回款还差一期", "，习惯微信沟通", "")).nl()
    if d.chance(0.5):
        d.t("另外香港那边的").english(4).t(d.w("比较急，邮件回复要快。", "对报价有意见，记得抄送我。")).nl()
    d.filler()
    if d.chance(0.6):
        d.t("交接文档都放在网盘了：").url().t(f" 提取码 {d.w('k3m9', '8xq2', 'jj07', 'a1b2')}\n")
    d.t("我的个人邮箱").email(1).t("，离职后有问题也可以打我电话").mobile(1).t("。\n\n")
    d.t(d.w("谢谢！\n", "Best,\n")).name(1).nl().company("me")


def policy_surrender(d: Doc) -> None:
    ins = d.once("ins", lambda: d.w("中国人寿保险股份有限公司", "平安人寿保险股份有限公司", "太平洋人寿保险股份有限公司", "泰康人寿保险有限责任公司", "新华人寿保险股份有限公司") + d.city[1][:-1] + "分公司")
    d.t(d.w("保险合同解除（退保）申请书", "退保申请书"), "\n致：").s(ins, "ORGANIZATION").nl()
    d.lab("保单号").idv("pol", lambda: d.w("P", "88", "2") + d.digits(d.r.randint(12, 16))).nl()
    d.lab("投保人").name(1).t("  ").lab("证件号码").rid(1).nl()
    same = d.chance(0.4)
    d.lab("被保险人")
    if same:
        d.t("同投保人").nl()
    else:
        d.name(2).t("  ").lab("出生日期").birth(2).t("  ").lab("与投保人关系").t(d.w("子女", "配偶", "父母")).nl()
    d.lab("投保日期").d("ins", -2500, -400).t("  ").lab("申请日期").d().nl()
    d.lab("退保原因").t(d.w("经济困难，无力续缴", "业务员承诺的收益与实际不符", "已购买其他保险", "重复投保")).nl()
    if d.chance(0.5):
        d.t("业务员").name(3).t("（工号").idv("ag", lambda: d.digits(10)).t("）已离职，本人未被告知退保损失。\n")
    d.filler()
    if d.chance(0.35):
        d.t("本申请经官方App线上提交，提交IP：").ip().t("\n")
    d.t("退保金请转入投保人本人账户：\n").lab("开户行")
    bank(d).nl().lab("户名").name(1).nl().lab("账号").card(1).nl()
    d.lab("联系电话").mobile(1).nl()
    d.t("投保人签名：").name(1)


def property_registration(d: Doc) -> None:
    d.t("不动产登记申请书\n").lab("收件编号").idv("rcv", lambda: str(d.date.year) + d.digits(8)).t("  ").lab("收件日期").d().nl()
    d.lab("登记类型").t(d.w("转移登记（买卖）", "转移登记（继承）", "抵押权首次登记")).nl()
    d.t("权利人（买方）：").name(1)
    if d.chance(0.5):
        d.t("、").name(2).t("（共同共有）")
    d.nl().t("证件号码：").rid(1)
    if 2 in d.people:
        d.t("；").rid(2)
    d.nl().t("联系电话：").mobile(1).nl()
    d.t("义务人（卖方）：").name(3).t("  证件号码：").rid(3).t("  电话：").mobile(3).nl()
    d.t("不动产坐落：").addr("prop").nl()
    d.t("原不动产权证书号：").idv("cert", lambda: f"{d.city[3][0]}（{d.date.year - d.r.randint(2, 12)}）{d.city[1][:-1]}市不动产权第{d.digits(7)}号").nl()
    d.filler()
    if d.chance(0.5):
        d.t("代理人：").name(4).t("（").org("agency", lambda: d.city[1][:-1] + d.w("链家", "我爱我家", "安居客", "中原") + "房地产经纪有限公司").t("）  代理人电话：").mobile(4).nl()
    d.t("登记机构：").org("reg", lambda: d.city[1] + d.w("不动产登记中心", "自然资源和规划局不动产登记服务中心")).nl()
    d.t("申请人签章：").name(1).t("  ").name(3)


def freight_waybill(d: Doc) -> None:
    d.t(d.w("公路货物运输托运单", "整车运输托运单"), "  ").lab("运单号").idv("wb", lambda: d.w("YD", "HY", "") + d.digits(12)).nl()
    d.lab("托运单位").company("shp").t("  ")
    if d.chance(0.4):
        d.lab("信用代码").uscc("shp").t("  ").lab("联系人").name(1).t("  ").mobile(1).nl()
    d.lab("提货地址").addr("from").nl()
    d.lab("收货单位").company("rcv").t("  ").lab("收货人").name(2).t("  ").mobile(2).nl()
    if d.chance(0.4):
        d.lab("收货人身份证").rid(2).nl()
    d.lab("送货地址").addr("to").nl()
    d.lab("货物名称").t(d.w("五金配件", "瓷砖", "冷冻水产", "服装")).t(f" {d.r.randint(5, 300)}件 {d.r.randint(1, 30)}.{d.r.randint(0, 9)}吨\n")
    d.filler()
    d.lab("承运车辆").s(d.once("pl", lambda: d.v.plate(d.city[3])), "CN_VEHICLE_PLATE")
    d.t("  ").lab("司机").name(3).t("  ").lab("驾驶证号").rid(3).nl()
    d.lab("司机电话").mobile(3).nl()
    d.lab("发车时间").d("go", 0, 1, time=True).t("  ").lab("预计到达").d("arr", 2, 4).nl()
    d.t("托运人签字：").name(1).t("  承运人签字：").name(3)
