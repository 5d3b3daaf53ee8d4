"""The stakeholder map of a deal's buying group: layout and SVG drawing (pure: no Django).

A sales manager should read the map at a glance: who reports to whom (a tree),
who is for or against us (box colour *and* a ○ △ × ？ label, so it survives
grayscale printing), whom we have met (solid border) or not (dashed border,
plus the words 未面会), what part each person plays (a badge: 決 承 窓 影 門 使 他)
and who carries weight (a thick top bar and ★ for high influence).

Layout rules (`layout`):

1. Hierarchy. A node hangs under the node it reports to. ``reports_to`` that is
   None, the node itself, or an id not in the map makes the node a root. A
   cycle (a→b→a) is broken at its lowest id, which becomes a root. When an id
   occurs twice, the first node wins.
2. Order. Roots and siblings are sorted by role importance (decision_maker,
   approver, champion, influencer, gatekeeper, user, other), then by id.
3. Tidy tree. A manager's reports sit in a row under it, each report's subtree
   in its own column (bounding-box packing, so boxes can never overlap), the
   manager centred over the row.
4. Wide families. More than ``cols`` reports (6, or 4 when the chart is too
   wide) wrap into several rows of at most ``cols``, split half left and half
   right of a vertical spine that runs down from the manager; each row is as
   tall as its tallest subtree. 40 reports of one boss make 7 rows of 6, about
   1000 px wide, instead of one 7000 px row.
5. Width budget. A tidy tree of a large organisation is far wider than a screen
   (16 課長 with two 担当 each need ~6000 px). When the chart is wider than
   `MAX_WIDTH`, it is redrawn with 4 columns per row, then with the deepest
   level of managers drawn as an indented list (reports stacked under the
   manager, 24 px in, joined by a line down their left side), moving the list
   style up one level at a time: the first variant that fits wins, else the
   narrowest. A list-style manager with more than 6 reports that have no
   reports of their own keeps the grid of rule 4, because 40 names in one
   column would be 3000 px tall.
6. Forest. Roots (each with its subtree) stand side by side, left-aligned,
   wrapping to a new row when a row would pass `MAX_WIDTH` or hold 6 roots.

Box: `BOX_W` × `BOX_H` px; `layout` returns the top-left corner of each box in
chart coordinates (origin at the top-left of the tree, no margin, no legend).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

__all__ = [
    "BOX_H",
    "BOX_W",
    "DEFAULT_LABELS",
    "MAX_WIDTH",
    "Node",
    "Placed",
    "layout",
    "render_svg",
]

BOX_W = 160.0
BOX_H = 64.0
H_GAP = 24.0  # between neighbouring columns; also the width of a spine's gutter
V_GAP = 40.0  # manager → first row of reports; the connector bus runs at half of it
ROW_GAP = 32.0  # between wrapped rows of one family
LIST_GAP = 12.0  # between stacked entries of an indented list
INDENT = 24.0  # indented list: reports start this far right of their manager
MAX_COLS = 6
MAX_LIST_LEAVES = 6  # more report-less reports than this stay a grid, even in list style
MAX_WIDTH = 1200.0  # a laptop's content column; phones scroll horizontally anyway

ROLE_ORDER = ("decision_maker", "approver", "champion", "influencer", "gatekeeper", "user", "other")
ROLE_MARK = {
    "decision_maker": "決",
    "approver": "承",
    "champion": "窓",
    "influencer": "影",
    "gatekeeper": "門",
    "user": "使",
    "other": "他",
}
STANCES = ("supportive", "neutral", "opposed", "unknown")
# (border, fill): borders dark enough to read as distinct greys; the symbol carries the meaning.
STANCE_COLOURS = {
    "supportive": ("#1a7f37", "#e7f5ec"),
    "neutral": ("#64748b", "#f1f5f9"),
    "opposed": ("#b3261e", "#fdecea"),
    "unknown": ("#9ca3af", "#ffffff"),
}
# ○ △ × are the marks Japanese readers already use for good / so-so / bad.
STANCE_SYMBOL = {"supportive": "○", "neutral": "△", "opposed": "×", "unknown": "？"}
DEFAULT_LABELS = {
    "supportive": "支持",
    "neutral": "中立",
    "opposed": "反対",
    "unknown": "不明",
    "met": "面識あり",
    "not_met": "未面会",
    "decision_maker": "決裁者",
    "approver": "承認者",
    "champion": "窓口",
    "influencer": "影響者",
    "gatekeeper": "門番",
    "user": "利用者",
    "other": "その他",
    "influence_high": "影響力 大",
    "title": "関係者マップ",
    "empty": "関係者が登録されていません",
}

FONT_FAMILY = "'Hiragino Sans', 'Noto Sans JP', 'IPAPGothic', sans-serif"
INK = "#111827"  # near-black: all text, so it prints
INK_SOFT = "#374151"
LINK_COLOUR = "#475569"
DASH = "6 4"
MARGIN = 12.0
LEGEND_MIN_W = 336.0  # a 360 px phone minus margins


@dataclass(frozen=True)
class Node:
    """One stakeholder as the map needs them."""

    id: int
    name: str
    title: str
    department: str
    role: str  # decision_maker | approver | influencer | champion | gatekeeper | user | other
    stance: str  # supportive | neutral | opposed | unknown
    met: bool
    influence: str  # high | medium | low
    reports_to: int | None  # None, or an id outside the map, makes a root
    url: str = ""


@dataclass(frozen=True)
class Placed:
    """A node's box on the chart: top-left corner and depth (roots are 0)."""

    node: Node
    x: float
    y: float
    depth: int


