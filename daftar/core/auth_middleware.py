"""Login is the default for pages; the API authenticates its own way (keys, signatures).

A signed-out visit is sent to the sign-in of the area it belongs to: the citizens' pages
(`CITIZEN_AREA_PATHS`: their files, applying, their licence applications, the dashboard) to
the citizen sign-in (national code, mobile, SMS code), every other page to the staff sign-in
(`LOGIN_URL`). Each sign-in page links to the other, keeping where the visit was going.
"""

import re
from functools import cache

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url

API_PREFIX = "/api/"


@cache
def _citizen_area(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns) or r"(?!)")


class PagesLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if _citizen_area(tuple(settings.CITIZEN_AREA_PATHS)).match(request.path_info):
            return redirect_to_login(
                request.get_full_path(),
                resolve_url(settings.CITIZEN_LOGIN_URL),
                self.get_redirect_field_name(view_func),
            )
        return super().handle_no_permission(request, view_func)
