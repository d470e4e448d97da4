"""Chinese names that the document's layout reveals: chat senders, person slots, label
lists and table columns (ChineseStructuredNameRecognizer) -- and the look-alikes it spares."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deid.conftest import findings_of

_CHAT = ("【微信群：叶家一家人】\n"
         "春雨 13:04\n妈明天体检，谁陪她去？\n"
         "建国 13:06\n我去吧，跟春雨说一声\n"
         "妈妈 13:10\n好的\n"
         "国庆 13:13\n刚才叫国庆帮忙查了下\n"
         "春雨 13:20\n收到[OK]\n")


def test_every_chat_sender_is_a_name(scrubber: Any) -> None:
    found = findings_of(scrubber, _CHAT)
    assert all(found.get(name) == "PERSON" for name in ("春雨", "建国", "国庆", "叶")), found
    assert "妈妈" not in found, found


def test_a_chat_sender_is_scrubbed_where_the_chat_mentions_them(scrubber: Any) -> None:
    redacted = scrubber.scrub(_CHAT).text
    assert "春雨" not in redacted and "国庆" not in redacted, redacted


def test_role_and_system_senders_are_no_names(scrubber: Any) -> None:
    text = ("[18:58] 乘客：对，我的订单被多收了钱\n[19:00] 客服：好的，请提供下单手机号\n"
            "[19:02] 乘客：稍等\n系统消息 19:05\n会话已结束\n群主 19:06\n请勿发广告\n")
    found = findings_of(scrubber, text)
    assert "PERSON" not in found.values(), found


def test_a_role_before_the_sender_is_cut_off(scrubber: Any) -> None:
    text = "20:05 团长东黛：今天截单\n20:13 徐晨：收到\n20:20 团长东黛：明早发货\n"
    assert findings_of(scrubber, text).get("东黛") == "PERSON"


@pytest.mark.parametrize(("text", "name"), [
    ("会议纪要\n记录人：种子文\n下次例会时间另行通知。", "种子文"),
    ("姓名：彭胜利  性别：男  年龄：37岁", "彭胜利"),
    ("医师：王宇轩   审核药师：乐向东   调配：过婷霞", "乐向东"),
    ("医师：王宇轩   审核药师：乐向东   调配：过婷霞", "过婷霞"),
    ("申请人签名：贺和平  日期：2025年10月1日", "贺和平"),
    ("前台接待: 周天  备注：要求高楼层", "周天"),
    ("联系人一: 张佑轩（同事） 13560476525", "张佑轩"),
    ("制表：乐海洋  复核：种会计  联系邮箱", "乐海洋"),
    ("制表：乐海洋  复核：种会计  联系邮箱", "种"),
])
def test_the_value_of_a_person_slot_is_the_name(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["负责人：待定\n", "经办人：本人  日期：2025年1月2日", "签收人：门卫\n",
                                  "审核：通过\n", "会员：金卡\n", "抄送：财务部、人事部\n"])
def test_slot_fillers_are_no_names(scrubber: Any, text: str) -> None:
    # (the cue rules of ChinesePersonRecognizer judge 门卫 and 金卡 on their own)
    assert not [f for f in scrubber.find(text) if f.recognizer == "ChineseStructuredNameRecognizer"]


def test_the_items_of_a_person_list_are_names(scrubber: Any) -> None:
    text = "参会人：余鹏、沈海洋、金长江、仲孙然子、夏天\n请假：种雨玲（出差）\n"
    found = findings_of(scrubber, text)
    assert all(found.get(n) == "PERSON" for n in ("余鹏", "沈海洋", "金长江", "仲孙然子", "夏天", "种雨玲")), found


def test_a_list_of_places_is_no_list_of_names(scrubber: Any) -> None:
    found = findings_of(scrubber, "行程：途经南京、杭州、苏州\n参会：各部门负责人\n")
    assert "PERSON" not in found.values(), found


def test_the_cells_of_a_name_column_are_names(scrubber: Any) -> None:
    text = ("序号 | 姓名 | 语文 | 数学\n1 | 沈娟晓 | 108 | 112\n2 | 过雨 | 95 | 101\n3 | 高阳 | 88 | 97\n")
    found = findings_of(scrubber, text)
    assert all(found.get(n) == "PERSON" for n in ("沈娟晓", "过雨", "高阳")), found


def test_a_note_between_header_and_rows_keeps_the_table(scrubber: Any) -> None:
    text = ("工号,姓名,身份证号,开户行\n请注意核对信息是否准确。\n"
            "E480507,逄向东,440305196709205175,兴业银行\nQM-34970,宋佑立,410102197806194577,交通银行\n")
    found = findings_of(scrubber, text)
    assert found.get("逄向东") == "PERSON" and found.get("宋佑立") == "PERSON", found


def test_a_headerless_column_of_names_takes_its_word_like_cells(scrubber: Any) -> None:
    text = "A01,邝鹏晨,销售部,8200\nA02,眭菊涵,财务部,7600\nA03,夏天,行政部,6900\nA04,禚雨萱,人事部,7100\n"
    assert findings_of(scrubber, text).get("夏天") == "PERSON"


@pytest.mark.parametrize("text", [
    "序号 | 商品 | 数量 | 单价\n1 | 苹果 | 3 | 5.00\n2 | 香蕉 | 2 | 3.50\n3 | 高粱 | 1 | 8.00\n",
    "1,北京,朝阳区,100\n2,上海,浦东新区,200\n3,杭州,西湖区,300\n4,南京,鼓楼区,400\n",
])
def test_columns_of_products_and_places_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in findings_of(scrubber, text).values()


@pytest.mark.parametrize(("text", "name"), [
    ("甲方委托其配偶过建涛代为办理交房手续。", "过建涛"),
    ("冯美住院期间由其女儿夏天陪护，医师已交代注意事项。", "夏天"),
    ("如有异议，请联系管家谢建宇，电话15288323942。", "谢建宇"),
    ("备注：孙怡清本月产假，由石兰涵代签；发放日期6月27日。", "石兰涵"),
])
def test_a_name_in_apposition_to_a_relation_or_a_proxy(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["由公司代为办理退款。", "其女儿小时候很喜欢画画。"])
def test_no_apposed_name_without_a_name(scrubber: Any, text: str) -> None:
    assert not [f for f in scrubber.find(text) if f.recognizer == "ChineseStructuredNameRecognizer"]


def test_a_nickname_sender_gives_the_surname(scrubber: Any) -> None:
    text = "13:59 小邵：1. 3栋401\n14:02 徐晨：2. 5栋\n14:05 小邵：收到\n"
    found = findings_of(scrubber, text)
    assert found.get("邵") == "PERSON" and "小邵" not in found, found


@pytest.mark.parametrize(("text", "name"), [
    ("今年给奶奶订两桌，叫上付和平一家。", "付和平"),
    ("叫上单海一家，一起吃饭。", "单海"),
    ("亲爱的闫向东校友：\n您好！", "闫向东"),
    ("本人许胜利，身份证号350206195603071900。", "许胜利"),
    ("求职简历\n余和平 | 男 | 32周岁 | 民盟盟员\n", "余和平"),
])
def test_households_addressees_and_record_heads_are_names(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["我们一家人都去了。", "尊敬的客户：您好！", "本人承诺，以上属实。",
                                  "附近新开了一家，味道不错。"])
def test_no_household_or_addressee_without_a_name(scrubber: Any, text: str) -> None:
    assert not [f for f in scrubber.find(text) if f.recognizer == "ChineseStructuredNameRecognizer"]
