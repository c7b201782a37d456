"""The public and partner JSON API, mounted at /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from daftar.api.errors import install_handlers
from daftar.api.openapi import DaftarOpenAPISchema
from daftar.api.parser import GuardedParser


class DaftarAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return DaftarOpenAPISchema(self, path_prefix)


api = DaftarAPI(
    title="Daftar API",
    version="1",
    description=str(_("Tehran's electronic city-services offices: bylaw, decisions and more.")),
    urls_namespace="api",
    docs_url="/docs",
    parser=GuardedParser(),
)
install_handlers(api)
api.add_router("/", "daftar.governance.api.router")
api.add_router("/", "daftar.offices.api.router")
api.add_router("/licensing", "daftar.licensing.api.router")
api.add_router("/", "daftar.catalogue.api.router")
api.add_router("/", "daftar.cases.api.files_router")
api.add_router("/", "daftar.treasury.api.router")
api.add_router("/", "daftar.supervision.api.router")
api.add_router("/", "daftar.transparency.api.router")
api.add_router("/", "daftar.appointments.booking_api.router")  # booking (issue 18)
