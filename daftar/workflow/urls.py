from django.urls import path

from daftar.workflow import views

app_name = "workflow"

_V = "<slug:code>/<int:number>/"

urlpatterns = [
    path("", views.workflow_list, name="list"),
    path("new/", views.workflow_new, name="new"),
    path("<slug:code>/draft/", views.draft_new, name="draft_new"),
    path(_V, views.version, name="version"),
    path(f"{_V}diagram.svg", views.version_svg, name="version_svg"),
    path(f"{_V}publish/", views.publish, name="publish"),
    path(f"{_V}states/new/", views.state_new, name="state_new"),
    path(f"{_V}states/<slug:state>/", views.state_edit, name="state_edit"),
    path(f"{_V}states/<slug:state>/delete/", views.state_delete, name="state_delete"),
    path(f"{_V}actions/new/", views.action_new, name="action_new"),
    path(f"{_V}actions/<slug:state>/<slug:action>/", views.action_edit, name="action_edit"),
    path(
        f"{_V}actions/<slug:state>/<slug:action>/delete/",
        views.action_delete,
        name="action_delete",
    ),
]
