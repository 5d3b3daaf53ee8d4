"""Pure tests of the stakeholder map's layout and SVG (no database, no Django)."""

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.deals.domain.stakeholder_map import (
    BOX_H,
    BOX_W,
    MAX_WIDTH,
    Node,
    layout,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
SURNAMES = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上".split()
)
GIVEN = "太郎 花子 健一 美咲 翔太 由美 大輔 直子 誠 陽子 拓也 恵".split()
STANCES = ("supportive", "neutral", "opposed", "unknown")


def node(
    id,
    reports_to=None,
    *,
    role="user",
    stance="unknown",
    met=False,
    title="担当",
    name=None,
    department="品質保証部",
    influence="medium",
    url="",
):
    name = name if name is not None else f"{SURNAMES[id % 16]} {GIVEN[id % 12]}"
    return Node(
        id=id,
        name=name,
        title=title,
        department=department,
        role=role,
        stance=stance,
        met=met,
        influence=influence,
        reports_to=reports_to,
        url=url,
    )


class Org:
    """Builds a realistic buying group level by level (役員 → 本部長 → 部長 → 課長 → 担当)."""

    ROLE = {
        "役員": "decision_maker",
        "本部長": "approver",
        "部長": "influencer",
        "課長": "champion",
        "担当": "user",
    }

    def __init__(self):
        self.nodes: list[Node] = []

    def add(self, title, boss=None, **kw):
        i = len(self.nodes) + 1
        kw.setdefault("role", self.ROLE[title])
        kw.setdefault("stance", STANCES[i % 4])
        kw.setdefault("met", i % 3 != 0)
        kw.setdefault("influence", "high" if title in ("役員", "本部長") else "medium")
        self.nodes.append(node(i, boss, title=title, **kw))
        return i


def one():
    return [
        node(
            1,
            role="decision_maker",
            stance="supportive",
            met=True,
            title="代表取締役",
            influence="high",
        )
    ]


def fifteen():
    o = Org()
    top = o.add("役員", name="長谷川 左衛門之助太郎兵衛")  # long: must be cut with an ellipsis
    for h in range(2):
        hq = o.add("本部長", top)
        for b in range(2):
            dept = o.add("部長", hq, name="O'Brien & <Smith>" if (h, b) == (1, 1) else None)
            if b == 0:
                ka = o.add("課長", dept)
                o.add("担当", ka)
            else:
                o.add("担当", dept)
    o.add("担当", o.add("課長", 3, name="Alexander Schwarzenegger-Smith"))
    assert len(o.nodes) == 15
    return o.nodes


def sixty_org():
    """1 役員, 3 本部長, 8 部長, 16 課長, 32 担当: the classic pyramid."""
    o = Org()
    top = o.add("役員")
    for n_depts in (3, 3, 2):
        hq = o.add("本部長", top)
        for _ in range(n_depts):
            dept = o.add("部長", hq)
            for _ in range(2):
                ka = o.add("課長", dept)
                for _ in range(2):
                    o.add("担当", ka)
    assert len(o.nodes) == 60
    return o.nodes


def sixty_with_wide_boss():
    """A smaller pyramid plus one 課長 with 40 direct reports."""
    o = Org()
    top = o.add("役員")
    hq1, hq2 = o.add("本部長", top), o.add("本部長", top)
    depts = [o.add("部長", hq1), o.add("部長", hq1), o.add("部長", hq2)]
    kas = [o.add("課長", d) for d in depts] + [o.add("課長", depts[0])]
    for ka, n in zip(kas[1:], (3, 3, 2), strict=True):
        for _ in range(n):
            o.add("担当", ka)
    o.add("担当", depts[2])
    o.add("担当", depts[2])
    while len(o.nodes) < 60:
        o.add("担当", kas[0])
    return o.nodes


CHARTS = {"1": one, "15": fifteen, "60-org": sixty_org, "60-wide": sixty_with_wide_boss}


def overlaps(a, b):
    return not (
        a.x + BOX_W <= b.x or b.x + BOX_W <= a.x or a.y + BOX_H <= b.y or b.y + BOX_H <= a.y
    )


