from django.urls import path

from daftar.governance import views

app_name = "governance"

urlpatterns = [
    path("bylaw/", views.bylaw_in_force, name="bylaw"),
    path("bylaw/versions/", views.version_list, name="versions"),
    path("bylaw/v/<int:number>/", views.version_detail, name="version"),
    path("bylaw/v/<int:number>/articles/<int:article>/", views.article_detail, name="article"),
    path("bylaw/compare/", views.compare, name="compare"),
    path("bylaw/compare.json", views.compare_json, name="compare_json"),
    path("bylaw/merge/", views.merge, name="merge"),
    path("bylaw/drafts/new/", views.draft_create, name="draft_create"),
    path("bylaw/v/<int:number>/edit/", views.draft_edit, name="draft_edit"),
    path("bylaw/v/<int:number>/edit/articles/new/", views.article_edit, name="article_new"),
    path(
        "bylaw/v/<int:number>/edit/articles/<int:article>/", views.article_edit, name="article_edit"
    ),
    path("bylaw/v/<int:number>/submit/", views.draft_submit, name="draft_submit"),
    path("bylaw/v/<int:number>/adopt/", views.version_adopt, name="version_adopt"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/<int:year>/<int:seq>/", views.decision_detail, name="decision"),
    path("decisions/pending/<int:pk>/", views.decision_draft_detail, name="decision_draft"),
    path("committee/", views.committee_home, name="committee"),
    path("committee/decisions/new/", views.decision_edit, name="decision_new"),
    path("committee/decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("committee/decisions/<int:pk>/vote/", views.decision_vote, name="decision_vote"),
    path("committee/decisions/<int:pk>/close/", views.decision_close, name="decision_close"),
    path("committee/meetings/new/", views.meeting_create, name="meeting_create"),
]
