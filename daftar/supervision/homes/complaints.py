"""Home parts: complaints."""
