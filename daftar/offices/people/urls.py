from django.urls import path

from daftar.offices.people import views

app_name = "people"

urlpatterns = [
    path("fava/people/", views.people_list, name="list"),
    path("fava/people/new/", views.person_create, name="create"),
    path("fava/people/<int:pk>/", views.person, name="person"),
    path("fava/people/<int:pk>/deactivate/", views.person_deactivate, name="deactivate"),
    path("fava/people/<int:pk>/reactivate/", views.person_reactivate, name="reactivate"),
    path("fava/people/<int:pk>/password/", views.person_password, name="password"),
    path("fava/people/<int:pk>/second-factor/", views.person_second_factor, name="second_factor"),
    path("people/certifications/", views.certifications, name="certifications"),
    path("people/certifications/new/", views.certification_new, name="certification_new"),
    path("people/proposals/", views.proposals, name="proposals"),
    path("people/proposals/new/", views.proposal_new, name="proposal_new"),
    path("people/proposals/<int:pk>/", views.proposal, name="proposal"),
    path("people/proposals/<int:pk>/approve/", views.proposal_approve, name="proposal_approve"),
    path("people/proposals/<int:pk>/reject/", views.proposal_reject, name="proposal_reject"),
    path("people/leave/", views.leave, name="leave"),
    path("people/leave/<int:pk>/cancel/", views.leave_cancel, name="leave_cancel"),
]
