"""The stakeholder map of a deal as SVG, labelled in the user's language."""

from django.utils.translation import gettext as _

from eigyo.deals.domain.stakeholder_map import Node, render_svg
from eigyo.deals.services import is_met


def labels() -> dict[str, str]:
    return {
        "supportive": _("Supportive"),
        "neutral": _("Neutral"),
        "opposed": _("Opposed"),
        "unknown": _("Unknown"),
        "met": _("Met"),
        "not_met": _("Not met"),
        "decision_maker": _("Decision maker"),
        "approver": _("Approver"),
        "champion": _("Champion"),
        "influencer": _("Influencer"),
        "gatekeeper": _("Gatekeeper"),
        "user": _("User"),
        "other": _("Other"),
        "empty": _("No one in the buying group yet."),
        "influence_high": _("High influence"),
        "title": _("Stakeholder map"),
    }


def map_svg(stakeholders, title: str = "") -> str:
    nodes = [
        Node(
            id=s.person_id,
            name=s.person.display_name,
            title=s.person.title,
            department=s.person.department,
            role=s.role,
            stance=s.stance,
            met=is_met(s),
            influence=s.influence,
            reports_to=s.person.reports_to_id,
            url=s.person.get_absolute_url(),
        )
        for s in stakeholders
    ]
    return render_svg(nodes, labels=labels(), title=title)
