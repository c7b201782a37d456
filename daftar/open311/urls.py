"""GeoReport v2, mounted at /open311/v2/ (config/urls.py); every path ends in .json or .xml.

Path values are taken as they come and checked by the views, so an id that cannot exist is
answered 404 in the specification's error format, not with the site's 404 page."""

from django.urls import re_path

from daftar.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(
        r"^services/(?P<service_code>[^/]+?)" + FMT,
        views.service_definition,
        name="service",
    ),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+?)" + FMT,
        views.request_detail,
        name="request",
    ),
    re_path(r"^tokens/(?P<token>[^/]+?)" + FMT, views.token, name="token"),
]
