"""Supervision pages: grading."""

urlpatterns: list = []
