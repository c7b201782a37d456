"""Load realistic, deterministic Tehran demo data. Safe to run again: adds nothing twice."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from daftar.demo import seed


def parse_size(value: str) -> int:
    if value in seed.SIZES:
        return seed.SIZES[value]
    try:
        number = int(value)
    except ValueError:
        raise CommandError(
            f"--size must be one of {', '.join(seed.SIZES)} or a whole number; got {value!r}"
        ) from None
    if number < 0:
        raise CommandError("--size must not be negative")
    return number


class Command(BaseCommand):
    help = "Generate the demo dataset (districts, one account per role, offices, citizens...)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument(
            "--size",
            default="small",
            help=f"{', '.join(f'{k}={v}' for k, v in seed.SIZES.items())} or a number of citizens",
        )
        parser.add_argument(
            "--files",
            type=int,
            default=None,
            help="how many files to generate (default: ten per citizen, at most 3000)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not getattr(settings, "DEMO_ALLOWED", False):
            raise CommandError("demo data is only loaded with DEBUG on (or DEMO_ALLOWED=True)")
        started = time.monotonic()
        seed.run(
            seed=options["seed"],
            size=parse_size(options["size"]),
            files=options["files"],
            log=lambda line: self.stdout.write(f"  {line}"),
        )
        self.stdout.write(
            self.style.SUCCESS(f"demo data ready in {time.monotonic() - started:.1f}s")
        )
