"""Why a contact is on the agenda, in the user's language (UI, feed, CLI, API)."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigyo.portfolio.domain import PlannedContact
from eigyo.portfolio.models import Tier


def reason_label(code: str) -> str:
    return {
        "overdue": _("overdue"),
        "due": _("due"),
        "follow_up": _("promised follow-up"),
        "early": _("brought forward"),
        "late": _("late: no room earlier"),
    }[code]


def explain(contact: PlannedContact, today: dt.date) -> str:
    """e.g. "possible · last contact 19 days ago · cadence 14 · overdue 5 days"."""
    parts = [str(Tier(contact.tier).label)]
    since = contact.days_since_contact(today)
    if since is None:
        parts.append(_("no contact yet"))
    else:
        parts.append(
            ngettext("last contact %(n)d day ago", "last contact %(n)d days ago", since)
            % {"n": since}
        )
    if contact.cadence:
        parts.append(_("cadence %(n)d") % {"n": contact.cadence})
    if contact.reason == "overdue" or contact.due < today:
        late = (today - contact.due).days
        parts.append(ngettext("overdue %(n)d day", "overdue %(n)d days", late) % {"n": late})
    elif contact.reason == "follow_up":
        if contact.follow_up:
            parts.append(_("follow-up promised: %(what)s") % {"what": contact.follow_up})
        else:
            parts.append(_("follow-up promised"))
    elif contact.reason in ("early", "late"):
        parts.append(reason_label(contact.reason))
    return " · ".join(parts)
