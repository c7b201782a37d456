from django.urls import path

from daftar.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("services/", views.services, name="services"),
    path("services/<slug:code>/", views.service, name="service"),
    path("services/<slug:code>/quote/", views.quote, name="quote"),
    # the catalogue team (issue 17): service drafts and versions, tariff drafts
    path("manage/", views.manage, name="manage"),
    path("manage/drafts/new/", views.draft_start, name="draft_start"),
    path("manage/drafts/<int:pk>/", views.draft_edit, name="draft_edit"),
    path("manage/drafts/<int:pk>/field/", views.draft_field, name="draft_field"),
    path(
        "manage/drafts/<int:pk>/field/remove/", views.draft_field_remove, name="draft_field_remove"
    ),
    path("manage/drafts/<int:pk>/document/", views.draft_document, name="draft_document"),
    path(
        "manage/drafts/<int:pk>/document/remove/",
        views.draft_document_remove,
        name="draft_document_remove",
    ),
    path("manage/drafts/<int:pk>/offer/", views.draft_offer, name="draft_offer"),
    path("manage/drafts/<int:pk>/preview/", views.draft_preview, name="draft_preview"),
    path("manage/drafts/<int:pk>/publish/", views.draft_publish, name="draft_publish"),
    path("manage/drafts/<int:pk>/discard/", views.draft_discard, name="draft_discard"),
    path("manage/services/<slug:code>/tariffs/new/", views.tariff_draft_new, name="tariff_new"),
    path("manage/tariffs/<int:pk>/", views.tariff_draft, name="tariff_draft"),
    path("manage/tariffs/<int:pk>/send/", views.tariff_draft_send, name="tariff_send"),
    path("manage/tariffs/<int:pk>/apply/", views.tariff_draft_apply, name="tariff_apply"),
    path("manage/tariffs/<int:pk>/withdraw/", views.tariff_draft_withdraw, name="tariff_withdraw"),
]
