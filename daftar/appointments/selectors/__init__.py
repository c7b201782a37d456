"""Reads of appointments (booking: `selectors.booking`; the queue adds its own module)."""
