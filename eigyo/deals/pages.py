"""The deal page's slots, filled by the apps above (see core.contributions):
"timeline" (below the deal's records)."""

from eigyo.core.contributions import Page

DEAL = Page("deal")
