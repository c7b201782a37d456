"""URL wiring. Each domain app owns its urls module; this file only mounts them."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from daftar.api import views as api_views
from daftar.api.router import api
from daftar.core import views as core_views

admin.site.site_header = admin.site.site_title = "Daftar"

urlpatterns = [
    path("", include("daftar.core.urls")),
    path("accounts/", include("daftar.accounts.urls")),
    path("", include("daftar.governance.urls")),
    path("", include("daftar.offices.urls")),
    path("", include("daftar.offices.people.urls")),
    path("", include("daftar.licensing.urls")),
    path("", include("daftar.catalogue.urls")),
    path("", include("daftar.cases.urls")),
    path("", include("daftar.appointments.urls")),
    path("", include("daftar.treasury.urls")),
    path("", include("daftar.supervision.urls")),
    path("", include("daftar.transparency.urls")),
    path("audit/", include("daftar.audit.urls")),
    path("workflows/", include("daftar.workflow.urls")),
    path("api/v1/", api.urls),
    path("fava/partners/", api_views.partners, name="partners"),
    path("fava/partners/<int:pk>/revoke/", api_views.partner_revoke_view, name="partner_revoke"),
    path("committee/partners/", api_views.partner_authorisations, name="partner_authorisations"),
    path("i18n/set-language/", login_not_required(set_language), name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    # The admin signs in through the staff sign-in page (password + authenticator code).
    path("admin/login/", core_views.admin_login_redirect),
    path("admin/", admin.site.urls),
    path("open311/v2/", include("daftar.open311.urls")),
    path("manage/open311/", include("daftar.open311.manage_urls")),
]

handler400 = "daftar.core.input_guard.bad_request"
handler403 = "daftar.core.views.error_403"
handler404 = "daftar.core.views.error_404"
handler500 = "daftar.core.views.error_500"
