from django.urls import path  # noqa: F401  (the booking and queue pages append here)

app_name = "appointments"

urlpatterns: list = []
