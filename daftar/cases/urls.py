from django.urls import path

from daftar.cases import views

app_name = "cases"

urlpatterns = [
    path("services/<slug:code>/apply/", views.apply, name="apply"),
    path("files/", views.inbox, name="inbox"),
    path("files/<str:tracking_code>/", views.file_detail, name="file"),
    path("files/<str:tracking_code>/action/", views.file_action, name="action"),
    path("files/<str:tracking_code>/assign/", views.file_assign, name="assign"),
    path("files/<str:tracking_code>/correct/", views.file_correct, name="correct"),
    path("files/<str:tracking_code>/rate/", views.file_rate, name="rate"),
    path("files/<str:tracking_code>/receipt/", views.receipt, name="receipt"),
    path(
        "files/<str:tracking_code>/documents/<int:pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("track/", views.track, name="track"),
    path("callbacks/<int:pk>/done/", views.callback_done, name="callback_done"),
    path("counter/", views.counter, name="counter"),
    path("counter/consent/", views.counter_consent, name="counter_consent"),
    path("counter/reclaim/", views.counter_reclaim, name="counter_reclaim"),
    path("counter/reclaim/code/", views.counter_reclaim_code, name="counter_reclaim_code"),
    path("counter/services/<slug:code>/", views.counter_file, name="counter_file"),
]
