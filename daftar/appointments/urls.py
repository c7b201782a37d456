from django.urls import path

from daftar.appointments.views import booking, queue

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
    # the office's queue (docs/appointments.md)
    path("my-office/queue/", queue.queue, name="queue"),
    path("my-office/queue/check-in/", queue.check_in, name="queue_check_in"),
    path("my-office/queue/walk-in/", queue.walk_in, name="queue_walk_in"),
    path("my-office/queue/call/", queue.call_next, name="queue_call"),
    path("my-office/queue/tickets/<int:pk>/recall/", queue.recall, name="queue_recall"),
    path("my-office/queue/tickets/<int:pk>/served/", queue.served, name="queue_served"),
    path("my-office/queue/tickets/<int:pk>/no-show/", queue.no_show, name="queue_no_show"),
    path("offices/<str:code>/queue/display/", queue.display, name="queue_display"),
    path(
        "offices/<str:code>/queue/display/board/",
        queue.display_fragment,
        name="queue_display_board",
    ),
]
