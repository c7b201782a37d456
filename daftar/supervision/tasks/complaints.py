"""Background jobs: complaints."""