def assert_sound(nodes, placed, edges, width, height):
    """Every node once, no overlapping boxes, inside the bounds, edges between placed nodes."""
    ids = {n.id for n in nodes}
    assert sorted(p.node.id for p in placed) == sorted(ids)
    for a, b in itertools.combinations(placed, 2):
        assert not overlaps(a, b), (a.node.id, b.node.id)
    for p in placed:
        assert 0 <= p.x and p.x + BOX_W <= width + 1e-6
        assert 0 <= p.y and p.y + BOX_H <= height + 1e-6
    parents = {}
    for boss, report in edges:
        assert boss in ids and report in ids and boss != report
        assert report not in parents  # one boss each
        parents[report] = boss
    depth = {p.node.id: p.depth for p in placed}
    for report, boss in parents.items():  # edges form a forest: depth grows by one
        assert depth[report] == depth[boss] + 1
    assert all(depth[i] == 0 for i in ids - parents.keys())


@pytest.mark.parametrize("chart", CHARTS)
def test_charts_are_sound_and_readable_in_size(chart):
    nodes = CHARTS[chart]()
    placed, edges, width, height = layout(nodes)
    assert_sound(nodes, placed, edges, width, height)
    assert width <= 1400
    rows = len({p.y for p in placed})
    assert height <= 200 * rows
    assert len(edges) == len(nodes) - 1  # each chart is one tree


def test_a_single_stakeholder_is_one_box():
    placed, edges, width, height = layout(one())
    assert [(p.x, p.y, p.depth) for p in placed] == [(0, 0, 0)]
    assert (edges, width, height) == ([], BOX_W, BOX_H)


def test_a_small_group_is_a_tidy_tree_with_bosses_centred_over_their_reports():
    nodes = fifteen()
    placed, edges, _, _ = layout(nodes)
    at = {p.node.id: p for p in placed}
    for boss in {b for b, _ in edges}:
        kids = [at[r] for b, r in edges if b == boss]
        assert len({k.y for k in kids}) == 1  # one row, below the boss
        assert kids[0].y > at[boss].y + BOX_H
        centre = (min(k.x for k in kids) + max(k.x for k in kids)) / 2
        assert at[boss].x == pytest.approx(centre)
    assert {p.depth: p.y for p in placed} == {d: d * (BOX_H + 40) for d in range(5)}


def test_forty_direct_reports_wrap_into_rows_of_at_most_six():
    nodes = sixty_with_wide_boss()
    placed, edges, width, _ = layout(nodes)
    at = {p.node.id: p for p in placed}
    counts = {}
    for b, _ in edges:
        counts[b] = counts.get(b, 0) + 1
    boss = max(counts, key=counts.get)
    assert counts[boss] == 40
    kids = [at[r] for b, r in edges if b == boss]
    per_row = {}
    for k in kids:
        per_row[k.y] = per_row.get(k.y, 0) + 1
    assert max(per_row.values()) <= 6 and len(per_row) >= 7
    spread = max(k.x for k in kids) + BOX_W - min(k.x for k in kids)
    assert spread <= 6 * BOX_W + 5 * 24 + 1
    assert width <= MAX_WIDTH


def test_a_large_pyramid_stays_within_the_width_budget():
    placed, _, width, height = layout(sixty_org())
    assert width <= MAX_WIDTH
    top = next(p for p in placed if p.depth == 0)
    assert top.y == 0 and all(p.y > top.y for p in placed if p.depth)


def test_siblings_are_ordered_by_role_importance_then_id():
    roles = ["other", "user", "gatekeeper", "influencer", "champion", "approver", "user"]
    nodes = [node(1, role="decision_maker")]
    nodes += [node(i + 2, 1, role=r) for i, r in enumerate(roles)]
    placed, _, _, _ = layout(nodes)
    kids = sorted((p for p in placed if p.depth == 1), key=lambda p: (p.y, p.x))
    assert [p.node.id for p in kids] == [7, 6, 5, 4, 3, 8, 2]
    assert [p.node.id for p in placed][1:] == [7, 6, 5, 4, 3, 8, 2]  # preorder, same order


