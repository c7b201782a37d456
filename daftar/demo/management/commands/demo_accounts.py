"""Print the demo accounts, one per role, with how to sign in."""

from django.conf import settings
from django.core.management.base import BaseCommand

from daftar.core.identifiers import mobile_display
from daftar.demo import seed


class Command(BaseCommand):
    help = "List the demo accounts and their passwords."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)

    def handle(self, *args, **options):
        national_code, mobile = seed.demo_citizen_identity(options["seed"])
        lines = [
            "",
            "Demo accounts (staff sign-in: http://127.0.0.1:8000/accounts/staff/sign-in/)",
            f"  {'role':<22} {'username':<12} password",
        ]
        lines += [
            f"  {a.role!s:<22} {a.username:<12} {seed.DEMO_PASSWORD}" for a in seed.DEMO_STAFF
        ]
        lines += [
            f"  {'committee_member':<22} {name:<12} {seed.DEMO_PASSWORD}  (second/third seat)"
            for name in ("committee_planning", "committee_finance")
        ]
        lines += ["", *self._second_factor()]
        lines += [
            "",
            "Citizen sign-in: http://127.0.0.1:8000/accounts/sign-in/",
            f"  national code {national_code}, mobile {mobile_display(mobile)};"
            " the one-time code appears in this console and in var/sms.log",
            "",
        ]
        self.stdout.write("\n".join(lines))

    @staticmethod
    def _second_factor() -> list[str]:
        if settings.REQUIRE_TOTP_FOR_PRIVILEGED:
            return [
                "Every staff role must set up an authenticator app (REQUIRE_TOTP_FOR_PRIVILEGED"
                " is on):",
                "  get an enrolment code with `python manage.py staff_enrolment_code admin`, sign"
                " in as admin, enter it, scan the QR code; then issue codes for the others at",
                "  http://127.0.0.1:8000/accounts/staff/authenticators/",
            ]
        return [
            "Second factor: not asked here (development settings, REQUIRE_TOTP_FOR_PRIVILEGED"
            " off). In production every staff role",
            "  signs in with password + authenticator app, and sets the app up only with a"
            " one-time enrolment code from the",
            "  system administrator (docs/adr/0008). To try it: sign in as admin, open"
            " http://127.0.0.1:8000/accounts/staff/authenticators/,",
            "  issue a code for e.g. reviewer, then sign in as reviewer and open"
            " http://127.0.0.1:8000/accounts/security/authenticator/",
        ]
