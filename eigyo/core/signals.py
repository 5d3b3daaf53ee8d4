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
  recipient optional: a third party the data is provided to (for provision records)
"""

from django.dispatch import Signal

personal_data_read = Signal()
