from django.urls import path

from daftar.licensing import views

app_name = "licensing"

urlpatterns = [
    # public
    path("calls/", views.call_list, name="calls"),
    path("calls/<str:code>/", views.call_detail, name="call"),
    path(
        "calls/<str:code>/results/<int:number>.json",
        views.publication_json,
        name="publication_json",
    ),
    path(
        "calls/<str:code>/results/<int:number>.csv", views.publication_csv, name="publication_csv"
    ),
    # applicants
    path("calls/<str:code>/apply/", views.apply, name="apply"),
    path("calls/<str:code>/my-application/", views.my_application, name="my_application"),
    path(
        "calls/<str:code>/my-application/documents/",
        views.my_document_upload,
        name="my_document_upload",
    ),
    path("calls/<str:code>/my-application/objection/", views.my_objection, name="my_objection"),
    path("licensing/documents/<int:pk>/", views.document_download, name="document"),
    # licensing staff and the committee
    path("licensing/", views.staff_home, name="staff"),
    path("licensing/calls/new/", views.call_create, name="call_create"),
    path("licensing/calls/<str:code>/", views.call_manage, name="manage"),
    path("licensing/calls/<str:code>/edit/", views.call_edit, name="call_edit"),
    path("licensing/calls/<str:code>/quotas/", views.quotas, name="quotas"),
    path("licensing/calls/<str:code>/open/", views.call_open, name="call_open"),
    path("licensing/calls/<str:code>/step/<slug:step>/", views.call_step, name="call_step"),
    path("licensing/calls/<str:code>/applications/", views.application_list, name="applications"),
    path("licensing/applications/<int:pk>/", views.application_detail, name="application"),
    path("licensing/documents/<int:pk>/review/", views.document_review, name="document_review"),
    path("licensing/calls/<str:code>/scores/", views.scores, name="scores"),
    path("licensing/calls/<str:code>/publish/", views.publish, name="publish"),
    path("licensing/calls/<str:code>/objections/", views.objections, name="objections"),
    path("licensing/objections/<int:pk>/rule/", views.objection_rule, name="objection_rule"),
    path("licensing/calls/<str:code>/awards/", views.awards, name="awards"),
    path(
        "licensing/agreements/<int:pk>/licence/", views.agreement_licence, name="agreement_licence"
    ),
]
