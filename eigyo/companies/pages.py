"""The company page's slots, filled by the apps above (see core.contributions):
"actions" (page head), "notices" (below the head), "facts" (rows of the company's
facts), "panels" (beside the facts) and "timeline" (below)."""

from eigyo.core.contributions import Page

COMPANY = Page("company")
