"""Issue an authenticator enrolment code from the server's command line.

For the first system administrator (nobody can issue them one on the web yet) and for an
administrator who lost their own authenticator (the web refuses acting on one's own account).
Whoever can run this already holds the deployment's secrets; the issue is audited as
`system:command-line`.

    python manage.py staff_enrolment_code USERNAME [--reset "phone lost"]
"""

from django.core.management.base import BaseCommand, CommandError

from daftar.accounts.enrolment import (
    COMMAND_LINE_ACTOR,
    authenticator_reset,
    enrolment_code_display,
    enrolment_code_issue,
)
from daftar.accounts.models import User
from daftar.core.errors import DaftarError


class Command(BaseCommand):
    help = "Issue a one-time authenticator enrolment code for a staff account (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            metavar="REASON",
            help="first remove the account's authenticator (e.g. a lost phone), with the reason",
        )

    def handle(self, *args, username: str, reset: str | None, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account named {username!r}.")
        try:
            if reset is not None:
                removed = authenticator_reset(actor=COMMAND_LINE_ACTOR, user=user, reason=reset)
                self.stdout.write(f"Removed {removed} authenticator(s) of {username}.")
            code, plain = enrolment_code_issue(actor=COMMAND_LINE_ACTOR, user=user)
        except DaftarError as error:
            raise CommandError(str(error.render(language="en"))) from error
        self.stdout.write(
            f"Enrolment code for {username}: {enrolment_code_display(plain)}\n"
            f"Valid until {code.expires_at:%Y-%m-%d %H:%M} UTC, once. Give it to the person in "
            "person or by phone; they enter it after signing in with their password."
        )
