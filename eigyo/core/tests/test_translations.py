"""Japanese is shipped complete: every message in the catalogue is translated and
the compiled catalogue matches its source."""

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ja" / "LC_MESSAGES"
ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?) ((?:".*"\n?)+)', re.M)


def entries():
    """(msgid, msgstr) pairs from the .po file, fuzzy ones flagged."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        parts = {}
        for key, value in ENTRY.findall(block + "\n"):
            joined = "".join(ast.literal_eval(line) for line in value.strip().splitlines())
            parts[key.replace("[0]", "")] = joined
        if parts.get("msgid"):
            yield parts.get("msgctxt"), parts["msgid"], parts.get("msgstr", ""), "#, fuzzy" in block


def test_every_message_is_translated():
    missing = [msgid for _ctx, msgid, msgstr, fuzzy in entries() if not msgstr or fuzzy]
    assert missing == []


def test_compiled_catalogue_is_current():
    with open(LOCALE / "django.mo", "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    stale = [
        msgid
        for ctx, msgid, msgstr, _ in entries()
        if (catalogue.pgettext(ctx, msgid) if ctx else catalogue.gettext(msgid)) != msgstr
    ]
    # plural entries compile under their singular id as a tuple key; skip those
    stale = [m for m in stale if catalogue.ngettext(m, m, 1) == m]
    assert stale == []
