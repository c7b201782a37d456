"""Map an Open311 service_code to a catalogue service or a complaint category (or change it),
through the audited service, as the system (docs/open311.md):

    manage.py open311_service bulky-waste --name-fa "جمع‌آوری پسماند حجیم" \\
        --name-en "Bulky-waste collection" --catalogue-service ws-bulky-waste
    manage.py open311_service office-bribe --name-fa … --name-en … --complaint-category bribe
    manage.py open311_service office-bribe --name-fa … --name-en … --complaint-category bribe \\
        --unlisted
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.open311.services import open311_service_define


class Command(BaseCommand):
    help = "Map an Open311 service_code to a catalogue service or a complaint category."

    def add_arguments(self, parser) -> None:
        parser.add_argument("service_code")
        parser.add_argument("--name-fa", required=True)
        parser.add_argument("--name-en", required=True)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--catalogue-service", default="")
        target.add_argument("--complaint-category", default="")
        parser.add_argument("--description-fa", default="")
        parser.add_argument("--description-en", default="")
        parser.add_argument("--group", default="")
        parser.add_argument("--keywords", default="")
        parser.add_argument("--notice-fa", default="")
        parser.add_argument("--notice-en", default="")
        parser.add_argument("--order", type=int, default=0)
        parser.add_argument("--unlisted", action="store_true", help="hide it from the list")

    def handle(self, *args, **options) -> None:
        try:
            service = open311_service_define(
                actor=Actor.system("open311_service"),
                service_code=options["service_code"],
                name_fa=options["name_fa"],
                name_en=options["name_en"],
                catalogue_service_code=options["catalogue_service"],
                complaint_category=options["complaint_category"],
                description_fa=options["description_fa"],
                description_en=options["description_en"],
                group=options["group"],
                keywords=options["keywords"],
                notice_fa=options["notice_fa"],
                notice_en=options["notice_en"],
                order=options["order"],
                active=not options["unlisted"],
            )
        except DaftarError as error:
            raise CommandError(error.render()) from error
        self.stdout.write(f"{service.service_code}: {service.get_target_display()}")
