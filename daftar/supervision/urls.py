"""Supervision's pages under /supervision/ (the citizen's complaints under /complaints/)."""

from daftar.supervision.views import complaints, grading, inspections, overview, sanctions

app_name = "supervision"

urlpatterns = [
    *overview.urlpatterns,
    *inspections.urlpatterns,
    *grading.urlpatterns,
    *complaints.urlpatterns,
    *sanctions.urlpatterns,
]
