"""The least-privilege PostgreSQL role of docs/security.md, run for real: the
application's role reads and writes rows and is refused any change to the schema.
Runs on PostgreSQL (DATABASE_URL); SQLite has no roles. Everything happens inside the
test's transaction, so the roles and grants vanish with it."""

import re
import uuid
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

DOC = Path(__file__).resolve().parents[3] / "docs" / "security.md"


def _documented_sql() -> list[str]:
    block = re.search(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    text = "\n".join(line.split("--")[0] for line in block.splitlines())
    return [s.strip() for s in text.split(";") if s.strip()]


def test_the_documented_role_is_no_superuser_and_gets_rows_only():
    statements = _documented_sql()
    app = [s for s in statements if s.startswith("CREATE ROLE eigyo_app")][0]
    assert "NOSUPERUSER" in app and "NOCREATEDB" in app and "NOCREATEROLE" in app
    grants = [s for s in statements if "TO eigyo_app" in s and "TABLES" in s]
    assert grants and all("SELECT, INSERT, UPDATE, DELETE" in g for g in grants)
    assert not any(re.search(r"\b(TRUNCATE|ALL PRIVILEGES|TRIGGER)\b", s) for s in grants)


@pytest.mark.django_db
def test_the_application_role_writes_rows_but_not_the_schema():
    if connection.vendor != "postgresql":
        pytest.skip("roles are PostgreSQL's (run the suite with DATABASE_URL)")
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"eigyo_owner_{suffix}", f"eigyo_app_{suffix}"
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        me = cursor.fetchone()[0]
        for statement in _documented_sql():
            if statement.startswith(("CREATE DATABASE", "\\connect")):
                continue  # the test database exists; we are connected to it
            statement = statement.replace("eigyo_owner", owner).replace("eigyo_app", app)
            statement = re.sub(r"DATABASE eigyo\b", f'DATABASE "{database}"', statement)
            statement = statement.replace("PASSWORD '…'", "PASSWORD 'x'")
            if "ALTER SCHEMA public OWNER" in statement or "FOR ROLE" in statement:
                statement = statement.replace(owner, me)  # the test's tables are ours
            cursor.execute(statement)
        cursor.execute(f"SET ROLE {app}")
        try:
            cursor.execute("SELECT count(*) FROM accounts_organisation")
            cursor.execute(
                "INSERT INTO accounts_organisation (name, slug, created_at, require_mfa)"
                " VALUES ('試験', %s, now(), false) RETURNING id",
                [f"t-{suffix}"],
            )
            org_id = cursor.fetchone()[0]
            cursor.execute("UPDATE accounts_organisation SET name='改名' WHERE id=%s", [org_id])
            cursor.execute("DELETE FROM accounts_organisation WHERE id=%s", [org_id])
            for ddl in (
                "CREATE TABLE evil (id int)",
                "DROP TABLE accounts_organisation",
                "ALTER TABLE accounts_organisation ADD COLUMN x int",
                "TRUNCATE accounts_organisation",
                f"CREATE ROLE other_{suffix}",
            ):
                with pytest.raises(DatabaseError), transaction.atomic():
                    cursor.execute(ddl)
        finally:
            cursor.execute("RESET ROLE")
