"""Appointments' pages (booking: `views.booking`; the queue adds its own modules)."""
