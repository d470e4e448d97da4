# ruff: noqa: E501
"""Generate benchmarks/data/deid/heldout_zh3.jsonl - blind Chinese held-out set v3.

Standard library only; deterministic (random.Random(SEED)).  See README.md.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _h3common import DATA_DIR, generate, write_jsonl  # noqa: E402
from _zh3_values import GENERATORS  # noqa: E402

SEED = 3_2026_1202_16
PER_KIND = 38
PII_FREE = 32
OUT = DATA_DIR / "heldout_zh3.jsonl"


def _colon_style(rng):
    """Label punctuation for one document: full-width colon (most), half-width, or half-width plus space."""
    style = rng.choice(["：", "：", "：", ":", ": "])

    def fix(template: str) -> str:
        return template.replace("：", style)
    return fix


def _mixed(rng):
    return rng.choice(["\n", "\n", ""])


FILLERS = [
    "以上信息由系统自动生成，如有疑问请联系经办人。", "请注意核对。", "本记录仅供内部使用。", "经核实，情况基本属实。",
    "后续进展将另行通知。", "相关材料已上传至系统。", "当天天气较冷，路面湿滑。", "沟通过程中对方态度平和。",
    "备注：无。", "本次处理耗时约二十分钟。", "已按流程登记。", "详见附件。",
]

KINDS: dict[str, dict] = {
    "health_checkup": {
        "restyle": _colon_style,
        "openers": ["【健康体检报告】", "体检机构：{hospital}　体检报告单", "个人体检报告（{date}）", "体检报告 —— 入职体检"],
        "body": [
            "姓名：{name}　性别：{sex}　年龄：{age}", "体检编号：{tjh}", "体检号 {tjh}，体检日期 {date}",
            "受检单位：{company}", "身份证号：{id}", "联系电话：{mobile}", "受检者{name}，{sex}，年龄{agen}，民族：{nation}。",
            "血压 128/82 mmHg，心率 76 次/分，BMI 24.3。", "总检医生：{name2}", "主检医师 {name2} 审核于 {datet}",
            "结论：1. 轻度脂肪肝；2. 甲状腺结节（TI-RADS 3类），建议 6 个月后复查。", "报告领取方式：邮寄至{addr}，收件人{name}。",
            "如对结果有疑问，请于工作日拨打{tel}咨询。", "既往史：无特殊。家族史：父亲高血压。", "门诊号：{mzh}（复查时请携带）",
            "电子报告已发送至邮箱 {email}。",
            "项目 | 结果 | 参考范围\nALT | 52 U/L ↑ | 9-50\n空腹血糖 | 5.9 mmol/L | 3.9-6.1\n审核医师 | {name2} | {date}",
        ],
        "closers": ["本报告仅对本次检查负责。", "祝您健康！", "——{hospital}"],
        "n": (4, 8), "ordered": True,
    },
    "return_request": {
        "restyle": _colon_style,
        "openers": ["退货/退款申请单", "【售后申请】{shop}", "买家发起退货申请 {datet}", "订单售后 - 仅退款/退货退款"],
        "body": [
            "订单号：{order}", "订单编号{order}，商品：{goods}，实付{money}。", "退款单号 {refund}", "申请人：{name}（买家昵称：{wx}）",
            "退货原因：商品与描述不符，收到时外包装破损。", "买家留言：“东西坏了，我已经拍照了，联系我{mobile}，谢谢”",
            "寄回运单号：{waybill}", "退货地址：{addr}，收件人：{name2}，电话{tel}", "卖家{name2}于{date}同意退货。",
            "退款将原路退回至尾号{cardtail}的银行卡，预计1-3个工作日到账。", "退款账户：{bank} {card}", "凭证链接：{url}",
            "客服小{sur2}备注：已与买家电话沟通，买家同意补偿方案。",
            "下单IP：{ip}；收货手机：{mobile}", "买家：亲，我是{given}，麻烦快点处理\n客服：好的亲，已为您加急～", "商家：{shop}（运营主体 {company}）",
        ],
        "closers": ["感谢您的耐心等待。", "如超时未处理，系统将自动退款。", "请在7天内寄回商品。"],
        "n": (3, 7),
    },
    "card_installment": {
        "restyle": _colon_style,
        "openers": ["信用卡账单分期申请表", "{bank}信用卡中心 分期业务申请", "Credit Card Installment Application / 信用卡分期申请"],
        "body": [
            "持卡人姓名：{name}", "主卡卡号：{card}", "证件类型：居民身份证　证件号码：{id}", "手机号码（须与预留一致）：{mobile}",
            "申请分期金额：{money}，分期期数：{periods}，手续费率0.6%/期。", "申请编号 {appno}", "单位名称：{company}；单位电话：{tel}",
            "现居住地址：{addr}（邮编{zip}）", "年龄 {age}，婚姻状况：已婚，学历：本科。", "申请日期：{date}", "客户经理：{name2}，工号{emp}",
            "持卡人{name}确认已阅读《分期付款业务章程》。", "Email for e-statement：{email}", "证件有效期至 2036年5月12日。", "户籍所在地：{city}",
        ],
        "closers": ["申请人签字：__________", "本行将在3个工作日内完成审核。", "审核结果将以短信通知，请留意。"],
        "n": (4, 8), "ordered": True,
    },
    "grid_visit": {
        "openers": ["社区网格员走访记录", "{district}某社区 网格化管理入户走访登记", "走访日志（{date}）"],
        "body": [
            "走访时间：{datet}；走访人：网格员{name2}。", "户主{name}，{sex}，{age}，{nation}，政治面貌：{party}。",
            "居住地址：{addr}。", "家庭成员：{name}、{name3}（配偶）、{kin}（子女，{kidage}）。", "户籍编号 {household}",
            "联系方式 {mobile}；备用联系人{name3}，电话{mobile3}。", "老人{name5}独居，行动不便，已登记为重点关爱对象。",
            "该户反映楼道灯不亮，已上报物业。", "户主之子{kin}在{city}读大学，寒暑假回家。", "身份证号码为{id}，与登记信息一致。", "租户{name6}来自{city}，从事快递配送工作，暂住证已办理。",
            "网格员{sur2}答应下周三再来回访。",
            "{name5}老人仍持旧版身份证，证号{idold5}，已提醒其换领。", "隔壁老{sur6}反映该户夜间噪音较大，已协调。", "{name}表示邻里关系良好，无矛盾纠纷。",
        ],
        "closers": ["记录人：{name2}", "走访结束。", "已录入网格管理平台。"],
        "n": (3, 7), "joiner": _mixed,
    },
    "repair_ticket": {
        "restyle": _colon_style,
        "openers": ["物业报修单", "【{company}】报修工单", "报修登记 #{workorder}"],
        "body": [
            "工单编号：{workorder}", "报修人：{name}　房号：{room}", "报修地址：{addr}", "联系电话：{mobile}",
            "报修内容：卫生间天花板渗水，楼上{name2}家疑似水管破裂。", "报修时间 {datet}", "维修师傅：{sur3}师傅（{mobile3}）",
            "{sur3}师傅于{datet2}上门，更换角阀一个，材料费{money}。", "业主{sur}女士/先生对维修结果满意，评价五星。",
            "备注：业主要求下午4点以后上门，提前打电话。", "物业前台：{name4}，座机 {tel}", "回访情况：{date2}电话回访，业主表示已不再漏水。",
            "维修工老{sur3}反映配件需要等两天。",
        ],
        "closers": ["请业主签字确认。", "感谢您对物业工作的支持！", "工单已关闭。"],
        "n": (3, 7), "ordered": True,
    },
    "nursing_handover": {
        "openers": ["护理交班记录（夜班→白班）", "{hospital} 心内科 护理交接班报告", "交班时间：{datet}"],
        "body": [
            "{bed} {name}，{sex}，{age}，住院号{zyh}，诊断：冠心病，PCI术后第2天。", "{bed}患者{name2}，住院号：{zyh2}，夜间睡眠可，无胸痛主诉。",
            "{name}患者02:00诉穿刺处疼痛，已通知值班医生{name3}，予冰敷处理。", "病历号 {blh}，过敏史：青霉素。",
            "家属{name4}（{mobile}）陪护，已宣教防跌倒。", "患者{sur2}阿姨今晨空腹血糖6.8 mmol/L。", "新入院：{name5}，{age5}，门诊号{mzh}，拟明日行冠脉造影。",
            "交班护士：{name6}　接班护士：{name7}", "输液余量约200 ml，滴速40滴/分。", "{name}系外地患者，户籍{city}，医保异地备案已办理。", "心电监护示窦性心律，SpO2 97%。",
            "床号\t姓名\t住院号\t诊断\n{bed}\t{name}\t{zyh}\t社区获得性肺炎\n{bed2}\t{name2}\t{zyh2}\t2型糖尿病",
        ],
        "closers": ["以上交接完毕，双方签字。", "请白班重点关注{bed}。", "交接无异议。"],
        "n": (4, 7),
    },
    "online_consult": {
        "openers": ["互联网医院图文问诊记录", "【在线问诊】问诊单号 {zxh}", "{hospital} 互联网医院 · 复诊咨询"],
        "body": [
            "患者：{name}，{sex}，{age}", "问诊单号：{zxh}", "患者：医生您好，我{symptom}，之前在你们医院看过，病历号是{blh}。",
            "{name3}医生：您好，请问体温最高多少？有没有吃过药？", "患者：吃了 Ibuprofen 两天，没有明显好转。", "{name3}医生：建议线下就诊，复查血常规。",
            "患者补充：我的手机是{mobile}，可以电话联系。", "处方已开具：Amoxicillin 0.5g tid ×5d。药品配送至{addr}。",
            "就诊人身份证：{id}", "医生：{sur3}医生，{hospital}呼吸内科主治医师。", "问诊时间 {datet}", "患者家属{name4}代为咨询，与患者关系：女儿。", "患者：我现在人在{city}出差，回不去，能不能先开点药？",
            "Patient email: {email}", "医生提醒：如出现呼吸困难请立即拨打120。",
            "登录设备IP {ip}，问诊渠道：微信小程序。",
        ],
        "closers": ["本次问诊已结束，请对医生服务进行评价。", "问诊记录仅供参考，不能代替面诊。", "祝早日康复。"],
        "n": (4, 8), "ordered": True,
    },
    "insurance_application": {
        "restyle": _colon_style,
        "openers": ["人身保险投保单", "{insurer} 投保书（电子版）", "投保单号：{policy}"],
        "body": [
            "投保人：{name}，证件号码 {id}，出生日期 {birth}", "被保险人：{name2}，与投保人关系：子女，出生日期{birth2}，证件号{id2}",
            "投保人手机：{mobile}；电子邮箱：{email}", "通讯地址：{addr}　邮编：{zip}", "职业：{job}，工作单位：{company}",
            "受益人：法定 / 指定受益人{name3}，受益比例100%。", "续期缴费账户：{bank}，账号{card}", "保险产品：终身重大疾病保险，基本保额{money}，缴费期20年。",
            "健康告知：被保险人过去两年内无住院史。", "业务员：{name4}，执业证编号{license}", "投保日期：{date}",
            "投保人国籍：中国；民族：{nation}", "外籍投保人护照号（如适用）：{passport}",
            "被保险人出境留学，护照号码 {passport2}，签证有效期至2027年。",
        ],
        "closers": ["投保人声明：本人已阅读保险条款。", "（以下由保险公司填写）", "投保人签名：__________ 日期：____"],
        "n": (4, 8), "ordered": True,
    },
    "labor_arbitration": {
        "openers": ["劳动人事争议仲裁申请书", "仲裁申请书", "{arbcom}：案号{caseno}"],
        "body": [
            "申请人：{name}，{sex}，{nation}，{birth}出生，身份证号码{id}，住{addr}，联系电话{mobile}。",
            "被申请人：{company}，统一社会信用代码：{uscc}，住所地{addr2}。", "法定代表人：{name2}，职务：总经理。",
            "委托代理人：{name3}，{company3}律师，电话{tel}。", "申请人于{month}入职被申请人处，担任{job}，月工资{money}。",
            "{date}，被申请人以“业务调整”为由口头通知申请人解除劳动关系，未支付经济补偿。", "仲裁请求：一、裁决被申请人支付违法解除劳动合同赔偿金{money2}；二、支付拖欠工资。",
            "申请人工号为{emp}，工资由{bank}代发至其尾号{cardtail}的账户。", "证人{name4}系申请人同事，可证明加班事实。", "此致\n{arbcom}",
        ],
        "closers": ["申请人：{name}　{date2}", "附：证据材料清单一份。", "申请人（签名）：{name}"],
        "n": (4, 8), "ordered": True,
    },
    "license_check": {
        "restyle": _colon_style,
        "openers": ["驾驶证/行驶证信息核验结果", "车辆及驾驶人信息核验单", "核验流水号 {report}"],
        "body": [
            "驾驶人姓名：{name}", "驾驶证号：{id}（与身份证号码一致）", "准驾车型：C1　初次领证日期：{month}", "档案编号：{archive}",
            "号牌号码：{plate}　车辆类型：小型轿车　使用性质：非营运", "车辆识别代号：{vin}", "所有人：{name2}", "住址：{addr}",
            "发证机关：{police}", "核验结果：驾驶证状态正常，记分周期内累计扣3分。", "车辆品牌：{car}，注册日期 {date}",
            "行驶证副页：检验有效期至2027年08月。", "核验时间 {datet}，核验人 {name3}", "车主联系电话：{mobile}",
            "境外驾驶证换领：驾驶人护照号码{passport}，入境日期{date2}。",
        ],
        "closers": ["核验结论：通过。", "本结果仅用于本次业务办理。", "如信息有误，请前往车管所更正。"],
        "n": (4, 8), "ordered": True,
    },
    "collection_call": {
        "openers": ["贷款逾期催收通话纪要", "【贷后管理】电话催收记录", "催收通话摘要 {datet}"],
        "body": [
            "借款人：{name}，借据号{loan}，逾期天数 37 天，逾期金额{money}。", "合同号：{contract}", "致电借款人手机 {mobile}，无人接听。",
            "致电紧急联系人{name2}（关系：朋友），对方表示已很久未联系{given}。", "借款人接通后称本月{date}前可还款，承诺还款{money2}。",
            "客户原话：“我现在在{city}打工，工资下个月才发。”", "已告知客户可通过{bank}尾号{cardtail}账户还款，或登录APP操作。",
            "客户单位：{company}，单位座机{tel}，前台称{sur}某已离职。", "客户身份证号{id}，核实身份无误。", "催收员：{name3}（工号{emp}）",
            "通话时长 3分42秒，录音已存档。", "下次跟进时间：{datet2}。", "客户要求停止给其家人打电话，已记录。",
            "通话摘录：\n催收员：您好，请问是{name}先生/女士吗？\n客户：是我，你说。\n催收员：您在我行的贷款已逾期，请问什么时候方便还款？\n客户：{date3}之前吧，我打到尾号{cardtail}那张卡上。",
        ],
        "closers": ["风险等级：中。", "纪要结束。", "请于承诺日跟踪回款。"],
        "n": (4, 8),
    },
    "interview_eval": {
        "restyle": _colon_style,
        "openers": ["面试评价表 Interview Feedback", "【招聘】候选人面试评估", "Candidate: {name} / 应聘岗位：{job}"],
        "body": [
            "候选人编号：{candidate}", "候选人：{name}，{sex}，{age}，{month}本科毕业，籍贯{city2}。", "联系方式：{mobile} / {email}",
            "一面面试官：{name2}；二面面试官：{xname}（HRBP）。", "面试时间：{datet}，形式：视频面试（腾讯会议）。", "现任职于{company}，期望薪资 25k*14。",
            "评价：沟通表达清晰，项目经验扎实，对分布式系统理解较好。", "{xfirst}'s comment: strong in system design, needs more leadership experience.",
            "背景调查联系人：{name3}，前公司主管，电话{tel}。", "籍贯：{city}；政治面貌：{party}。", "面试结论：建议录用 / Hire，定级P6。",
            "{name2}补充：候选人{sur}同学的实习经历与岗位匹配度高。", "offer 发送邮箱 {email}，预计{date2}入职。",
        ],
        "closers": ["HR签字：{name4}", "评估完毕。", "Please keep this form confidential."],
        "n": (4, 8), "ordered": True,
    },
    "auto_claim_report": {
        "restyle": _colon_style,
        "openers": ["机动车辆保险报案记录", "车险报案登记（{insurer}）", "报案号：{claim}"],
        "body": [
            "报案号 {claim}　保单号 {policy}", "报案人：{name}，联系电话 {mobile}", "出险时间：{datet}", "出险地点：{addr}附近路口",
            "标的车：{plate}，{car}；驾驶员{name2}，驾驶证号{id2}。", "三者车：{plate3}，车主{name3}，电话{mobile3}。",
            "事故经过：标的车在等红灯时被后车追尾，后保险杠受损，无人员受伤。", "交警已出具事故认定书，三者车负全责。", "标的车当日从{city}驶往{city2}途中出险。", "查勘员：{name4}，已于{date}完成现场查勘。",
            "被保险人：{company}（统一社会信用代码{uscc}）", "理赔款收款账户：{card}（{bank}）", "报案方式：电话报案（{hotline}）。",
        ],
        "closers": ["请在48小时内提交理赔材料。", "案件状态：已立案。", "查勘照片已上传。"],
        "n": (4, 8), "ordered": True,
    },
    "parent_group": {
        "openers": ["【{school} {grade}家长群】", "家长群聊天记录（{date}）", "班级群消息导出"],
        "body": [
            "{name}老师：各位家长好，明天上午8:00前到校，请提醒孩子带好跳绳。", "{given2}妈妈：收到，谢谢{sur}老师！", "{name3}爸爸：老师，我家孩子今天发烧请假一天。",
            "{sur}老师：@{name4}妈妈 孩子的作业本落在教室了。", "班长{name5}同学本周表现优秀，已获得流动红旗。", "家委会{name6}：春游费用每人80元，请转账至微信{wx}，备注孩子姓名。",
            "{sur}老师：有事可以打我电话{mobile}，上课时间不接听。", "{name3}爸爸：好的，辛苦了🙏", "（{name7}家长 撤回了一条消息）",
            "本周五{datet}召开家长会，地点：学校三楼多功能厅。", "{name8}：请问校服还可以补订吗？", "温馨提示：请勿在群里发布广告。",
            "{kin4}妈妈：孩子今年{kidage}，报名表上出生日期写{kidbirth}对吗？",
        ],
        "closers": ["（以上为群消息摘录）", "{sur}老师：晚安，各位家长。", "消息导出时间 {datet2}"],
        "n": (4, 8), "ordered": True,
    },
}

PII_FREE_SENTENCES = [
    "本季度门诊量较去年同期上升百分之八。", "请各部门于周五前提交月度总结。", "系统将于本周六凌晨进行维护升级。", "退货商品需保持包装完好，不影响二次销售。",
    "分期手续费按月收取，提前还款不退还已收取的手续费。", "社区将于下周开展消防安全宣传活动。", "电梯年检已完成，检验结果合格。", "夜间病区保持安静，请勿大声喧哗。",
    "线上问诊不适用于急危重症。", "投保前请仔细阅读保险条款和免责说明。", "劳动争议申请仲裁的时效期间为一年。", "驾驶证记分周期为十二个月。",
    "逾期会影响个人征信记录。", "面试流程一般包括笔试、技术面和HR面。", "车辆出险后应及时报案并保护现场。", "本学期期中考试安排在第十周。",
    "请家长督促孩子按时完成假期作业。", "小区东门夜间十点后关闭，请从北门出入。", "体检前一天晚上八点后禁食。", "快递柜超过二十四小时将收取保管费。",
    "会议室预订请提前一天在系统中提交。", "本活动最终解释权归主办方所有。", "天气转凉，请注意添衣保暖。", "所有材料须加盖公章后提交。",
    "停车场月卡费用本月起调整。", "护理人员交班时需床旁核对。", "客服工作时间为每天九点至二十一点。", "报名截止后不再接受补报。",
    "图书馆周一闭馆进行内部整理。", "本次调查共回收有效问卷三百余份。", "新版操作手册已发布在内网。", "请勿将密码告知他人。",
    "食堂本周推出三款新菜品。", "年度预算审批将在下月初完成。", "窗口业务办理请提前取号。", "施工期间给您带来不便，敬请谅解。",
]


def main() -> None:
    rng = random.Random(SEED)
    docs = generate(rng, KINDS, GENERATORS, FILLERS, PER_KIND, PII_FREE_SENTENCES, PII_FREE, "zh")
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else OUT
    write_jsonl(docs, out)
    print(f"wrote {len(docs)} documents to {out}")


if __name__ == "__main__":
    main()