def test_roots_stand_side_by_side_and_wrap():
    placed, edges, width, _ = layout([node(i) for i in range(1, 16)])
    assert edges == []
    rows = {}
    for p in placed:
        rows.setdefault(p.y, []).append(p.x)
    assert [len(r) for r in rows.values()] == [6, 6, 3]
    assert width == 6 * BOX_W + 5 * 24


def test_cycles_are_broken_at_the_lowest_id():
    placed, edges, _, _ = layout([node(5, 9), node(9, 5)])
    assert edges == [(5, 9)]
    assert {p.node.id: p.depth for p in placed} == {5: 0, 9: 1}

    triangle = [node(3, 2), node(2, 1), node(1, 3), node(4, 1)]
    placed, edges, _, _ = layout(triangle)
    assert sorted(edges) == [(1, 2), (1, 4), (2, 3)]  # 1 → 3 is the edge cut
    assert {p.node.id: p.depth for p in placed}[1] == 0


def test_self_loops_dangling_bosses_and_duplicate_ids_make_roots():
    nodes = [node(1, 1), node(2, 99), node(3, 2), node(3, None, name="duplicate")]
    placed, edges, width, height = layout(nodes)
    assert edges == [(2, 3)]
    assert [p.node.id for p in placed] == [1, 2, 3]
    assert all(p.node.name != "duplicate" for p in placed)
    assert_sound(nodes[:3], placed, edges, width, height)


def test_layout_does_not_depend_on_input_order():
    nodes = sixty_with_wide_boss()
    assert layout(nodes) == layout(list(reversed(nodes)))


def test_empty_input():
    assert layout([]) == ([], [], 0, 0)
    svg = render_svg([])
    root = ET.fromstring(svg)
    assert "関係者が登録されていません" in "".join(root.itertext())
    assert root.find(f"{SVG}title") is not None
    assert "No one yet" in render_svg([], labels={"empty": "No one yet"})


# --- SVG ----------------------------------------------------------------------------------


def node_groups(root):
    return [g for g in root.iter(f"{SVG}g") if "data-id" in g.attrib]


def segments(root):
    """Connector segments from the links path ("M x y L x y ..." polylines)."""
    path = next(p for p in root.iter(f"{SVG}path") if p.get("class") == "sm-links")
    out = []
    for poly in path.get("d").split("M")[1:]:
        pts = [tuple(map(float, pt.split())) for pt in poly.split("L")]
        out.extend(zip(pts, pts[1:], strict=False))
    return out


def box_origins(root):
    move = re.compile(r"translate\(([-\d.]+) ([-\d.]+)\)")
    return {
        int(g.get("data-id")): tuple(map(float, move.match(g.get("transform")).groups()))
        for g in node_groups(root)
    }


def assert_links_cross_no_box(root):
    boxes = box_origins(root)
    for (x1, y1), (x2, y2) in segments(root):
        assert x1 == x2 or y1 == y2  # orthogonal connectors only
        for bx, by in boxes.values():
            inside_x = max(x1, x2) > bx + 0.01 and min(x1, x2) < bx + BOX_W - 0.01
            inside_y = max(y1, y2) > by + 0.01 and min(y1, y2) < by + BOX_H - 0.01
            assert not (inside_x and inside_y), ((x1, y1), (x2, y2), (bx, by))


@pytest.mark.parametrize("chart", CHARTS)
def test_svg_has_one_group_per_node_with_its_data(chart):
    nodes = CHARTS[chart]()
    svg = render_svg(nodes, title="案件 A&B")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "案件 A&B"
    assert float(root.get("width")) > 0 and root.get("viewBox").endswith(root.get("height"))
    groups = node_groups(root)
    by_id = {int(g.get("data-id")): g for g in groups}
    assert len(groups) == len(by_id) == len(nodes)
    for n in nodes:
        g = by_id[n.id]
        assert g.get("data-stance") == n.stance and g.get("data-role") == n.role
        assert g.get("data-met") == ("true" if n.met else "false")
        assert f"sm-{n.stance}" in g.get("class").split()
        box = g.find(f"{SVG}rect")
        assert (box.get("stroke-dasharray") is not None) == (not n.met)
        assert n.name in g.find(f"{SVG}title").text  # full name in the tooltip
    assert root.find(f".//{SVG}g[@class='sm-legend']") is not None
    assert_links_cross_no_box(root)


