"""The role home pages' registry: each app contributes the tiles of the roles it serves.

A role's home ("what needs me today", then its main actions) needs several apps at once — a
reviewer's queue is in cases, their calls in licensing; a treasury officer's open bank days
in treasury. No app below all of them may import them (docs/architecture.md, "Layers"), so
the home is assembled the other way round: an app that has something to show a role writes
a `homes.py` module with functions decorated `@contributes(role, …)`, each reading through
its own app's selectors, and the dashboard (in accounts) asks this registry for the parts of
the signed-in user's roles. `discover()` imports every installed app's `homes` module once
(like the admin's autodiscovery), so core imports no app.

A contributor answers with a `HomePart`: tiles (a count with a link, or a link alone) and
actions (links). It says nothing about what does not exist: a contributor that has nothing
for this user returns None.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

# A home counts at most this many of anything in a list that can grow with the city (a
# department's queue at a million files holds 120,000): past it the tile says "more than 999",
# as a long list's pager says "of more than N pages" (ADR 0037). Counting the whole queue was
# most of a reviewer's home page (docs/benchmarks.md, "Role homes").
COUNT_CAP = 999


@dataclass(frozen=True)
class Tile:
    """One thing that may need the user today: a count (or None for a plain link)."""

    key: str  # stable, for tests and `data-testid`
    label: str
    url: str
    count: int | None = None
    hint: str = ""
    # True when a count above zero is work waiting for this user (shown highlighted).
    urgent: bool = False
    # The count stopped at this many (COUNT_CAP): a count above it is shown "more than …".
    at_most: int | None = None

    @property
    def needs_attention(self) -> bool:
        return self.urgent and bool(self.count)

    @property
    def more_than(self) -> bool:
        """The count went past `at_most`: the home shows "more than `at_most`"."""
        return self.at_most is not None and self.count is not None and self.count > self.at_most

    @property
    def shown_count(self) -> int | None:
        return self.at_most if self.more_than else self.count


@dataclass(frozen=True)
class Action:
    """One of the role's main actions: a link to the page where it is done."""

    key: str
    label: str
    url: str


@dataclass
class HomePart:
    tiles: list[Tile] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class RoleHome:
    role: str
    tiles: list[Tile]
    actions: list[Action]

    def links(self) -> list[str]:
        return [tile.url for tile in self.tiles] + [action.url for action in self.actions]


Contributor = Callable[..., HomePart | None]

# role -> [(order, contributor)], in registration order within one `order`
_CONTRIBUTORS: dict[str, list[tuple[int, Contributor]]] = defaultdict(list)
_discovered = False


def contributes(*roles: str, order: int = 50) -> Callable[[Contributor], Contributor]:
    """Register the decorated `fn(user) -> HomePart | None` for the home of each of `roles`
    (lower `order` first)."""

    def register(fn: Contributor) -> Contributor:
        for role in roles:
            entries = _CONTRIBUTORS[str(role)]
            if fn not in [registered for _order, registered in entries]:
                entries.append((order, fn))
        return fn

    return register


def discover() -> None:
    """Import `<app>.homes` of every installed app that has one (once per process)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("homes")
        _discovered = True


def role_home(role: str, user) -> RoleHome:
    """The tiles and actions of `role`'s home for `user`, contributors in order."""
    discover()
    tiles: list[Tile] = []
    actions: list[Action] = []
    for _order, contributor in sorted(_CONTRIBUTORS.get(str(role), []), key=lambda e: e[0]):
        part = contributor(user)
        if part is not None:
            tiles += part.tiles
            actions += part.actions
    return RoleHome(str(role), tiles, actions)
