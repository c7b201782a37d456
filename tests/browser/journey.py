"""One role's journey through the app in a real browser, one step at a time.

A `Journey` is one browser context (a phone or a desktop) signed in as one person, or signed
out. Each `step()` saves a full-page screenshot as
var/screenshots/journeys/<role>-<n>-<step>.png, checks that the page is no wider than the
screen, and on the journey's main pages (`check=True`) runs every check of docs/pages.md
(nothing covered, touch targets on a phone, axe-core with no serious or critical violation).
Problems are collected, not raised at once, so one run shows every page that is wrong and
keeps the screenshots of all of them; `finish()` fails the test if there were any.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client

from tests.browser.pages import OVERFLOW, SCREENSHOTS, Size, check_page, slug

JOURNEYS = SCREENSHOTS / "journeys"
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def latin(text: str) -> str:
    return text.translate(PERSIAN_DIGITS)


def sms_code(outbox: list[dict[str, str]], *, to: str | None = None) -> str:
    """The one-time code in the newest SMS (to `to`, if named), in Latin digits."""
    messages = [m for m in outbox if to is None or m["to"] == to]
    assert messages, f"no SMS was sent{f' to {to}' if to else ''}: {outbox}"
    match = re.search(r"\d{4,8}", latin(messages[-1]["body"]))
    assert match, messages[-1]["body"]
    return match.group(0)


class Journey:
    def __init__(
        self,
        browser,
        live_server,
        *,
        role: str,
        size: Size,
        user=None,
        language="fa",
        first_step: int = 1,
    ):
        """`first_step` numbers the screenshots of a journey that continues another one (the
        citizen's correction after their application) after the earlier one's."""
        self.role = role
        self.size = size
        self.base = live_server.url
        self.problems: list[str] = []
        self.steps = first_step - 1
        self.context = browser.new_context(
            viewport={"width": size.width, "height": size.height},
            is_mobile=size.phone,
            has_touch=size.phone,
            device_scale_factor=1,
            reduced_motion="reduce",
            bypass_csp=True,  # to inject axe-core; the app's own scripts keep their nonces
            accept_downloads=True,
        )
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": self.base}]
        if user is not None:
            cookies.append(
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_cookie(user),
                    "url": self.base,
                }
            )
        self.context.add_cookies(cookies)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    # --- moving ------------------------------------------------------------------------------

    def goto(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None, f"{self.role}: {path} did not answer"
        assert response.status == 200, f"{self.role}: {path} answered {response.status}"
        return response

    def click(self, locator) -> None:
        """Click something that loads a new page, and wait for it."""
        with self.page.expect_navigation():
            locator.click()

    # --- looking -----------------------------------------------------------------------------

    def main_text(self) -> str:
        return self.page.inner_text("main")

    def step(self, name: str, *, check: bool = False, primary: str | None = None) -> None:
        self.steps += 1
        self.page.wait_for_load_state("load")
        where = f"{self.role} step {self.steps} {name} ({self.size.name}, {self.page.url})"
        if check:
            self.problems += check_page(self.page, size=self.size, where=where, primary=primary)
        else:
            width = self.page.evaluate(OVERFLOW)
            if width["scrollWidth"] > width["innerWidth"]:
                self.problems.append(
                    f"{where}: the page is {width['scrollWidth']} px wide on a "
                    f"{self.size.width} px screen (widest: {', '.join(width['widest'])})"
                )
        JOURNEYS.mkdir(parents=True, exist_ok=True)
        path = JOURNEYS / f"{self.role}-{self.steps}-{slug(name)}.png"
        self.page.screenshot(path=str(path), full_page=True)

    def finish(self) -> None:
        assert not self.problems, "\n".join(self.problems)

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> Journey:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