# --- layout -------------------------------------------------------------------------------


@dataclass
class _Shape:
    """A laid-out subtree in its own coordinates (top-left of its bounding box = 0, 0)."""

    w: float
    h: float
    box_x: float  # left edge of the subtree root's box; the box's top is always y = 0
    items: list[tuple[int, float, float]] = field(default_factory=list)  # (id, x, y)
    lines: list[list[tuple[float, float]]] = field(default_factory=list)  # connector polylines


def _paste(into: _Shape, part: _Shape, dx: float, dy: float) -> None:
    into.items.extend((i, x + dx, y + dy) for i, x, y in part.items)
    into.lines.extend([(x + dx, y + dy) for x, y in line] for line in part.lines)


def _leaf(node_id: int) -> _Shape:
    return _Shape(BOX_W, BOX_H, 0.0, [(node_id, 0.0, 0.0)], [])


def _centre(kid: _Shape, x: float) -> float:
    return x + kid.box_x + BOX_W / 2


def _tree_family(node_id: int, kids: list[_Shape], cols: int) -> _Shape:
    """Rules 3 and 4: one centred row, or rows split around a spine."""
    top = BOX_H + V_GAP
    out = _Shape(0.0, 0.0, 0.0)
    if len(kids) <= cols:
        xs, x = [], 0.0
        for kid in kids:
            xs.append(x)
            x += kid.w + H_GAP
        centres = [_centre(k, kx) for k, kx in zip(kids, xs, strict=True)]
        cx = (centres[0] + centres[-1]) / 2
        shift = max(0.0, BOX_W / 2 - cx)  # a single narrow report: keep the manager inside
        cx += shift
        for kid, kx in zip(kids, xs, strict=True):
            _paste(out, kid, kx + shift, top)
        centres = [c + shift for c in centres]
        bus = BOX_H + V_GAP / 2
        out.lines.append([(cx, BOX_H), (cx, bus)])
        out.lines.append([(min(centres + [cx]), bus), (max(centres + [cx]), bus)])
        out.lines.extend([(c, bus), (c, top)] for c in centres)
        out.w = max(x - H_GAP + shift, cx + BOX_W / 2)
        out.h = top + max(k.h for k in kids)
        out.box_x = cx - BOX_W / 2
        out.items.insert(0, (node_id, out.box_x, 0.0))
        return out

    rows = [kids[i : i + cols] for i in range(0, len(kids), cols)]
    halves = [(r[: math.ceil(len(r) / 2)], r[math.ceil(len(r) / 2) :]) for r in rows]

    def span(part: list[_Shape]) -> float:
        return sum(k.w for k in part) + H_GAP * (len(part) - 1) if part else 0.0

    left_w = max(span(left) for left, _ in halves)
    right_w = max(span(right) for _, right in halves)
    spine = max(left_w + H_GAP / 2, BOX_W / 2)  # the gutter is kept free in every row
    y, gap, bus = top, V_GAP, 0.0
    for left, right in halves:
        bus = y - gap / 2
        centres = []
        for part, x in ((left, spine - H_GAP / 2 - span(left)), (right, spine + H_GAP / 2)):
            for kid in part:
                _paste(out, kid, x, y)
                centres.append(_centre(kid, x))
                x += kid.w + H_GAP
        out.lines.append([(min(centres + [spine]), bus), (max(centres + [spine]), bus)])
        out.lines.extend([(c, bus), (c, y)] for c in centres)
        y += max(k.h for k in left + right) + ROW_GAP
        gap = ROW_GAP
    out.lines.insert(0, [(spine, BOX_H), (spine, bus)])
    out.w = max(spine + H_GAP / 2 + right_w, spine + BOX_W / 2)
    out.h = y - ROW_GAP
    out.box_x = spine - BOX_W / 2
    out.items.insert(0, (node_id, out.box_x, 0.0))
    return out


