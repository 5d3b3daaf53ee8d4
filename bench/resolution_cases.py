"""The labelled evaluation set of bench/resolution_eval.py, built deterministically
(seeded) from the public lists of the installed packages: the entities (EDINET code
list + JPX short names), the ways people type a name, typos, a synthetic registry
of Japanese-looking companies, and the queries (short, typed, english, absent,
typo; see resolution_eval.py for what each holds).

No Django, no database.
"""

from __future__ import annotations

import csv
import gzip
import importlib.resources
import io
import json
import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jaconv  # noqa: E402

from eigyo.lib.jp_text import company_name_key, normalize_text, strip_legal_form  # noqa: E402
from eigyo.registry.domain.resolution import Entity  # noqa: E402


@dataclass(frozen=True)
class Query:
    text: str
    truth: str  # entity key the answer should be
    category: str
    kind: str  # sub-kind (how the query was made)


# --------------------------------------------------------------------------- public data


def edinet_records() -> list[dict]:
    path = importlib.resources.files("japan_finance_codes") / "_data" / "company_registry.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))["companies"]


def tse_rows() -> list[dict]:
    path = importlib.resources.files("tokyo_stock_exchange") / "tse.csv"
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def entities_from_public_data() -> tuple[list[Entity], dict]:
    """EDINET entities (key = corporate number, else EDINET code) + JPX short names."""
    records = edinet_records()
    short = {r["コード"]: r["銘柄名"] for r in tse_rows()}
    entities, meta = [], {}
    for r in records:
        key = r["corporate_number"] or r["edinet_code"]
        sn = short.get((r["sec_code"] or "")[:4], "") if r["sec_code"] else ""
        entities.append(
            Entity(
                key=key,
                name=r["name"],
                name_en=r["name_en"] or "",
                short_name=sn,
            )
        )
        meta.setdefault(key, r)
    return entities, meta


# --------------------------------------------------------------------------- typed variants

_FORMS = {  # kind → spellings people type, for the three common forms
    "株式会社": ["(株)", "㈱", "（株）", "株式会社", "(株) ", "株式会社 "],
    "有限会社": ["(有)", "㈲", "（有）", "有限会社"],
    "合同会社": ["(同)", "（同）", "合同会社"],
}
_EN_FORMS = ["Co., Ltd.", "Co.,Ltd.", "CO., LTD.", "Corporation", "Corp.", "Inc.", "K.K.", "Ltd."]
_SMALL_TO_LARGE = dict(zip("ャュョッィェァォ", "ヤユヨツイエアオ", strict=True))
_LARGE_TO_SMALL = {v: k for k, v in _SMALL_TO_LARGE.items()}
_I_ROW = set("キシチニヒミリギジビピフテデ")
_OLD_KANJI = dict(
    zip(
        "髙﨑齋邊澤濱廣國櫻德會舘冨眞榮壽萬藏鐵證寳學",
        "高崎斎辺沢浜広国桜徳会館富真栄寿万蔵鉄証宝学",
        strict=True,
    )
)


def _split_form(name: str) -> tuple[str, str | None, str]:
    """(core, kind, position) of a normalised Japanese legal name; kind None if no form."""
    for kind in _FORMS:
        if name.startswith(kind):
            return name[len(kind) :].strip(), kind, "front"
        if name.endswith(kind):
            return name[: -len(kind)].strip(), kind, "back"
    return name, None, ""


def _is_katakana(c: str) -> bool:
    return "\u30a1" <= c <= "\u30fa" or c == "ー"


