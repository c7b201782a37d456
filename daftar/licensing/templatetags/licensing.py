"""Template filters of the licensing pages: which staff links a user is shown."""

from django import template

from daftar.licensing import permissions

register = template.Library()


@register.filter
def may_manage_calls(user) -> bool:
    """Only those who may publish results and award see the pages that do it."""
    return permissions.can_manage_calls(user)