def _list_family(node_id: int, kids: list[_Shape]) -> _Shape:
    """Rule 5's indented list: reports stacked under the manager, a line down their left."""
    out = _Shape(0.0, 0.0, 0.0, [(node_id, 0.0, 0.0)])
    spine = INDENT / 2
    y, mid = BOX_H + LIST_GAP, BOX_H
    for kid in kids:
        _paste(out, kid, INDENT, y)
        mid = y + BOX_H / 2  # the kid's box is the top band of its shape: the stub crosses nothing
        out.lines.append([(spine, mid), (INDENT + kid.box_x, mid)])
        y += kid.h + LIST_GAP
    out.lines.insert(0, [(spine, BOX_H), (spine, mid)])
    out.w = max(BOX_W, INDENT + max(k.w for k in kids))
    out.h = y - LIST_GAP
    return out


def _forest(roots: list[_Shape]) -> _Shape:
    """Rule 6: roots side by side, wrapping by width and count."""
    out = _Shape(0.0, 0.0, 0.0)
    x = y = row_h = 0.0
    in_row = 0
    for shape in roots:
        if in_row and (x + shape.w > MAX_WIDTH or in_row >= MAX_COLS):
            x, y, in_row = 0.0, y + row_h + V_GAP, 0
            row_h = 0.0
        _paste(out, shape, x, y)
        out.w = max(out.w, x + shape.w)
        row_h = max(row_h, shape.h)
        x += shape.w + H_GAP
        in_row += 1
    out.h = y + row_h
    return out


@dataclass(frozen=True)
class _Tree:
    nodes: dict[int, Node]
    parent: dict[int, int | None]
    children: dict[int, list[int]]
    roots: list[int]
    depth: dict[int, int]
    preorder: list[int]


def _sort_key(node: Node) -> tuple[int, int]:
    role = ROLE_ORDER.index(node.role) if node.role in ROLE_ORDER else len(ROLE_ORDER)
    return (role, node.id)


def _build_tree(nodes: Sequence[Node]) -> _Tree:
    """Rules 1 and 2: parents, with self-loops, dangling ids and cycles resolved."""
    by_id: dict[int, Node] = {}
    for n in nodes:
        by_id.setdefault(n.id, n)
    parent: dict[int, int | None] = {
        i: (n.reports_to if n.reports_to in by_id and n.reports_to != i else None)
        for i, n in by_id.items()
    }
    # Walk up from every node (ids ascending, so the result is deterministic); a walk that
    # meets its own path has found a cycle, which is cut above its lowest id.
    done: set[int] = set()
    for start in sorted(by_id):
        path: list[int] = []
        on_path: set[int] = set()
        cur: int | None = start
        while cur is not None and cur not in done:
            if cur in on_path:
                cycle = path[path.index(cur) :]
                parent[min(cycle)] = None
                break
            path.append(cur)
            on_path.add(cur)
            cur = parent[cur]
        done.update(path)

    children: dict[int, list[int]] = {i: [] for i in by_id}
    for i, p in parent.items():
        if p is not None:
            children[p].append(i)
    for kids in children.values():
        kids.sort(key=lambda i: _sort_key(by_id[i]))
    roots = sorted((i for i, p in parent.items() if p is None), key=lambda i: _sort_key(by_id[i]))

    depth: dict[int, int] = {}
    preorder: list[int] = []
    stack = [(r, 0) for r in reversed(roots)]  # iterative: a long chain must not hit recursion
    while stack:
        i, d = stack.pop()
        depth[i] = d
        preorder.append(i)
        stack.extend((k, d + 1) for k in reversed(children[i]))
    return _Tree(by_id, parent, children, roots, depth, preorder)


