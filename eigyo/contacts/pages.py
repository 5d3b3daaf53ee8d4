"""The person page's slots, filled by the apps above (see core.contributions):
"actions" (page head) and "timeline" (below the facts)."""

from eigyo.core.contributions import Page

PERSON = Page("person")
