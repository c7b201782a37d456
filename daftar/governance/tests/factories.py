import datetime

import factory

from daftar.core.digits import to_persian_digits
from daftar.governance.choices import VersionStatus
from daftar.governance.models import Article, ArticleNote, Bylaw, BylawVersion, Chapter, Commission


class BylawFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bylaw
        django_get_or_create = ("slug",)

    slug = "offices-bylaw"
    title_fa = "آیین‌نامه ساماندهی دفاتر خدمات الکترونیک شهر تهران"
    short_title_fa = "آیین‌نامه ساماندهی دفاتر"
    title_en = "Bylaw on organising Tehran's electronic city-services offices"
    short_title_en = "Offices bylaw"


class CommissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commission
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"commission-{n}")
    name_fa = factory.Sequence(lambda n: f"کمیسیون {n}")
    name_en = factory.Sequence(lambda n: f"Commission {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    """Text is added while the version is a draft; pass status= only through the services."""

    class Meta:
        model = BylawVersion

    bylaw = factory.SubFactory(BylawFactory)
    number = factory.Sequence(lambda n: n + 1)
    label_fa = factory.Sequence(lambda n: f"پیش‌نویس {n}")
    status = VersionStatus.DRAFT


def add_article(version, number, text_fa, *, notes=(), chapter=1, title_fa=""):
    chapter_obj, _ = Chapter.objects.get_or_create(
        version=version,
        number=chapter,
        defaults={"title_fa": f"فصل {to_persian_digits(str(chapter))}"},
    )
    article = Article.objects.create(
        version=version, chapter=chapter_obj, number=number, text_fa=text_fa, title_fa=title_fa
    )
    for i, note in enumerate(notes, start=1):
        ArticleNote.objects.create(article=article, number=i, text_fa=note)
    return article


ADOPTED_ON = datetime.date(2025, 11, 3)  # 1404/08/12
