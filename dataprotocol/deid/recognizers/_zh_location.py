"""Place names in Chinese text that are not part of an address: jieba's ``ns`` tag
(广东省, 朝阳区, 杭州) on a word that ends in an administrative suffix or is a
provincial-level or large city name, or a province and a city written together as
people say them (山西太原, 云南昆明). jieba tags many ordinary words ``ns`` (西瓜,
新鲜), so the tag alone is not enough; country-level words are left alone."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._zh_segments import segment

__all__ = ["ChineseLocationRecognizer"]

_SUFFIX = ("省", "市", "区", "县", "州", "镇", "乡", "村", "旗", "盟")
_ADMIN = ("省", "市", "区", "县")
#: provincial-level divisions and the larger cities, without their suffix
_PLACES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 "
    "陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 无锡 杭州 宁波 "
    "温州 合肥 福州 厦门 南昌 济南 青岛 郑州 武汉 长沙 广州 深圳 珠海 东莞 佛山 南宁 海口 三亚 成都 贵阳 昆明 拉萨 西安 "
    "兰州 西宁 银川 乌鲁木齐 呼和浩特 唐山 保定 烟台 潍坊 徐州 常州 南通 绍兴 嘉兴 金华 台州 泉州 洛阳 宜昌 襄阳 株洲 "
    "汕头 惠州 中山 江门 湛江 桂林 柳州 绵阳 遵义 大理 丽江 "
    # the other prefecture-level cities (民政部 list), and county-level cities people name alone
    "邯郸 邢台 张家口 承德 沧州 廊坊 衡水 秦皇岛 大同 阳泉 晋城 朔州 晋中 运城 忻州 临汾 吕梁 包头 乌海 赤峰 通辽 "
    "鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛 辽源 通化 "
    "白山 松原 延边 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 连云港 淮安 盐城 扬州 镇江 "
    "泰州 宿迁 湖州 衢州 舟山 丽水 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 莆田 "
    "三明 漳州 南平 龙岩 宁德 景德镇 萍乡 九江 新余 鹰潭 赣州 宜春 抚州 上饶 淄博 枣庄 东营 济宁 泰安 威海 日照 "
    "临沂 德州 聊城 滨州 菏泽 开封 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 黄石 "
    "十堰 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 韶关 "
    "茂名 肇庆 梅州 汕尾 河源 阳江 清远 潮州 揭阳 云浮 梧州 防城港 钦州 贵港 玉林 百色 贺州 河池 崇左 儋州 "
    "自贡 攀枝花 泸州 德阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山 六盘水 安顺 毕节 "
    "铜仁 黔东南 黔南 黔西南 曲靖 玉溪 保山 昭通 临沧 楚雄 西双版纳 迪庆 日喀则 昌都 林芝 "
    "山南 那曲 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛 嘉峪关 天水 武威 张掖 平凉 酒泉 庆阳 "
    "陇南 临夏 甘南 果洛 石嘴山 吴忠 固原 中卫 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 喀什 "
    "和田 伊犁 塔城 阿勒泰 石河子 义乌 昆山 晋江 常熟 张家港 江阴 宜兴 慈溪 余姚 诸暨 温岭 瑞安 乐清 海宁 桐乡 太仓 "
    "石狮 福清 长沙县 顺德 番禺 增城 从化 虎门 寿光 即墨 胶州 龙口 荣成 迁安 涿州 雄安 浦东 "
    "天河 越秀 荔湾 罗湖 宝安 龙岗 海淀 丰台 石景山 通州 顺义 昌平 房山 "
    "徐汇 静安 黄浦 虹口 杨浦 闵行 嘉定 松江 青浦 奉贤 西湖 拱墅 滨江 萧山 余杭 玄武 秦淮 建邺 江宁 武侯 "
    "青羊 金牛 成华 江汉 武昌 汉阳 洪山 雁塔 碑林 莲湖".split())
_GENERIC = frozenset("城市 都市 本市 该市 我市 中国 全国 国内 国外 海外 中华 大陆 内地 本地 当地 外地 各地 全市 全省 市区 城区 郊区 亚洲 欧洲 美国".split())


class ChineseLocationRecognizer(LocalRecognizer):  # type: ignore[misc]

    name: str
    def __init__(self, *, supported_language: str = "zh") -> None:
        super().__init__(supported_entities=["LOCATION"], supported_language=supported_language,
                         name="ChineseLocationRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and "LOCATION" not in entities:
            return []
        return [RecognizerResult("LOCATION", start, start + len(word), 0.45, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
            for word, flag, start in segment(text)
            if len(word) >= 2 and word not in _GENERIC and (
                flag == "ns" and (word.endswith(_SUFFIX) or _known_place(word))
                # jieba tags some places as names or proper nouns (石家庄 nr, 义乌 nz, 武侯区 nr)
                or flag in ("nr", "nz") and (_known_place(word) or len(word) >= 3 and word.endswith(_ADMIN)
                                             and word[:-1] in _PLACES))]


def _known_place(word: str) -> bool:
    """A provincial-level or large city name, or a province and a city run together (山西太原)."""
    return word in _PLACES or any(word[:i] in _PLACES and word[i:] in _PLACES for i in range(2, len(word) - 1))
