"""Transparency's pages: the public portal (/transparency/), open data (/open-data/), council
reports (/council/reports/) and issued documents (/documents/, verification at /verify/)."""

from daftar.transparency.views import aggregates, documents, opendata, reports

app_name = "transparency"

urlpatterns = [
    *aggregates.urlpatterns,
    *opendata.urlpatterns,
    *reports.urlpatterns,
    *documents.urlpatterns,
]
