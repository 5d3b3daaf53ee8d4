"""eigyo createorg --name NAME --admin-email EMAIL"""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from eigyo.accounts import services
from eigyo.accounts.models import Organisation, User


class Command(BaseCommand):
    help = "Create an organisation and its first admin (asks for the password)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="organisation name, e.g. 'Acme Japan KK'")
        parser.add_argument("--slug", help="short identifier (default: from the name)")
        parser.add_argument("--admin-email", required=True, help="the admin's login email")
        parser.add_argument("--password", help="the admin's password (default: ask)")

    def handle(self, *args, **opts):
        slug = opts["slug"] or slugify(opts["name"]) or "org"
        if Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"an organisation with slug '{slug}' already exists")
        if User.objects.filter(email__iexact=opts["admin_email"]).exists():
            raise CommandError(f"a user with email {opts['admin_email']} already exists")
        password = opts["password"] or getpass.getpass("Admin password: ")
        if len(password) < 8:
            raise CommandError("the password needs at least 8 characters")
        org, user = services.create_organisation(
            name=opts["name"], slug=slug, admin_email=opts["admin_email"], password=password
        )
        self.stdout.write(self.style.SUCCESS(f"created {org.name} with admin {user.email}"))
