from django.urls import path

from daftar.audit import views

app_name = "audit"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("export.jsonl", views.export, name="export"),
    path("verify_audit_export.py", views.verifier, name="verifier"),
    path("checkpoints/", views.checkpoint_index, name="checkpoint_index"),
    path("checkpoints/latest.json", views.checkpoint_latest, name="checkpoint_latest"),
    path("checkpoints/<int:number>.json", views.checkpoint_file, name="checkpoint_file"),
]