def typed_variants(e: Entity, rng: random.Random) -> list[tuple[str, str]]:
    """The applicable (kind, variant) of one entity, each a way people type its name."""
    name = normalize_text(e.name)
    core, kind, pos = _split_form(name)
    out: list[tuple[str, str]] = []
    if kind:
        other = "back" if pos == "front" else "front"
        out.append(("form_moved", core + kind if other == "back" else kind + core))
        abbr = rng.choice(_FORMS[kind])
        where = pos if rng.random() < 0.6 else other
        out.append(
            ("form_abbrev", abbr.strip() + core if where == "front" else core + abbr.rstrip())
        )
    if any(_is_katakana(c) for c in name):
        out.append(("halfwidth", jaconv.z2h(name, kana=True, ascii=False, digit=False)))
    chars = list(core)
    if " " in core or "・" in core:
        out.append(("spaces", name.replace(" ", "").replace("・", rng.choice(["", " "]))))
    elif len(chars) >= 4:
        j = rng.randrange(2, len(chars) - 1)
        spaced = core[:j] + rng.choice([" ", "\u3000"]) + core[j:]
        out.append(
            ("spaces", (kind + spaced if pos == "front" else spaced + kind) if kind else spaced)
        )
    if any(c.isascii() and c.isalnum() for c in name):
        if rng.random() < 0.5:
            out.append(("width", jaconv.h2z(name, kana=False, ascii=True, digit=True)))
        else:
            out.append(("width", name.lower() if name != name.lower() else name.upper()))
    if "ホールディングス" in name:
        out.append(
            ("hd", name.replace("ホールディングス", rng.choice(["HD", "ＨＤ", "ホールディング"])))
        )
    spelling = []
    for j, c in enumerate(name):
        nxt = name[j + 1] if j + 1 < len(name) else ""
        if c == "ー" and j > 0 and _is_katakana(name[j - 1]) and not _is_katakana(nxt):
            spelling.append(name[:j] + name[j + 1 :])  # コンピューター → コンピュータ
        elif c in _SMALL_TO_LARGE and j > 0:
            spelling.append(name[:j] + _SMALL_TO_LARGE[c] + name[j + 1 :])  # フィルム → フイルム
        elif c in _LARGE_TO_SMALL and j > 0 and name[j - 1] in _I_ROW:
            spelling.append(name[:j] + _LARGE_TO_SMALL[c] + name[j + 1 :])  # キヤノン → キャノン
        elif c in _OLD_KANJI:
            spelling.append(name[:j] + _OLD_KANJI[c] + name[j + 1 :])  # 髙島屋 → 高島屋
    if spelling:
        out.append(("spelling", rng.choice(spelling)))
    en = normalize_text(e.name_en)
    if en and company_name_key(en):
        bare = strip_legal_form(en)
        choice = rng.random()
        if choice < 0.4 or bare == en:
            out.append(("english_form", bare if bare != en else f"{en} {rng.choice(_EN_FORMS)}"))
        else:
            out.append(("english_form", f"{bare} {rng.choice(_EN_FORMS)}"))
    return [(k, v) for k, v in out if v and v != name]


