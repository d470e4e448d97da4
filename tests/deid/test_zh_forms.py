"""Chinese values as forms and logs write them (issue 16): dates in figures only, with a
clock time glued to the day; 4-4-3 mobiles; full-width digits; VINs, user handles and
``#`` references; province+city without suffixes; Chinese lines in an English document.
Known answers through the real analyzer; each case also says what must stay."""

from __future__ import annotations

from typing import Any

import pytest

from dataprotocol.deid._mixed import fold_width, han_lines
from tests.deid.conftest import findings_of


@pytest.mark.parametrize(("text", "value"), [
    ("体检日期 20240727，请于两周内领取。", "20240727"),
    ("主检医师 秦文刚 审核于 25/3/10 17:50。", "25/3/10 17:50"),
    ("报修时间 2025/06/1522时30分，师傅已上门。", "2025/06/1522时30分"),
    ("询问时间：26.9.29，询问地点：派出所。", "26.9.29"),
    ("乙方签字：崔红    26.7.17", "26.7.17"),
    ("申请日期: 08-19，客户经理已受理。", "08-19"),
    ("客户：04-27之前吧，我一定还上。", "04-27"),
    ("报修时间 11-23 18:15，业主在家。", "11-23 18:15"),
    ("本周五7月12日 10:30召开家长会。", "7月12日 10:30"),
    ("候选人，男，20岁，2022.11本科毕业。", "2022.11"),
])
def test_dates_in_figures(scrubber: Any, text: str, value: str) -> None:
    assert findings_of(scrubber, text).get(value) == "DATE_TIME"


@pytest.mark.parametrize(("text", "values"), [
    ("2011/9-2009-02  杭州职业技术学院  物流管理", ("2011/9", "2009-02")),
    ("2013-12-2021年9月  郑州理工学院", ("2013-12", "2021年9月")),
    ("2020年7月-2012/5  深圳博远信息技术有限公司  仓储专员", ("2020年7月", "2012/5")),
    ("2012/5至今  澄海建筑劳务有限公司  采购主管", ("2012/5",)),
    ("以下房屋仍未缴纳2017/1以来的物业服务费", ("2017/1",)),
    ("长沙市睿达餐饮管理有限公司 2024-12工资发放明细", ("2024-12",)),
    ("工资表导出 - 苏州市景行餐饮管理有限公司（2025-08）", ("2025-08",)),
    ("奶奶生日是农历腊月十六，今年给她订两桌", ("农历腊月十六",)),
    ("外婆生日农历二月初十，冬月廿一是舅舅的", ("农历二月初十", "冬月廿一")),
])
def test_periods_dated_year_months_and_lunar_dates(scrubber: Any, text: str, values: tuple[str, ...]) -> None:
    found = findings_of(scrubber, text)
    assert {value: found.get(value) for value in values} == dict.fromkeys(values, "DATE_TIME")


@pytest.mark.parametrize("text", [
    "ALT 52 U/L，参考范围 10-20，范围在10-40之间。",
    "版本从 2.3-2.4 升级，价格区间 2019-2020 元，增幅 1.2-1.5倍。",
    "一月之内完成，十月怀胎，正月里来是新春。",
    "服务器 10.1.1.1 升级到 3.10.2 版本，血压 128/82 mmHg。",
    "第3-5题做错了，比分是2-1。",
])
def test_ranges_versions_and_scores_are_not_dates(scrubber: Any, text: str) -> None:
    assert "DATE_TIME" not in findings_of(scrubber, text).values()


@pytest.mark.parametrize(("text", "value"), [
    ("联系电话：1864 4199 834，请保持畅通。", "1864 4199 834"),
    ("收货手机：１３７４７４４２２６３。", "１３７４７４４２２６３"),
])
def test_mobiles_grouped_4_4_3_and_full_width(scrubber: Any, text: str, value: str) -> None:
    out = scrubber.scrub(text)
    assert findings_of(scrubber, text).get(value) == "PHONE_NUMBER"
    assert value not in out.text


def test_fold_width_keeps_length_and_offsets() -> None:
    text = "手机１３８（ＡＢ）：１２＋"
    folded = fold_width(text)
    assert len(folded) == len(text) and folded == "手机138（AB）：12+"
    assert fold_width("plain ascii") == "plain ascii"


