"""Run the demo against the local fake providers (development only; never the internet).

    .venv/bin/python scripts/fake_providers.py            # starts both fakes, prints the settings
    # in another shell, with the printed variables exported:
    .venv/bin/python manage.py runserver

The fake Kavenegar prints every SMS (the sign-in codes) here; the fake Mellat's payment page pays
at once and posts the citizen back to Daftar (docs/administration/providers.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daftar.notifications.tests.fakes import FakeKavenegar
from daftar.treasury.tests.fakes import FakeMellat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sms-port", type=int, default=8101)
    parser.add_argument("--bank-port", type=int, default=8102)
    args = parser.parse_args()
    sms = FakeKavenegar(port=args.sms_port).start()
    sms.echo = True
    bank = FakeMellat(port=args.bank_port).start()
    print("Fake providers running. Export these, then run the demo (config.settings.dev):\n")
    for name, value in {
        "SMS_PROVIDER": "kavenegar",
        "KAVENEGAR_API_KEY": sms.api_key,
        "KAVENEGAR_BASE_URL": f"{sms.url}/v1",
        "PAYMENT_PROVIDER": "mellat",
        "MELLAT_TERMINAL_ID": bank.terminal_id,
        "MELLAT_USERNAME": bank.username,
        "MELLAT_PASSWORD": bank.password,
        "MELLAT_SERVICE_URL": bank.service_url,
        "MELLAT_STARTPAY_URL": bank.startpay_url,
    }.items():
        print(f"export {name}={value}")
    print("\nCtrl-C stops them.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sms.stop()
        bank.stop()


if __name__ == "__main__":
    main()
