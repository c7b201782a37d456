from django.urls import path

from daftar.treasury import views

app_name = "treasury"

urlpatterns = [
    path("gateway-sim/<str:token>/", views.gateway_sim, name="gateway_sim"),
    path("treasury/gateway/callback/", views.gateway_callback, name="gateway_callback"),
    path("receipts/verify/<str:code>/", views.receipt_verify, name="receipt_verify"),
]
