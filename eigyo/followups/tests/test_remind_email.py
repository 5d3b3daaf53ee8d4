"""`eigyo remind` against a real SMTP server: the digest and a reminder arrive
once, to the right people, in their language; two workers send each once."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigyo.core import clock
from eigyo.followups.models import Instruction, Milestone, Reminder

ROOT = Path(__file__).resolve().parents[3]


def at(y, m, d, h=9):
    clock.freeze(timezone.make_aware(dt.datetime(y, m, d, h, 0)))


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.freeze(None)


@pytest.fixture
def instruction(book, actors):
    ins = Instruction.objects.create(
        org=actors.org,
        subject="トヨタ精機の品質部長に面談",
        asked="品質保証部長との面談を設定すること",
        company=book.company,
        owner=actors.rep1,
        issued_by=actors.manager,
    )
    Instruction.objects.filter(pk=ins.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 11, 10, 10))
    )
    ins.refresh_from_db()
    Milestone.objects.create(
        org=actors.org, instruction=ins, title="面談日程の確定", due_on=dt.date(2026, 11, 20)
    )
    return ins


@pytest.mark.django_db
def test_reminder_then_escalation_reach_the_right_people_once(instruction, actors, smtp):
    at(2026, 11, 19, 7)  # the day before the milestone, before the digest hour
    call_command("remind", verbosity=0)
    call_command("remind", verbosity=0)  # idempotent: nothing twice
    (msg,) = [m for m in smtp.to(actors.rep1.email) if "面談日程の確定" in m["Subject"]]
    assert "Reminder" in msg["Subject"]  # rep1 reads English
    assert msg.get_body(("plain",)) and msg.get_body(("html",))
    assert "品質保証部長との面談を設定すること" in msg.get_body(("plain",)).get_content()
    assert smtp.to(actors.manager.email) == []
    at(2026, 11, 26, 7)  # passed on 11/20, silent: overdue 11/24, escalation 11/26
    call_command("remind", verbosity=0)
    subjects = [m["Subject"] for m in smtp.to(actors.rep1.email) if "面談日程" in m["Subject"]]
    assert len(subjects) == 2 and "Milestone passed" in subjects[1]
    (escalated,) = [m for m in smtp.to(actors.manager.email) if "面談日程" in m["Subject"]]
    assert "エスカレーション" in escalated["Subject"] or "鈴木" in escalated["Subject"]  # Japanese


@pytest.mark.django_db
def test_morning_digest_on_business_days_only(book, actors, smtp):
    at(2026, 11, 23, 9)  # 勤労感謝の日: no digest (the overdue promise still reminds)
    call_command("remind", verbosity=0)
    assert not [m for m in smtp.to(actors.rep1.email) if "agenda" in m["Subject"]]
    at(
        2026,
        11,
        24,
        7,
    )  # before 08:00: not yet
    call_command("remind", verbosity=0)
    assert not [m for m in smtp.to(actors.rep1.email) if "agenda" in m["Subject"]]
    at(2026, 11, 24, 8)
    call_command("remind", verbosity=0)
    call_command("remind", verbosity=0)
    digests = [m for m in smtp.to(actors.rep1.email) if "agenda" in m["Subject"]]
    assert len(digests) == 1
    body = digests[0].get_body(("plain",)).get_content()
    assert "株式会社トヨタ精機" in body and "overdue" in body
    promise = [m for m in smtp.to(actors.rep1.email) if "Promise" in m["Subject"]]
    assert len(promise) == 1 and "見積りを提出" in promise[0]["Subject"]
    assert smtp.to(actors.partner_user.email) == [] and smtp.to(actors.marketing.email) == []


@pytest.mark.django_db
def test_a_failed_send_is_retried_not_lost(instruction, actors, smtp, settings):
    at(2026, 11, 19, 7)
    settings.EMAIL_PORT = smtp.port + 1 if smtp.port < 65535 else smtp.port - 1  # nobody there
    call_command("remind", verbosity=0)
    reminder = Reminder.objects.get(kind="reminder", milestone__instruction=instruction)
    assert reminder.status == "pending" and reminder.attempts == 1 and reminder.last_error
    settings.EMAIL_PORT = smtp.port
    at(2026, 11, 19, 7)
    call_command("remind", verbosity=0)
    assert smtp.to(actors.rep1.email) == []  # not before its next attempt time
    at(2026, 11, 19, 8)
    call_command("remind", verbosity=0)
    mine = [m for m in smtp.to(actors.rep1.email) if "面談日程の確定" in m["Subject"]]
    assert len(mine) == 1
    reminder.refresh_from_db()
    assert reminder.status == "sent"


SEED = """
import datetime as dt
from django.utils import timezone
from eigyo.accounts.models import Membership, Organisation, Role, Team, User
from eigyo.companies.models import Company
from eigyo.followups.models import Instruction, Milestone
org = Organisation.objects.create(name="Race KK", slug="race")
boss = User.objects.create_user("boss@race.example", "x" * 12)
team = Team.objects.create(org=org, name="T", manager=boss)
Membership.objects.create(org=org, user=boss, role=Role.MANAGER, team=team)
company = Company.objects.create(org=org, legal_name="競合株式会社")
for i in range(20):
    rep = User.objects.create_user(f"rep{i}@race.example", "x" * 12, language="ja")
    Membership.objects.create(org=org, user=rep, role=Role.REP, team=team)
    ins = Instruction.objects.create(org=org, subject=f"指示{i}", asked="報告", company=company,
                                     owner=rep, issued_by=boss)
    Milestone.objects.create(org=org, instruction=ins, title=f"期限{i}", due_on=dt.date(2026, 11, 20))
print("seeded")
"""


def test_two_workers_at_once_send_each_reminder_once(tmp_path, smtp):
    """Two `eigyo remind` processes started together on one database."""
    db = str(tmp_path / "race.sqlite3")
    env = {
        **os.environ,
        "DEBUG": "1",
        "EIGYO_SQLITE": db,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EIGYO_NOW": "2026-11-19T07:00:00+09:00",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    run = [sys.executable, "-m", "eigyo.cli"]
    subprocess.run([*run, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300)
    seeded = subprocess.run(
        [*run, "shell", "-v", "0", "-c", SEED],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "seeded" in seeded.stdout, seeded.stderr[-2000:]
    workers = [
        subprocess.Popen(
            [*run, "remind"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=300) for w in workers]
    for w, (_out, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err[-2000:]
    received = [rcpt[0] for rcpt, _msg in smtp.messages]
    assert sorted(received) == sorted(f"rep{i}@race.example" for i in range(20))