def test_names_are_escaped_and_long_names_cut_with_an_ellipsis():
    svg = render_svg(fifteen())
    assert "O&#x27;Brien &amp; &lt;Smith&gt;" in svg
    assert "<Smith>" not in svg
    root = ET.fromstring(svg)
    texts = list(root.itertext())
    assert any(t.startswith("O'Brien & <") for t in texts)
    cut = [t for t in texts if t.startswith("長谷川") and t.endswith("…")]
    assert len(cut) == 1 and 8 <= len(cut[0]) <= 12  # about ten full-width characters
    assert any(t.startswith("長谷川 左衛門之助太郎兵衛") for t in texts)  # in the tooltip


def test_stance_is_written_not_only_coloured_and_roles_have_marks():
    nodes = [
        node(1, role="decision_maker", stance="supportive", met=True, influence="high"),
        node(2, 1, role="gatekeeper", stance="opposed"),
        node(3, 1, role="champion", stance="unknown"),
    ]
    root = ET.fromstring(render_svg(nodes))
    text = {int(g.get("data-id")): list(g.itertext()) for g in node_groups(root)}
    assert "○ 支持" in text[1] and "決" in text[1] and "★" in text[1]
    assert "× 反対" in text[2] and "門" in text[2] and "未面会" in text[2]
    assert "？ 不明" in text[3] and "窓" in text[3]
    legend = "".join(root.find(f".//{SVG}g[@class='sm-legend']").itertext())
    for word in ("支持", "中立", "反対", "不明", "面識あり", "未面会", "決裁者", "門番", "その他"):
        assert word in legend


def test_labels_translate_the_legend_and_stance_text():
    words = {"supportive": "Supportive", "not_met": "Not met", "decision_maker": "Decision maker"}
    root = ET.fromstring(render_svg(one() + [node(2, 1)], labels=words))
    legend = "".join(root.find(f".//{SVG}g[@class='sm-legend']").itertext())
    assert "Supportive" in legend and "Not met" in legend and "Decision maker" in legend
    assert "中立" in legend  # keys not given keep their Japanese default
    assert "○ Supportive" in list(node_groups(root)[0].itertext())


def test_links_wrap_nodes_with_a_url_and_unsafe_schemes_are_dropped():
    nodes = [
        node(1, url="/deals/1/people/1?a=1&b=2"),
        node(2, 1, url="javascript:alert(1)"),
        node(3, 1, url=" java\tscript:alert(1)"),
        node(4, 1),
    ]
    svg = render_svg(nodes)
    root = ET.fromstring(svg)
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["/deals/1/people/1?a=1&b=2"]
    assert links[0].find(f"{SVG}g").get("data-id") == "1"
    assert "javascript" not in svg


def test_control_characters_do_not_break_the_xml():
    ET.fromstring(render_svg([node(1, name="田中\x0b太郎\x00", title="部長\x1f")]))


# --- property: any forest ---------------------------------------------------------------


@st.composite
def forests(draw):
    n = draw(st.integers(1, 60))
    ids = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n, unique=True))
    nodes = []
    for k, i in enumerate(ids):
        kind = draw(st.sampled_from(["root", "earlier", "earlier", "earlier", "any", "dangling"]))
        boss = {
            "root": None,
            "earlier": ids[draw(st.integers(0, k - 1))] if k else None,
            "any": draw(st.sampled_from(ids)),  # may point forward: cycles, self-loops
            "dangling": 1000 + k,
        }[kind]
        nodes.append(
            node(
                i,
                boss,
                role=draw(st.sampled_from(list(Org.ROLE.values()) + ["other"])),
                stance=draw(st.sampled_from(STANCES)),
                met=draw(st.booleans()),
            )
        )
    return nodes


@settings(max_examples=150, deadline=None)
@given(forests())
def test_any_forest_lays_out_without_overlaps(nodes):
    placed, edges, width, height = layout(nodes)
    assert_sound(nodes, placed, edges, width, height)
    root = ET.fromstring(render_svg(nodes))
    assert len(node_groups(root)) == len(nodes)
    assert_links_cross_no_box(root)
