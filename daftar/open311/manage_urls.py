"""The catalogue team's Open311 page, mounted at /manage/open311/ beside the catalogue's
administration (config/urls.py)."""

from django.urls import path

from daftar.open311 import manage_views

app_name = "open311_manage"

urlpatterns = [
    path("", manage_views.mappings, name="mappings"),
    path("new/", manage_views.mapping_new, name="new"),
    path("<slug:code>/", manage_views.mapping_edit, name="edit"),
    path("<slug:code>/listing/", manage_views.mapping_listing, name="listing"),
]
