"""The audit stream of transparency's own acts (publishing, reports, documents)."""

STREAM = "transparency"
