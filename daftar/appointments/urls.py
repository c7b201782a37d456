from django.urls import path

from daftar.appointments.views import booking

app_name = "appointments"

urlpatterns: list = [
    # booking (issue 18 part 2)
    path("appointments/", booking.mine, name="mine"),
    path("appointments/book/", booking.book, name="book"),
    path("appointments/no-show-rule/", booking.no_show_rule, name="no_show_rule"),
    path("appointments/qr/<str:token>/", booking.qr, name="qr"),
    path("appointments/<str:code>/", booking.detail, name="detail"),
    path("appointments/<str:code>/cancel/", booking.cancel, name="cancel"),
    path("appointments/<str:code>/move/", booking.move, name="move"),
]
