"""Login is the default for pages; the API authenticates its own way (keys, signatures)."""

from django.contrib.auth.middleware import LoginRequiredMiddleware

API_PREFIX = "/api/"


class PagesLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
