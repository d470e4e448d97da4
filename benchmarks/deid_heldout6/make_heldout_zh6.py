"""Generate heldout_zh6.jsonl: Chinese held-out de-identification corpus v6 (written blind by "blind6").

Usage: python make_heldout_zh6.py [OUTPUT_DIR]   (default: <repo>/benchmarks/data/deid/)
"""

from __future__ import annotations

from _b6common import Kind, build, output_dir, write_jsonl
from _zh6_values import ZhValues

SEED = 6_2026_1203_15
PER_KIND = 34
N_FREE = 25

FILLERS = [
    "以上信息由本人确认无误。",
    "请携带相关材料原件及复印件。",
    "如有疑问请在工作时间内咨询。",
    "本页内容仅供内部流转使用。",
    "（此处以下空白）",
    "备注：材料齐全，可受理。",
    "温馨提示：请勿将验证码告知他人。",
    "系统自动生成，无需回复。",
    "请按时到场，逾期需重新预约。",
    "办理进度可在小程序中查询。",
]

KINDS = [
    Kind(
        "wealth_dual_record",  # 银行理财双录（录音录像）转写
        ("【理财产品销售双录转写】录制时间：{dtime} 网点：{bank}", "双录编号 {idno}｜{bank}｜{dtime}"),
        (
            "客户经理：您好，我是{bank}理财经理{name2}，工号{idno2}，今天的录音录像经过您同意吗？\n客户：同意。",
            "客户经理：请您报一下姓名和证件号码。\n客户：我叫{name}，身份证{rid}。",
            "客户经理：{sur}{title}，系统显示您今年{age}，风险测评结果是稳健型，对吗？\n客户：对，{date2}刚做的测评。",
            "客户经理：本产品不保本，最近一年最大回撤约3.2%，您能接受吗？\n客户：能接受，我儿子{kin}也知道。",
            "客户经理：请确认扣款账户为您名下尾号{tailno}的借记卡。\n客户：是的，卡号是{card}。",
            "客户经理：您留的联系电话是{mobile}，住址是{addr}，有变化吗？\n客户：没有变化。",
            "客户经理：产品说明书已发送到您的邮箱{email}，请查收。",
            "客户：如果我要赎回，找谁？\n客户经理：您可以打我座机{tel}，或者直接拨打客服热线95588。",
            "客户经理：{nick}，最后请您抄录风险揭示语并签名。\n客户：好的。",
            "（客户抄录：本人已阅读风险揭示，愿意承担投资风险。签名：{name}，{date}）",
        ),
        ("（转写结束，质检人：{name3}）", "复核：{name3} {date3}"),
    ),
    Kind(
        "referral_form",  # 医院转诊单
        ("{hosp}双向转诊单（上转）", "转 诊 单\n转出单位{C}{hosp}"),
        (
            "患者姓名{C}{name}  性别{C}{sex}  年龄{C}{agen}",
            "身份证号{C}{rid}",
            "门诊号{C}{mrn}",
            "⟦联系电话¦手机¦联系方式⟧{C}{mobile}  ⟦家属¦陪同家属¦紧急联系人⟧{C}{kin}（{mobile2}）",
            "⟦现住址¦家庭住址¦住址⟧{C}{addr}",
            "初步诊断{C}⟦2型糖尿病伴周围神经病变，血糖控制不佳¦冠状动脉粥样硬化性心脏病¦腰椎间盘突出症（L4/5）¦慢性阻塞性肺疾病急性加重⟧",
            "既往史{C}{month}在{hosp3}行阑尾切除术；否认药物过敏。",
            "医保类型{C}职工医保  医保卡号{C}{idno3}",
            "转入单位{C}{hosp2}  接诊科室{C}内分泌科",
            "转诊原因{C}⟦基层无胰岛素泵治疗条件，需上级医院调整方案。¦病情复杂，需进一步检查明确诊断。¦患者及家属要求转上级医院诊治。⟧",
            "转诊医生{C}{name2}  联系电话{C}{tel}",
            "转诊日期{C}{date}",
        ),
        ("（本单一式两联，转入单位留存一联）", "接诊医生签字{C}{name3}  日期{C}{date2}"),
        nmin=5, nmax=10,
    ),
    Kind(
        "ride_complaint",  # 网约车投诉工单
        ("{ride}客服工单 编号{idno}\n投诉类型：司机绕路/态度问题", "【{ride}】乘客投诉处理记录 工单号{idno}"),
        (
            "[{time}] 乘客 {name}（{mobile}）：{dtime}从{addr}上车，⟦司机明显绕路，多收了二十多块。¦司机中途甩客，还扣了我全程的钱。¦车内有烟味，司机一路打电话。⟧",
            "[{time}] 客服 {ename2}：您好，已核实行程，车牌{plate}，司机{sur3}师傅，行程单号{idno2}。",
            "[{time}] 乘客：司机还说“{nick3}我开了十年车了你别教我”，态度很差。",
            "[{time}] 客服：请问下车地点是{addr2}吗？",
            "[{time}] 乘客：对。我的邮箱{email}，请把处理结果发到这里。",
            "[{time}] 客服：为核实身份，请提供下单手机号。\n[{time}] 乘客：{mobile}",
            "[{time}] 系统：乘客端IP {ip}，设备已绑定。",
            "处理意见：退还差价28.60元，对司机{name3}（驾驶证号{rid3}）予以警告。",
            "回访：{date2} 已电话回访乘客{sur}{title}，乘客表示满意。",
        ),
        ("—— 工单已关闭（{date3}）",),
        nmin=4, nmax=7,
    ),
    Kind(
        "notarial_cert",  # 公证书
        ("公 证 书\n（{cndate}）{idno}", "{notary}\n公证书"),
        (
            "申请人：{name}，{sex}，{birth}出生，公民身份号码：{rid}，住址：{addr}。",
            "公证事项：⟦委托¦声明¦继承权放弃声明⟧。",
            "兹证明{name}于{cndate}来到我处，在本公证员面前，在前面的《委托书》上签名。",
            "受托人：{name2}，{sex2}，公民身份号码：{rid2}，联系电话：{mobile2}。",
            "委托人{name}委托{name2}代为办理位于{addr2}房屋的出售及产权过户手续。",
            "委托人的护照号码为{passport}，现居{city2}。",
            "委托期限自{cndate2}起至房屋过户手续办结之日止。",
            "{notary}\n公证员  {name3}\n{cndate}",
        ),
        (),
        joiner="\n", nmin=4, nmax=7, closer_p=0,
    ),
    Kind(
        "si_transfer",  # 社保关系转移申请表（| 表格）
        ("基本养老保险关系转移接续申请表\n|项目|内容|", "社会保险关系转移申请（跨省）\n|字段|填写|"),
        (
            "|姓名|{name}|",
            "|社会保障号码|{rid}|",
            "|性别|{sex}|",
            "|民族|{minzu}|",
            "|出生日期|{birth}|",
            "|联系电话|{mobile}|",
            "|通讯地址|{addr}|",
            "|邮政编码|{zip}|",
            "|原参保地|{prov2}|",
            "|转出地社保经办机构|{sio2}|",
            "|转入地社保经办机构|{sio}|",
            "|原单位|{company}（统一社会信用代码 {uscc}）|",
            "|电子邮箱|{email}|",
            "|申请日期|{date}|",
        ),
        ("经办人：{name2}  受理编号：{idno}", "（申请人签字：{name}）"),
        nmin=7, nmax=13,
    ),
    Kind(
        "wecom_approval",  # 企业微信审批流（中英混合）
        ("【企业微信·审批】费用报销 Expense Claim\n审批编号：{idno}", "审批单 Approval {idno}｜{company}"),
        (
            "申请人 Applicant：{name}（{ename}）",
            "提交时间：{dtime}",
            "报销事由：{date2}赴{city2}⟦拜访客户¦参加行业展会¦项目驻场实施⟧，往返⟦高铁¦机票⟧及住宿。",
            "收款账户：{bank} {card}",
            "附件：发票3张（已上传至 {url}）",
            "审批人1 {ename2}（{eemail2}）：Approved. 请财务尽快处理。",
            "审批人2 {name3}：同意，{nick3}跟进一下发票抬头。",
            "抄送：{efirst4}、{name5}",
            "财务备注：申请人手机{mobile}，已电话确认金额。",
            "Login IP：{ip}",
            "用车申请：自驾车辆{plate}，往返里程412公里，按1.2元/公里补贴。",
            "{name3} {time}：@{name} 发票抬头写错了，麻烦重新上传。\n{name} {time}：好的，已修改 👍",
        ),
        ("流程状态：已通过", "—— 本审批由系统自动归档"),
        nmin=5, nmax=9,
    ),
    Kind(
        "exit_entry_booking",  # 出入境证件办理预约
        ("【{eeb}】预约成功通知", "出入境证件办理网上预约回执"),
        (
            "⟦尊敬的¦您好，⟧{name}，您已成功预约{dtime}在{eeb}办理⟦普通护照换发¦普通护照首次申领¦往来港澳通行证签注¦出入境记录查询⟧。",
            "预约号：{idno}",
            "申请人证件号码：{rid}",
            "原护照号码：{passport}",
            "港澳通行证号码：{hkpass}",
            "|办理事项|证件号码|预约时段|\n|护照换发|{passport}|{dtime}|\n|港澳签注|{hkpass}|{dtime2}|",
            "预约手机：{mobile}",
            "申请人户籍地：{prov}，现居住地址：{addr}",
            "同行人：{name2}（{rel}，{age2}）",
            "请携带本人身份证原件按时到场，如需取消请登录 {url}。",
        ),
        ("（本通知由系统发送，请勿回复）",),
        nmin=4, nmax=9,
    ),
    Kind(
        "dental_record",  # 口腔诊所病历
        ("{clinic}\n门诊病历", "{clinic} 初诊记录  病历号：{mrn}"),
        (
            "姓名：{name}　年龄：{age}　电话：{mobile}",
            "就诊时间：{dtime}",
            "主诉：⟦右下后牙咬物疼痛一周。¦左上前牙外伤折断2小时。¦刷牙出血半年，要求洁治。¦要求种植修复缺失牙。⟧",
            "过敏史：青霉素过敏。既往史：高血压（{hosp}就诊）。",
            "|牙位|检查|处置|\n|46|深龋、叩痛|根管再治疗|\n|37|楔状缺损|树脂充填|",
            "现病史：{date2}曾于{hosp}行根管治疗，未完成冠修复。",
            "检查：46远中深龋，叩（+），松动（-）。",
            "诊断：46慢性根尖周炎。",
            "处置：46根管再治疗，约下次复诊。医嘱已告知患者及其家属{kin}。",
            "医生：{name2}医生　助理：{nick3}",
            "下次复诊：{date3}",
        ),
        ("（本病历仅供诊疗使用）",),
        nmin=5, nmax=9,
    ),
    Kind(
        "offer_email",  # 录用通知邮件（中英混合）
        ("From: {eemail2}\nTo: {email}\nSubject: 录用通知 Offer Letter - {name}", "主题：Offer｜{company}\n发件人：HR {ename2} <{eemail2}>"),
        (
            "{name}，您好！",
            "Dear {efirst}, 感谢您参加{date}的终面，我们很高兴地通知您被录用为⟦高级数据分析师¦产品经理¦Java开发工程师¦海外市场专员⟧。",
            "入职日期：{date2}，报到地点：{addr2}。",
            "试用期三个月，税前月薪详见附件。",
            "请于一周内回复确认，并提供身份证号（{rid}）对应的复印件及工资卡（{bank}）。",
            "如有问题可联系 {ename2}，电话 {tel}，或我的同事{name3}（{mobile3}）。",
            "Please reply to this email by {date3}. 您的候选人编号为{idno}。",
            "入职体检请前往{hosp}，体检编号：{mrn}。",
            "Best regards,\n{ename2}\nHR Business Partner, {company}",
        ),
        (),
        nmin=4, nmax=8, closer_p=0,
    ),
    Kind(
        "hukou_move",  # 户口迁移证明（OCR 风格空格）
        ("常住人口登记\n户 口 迁 移 证", "准 予 迁 入 证 明\n编 号  {idno}"),
        (
            "姓  名  {name}    性  别  {sex}",
            "民  族  {minzu}    出生日期  {birth}",
            "公民身份号码  {rid}",
            "原  住  址  {addr}",
            "迁 往 地 址  {addr2}",
            "迁移原因  ⟦投靠配偶¦工作调动¦购房落户⟧（⟦配偶¦户主⟧：{name2}，身份号码 {rid2}）",
            "签发机关  {police}",
            "签发日期  {cndate}",
            "承 办 人  {name3}",
            "户 主 姓 名  {kin}    与户主关系  子女",
        ),
        (),
        nmin=5, nmax=9, closer_p=0,
    ),
    Kind(
        "driving_school",  # 驾校学员报名表
        ("{dschool}\n学员报名登记表", "驾校报名表 学员编号{C}{idno}"),
        (
            "学员姓名{C}{name}",
            "证件号码{C}{rid}",
            "年龄{C}{agen}   申领车型{C}C1",
            "⟦手机号码¦联系电话¦手机⟧{C}{mobile}",
            "紧急联系人{C}{kin}  电话{C}{mobile2}",
            "居住地址{C}{addr}",
            "政治面貌{C}{zzmm}",
            "教练员{C}{nick3}（{mobile3}）",
            "体检医院{C}{hosp}  体检日期{C}{date2}",
            "报名日期{C}{date}",
            "学车费用{C}{amount}（分期扣款卡号{C}{card}）",
        ),
        ("（学员签字{C}{name}）",),
        nmin=5, nmax=10,
    ),
    Kind(
        "viewing_log",  # 房产中介带看聊天记录
        ("{agency} 带看记录群（3人）", "聊天记录导出 · {agency}"),
        (
            "{given2}经纪人 {time}\n@{name} 您好，{dtime}带您看{addr}那套两居室可以吗？",
            "{name} {time}\n可以，我跟我对象{name4}一起过去。",
            "{given2}经纪人 {time}\n您开车来的话，把车牌发我，我帮您登记门禁。\n{name} {time}\n{plate}，谢谢",
            "{given2}经纪人 {time}\n好的，业主{sur3}先生也在，他电话{mobile3}，钥匙在他那儿。",
            "{name} {time}\n我的电话{mobile}，到小区门口给我打。",
            "{given2}经纪人 {time}\n另外一套在{addr2}，挂牌价还能谈。",
            "{name} {time}\n行，房源编号{idno}那套也发我看看。",
            "{given2}经纪人 {time}\n[链接] {url}",
            "{name} {time}\n[图片] 我身份证照片先发你，{rid}，签意向金协议用。",
            "{given2}经纪人 {time}\n我的微信号{wxid2}，资料发您邮箱{email}了。",
        ),
        (),
        nmin=4, nmax=8, closer_p=0,
    ),
    Kind(
        "card_loss",  # 银行卡挂失/补卡申请书
        ("{bank}\n个人客户挂失申请书", "挂失及补发申请（借记卡）\n受理网点{C}{bank}"),
        (
            "申请人姓名{C}{name}",
            "证件类型{C}居民身份证  证件号码{C}{rid}",
            "挂失卡号{C}{card}",
            "挂失原因{C}{date}在{city}⟦出差时遗失¦被盗¦乘坐地铁时丢失⟧",
            "联系电话{C}{mobile}  办公电话{C}{tel}",
            "联系地址{C}{addr}  邮编{C}{zip}",
            "代办人{C}{name2}  代办人证件号码{C}{rid2}",
            "受理时间{C}{dtime}",
            "经办柜员{C}{idno2}  复核{C}{name3}",
            "新卡领取方式{C}邮寄至{addr2}，收件人{name}，电话{mobile}",
        ),
        ("申请人确认：以上挂失卡尾号{tailno}无误。",),
        nmin=5, nmax=9,
    ),
    Kind(
        "legal_aid",  # 法律援助申请表
        ("法律援助申请表\n受理机构{C}{legalaid}", "{legalaid}\n法律援助申请登记  编号{C}{idno}"),
        (
            "申请人{C}{name}  性别{C}{sex}  年龄{C}{agecn}",
            "民族{C}{minzu}  身份证号{C}{rid}",
            "户籍所在地{C}{prov}  住所地{C}{addr}",
            "联系电话{C}{mobile}",
            "案由{C}⟦追索劳动报酬¦工伤赔偿¦确认劳动关系⟧。申请人于{month}入职{company}，⟦被拖欠工资¦主张赔偿⟧{amount}。",
            "对方当事人{C}{company}，法定代表人{name2}，统一社会信用代码{uscc}",
            "指派律师{C}{name3}（{lawfirm}，执业证号{idno3}）",
            "家庭经济状况{C}低保户，月收入低于当地最低工资标准；低保证号{idno2}",
            "申请日期{C}{date}",
        ),
        ("（申请人承诺所填内容真实）",),
        nmin=5, nmax=8,
    ),
    Kind(
        "blood_donation",  # 无偿献血登记
        ("{bloodbank}\n献血者健康征询及登记表", "无偿献血登记 · {bloodbank}流动采血车"),
        (
            "献血者{C}{name}  性别{C}{sex}  年龄{C}{age}",
            "证件号码{C}{rid}",
            "职业{C}⟦教师¦学生¦行政人员⟧  ⟦工作单位¦单位/学校⟧{C}{school}",
            "献血证号{C}{idno}",
            "联系电话{C}{mobile}",
            "采血时间{C}{dtime}  采血量{C}400ml",
            "上次献血日期{C}{date2}",
            "宗教信仰（自愿填写）{C}{religion}",
            "采血护士{C}{name2}  体检医生{C}{name3}",
            "献血者微信{C}{wxid}  电子邮箱{C}{email}",
        ),
        ("感谢您的无私奉献！献血查询请登录 {url}",),
        nmin=5, nmax=9,
    ),
]

