from django.urls import path

from daftar.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("services/", views.services, name="services"),
    path("services/<slug:code>/", views.service, name="service"),
    path("services/<slug:code>/quote/", views.quote, name="quote"),
]
