"""Keep one group per role after every migrate (and after test flushes, which empty tables)."""

from django.contrib.auth.models import Group

from daftar.accounts.choices import Role


def ensure_role_groups(sender, **kwargs) -> None:
    using = kwargs.get("using", "default")
    existing = set(Group.objects.using(using).values_list("name", flat=True))
    Group.objects.using(using).bulk_create(
        [Group(name=str(role)) for role in Role if str(role) not in existing]
    )
