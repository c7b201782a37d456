from django.urls import path

from daftar.offices import views

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
]