def _shape_tree(tree: _Tree, list_from_depth: int, cols: int) -> _Shape:
    shapes: dict[int, _Shape] = {}
    for i in reversed(tree.preorder):  # reversed preorder: every child before its parent
        kid_ids = tree.children[i]
        if not kid_ids:
            shapes[i] = _leaf(i)
            continue
        kids = [shapes.pop(k) for k in kid_ids]
        leaf_family = all(not tree.children[k] for k in kid_ids)
        if tree.depth[i] >= list_from_depth and not (leaf_family and len(kids) > MAX_LIST_LEAVES):
            shapes[i] = _list_family(i, kids)
        else:
            shapes[i] = _tree_family(i, kids, cols)
    return _forest([shapes[r] for r in tree.roots])


@dataclass(frozen=True)
class _Arrangement:
    placed: list[Placed]
    edges: list[tuple[int, int]]
    width: float
    height: float
    lines: list[list[tuple[float, float]]]


def _arrange(nodes: Sequence[Node]) -> _Arrangement:
    tree = _build_tree(nodes)
    if not tree.nodes:
        return _Arrangement([], [], 0.0, 0.0, [])
    max_depth = max(tree.depth.values())
    # Rule 5: most tree-like first; stop at the first variant within the budget.
    variants = [(d, c) for d in range(max_depth, -1, -1) for c in (MAX_COLS, 4)] + [(0, 2)]
    best: _Shape | None = None
    for list_from_depth, cols in variants:
        shape = _shape_tree(tree, list_from_depth, cols)
        if best is None or shape.w < best.w:
            best = shape
        if shape.w <= MAX_WIDTH:
            best = shape
            break
    assert best is not None
    where = {i: (x, y) for i, x, y in best.items}
    placed = [Placed(tree.nodes[i], *where[i], tree.depth[i]) for i in tree.preorder]
    edges = [(p, i) for i in tree.preorder if (p := tree.parent[i]) is not None]
    return _Arrangement(placed, edges, best.w, best.h, best.lines)


def layout(nodes: Sequence[Node]) -> tuple[list[Placed], list[tuple[int, int]], float, float]:
    """Positions, edges (boss_id, report_id), total width, height (see the module's rules).

    Placed boxes come in preorder (roots and siblings in rule 2's order); each box is
    `BOX_W` × `BOX_H` with its top-left at (x, y). Empty input gives ([], [], 0, 0).
    """
    a = _arrange(nodes)
    return a.placed, a.edges, a.width, a.height


# --- drawing ------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL_BLANKS = re.compile(r"[\x00-\x20]")
SAFE_SCHEMES = ("", "http", "https", "mailto")


def _esc(text: str) -> str:
    # Control characters are not allowed in XML at all: one stray \x0b in a name would
    # make the whole page's SVG unparsable, so they are dropped, the rest escaped.
    return escape(_NOT_XML.sub("", str(text)), quote=True)


def _text_w(text: str, size: float) -> float:
    """Estimated advance width: full-width characters 1 em, the rest ~0.6 em."""
    return size * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def _fit(text: str, size: float, max_w: float) -> str:
    """Cut with an ellipsis so the text fits max_w (the full text stays in the <title>)."""
    text = " ".join(text.split())
    if _text_w(text, size) <= max_w:
        return text
    while text and _text_w(text + "…", size) > max_w:
        text = text[:-1]
    return text.rstrip() + "…"


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _badge(cx: float, cy: float, role: str) -> str:
    strong = role == "decision_maker"  # the one person the deal needs stands out
    fill, ink = (INK, "#ffffff") if strong else ("#ffffff", INK)
    return (
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="9.5" fill="{fill}" stroke="{INK}" '
        f'stroke-width="1.2"/><text x="{_n(cx)}" y="{_n(cy + 4)}" font-size="11" '
        f'font-weight="700" text-anchor="middle" fill="{ink}">{ROLE_MARK.get(role, "他")}</text>'
    )


