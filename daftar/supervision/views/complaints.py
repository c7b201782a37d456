"""Supervision pages: complaints."""

urlpatterns: list = []
