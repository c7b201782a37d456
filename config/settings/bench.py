"""The benchmark harness (bench/): production settings, but with the simulated payment gateway.

The harness measures the production stack (DEBUG off, secure cookies, argon2, Redis, the
connection pool) on a machine with no bank behind it, so it pays bills on the simulated
gateway, which production refuses. This module exists so that production itself has no
switch for it: nothing but DJANGO_SETTINGS_MODULE=config.settings.bench turns it on, and it
says so on every start. Never serve citizens with it.
"""

import sys

from config.settings.prod import *  # noqa: F403

SIMULATED_GATEWAY_ALLOWED = True
# The harness loads the demo dataset into its own throw-away database.
DEMO_ALLOWED = True

print(  # loud on purpose, on every process start
    "*** config.settings.bench: PRODUCTION SETTINGS WITH THE SIMULATED PAYMENT GATEWAY "
    "(bills can be marked paid without money) and demo data allowed. "
    "For benchmarks only: never serve citizens with these settings. ***",
    file=sys.stderr,
    flush=True,
)
