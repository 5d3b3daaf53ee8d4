"""Signals that let lower apps report what happened without importing the app that
records it (the audit trail sits above them in the layer order).

`personal_data_read` — a user read or exported records that hold personal data.
Sent by the code that shows or writes them out (the person page, an export, the API);
the audit app records it (who, when, which rows, which items) so a leak can be traced
and a disclosure request answered. Keyword arguments:
  user      the acting user
  model     the model class of the rows read (e.g. contacts.Person)
  pks       the primary keys read (a list; may be long for an export)
  action    "view" | "export" | "api"
  via       where: a URL path, an export name, a command
  items     optional: the data items (field names) that were read
  recipient optional: a third party the data is provided to (for provision records):
            a Partner, or a dict {"name", "address", "representative"}
  basis     optional: the consent or legal basis of that provision

`rows_written` — rows were written in bulk (bulk_create, bulk_update, QuerySet.update
or .delete), which Django's model signals do not report. Keyword arguments:
  model     the model class; pks the primary keys; action "create" | "update" | "delete"
  changes   optional: {field: new value} applied to every row (an update)
  by        optional: the acting user (else the current actor)

`personal_data_received` — a list holding personal data came from a third party (a
purchased list, a partner's leads): the record of receipt (APPI Art. 30). Keyword
arguments: user, model, pks (the rows it brought), provider (name), obtained (how the
provider obtained it), items (optional), source (an import's id or file name).

`password_reset_requested` — someone asked for a password-reset e-mail (anonymous).
Keyword arguments: request, email (as typed), ip (the client's address), user (the
account it names, or None), sent (whether an e-mail went), throttled ("" or which
limit refused it: "email" or "address").

`second_factor_failed` — a wrong two-factor code at sign-in or set-up. Keyword
arguments: request, user, step ("login" or "setup").
"""

from django.dispatch import Signal

personal_data_read = Signal()
rows_written = Signal()
personal_data_received = Signal()
password_reset_requested = Signal()
second_factor_failed = Signal()
