from django.contrib.auth.views import LogoutView
from django.urls import path

from daftar.accounts import views

app_name = "accounts"

urlpatterns = [
    path("staff/sign-in/", views.StaffLoginView.as_view(), name="staff_login"),
    path("sign-in/", views.citizen_login_start, name="citizen_login"),
    path("sign-in/code/", views.citizen_login_verify, name="citizen_login_verify"),
    path("sign-out/", LogoutView.as_view(), name="logout"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("security/authenticator/", views.totp_setup, name="totp_setup"),
    path("staff/authenticators/", views.staff_authenticators, name="staff_authenticators"),
    path(
        "staff/authenticators/<int:pk>/enrolment-code/",
        views.staff_enrolment_code_issue,
        name="staff_enrolment_code_issue",
    ),
    path(
        "staff/authenticators/<int:pk>/reset/",
        views.staff_authenticator_reset,
        name="staff_authenticator_reset",
    ),
]