def _second_change(text: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5 and any(_is_katakana(c) for c in text):
        return jaconv.z2h(text, kana=True, ascii=False, digit=False)
    if r < 0.75:
        return text.replace(" ", "") if " " in text else " ".join(text.split("・"))
    return jaconv.h2z(text, kana=False, ascii=True, digit=True)


def typo(e: Entity, rng: random.Random, pool: str) -> str | None:
    """One character substituted (from the same script), dropped or two swapped, inside the core."""
    name = normalize_text(e.name)
    core, kind, pos = _split_form(name)
    if len(core) < 5:
        return None
    j = rng.randrange(1, len(core) - 1)
    op = rng.random()
    if op < 0.4:
        same = [
            c
            for c in pool
            if unicodedata.name(c, "").split()[0] == unicodedata.name(core[j], "?").split()[0]
        ]
        new = core[:j] + rng.choice(same or pool) + core[j + 1 :]
    elif op < 0.7:
        new = core[:j] + core[j + 1 :]
    else:
        new = core[: j - 1] + core[j] + core[j - 1] + core[j + 1 :]
    if new == core:
        return None
    if not kind:
        return new
    return kind + new if pos == "front" else new + kind


# --------------------------------------------------------------------------- synthetic registry

PLACES = (
    "東京 大阪 名古屋 横浜 札幌 仙台 福岡 広島 京都 神戸 北海道 東北 関東 関西 中部 九州 四国 沖縄 "
    "千葉 埼玉 静岡 新潟 長野 岐阜 三重 滋賀 奈良 和歌山 岡山 山口 徳島 香川 愛媛 高知 熊本 大分 "
    "宮崎 鹿児島 青森 岩手 秋田 山形 福島 茨城 栃木 群馬 富山 石川 福井 山梨 鳥取 島根 佐賀 長崎 "
    "湘南 多摩 武蔵 信州 北陸 城南 城北 湾岸 阪神 京浜 中京 南 東 西 北 新 中央 山陽 山陰 房総"
).split()
FAMILY = (
    "山田 田中 佐藤 鈴木 高橋 伊藤 渡辺 中村 小林 加藤 吉田 山本 松本 井上 木村 林 清水 山崎 森 "
    "池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 "
    "斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 "
    "石田 森田 上田 原 内田 柴田 酒井 横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 "
    "丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 上野 野口 武田 松井 岩崎 菅原 木下 久保 佐野 "
    "野村 松尾 菊地 杉本 市川 古川 大西 島田 水野 桜井 高野 吉川 山内 西田 飯田 菊池 西川 小松 "
    "北村 安田 五十嵐 川口 平田 関 中田 久保田 服部 岩田 土屋 川崎 本田 辻 樋口 秋山 田口 永井"
).split()
WORDS = (
    "日本 東洋 大和 富士 昭和 平成 令和 大成 三和 協和 共栄 太陽 朝日 旭 光 丸 双葉 若葉 青葉 桜 "
    "松 竹 梅 菊 鶴 亀 龍 鳳 栄 繁 幸 福 寿 明和 誠 信 和 順 正 大同 東邦 第一 総合 国際 新生 "
    "明治 大正 千代田 丸の内 銀座 日の出 白鳥 青空 大地 未来 希望 創造 匠 山海 森林 清流 北斗"
).split()
KATA = (
    "サン ライズ テック ネット システム ソフト アイ エム ケイ ジェイ ライト グリーン ブルー スター "
    "スマイル ハート ユニ ノヴァ アーク ミライ ネクスト ワン フロンティア グローバル パシフィック "
    "アルファ オメガ エース プラス リンク ウェーブ クリエイト トラスト ビジョン ワールド コスモ "
    "エコ メディア ライフ ホーム ケア フード ファーム アグリ ロジ トランス ベスト ファイン"
).split()
SYLLABLES = (
    "ア イ ウ エ オ カ キ ク ケ コ サ シ ス セ ソ タ チ ツ テ ト ナ ニ ヌ ネ ノ ハ ヒ フ ヘ ホ マ ミ ム "
    "メ モ ヤ ユ ヨ ラ リ ル レ ロ ワ ン ガ ギ グ ゲ ゴ ザ ジ ズ ゼ ゾ ダ デ ド バ ビ ブ ベ ボ パ ピ プ "
    "ペ ポ キャ キュ キョ シャ シュ ショ チャ チュ チョ リュ ー ッ"
).split()
INDUSTRY = (
    "工業 産業 建設 商事 商会 電機 電気 電子 製作所 運輸 運送 物流 不動産 住宅 ハウス 食品 水産 "
    "印刷 紙業 化学 薬品 製薬 技研 設計 工務店 興業 企画 サービス 開発 システム ソリューションズ "
    "テクノロジー エンジニアリング コンサルティング ホールディングス 商店 製菓 酒造 農園 牧場 観光 "
    "交通 自動車 モータース 整備 塗装 電設 設備 空調 鉄工所 金属 鋼業 機械 精機 工機 マテリアル "
    "繊維 衣料 物産 貿易 トレーディング 通商 保険サービス ファイナンス リース 管理 警備 介護 福祉 "
    "メディカル 薬局 教育 学院 出版 広告 デザイン スタジオ エステート 土木 舗装 造園 石材 木材"
).split()
LEGAL = ["株式会社"] * 75 + ["有限会社"] * 15 + ["合同会社"] * 8 + ["一般社団法人"] * 2


def synthetic_entities(n: int, seed: int) -> list[Entity]:
    """n seeded Japanese-looking companies: [place] + (family | word | katakana) + industry."""
    rng = random.Random(seed)
    ch, rnd = rng.choice, rng.random
    out = []
    for i in range(n):
        r = rnd()
        if r < 0.35:
            stem = ch(FAMILY)
        elif r < 0.55:
            stem = ch(WORDS)
        elif r < 0.75:
            stem = ch(KATA) + (ch(KATA) if rnd() < 0.5 else "")
        else:
            stem = "".join(ch(SYLLABLES) for _ in range(rng.randint(2, 4))).lstrip("ーッ") or "アイ"
        if rnd() < 0.3:
            stem = ch(PLACES) + stem
        core = stem + (ch(INDUSTRY) if rnd() < 0.85 else "")
        form = ch(LEGAL)
        name = form + core if rnd() < 0.5 else core + form
        out.append(Entity(key=f"S{i:012d}", name=name))
    return out


# --------------------------------------------------------------------------- evaluation set


def build_queries(entities: list[Entity], meta: dict, seed: int) -> tuple[list[Query], set[str]]:
    """The labelled queries and the held-out keys (10 % of the registry, by key)."""
    rng = random.Random(seed)
    keys = sorted({e.key for e in entities})
    held_out = set(rng.sample(keys, len(keys) // 10))
    first: dict[str, Entity] = {}
    for e in entities:
        first.setdefault(e.key, e)
    companies = [k for k in keys if not meta[k]["industry"].startswith("個人")]
    queries: list[Query] = []

    def add(text: str, key: str, category: str, kind: str) -> None:
        if key in held_out:
            category, kind = "absent", f"{category}:{kind}"
        queries.append(Query(text, key, category, kind))

    # (1) JPX short names, mapped by securities code.
    by_code = {meta[k]["sec_code"][:4]: k for k in keys if meta[k]["sec_code"]}
    for row in tse_rows():
        key = by_code.get(row["コード"])
        if key:
            add(row["銘柄名"], key, "short", "jpx")
    # (2) typed the way people type them.
    sample = rng.sample(companies, 2500)
    for key in sorted(sample):
        variants = typed_variants(first[key], rng)
        if not variants:
            continue
        for kind, text in rng.sample(variants, min(len(variants), rng.choice([1, 1, 2]))):
            if rng.random() < 1 / 3 and not kind.startswith("english"):
                text, kind = _second_change(text, rng), kind + "+"
            add(text, key, "typed", kind)
    # (3) English names as listed.
    for key in companies:
        if key not in held_out and company_name_key(first[key].name_en):
            add(first[key].name_en, key, "english", "as_listed")
    # (4) absent: every name of the held-out companies, and one typed variant.
    for key in sorted(held_out):
        if meta[key]["industry"].startswith("個人"):
            continue
        e = first[key]
        queries.append(Query(e.name, key, "absent", "legal_name"))
        if company_name_key(e.name_en):
            queries.append(Query(e.name_en, key, "absent", "english_name"))
        variants = [v for v in typed_variants(e, rng) if not v[0].startswith("english")]
        if variants:
            queries.append(Query(rng.choice(variants)[1], key, "absent", "typed_name"))
    # … and invented names (checked absent from the whole registry).
    taken = {company_name_key(e.name) for e in entities}
    inv_rng, invented = random.Random(seed + 1), set()
    while len(invented) < 100:
        (e,) = synthetic_entities(1, inv_rng.randrange(10**9))
        if company_name_key(e.name) not in taken and e.name not in invented:
            invented.add(e.name)
            queries.append(Query(e.name, f"invented:{len(invented)}", "absent", "invented"))
    # (5) stress: typos in present names.
    pool = "".join(sorted({c for e in entities for c in normalize_text(e.name)}))
    for key in sorted(rng.sample([k for k in companies if k not in held_out], 700)):
        t = typo(first[key], rng, pool)
        if t:
            queries.append(Query(t, key, "typo", "one_edit"))
    return queries, held_out
