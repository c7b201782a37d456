"""Supervision pages: overview."""

urlpatterns: list = []