def _top_bar(w: float, colour: str) -> str:
    # High influence: a 7 px band under the rounded top edge, visible in grayscale too.
    return f'<path d="M0 6A6 6 0 0 1 6 0H{_n(w - 6)}A6 6 0 0 1 {_n(w)} 6V7H0Z" fill="{colour}"/>'


def _node_svg(p: Placed, ox: float, oy: float, lab: dict[str, str]) -> str:
    n = p.node
    stance = n.stance if n.stance in STANCES else "unknown"
    role = n.role if n.role in ROLE_MARK else "other"
    stroke, fill = STANCE_COLOURS[stance]
    high = n.influence == "high"
    met_key = "met" if n.met else "not_met"
    sub = " · ".join(s for s in (n.title, n.department) if s.strip())
    tip = " / ".join(
        s
        for s in (
            n.name,
            sub,
            lab[role],
            f"{STANCE_SYMBOL[stance]} {lab[stance]}",
            lab[met_key],
            f"★ {lab['influence_high']}" if high else "",
        )
        if s
    )
    classes = f"sm-node sm-{stance} sm-{met_key.replace('_', '-')} sm-role-{role}"
    if high:
        classes += " sm-influence-high"
    dash = f' stroke-dasharray="{DASH}"' if not n.met else ""
    right = " ".join(s for s in ((lab["not_met"] if not n.met else ""), "★" if high else "") if s)
    stance_text = f"{STANCE_SYMBOL[stance]} {lab[stance]}"
    stance_max = BOX_W - 16 - (_text_w(right, 11) + 6 if right else 0)
    parts = [
        f'<g class="{classes}" data-id="{n.id}" data-stance="{stance}" data-role="{role}" '
        f'data-met="{"true" if n.met else "false"}" data-influence="{_esc(n.influence)}" '
        f'transform="translate({_n(ox + p.x)} {_n(oy + p.y)})">',
        f"<title>{_esc(tip)}</title>",
        f'<rect class="sm-box" width="{_n(BOX_W)}" height="{_n(BOX_H)}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2.5"{dash}/>',
        _top_bar(BOX_W, stroke) if high else "",
        f'<text x="8" y="24" font-size="13" font-weight="700" fill="{INK}">'
        f"{_esc(_fit(n.name, 13, BOX_W - 34))}</text>",
        f'<text x="8" y="41" font-size="11" fill="{INK_SOFT}">{_esc(_fit(sub, 11, BOX_W - 16))}'
        "</text>"
        if sub
        else "",
        f'<text x="8" y="57" font-size="11" font-weight="700" fill="{INK}">'
        f"{_esc(_fit(stance_text, 11, stance_max))}</text>",
        f'<text x="{_n(BOX_W - 8)}" y="57" font-size="11" text-anchor="end" fill="{INK}">'
        f"{_esc(right)}</text>"
        if right
        else "",
        _badge(BOX_W - 15, 18, role),
        "</g>",
    ]
    svg = "".join(parts)
    url = n.url.strip()
    if url and _safe_url(url):
        svg = f'<a href="{_esc(url)}">{svg}</a>'
    return svg


def _safe_url(url: str) -> bool:
    """Only http(s), mailto and relative links: a javascript: URL in a name's link is XSS."""
    try:  # browsers ignore blanks inside a scheme, so "java script:" is judged without them
        return urlsplit(_URL_BLANKS.sub("", url)).scheme.lower() in SAFE_SCHEMES
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False


