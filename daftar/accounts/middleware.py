"""Second factor for privileged roles, when the deployment requires it."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from daftar.accounts.selectors import user_is_privileged


class PrivilegedTwoFactorMiddleware:
    """Send privileged users who have not passed a second factor to enrolment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_TOTP_FOR_PRIVILEGED
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and user_is_privileged(user)
        ):
            allowed = {
                reverse("accounts:totp_setup"),
                reverse("accounts:logout"),
                reverse("set_language"),
            }
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                return redirect("accounts:totp_setup")
        return self.get_response(request)
