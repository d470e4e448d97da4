"""Chinese surnames: the ~400 most common single-character surnames (《百家姓》 and
the 2020 household-registration frequency list) and the two-character ones still in
use. 和 (a rare surname) is left out: it is the everyday "and" (我和同学们, 张伟和李娜), and
no name is read through it. Data only -- used by the name recognizer to accept a candidate name."""

from __future__ import annotations

__all__ = ["SINGLE_SURNAMES", "WEAK_SURNAMES", "DOUBLE_SURNAMES", "DISTINCTIVE_DOUBLE_SURNAMES", "surname_length"]

SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆"
    "蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗"
    "燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来"
    "扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由赖洪萧傅钮阎萨冒习宦沃郦庹桓訾蔚邴岳寿年郗"
    # rarer surnames of 《百家姓》 and the registers (禤 and 冼 in Guangdong, 仉 in Shandong) that are no
    # ordinary word on their own; 水, 凤, 红, 通, 福 ... are left out: they start too many words
    "仉禤乜蒯隗逄厍咸酆贲滑荀羿汲糜宓蓬仰钭韶蓟鄂郤璩濮郏庾暨夔殳毋竺缑郈佴谯笪綦矫隽续凃帖逢郄菅禚茆眭蹇"
    "淦雒甯衷芈肇励邗贝莘"
    # 麴 (a 《百家姓》 variant of 鞠), 鬱, 弘, 睢, 郇, 郯, 鄞, 遆, 巢, 弓, 牧, 禄: surnames of the registers
    # that start few everyday words
    "麴鬱弘睢郇郯鄞遆巢弓牧禄"
    # 暴 (《百家姓》) starts everyday words (暴雨, 暴力): it is only taken with the evidence around it
    "暴"
    # 琚 (《百家姓》; a jade ornament otherwise, in no everyday word); 凤 starts words (凤凰, 凤梨)
    # that the name model and the dictionary checks keep apart from names (凤旭, 凤女士)
    "琚凤"
    # 过 and 种 (both in 《百家姓》 and the registers) are also everyday words (过了, 经过, 种子, 这种):
    # they are in WEAK_SURNAMES too, and only taken where a frame around them marks a name
    "过种"
)
#: surnames that are far more often an everyday word or a function character: no name is
#: read through one of these without a cue, a title, a field or a list around it
WEAK_SURNAMES = frozenset("过种")
DOUBLE_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 澹台 公冶 宗政 濮阳 淳于 单于 "
    "太叔 申屠 赫连 闻人 万俟 南宫 西门 百里 呼延 拓跋 端木 东郭 独孤 第五 鲜于 司空 左丘 乐正 壤驷 "
    "太史 仲孙 叔孙 公羊 公西 漆雕 巫马 颛孙 亓官 司寇 羊舌 微生 梁丘 谷梁 段干 东门 子车 闾丘 公良 夹谷 宰父 "
    "归海 商牟 伯赏 仉督".split()
)
#: two-character surnames that are not also ordinary words or places (东方明珠, 第五章,
#: 百里, 司空见惯, 西门, 濮阳市 are left out): one of these followed by a given name is a
#: name on its own, without a cue
DISTINCTIVE_DOUBLE_SURNAMES = DOUBLE_SURNAMES - frozenset("东方 百里 第五 司空 西门 南宫 闻人 濮阳 东门 东郭 子车 单于".split())


def surname_length(text: str, i: int) -> int:
    """Length of the surname starting at ``text[i]`` (2, 1), or 0 for none."""
    if text[i:i + 2] in DOUBLE_SURNAMES:
        return 2
    return 1 if i < len(text) and text[i] in SINGLE_SURNAMES else 0
