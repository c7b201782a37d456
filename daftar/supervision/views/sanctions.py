"""Supervision pages: sanctions."""

urlpatterns: list = []