@pytest.mark.parametrize(("text", "value"), [
    ("车辆识别代号：LGBJ8XLLUXX425616，使用性质：非营运。", "LGBJ8XLLUXX425616"),
    ("申请人：向博（买家昵称：wxid_mumughkt22c）", "wxid_mumughkt22c"),
    ("报修登记 #BX8956-011553，报修人已登记。", "BX8956-011553"),
    ("退款申请 Re: Booking ZY1199468092757，请核对。", "ZY1199468092757"),
])
def test_labelled_ids(scrubber: Any, text: str, value: str) -> None:
    assert findings_of(scrubber, text).get(value) == "ID"


def test_last_four_digits_after_wei_hao_are_not_an_id(scrubber: Any) -> None:
    text = "退款将原路退回至尾号8961的银行卡，预计三个工作日到账。"
    assert "8961" not in findings_of(scrubber, text)


@pytest.mark.parametrize(("text", "value"), [
    ("租户来自云南昆明，从事快递配送工作。", "云南昆明"),
    ("标的车当日从山西太原驶往天津途中出险。", "山西太原"),
    ("答：8月26日周三我在思明区一个小区门口被撞了。", "思明区"),
])
def test_places_without_an_address(scrubber: Any, text: str, value: str) -> None:
    assert findings_of(scrubber, text).get(value) == "LOCATION"


def test_generic_area_word_is_no_place(scrubber: Any) -> None:
    assert "开发区" not in findings_of(scrubber, "我在开发区一个工厂上班。")


def test_chinese_lines_in_an_english_document(scrubber: Any) -> None:
    text = ("Interview feedback for the backend role. The candidate was well prepared and we would "
            "like to move forward with the offer after the reference check.\n"
            "候选人编号：RC7290038；籍贯：广东省\n"
            "Please send the offer letter by Friday and copy the hiring manager.")
    assert scrubber.language_of(text) == "en"
    assert han_lines(text) == [(text.index("候选人"), text.index("\nPlease"))]
    out = scrubber.scrub(text)
    assert "RC7290038" not in out.text and "广东省" not in out.text
    assert "候选人编号" in out.text and "Interview feedback" in out.text


@pytest.mark.parametrize(("text", "value", "entity"), [
    ("客户：620102 20050927 1816。", "620102 20050927 1816", "CN_RESIDENT_ID"),
    ("身份证 620102-2005-0927-1816 已核验。", "620102-2005-0927-1816", "CN_RESIDENT_ID"),
    ("我24年3月5日去的医院，医生说没事。", "24年3月5日", "DATE_TIME"),
    ("签订日期：2024 年 3 月 5 日，双方签字。", "2024 年 3 月 5 日", "DATE_TIME"),
    ("商家：小鹿数码专营店（运营主体另列）", "小鹿数码专营店", "ORGANIZATION"),
    ("Candidate: 禚秀 / 应聘岗位：行政", "禚秀", "PERSON"),
    ("现任职于青岛恒润医疗器械集团有限公司，期望薪资面议。\nVivian's comment: strong in system design.\n籍贯：东莞市",
     "Vivian", "PERSON"),
])
def test_grouped_ids_printed_dates_shops_and_bilingual_labels(scrubber: Any, text: str, value: str,
                                                              entity: str) -> None:
    assert findings_of(scrubber, text).get(value) == entity


def test_grouped_resident_id_needs_its_check_digit(scrubber: Any) -> None:
    assert "CN_RESIDENT_ID" not in findings_of(scrubber, "客户：620102 20050927 1815。").values()


@pytest.mark.parametrize("text", [
    "健康告知：被保险人过去两年内无住院史。",
    "保险产品：终身重大疾病保险，基本保额29万。",
    "（以下由保险公司填写）",
])
def test_kinds_of_insurance_are_no_organisation(scrubber: Any, text: str) -> None:
    assert "ORGANIZATION" not in findings_of(scrubber, text).values()


