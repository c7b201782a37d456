"""Supervision's writes, one module per area (import from the module:
`from daftar.supervision.services.complaints import complaint_file`)."""
