"""`eigyo`: the command line. Every Django management command is a subcommand;
USAGE below is what `eigyo --help` prints."""

import os
import sys

USAGE = """usage: eigyo COMMAND [OPTIONS]

eigyo — the relationship-selling system for Japan.

Getting started:
  migrate                 create or upgrade the database (default: var/eigyo.sqlite3)
  demo                    build the demo organisation "Demo KK" and print its logins
  runserver [ADDR:PORT]   serve the web UI and API (default 127.0.0.1:8000)

Data:
  createorg               create an organisation and its first admin
  registry load edinet    load the EDINET company list (11,223 entities)
  registry load tse       add TSE market segment, 33-sector and TOPIX size class
  registry load FILE      load an official file: EdinetcodeDlInfo.csv, JPX data_j
                          as CSV, or the NTA corporate-number CSV / zip (全件, 差分)
  registry search NAME    look a company up in the registry
  resolve [FILE|-]        resolve company names to registry entities (CSV or JSON)
  import companies FILE --user EMAIL [--map COLUMN=FIELD] [--dry-run]
                          import a company list: checked first, all or nothing
  export --org SLUG [-o FILE]
                          the whole organisation in one archive (zip, manifest,
                          one JSON-lines file per table); --check FILE verifies one
  restore FILE            restore such an archive into an empty installation

Daily work:
  agenda --user EMAIL     whom to contact today, and why
  plan --user EMAIL       the next business days' contacts within capacity
  instructions --user EMAIL [--evaporating]
                          open instructions; those gone silent
  spider --company ID     similar companies no one in the organisation works yet
  path --user EMAIL --to PERSON_ID | --company ID
                          the warmest way in from anyone on the team, explained
  calls stats --user EMAIL [--script NAME] [--month YYYY-MM]
                          how far cold calls got per script variant: past reception,
                          decision maker, appointments, with 95 % intervals
  partners alerts [--user EMAIL] [--date YYYY-MM-DD]
                          partners behind target, termination rights open, notice
                          deadlines near: to the partner managers' inboxes

Operations:
  remind [--loop]         send due reminders, escalations and the 08:00 digest
  export --jobs [--loop]  build the organisation archives admins asked for on the page
  backup [--keep N]       back up the database while eigyo runs (SQLite online
                          backup / pg_dump), checked; --list shows the backups
  restore-backup FILE     check a backup, keep the current database, replace it
  check --deploy          check production settings
  dbshell, shell          database and Python shells
  help [COMMAND]          every Django management command and its options

Environment: DATABASE_URL (PostgreSQL; default SQLite), SECRET_KEY, DEBUG,
ALLOWED_HOSTS, EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD.
Run `eigyo COMMAND --help` for the options of a command.
"""


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE)
        return
    if argv[0] == "help" and len(argv) == 1:
        argv = ["help"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["eigyo", *argv])
    except ImproperlyConfigured as exc:
        sys.stderr.write(
            f"eigyo: {exc}.\nSet it in the environment (for a local trial: DEBUG=1 eigyo ...).\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
