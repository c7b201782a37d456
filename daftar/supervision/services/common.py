"""What every supervision service shares."""

from __future__ import annotations

STREAM = "supervision"  # the audit stream of supervision's own acts
