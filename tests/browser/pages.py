"""Checks a page must pass in a real browser, on a phone and on a desktop (docs/pages.md).

Each check returns a list of problems (plain sentences) rather than failing at once, so one
run reports every page that is wrong, and the screenshots of all of them are saved for a
person to look at (var/screenshots/, kept by CI as artifacts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int
    phone: bool


PHONE = Size("phone", 390, 844, phone=True)
DESKTOP = Size("desktop", 1366, 900, phone=False)
SIZES = (PHONE, DESKTOP)

# Everything a finger or a mouse acts on; inline links inside running text are exempt (as in
# WCAG 2.5.5), and so are controls a person never sees (hidden, or in a closed <details>).
TARGETS = (
    "main .btn, main .page-link, main .form-control, main .form-select, main .form-check,"
    " main .rating-choice label, header .btn, header .nav-link, header .navbar-toggler,"
    " main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main select,"
    " main textarea, main .section-nav a"
)

OVERFLOW = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  widest: [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
              || e.getBoundingClientRect().left < -1)
    .filter(e => getComputedStyle(e).position !== 'absolute' || e.offsetParent !== null)
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
      ? '.' + e.className.trim().split(/\\s+/).join('.') : '')),
})"""

# For every visible button, submit and .btn in <main> (the first 25; not those in a closed
# <details>, such as the final button of a confirm step), and for the element named
# `primary`: scrolled into view, is the element at its centre the element itself or inside it?
COVERED = """([selector, primary]) => {
  const seen = new Set();
  const candidates = [...document.querySelectorAll(selector)];
  if (primary) candidates.unshift(...document.querySelectorAll(primary));
  const problems = [];
  let checked = 0;
  for (const el of candidates) {
    if (seen.has(el) || checked >= 25) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    const hidden = getComputedStyle(el).visibility === 'hidden'
      || el.closest('details:not([open])') !== null;
    if (box.width === 0 || box.height === 0 || hidden) continue;
    checked += 1;
    el.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const label = (el.innerText || el.value || el.getAttribute('aria-label') || el.tagName)
      .trim().slice(0, 40);
    if (x < 0 || x > window.innerWidth || y < 0 || y > window.innerHeight) {
      problems.push(`"${label}" cannot be scrolled on screen`);
    } else if (!hit || (hit !== el && !el.contains(hit)
               && !(el.labels && [...el.labels].some(l => l.contains(hit))))) {
      const cls = hit && typeof hit.className === 'string' && hit.className
        ? '.' + hit.className.trim().split(/\\s+/).join('.') : '';
      const by = hit ? hit.tagName.toLowerCase() + cls : 'nothing';
      problems.push(`"${label}" is covered by ${by}`);
    }
  }
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  return {problems, checked};
}"""

SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
      && !e.closest('details:not([open])'); })
  .map(e => ({e, r: e.getBoundingClientRect()}))
  .filter(({e, r}) => r.height < 43.5
    || (e.matches('.btn, .page-link, .navbar-toggler') && r.width < 43.5))
  .slice(0, 5)
  .map(({e, r}) => `${(e.innerText || e.value || e.name || e.tagName).trim().slice(0, 30)} `
    + `(${e.className.split(' ')[0]}) ${Math.round(r.width)}×${Math.round(r.height)}`)"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} — `
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "home"


def check_page(page, *, size: Size, where: str, primary: str | None = None) -> list[str]:
    """Every check of docs/pages.md on the page the browser shows now."""
    problems: list[str] = []
    width = page.evaluate(OVERFLOW)
    if width["scrollWidth"] > width["innerWidth"] or width["innerWidth"] > size.width:
        problems.append(
            f"{where}: the page is {width['scrollWidth']} px wide on a {size.width} px screen "
            f"(widest: {', '.join(width['widest'])})"
        )
    covered = page.evaluate(
        COVERED, ["main button, main [type=submit], main .btn", primary or "main .btn-primary"]
    )
    problems += [f"{where}: {p}" for p in covered["problems"]]
    if primary and not page.locator(primary).first.is_visible():
        problems.append(f"{where}: the primary action {primary} is not visible")
    if size.phone:
        problems += [
            f"{where}: touch target under 44 px: {t}" for t in page.evaluate(SMALL_TARGETS, TARGETS)
        ]
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    problems += [f"{where}: axe {v}" for v in page.evaluate(AXE_RUN)]
    return problems


def check_menu(page, *, size: Size, where: str) -> list[str]:
    """On a phone the menu is one button that opens the links and the sign-out; on a desktop
    the links show at once and there is no menu button."""
    toggle = page.get_by_test_id("menu-toggle")
    sign_out = page.get_by_test_id("sign-out")
    if not size.phone:
        if toggle.is_visible():
            return [f"{where}: the menu button shows on a desktop"]
        if sign_out.count() and not sign_out.is_visible():
            return [f"{where}: sign-out is not visible on a desktop"]
        return []
    problems = []
    if not toggle.is_visible():
        return [f"{where}: no menu button on a phone"]
    if toggle.get_attribute("aria-expanded") != "false":
        problems.append(f"{where}: the menu starts open")
    if sign_out.count() and sign_out.is_visible():
        problems.append(f"{where}: sign-out shows before the menu is opened")
    toggle.click()
    page.locator("#main-menu.show").wait_for(state="visible")
    page.wait_for_function("!document.querySelector('#main-menu.collapsing')")
    if toggle.get_attribute("aria-expanded") != "true":
        problems.append(f"{where}: the open menu's button does not say it is expanded")
    if sign_out.count():
        sign_out.scroll_into_view_if_needed()
        if not sign_out.is_visible():
            problems.append(f"{where}: sign-out cannot be reached in the open menu")
        else:
            hit = page.evaluate(
                """(el) => { const r = el.getBoundingClientRect();
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                  return r.right <= window.innerWidth && r.left >= 0
                    && (hit === el || el.contains(hit)); }""",
                sign_out.element_handle(),
            )
            if not hit:
                problems.append(f"{where}: sign-out is off-screen or covered in the open menu")
    problems += [
        f"{where} (menu open): touch target under 44 px: {t}"
        for t in page.evaluate(SMALL_TARGETS, "#main-menu .nav-link, #main-menu .btn")
    ]
    return problems


def screenshot(page, *, role: str, name: str, size: Size) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{role}-{slug(name)}-{size.name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