def _legend(lab: dict[str, str], width: float) -> tuple[str, float]:
    """The key, flowed into lines no wider than `width`; returns (svg, height)."""
    size, line_h = 11.0, 24.0
    groups: list[list[tuple[float, str]]] = []  # (item width, svg drawn at 0, 0)

    def swatch(stroke: str, fill: str, dash: bool = False, bar: bool = False) -> str:
        d = f' stroke-dasharray="{DASH}"' if dash else ""
        top = f'<rect x="0" y="0" width="26" height="4" fill="{stroke}"/>' if bar else ""
        return (
            f'<rect x="0" y="0" width="26" height="16" rx="3" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="2"{d}/>{top}'
        )

    def label(x: float, text: str) -> str:
        return f'<text x="{_n(x)}" y="12.5" font-size="{_n(size)}" fill="{INK}">{_esc(text)}</text>'

    stances = []
    for s in STANCES:
        text = f"{STANCE_SYMBOL[s]} {lab[s]}"
        stances.append((32 + _text_w(text, size), swatch(*STANCE_COLOURS[s]) + label(32, text)))
    groups.append(stances)
    groups.append(
        [
            (32 + _text_w(lab["met"], size), swatch(INK, "#ffffff") + label(32, lab["met"])),
            (
                32 + _text_w(lab["not_met"], size),
                swatch(INK, "#ffffff", dash=True) + label(32, lab["not_met"]),
            ),
            (
                32 + _text_w("★ " + lab["influence_high"], size),
                swatch(INK, "#ffffff", bar=True) + label(32, "★ " + lab["influence_high"]),
            ),
        ]
    )
    groups.append(
        [(24 + _text_w(lab[r], size), _badge(9.5, 8, r) + label(24, lab[r])) for r in ROLE_ORDER]
    )
    out, y = [], 0.0
    for group in groups:  # each group starts a line of its own
        x = 0.0
        for w, svg in group:
            if x and x + w > width:
                x, y = 0.0, y + line_h
            out.append(f'<g transform="translate({_n(x)} {_n(y)})">{svg}</g>')
            x += w + 16
        y += line_h
    return f'<g class="sm-legend">{"".join(out)}</g>', y - line_h + 18


def render_svg(
    nodes: Sequence[Node], *, labels: dict[str, str] | None = None, title: str = ""
) -> str:
    """A complete <svg> element (string), with a <title>, a legend, and each node as a <g> with
    data-id, data-stance, data-role, data-met attributes and class names, wrapped in <a href=url>
    when url is set.

    The svg's width/height are its natural size (put it in a horizontally scrollable box);
    the legend sits on top and wraps to the chart's width (at least a phone's). ``labels``
    overrides the default Japanese words, key by key (see `DEFAULT_LABELS`).
    """
    lab = {**DEFAULT_LABELS, **(labels or {})}
    svg_open = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="stakeholder-map" width="{w}" '
        'height="{h}" viewBox="0 0 {w} {h}" font-family="' + FONT_FAMILY + '">'
    )
    heading = f"<title>{_esc(title or lab['title'])}</title>"
    a = _arrange(nodes)
    if not a.placed:
        w, h = LEGEND_MIN_W + 2 * MARGIN, 56.0
        return (
            svg_open.format(w=_n(w), h=_n(h))
            + heading
            + f'<rect x="0.5" y="0.5" width="{_n(w - 1)}" height="{_n(h - 1)}" rx="6" '
            f'fill="#ffffff" stroke="#9ca3af" stroke-dasharray="{DASH}"/>'
            f'<text x="{_n(w / 2)}" y="{_n(h / 2 + 5)}" font-size="13" text-anchor="middle" '
            f'fill="{INK}">{_esc(lab["empty"])}</text></svg>'
        )

    content_w = max(a.width, LEGEND_MIN_W)
    legend, legend_h = _legend(lab, content_w)
    ox, oy = MARGIN, MARGIN + legend_h + 20
    w, h = content_w + 2 * MARGIN, oy + a.height + MARGIN
    counts = {s: sum(p.node.stance == s for p in a.placed) for s in STANCES}
    met = sum(p.node.met for p in a.placed)
    desc = ", ".join(f"{lab[s]} {counts[s]}" for s in STANCES if counts[s])
    desc += f"; {lab['met']} {met}/{len(a.placed)}"
    path = "".join(
        "M" + "L".join(f"{_n(ox + x)} {_n(oy + y)}" for x, y in line) for line in a.lines
    )
    return "".join(
        [
            svg_open.format(w=_n(w), h=_n(h)),
            heading,
            f"<desc>{_esc(desc)}</desc>",
            f'<g transform="translate({_n(MARGIN)} {_n(MARGIN)})">{legend}</g>',
            f'<path class="sm-links" d="{path}" fill="none" stroke="{LINK_COLOUR}" '
            'stroke-width="1.5"/>',
            *(_node_svg(p, ox, oy, lab) for p in a.placed),
            "</svg>",
        ]
    )