@pytest.mark.parametrize(("text", "value", "entity"), [
    ("发送时间：2024年3月5日 星期二 上午 9:41，请查收。", "2024年3月5日 星期二 上午 9:41", "DATE_TIME"),
    ("病人于2024-03-05T14:30:00入院。", "2024-03-05T14:30:00", "DATE_TIME"),
    ("复诊时间为3.15（周五）上午。", "3.15", "DATE_TIME"),
    ("收货地址：江苏南京鼓楼区中山北路200号3栋1单元502", "江苏南京鼓楼区中山北路200号3栋1单元502", "STREET_ADDRESS"),
    ("就职于阿里巴巴（中国）有限公司，任工程师。", "阿里巴巴（中国）有限公司", "ORGANIZATION"),
])
def test_weekdays_iso_time_bare_provinces_bracketed_regions(scrubber: Any, text: str, value: str,
                                                             entity: str) -> None:
    assert findings_of(scrubber, text).get(value) == entity


def test_a_field_label_after_a_role_is_no_name(scrubber: Any) -> None:
    found = findings_of(scrubber, "客户证件号码：440301199003077317")
    assert found == {"440301199003077317": "CN_RESIDENT_ID"}


@pytest.mark.parametrize(("text", "value", "entity"), [
    ("我的微信号是 zhao_lei_1980，QQ 号 88886666。", "zhao_lei_1980", "ID"),
    ("我的微信号是 zhao_lei_1980，QQ 号 88886666。", "88886666", "ID"),
    ("受检者，女，年龄：43岁6个月。", "43岁6个月", "AGE"),
    ("患儿，男，年龄：8个月，发热一天。", "8个月", "AGE"),
])
def test_handles_after_shi_and_ages_in_months(scrubber: Any, text: str, value: str, entity: str) -> None:
    assert findings_of(scrubber, text).get(value) == entity


def test_a_term_in_months_is_no_age(scrubber: Any) -> None:
    assert "AGE" not in findings_of(scrubber, "本产品保修期为12个月，分期6个月免息。").values()


def test_a_name_before_xi_the_is_of_records(scrubber: Any) -> None:
    assert findings_of(scrubber, "已按流程登记。\n邓强华系外地患者，户籍内蒙古。").get("邓强华") == "PERSON"
    assert "PERSON" not in findings_of(scrubber, "登录系统后，系统管理员会审核。经查，该车系被盗车辆。").values()


def test_a_property_unit_code_after_fang_hao(scrubber: Any) -> None:
    assert findings_of(scrubber, "房号：3-2-1501，业主已签字。").get("3-2-1501") == "ID"
    assert "ID" not in findings_of(scrubber, "活动定于3-2-1501年举行的说法不对，第3-2-15条。").values()


@pytest.mark.parametrize("text", ["交易市场：郑州启明贸易有限公司", "宣传活动。\n夜间病区保持安静，请勿大声喧哗。"])
def test_a_market_and_a_ward_are_no_places(scrubber: Any, text: str) -> None:
    found = findings_of(scrubber, text)
    assert "交易市" not in found and "夜间病区" not in found


def test_english_model_spans_over_han_text_are_dropped(scrubber: Any) -> None:
    text = ("Interview Feedback for the backend role. The candidate was well prepared and we would "
            "like to move forward with the offer after the reference check.\n"
            "一面面试官：雷振福；二面面试官：Vivian Nguyen（HRBP）\n"
            "政治面貌：致公党党员\n"
            "Please send the offer letter by Friday and copy the hiring manager.")
    assert scrubber.language_of(text) == "en"
    found = {text[f.start:f.end]: (f.entity_type, f.recognizer) for f in scrubber.find(text)}
    assert found.get("雷振福", ("",))[0] == "PERSON" and found.get("致公党党员", ("",))[0] == "NRP"
    assert not any(r == "SpacyRecognizer" and "面试官" in value for value, (_, r) in found.items())


def test_company_brand_jieba_reads_as_a_verb(scrubber: Any) -> None:
    assert findings_of(scrubber, "交易场所：郑州启明贸易有限公司").get("郑州启明贸易有限公司") == "ORGANIZATION"
    assert "合肥市转运中心" not in findings_of(scrubber, "包裹已送达合肥市转运中心。")


def test_bare_surname_after_a_role_jieba_glued_to_it(scrubber: Any) -> None:
    assert findings_of(scrubber, "已登记。\n网格员梁答应下周三再来回访。").get("梁") == "PERSON"
    assert "PERSON" not in findings_of(scrubber, "服务员高兴地答应了，工作人员多次答应整改。").values()
