"""Public Japanese code lists used on company records (pure data, no Django).

TSE 33-sector classification (東証33業種) with JPX codes, prefectures with
JIS X 0401 codes, TOPIX size classes and market segments.
"""

SECTORS_33: list[tuple[str, str, str]] = [
    ("0050", "水産・農林業", "Fishery, Agriculture & Forestry"),
    ("1050", "鉱業", "Mining"),
    ("2050", "建設業", "Construction"),
    ("3050", "食料品", "Foods"),
    ("3100", "繊維製品", "Textiles & Apparels"),
    ("3150", "パルプ・紙", "Pulp & Paper"),
    ("3200", "化学", "Chemicals"),
    ("3250", "医薬品", "Pharmaceutical"),
    ("3300", "石油・石炭製品", "Oil & Coal Products"),
    ("3350", "ゴム製品", "Rubber Products"),
    ("3400", "ガラス・土石製品", "Glass & Ceramics Products"),
    ("3450", "鉄鋼", "Iron & Steel"),
    ("3500", "非鉄金属", "Nonferrous Metals"),
    ("3550", "金属製品", "Metal Products"),
    ("3600", "機械", "Machinery"),
    ("3650", "電気機器", "Electric Appliances"),
    ("3700", "輸送用機器", "Transportation Equipment"),
    ("3750", "精密機器", "Precision Instruments"),
    ("3800", "その他製品", "Other Products"),
    ("4050", "電気・ガス業", "Electric Power & Gas"),
    ("5050", "陸運業", "Land Transportation"),
    ("5100", "海運業", "Marine Transportation"),
    ("5150", "空運業", "Air Transportation"),
    ("5200", "倉庫・運輸関連業", "Warehousing & Harbor Transportation"),
    ("5250", "情報・通信業", "Information & Communication"),
    ("6050", "卸売業", "Wholesale Trade"),
    ("6100", "小売業", "Retail Trade"),
    ("7050", "銀行業", "Banks"),
    ("7100", "証券、商品先物取引業", "Securities & Commodity Futures"),
    ("7150", "保険業", "Insurance"),
    ("7200", "その他金融業", "Other Financing Business"),
    ("8050", "不動産業", "Real Estate"),
    ("9050", "サービス業", "Services"),
]

_SECTOR_BY_NAME = {ja: code for code, ja, _en in SECTORS_33}
_SECTOR_BY_NAME["倉庫・運輸関連"] = "5200"  # EDINET drops the trailing 業


def sector_code(value: str | None) -> str:
    """The 4-digit sector code for a JPX code ("50", "3650") or a Japanese
    sector name as EDINET and JPX write it; "" when it is not a TSE sector."""
    value = (value or "").strip()
    if value.isdigit():
        code = value.zfill(4)
        return code if any(code == c for c, _ja, _en in SECTORS_33) else ""
    return _SECTOR_BY_NAME.get(value, "")


# JIS X 0401 prefecture codes.
PREFECTURES: list[tuple[str, str, str]] = [
    ("01", "北海道", "Hokkaido"),
    ("02", "青森県", "Aomori"),
    ("03", "岩手県", "Iwate"),
    ("04", "宮城県", "Miyagi"),
    ("05", "秋田県", "Akita"),
    ("06", "山形県", "Yamagata"),
    ("07", "福島県", "Fukushima"),
    ("08", "茨城県", "Ibaraki"),
    ("09", "栃木県", "Tochigi"),
    ("10", "群馬県", "Gunma"),
    ("11", "埼玉県", "Saitama"),
    ("12", "千葉県", "Chiba"),
    ("13", "東京都", "Tokyo"),
    ("14", "神奈川県", "Kanagawa"),
    ("15", "新潟県", "Niigata"),
    ("16", "富山県", "Toyama"),
    ("17", "石川県", "Ishikawa"),
    ("18", "福井県", "Fukui"),
    ("19", "山梨県", "Yamanashi"),
    ("20", "長野県", "Nagano"),
    ("21", "岐阜県", "Gifu"),
    ("22", "静岡県", "Shizuoka"),
    ("23", "愛知県", "Aichi"),
    ("24", "三重県", "Mie"),
    ("25", "滋賀県", "Shiga"),
    ("26", "京都府", "Kyoto"),
    ("27", "大阪府", "Osaka"),
    ("28", "兵庫県", "Hyogo"),
    ("29", "奈良県", "Nara"),
    ("30", "和歌山県", "Wakayama"),
    ("31", "鳥取県", "Tottori"),
    ("32", "島根県", "Shimane"),
    ("33", "岡山県", "Okayama"),
    ("34", "広島県", "Hiroshima"),
    ("35", "山口県", "Yamaguchi"),
    ("36", "徳島県", "Tokushima"),
    ("37", "香川県", "Kagawa"),
    ("38", "愛媛県", "Ehime"),
    ("39", "高知県", "Kochi"),
    ("40", "福岡県", "Fukuoka"),
    ("41", "佐賀県", "Saga"),
    ("42", "長崎県", "Nagasaki"),
    ("43", "熊本県", "Kumamoto"),
    ("44", "大分県", "Oita"),
    ("45", "宮崎県", "Miyazaki"),
    ("46", "鹿児島県", "Kagoshima"),
    ("47", "沖縄県", "Okinawa"),
]

_PREF_BY_NAME = {ja: code for code, ja, _en in PREFECTURES}
# Full names, and short ones without 都/府/県 ("東京", "京都", "神奈川"); 北海道 has none.
_PREF_PREFIX = {
    **{ja[:-1]: code for code, ja, _en in PREFECTURES if ja[-1] in "都府県"},
    **_PREF_BY_NAME,
}


def prefecture_code(text: str | None) -> str:
    """The prefecture code for an address or prefecture name ("" if none)."""
    text = (text or "").strip()
    for length in (4, 3, 2):  # the longest name first: 京都府 before 京都
        code = _PREF_PREFIX.get(text[:length])
        if code:
            return code
    return ""


# TOPIX size classes (規模区分) as JPX writes them, largest first.
SIZE_CLASSES: list[tuple[str, str]] = [
    ("core30", "TOPIX Core30"),
    ("large70", "TOPIX Large70"),
    ("mid400", "TOPIX Mid400"),
    ("small1", "TOPIX Small 1"),
    ("small2", "TOPIX Small 2"),
    ("unlisted_large", "大企業"),
    ("unlisted_mid", "中堅企業"),
    ("unlisted_small", "中小企業"),
]
PRESTIGE_SIZE_CLASSES = {"core30", "large70"}


def size_class_code(jpx_label: str | None) -> str:
    label = (jpx_label or "").strip()
    for code, name in SIZE_CLASSES:
        if name == label:
            return code
    return ""


# Market segments since the April 2022 reorganisation.
MARKET_SEGMENTS: list[tuple[str, str, str]] = [
    ("prime", "プライム", "Prime"),
    ("standard", "スタンダード", "Standard"),
    ("growth", "グロース", "Growth"),
    ("pro", "TOKYO PRO Market", "TOKYO PRO Market"),
    ("unlisted", "非上場", "Unlisted"),
]


def market_segment_code(jpx_label: str | None) -> str:
    """'プライム（内国株式）' → 'prime'; funds and foreign stocks keep their own label out."""
    label = (jpx_label or "").strip()
    if "内国株式" not in label and "PRO Market" not in label:
        return ""
    for code, ja, _en in MARKET_SEGMENTS:
        if label.startswith(ja):
            return code
    return ""