FREE = Kind(
    "pii_free",
    (
        "关于调整营业时间的通知",
        "温馨提示",
        "公告",
        "服务指南",
        "【系统通知】",
    ),
    (
        "自下月起，营业厅工作日开放时间调整为9:00-17:30，周六9:00-12:00。",
        "客服热线95588、12345均可24小时受理咨询。",
        "本季度共处理订单12,846笔，同比增长17.3%。",
        "单笔取现超过50,000元须提前一日预约。",
        "体检项目包括血常规、肝功能等13项，空腹8小时以上。",
        "春节期间（除夕至初三）暂停对公业务办理。",
        "二〇二五年度目标：服务满意度达到98%以上。",
        "候诊区第3排座椅正在维修，请到2号厅等候。",
        "请按叫号顺序办理，A001至A150号为上午号段。",
        "本产品过往业绩不代表未来表现，理财非存款，投资须谨慎。",
        "投诉建议可拨打12315或通过官方小程序提交。",
        "网点共设7个窗口，其中2个为绿色通道。",
        "停车场收费标准：首小时5元，之后每小时3元，封顶40元。",
        "本次活动名额有限，共计300份，先到先得。",
        "电梯年检将于上午10点至下午4点进行，届时请走楼梯。",
        "所有表单须使用黑色签字笔填写，字迹清晰。",
        "全国统一服务电话400-820-8820，工作时间8:30-20:00。",
        "本月共受理预约1,926件，平均等候时间12分钟。",
        "证件照片要求：白底，尺寸33mm×48mm，近6个月内拍摄。",
        "自2026年1月1日起，换领护照工本费下调至每本120元。",
    ),
    ("特此通知。", "感谢您的理解与配合。", "（完）"),
    nmin=3, nmax=6, ordered=False, filler_p=0.0,
)


def main() -> None:
    docs = build(kinds=KINDS, per_kind=PER_KIND, free_kind=FREE, n_free=N_FREE, make_values=ZhValues,
                 fillers=FILLERS, seed=SEED, lang="zh", min_len=3)
    path = output_dir(__file__) / "heldout_zh6.jsonl"
    write_jsonl(path, docs)
    print(f"wrote {len(docs)} documents to {path}")


if __name__ == "__main__":
    main()
