from django.urls import path

from daftar.offices import calendar_views, views

app_name = "offices"

urlpatterns = [
    path("offices/", views.finder, name="finder"),
    path("offices/<str:code>/", views.detail, name="detail"),
    path("offices/<str:code>/manage/", views.manage, name="manage"),
    path("licences/verify/<str:code>/", views.licence_verify, name="licence_verify"),
    path("licences/<str:number>/document/", views.licence_document, name="licence_document"),
    path("my-office/", views.my_office, name="my_office"),
    path("fava/terminals/", views.terminals_board, name="terminals"),
    path("fava/terminals/<int:pk>/rotate/", views.terminal_rotate, name="terminal_rotate"),
    # the working calendar (issue 17 item 4)
    path("calendar/holidays/", calendar_views.holidays, name="holidays"),
    path(
        "calendar/holidays/<str:day>/remove/",
        calendar_views.holiday_remove,
        name="holiday_remove",
    ),
    path("offices/<str:code>/hours/", calendar_views.office_hours, name="hours"),
    path(
        "offices/<str:code>/closures/<str:day>/remove/",
        calendar_views.closure_remove,
        name="closure_remove",
    ),
]
