"""Keys that are published in this repository, for development and tests only.

Anyone can read them, so anything signed with them can be forged: production
(`config.settings.prod`) refuses every one of them, and any value that carries one of the
markers below, at start-up.
"""

from __future__ import annotations

DEVELOPMENT = {
    "SECRET_KEY": "dev-only-insecure-secret-key-daftar-0000000000",
    "AUDIT_HMAC_KEY": "dev-only-audit-hmac-key-daftar-000000000000",
    "TERMINAL_KEY": "dev-only-terminal-key-daftar-00000000000000000",
    "GATEWAY_SECRET": "dev-only-simulated-gateway-secret-000000000000",
    # An Ed25519 private key (hex) for the audit checkpoints; tests sign with it too.
    "AUDIT_CHECKPOINT_SIGNING_KEY": (
        "461ce3e31e18c69a2d3fca1c0767263c9a68d1106d3d10e13280b20d95811b7b"
    ),
}
TEST = {
    "SECRET_KEY": "test-secret-key-not-for-production-000000000000",
    "AUDIT_HMAC_KEY": "test-audit-hmac-key-not-for-production-0000000",
    "TERMINAL_KEY": "test-terminal-key-not-for-production-000000000",
    "GATEWAY_SECRET": "test-simulated-gateway-secret-0000000000000000",
}
# A copy of a published key with a few characters changed is no secret either.
MARKERS = ("dev-only", "not-for-production", "insecure")

PUBLISHED = frozenset(DEVELOPMENT.values()) | frozenset(TEST.values())


def is_published(value: str) -> bool:
    lowered = value.lower()
    return value in PUBLISHED or any(marker in lowered for marker in MARKERS)
