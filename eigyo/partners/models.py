"""Partners: distributors and resellers who sell for the organisation.

The Partner itself is a scope of the access rules and lives in accounts; this app
will hold what the organisation does with its partners."""

from eigyo.accounts.models import Partner

__all__ = ["Partner"]
