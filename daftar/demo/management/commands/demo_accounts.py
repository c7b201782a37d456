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
        new_code, new_mobile = seed.DEMO_FIRST_SIGN_IN
        taken_code, owner_mobile, taker_mobile = seed.DEMO_NOT_THE_OWNER
        lines += [
            "",
            "Citizen sign-in: http://127.0.0.1:8000/accounts/sign-in/",
            f"  national code {national_code}, mobile {mobile_display(mobile)};"
            " the one-time code appears in this console and in var/sms.log",
            "  A first sign-in binds a national code to a mobile only if the mobile-ownership"
            " inquiry says it is the holder's",
            f"  (in development it answers from {settings.MOBILE_OWNERSHIP_FILE}):",
            f"    {new_code} with {mobile_display(new_mobile)}: match -> a verified account",
            f"    {taken_code} with {mobile_display(taker_mobile)}: no match -> refused, nothing"
            f" written (the holder's mobile is {mobile_display(owner_mobile)})",
            "    any national code not in the file: unavailable -> a provisional account, for"
            " which no office or app may open a file",
            "Office counter (operator): /counter/ sends a consent code naming the office and the"
            " service; /counter/reclaim/ gives a national code back to its holder's mobile"
            " after the national card is checked.",
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
