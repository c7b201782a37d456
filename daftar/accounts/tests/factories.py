import random

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from daftar.accounts.choices import OwnershipProof, Role
from daftar.accounts.models import User
from daftar.core import generators

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sara"
    last_name = "Ahmadi"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set(Group.objects.filter(name__in=[str(role) for role in extracted]))
        if create:
            self.save()


class CitizenFactory(UserFactory):
    """A citizen whose mobile is verified as theirs; `provisional=True` for one whose mobile
    the ownership inquiry could not confirm."""

    national_code = factory.Sequence(lambda n: generators.national_code(random.Random(n)))
    mobile = factory.Sequence(lambda n: generators.mobile(random.Random(10_000 + n)))
    username = factory.LazyAttribute(lambda user: f"citizen-{user.national_code}")
    mobile_verified_at = factory.LazyFunction(timezone.now)
    mobile_owner_verified_at = factory.LazyFunction(timezone.now)
    mobile_owner_verified_by = OwnershipProof.INQUIRY

    class Params:
        provisional = factory.Trait(mobile_owner_verified_at=None, mobile_owner_verified_by="")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        names = [str(role) for role in (extracted or [Role.CITIZEN])]
        self.groups.set(Group.objects.filter(name__in=names))
        if create:
            self.save()
