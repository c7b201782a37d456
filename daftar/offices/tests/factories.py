import datetime

import factory

from daftar.core.digits import to_persian_digits
from daftar.offices.choices import OfficeStatus, StaffRole
from daftar.offices.models import District, Office, OfficeStaff, SubDistrict


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 22 + 1)
    name_fa = factory.LazyAttribute(lambda d: f"منطقه {to_persian_digits(str(d.number))}")
    name_en = factory.LazyAttribute(lambda d: f"District {d.number}")


class SubDistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubDistrict
        django_get_or_create = ("district", "number")

    district = factory.SubFactory(DistrictFactory)
    number = factory.Sequence(lambda n: n % 9 + 1)
    name_fa = factory.LazyAttribute(lambda s: f"ناحیه {s.number}")
    name_en = factory.LazyAttribute(lambda s: f"Sub-district {s.number}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    code = factory.Sequence(lambda n: f"T{n + 1:04d}")
    name = factory.Sequence(lambda n: f"دفتر خدمات الکترونیک شهر {to_persian_digits(str(n + 1))}")
    district = factory.SubFactory(DistrictFactory)
    status = OfficeStatus.ACTIVE


class OfficeStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeStaff

    office = factory.SubFactory(OfficeFactory)
    user = factory.SubFactory("daftar.accounts.tests.factories.UserFactory")
    role = StaffRole.OPERATOR
    hired_on = datetime.date(2024, 3, 20)
