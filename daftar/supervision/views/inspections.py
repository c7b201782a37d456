"""Supervision pages: inspections."""

urlpatterns: list = []
