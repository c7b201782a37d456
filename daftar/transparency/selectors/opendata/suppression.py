"""Small-cell suppression of the open datasets: no published cell may single out a citizen.

The rule (docs/transparency.md, "Open data"):

1. **Primary.** A count of files, ratings, payments or complaints between 1 and 4 is left
   blank. So is every cell derived from such a count (`bases`): the rials of 3 payments, the
   within-deadline count of 2 completed files, the sum of scores of a row whose star counts
   are partly blank. A zero is published: it says that nobody did something, which singles
   out nobody.
2. **Complementary.** A blank cell must not be recoverable by subtracting the published
   cells from a total published elsewhere (the portal's figures, another dataset, or a row's
   own total). Every set of cells that adds up to such a total is a *group*: each margin the
   dataset declares (e.g. per day × domain × district, summed over services and channels),
   and each row's parts of a whole (within + after the deadline = completed; the five star
   counts = ratings). In a group with a blank cell, at least two cells are blank and the
   blank cells add up to 5 or more; where that is not so, the smallest other non-zero cell is
   blanked too (a zero only when no non-zero cell is left to blank), and the groups are
   checked again until none changes.

What a reader can still learn by subtraction is therefore the sum of two or more blank cells,
never one cell, and never a sum below 5. A group whose every cell is blank is left so (its
total, below 5 or not, is all that is known of it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

THRESHOLD = 5


def _small(value) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress(
    rows: Sequence[dict],
    *,
    counts: Iterable[str],
    bases: dict[str, tuple[str, ...]],
    margins: Iterable[tuple[str, ...]],
    parts: Iterable[tuple[str, ...]] = (),
) -> list[set[str]]:
    """The columns to blank in each row (one set per row, in `rows` order).

    `counts`: the count columns (primary rule on their own value, and complementary groups
    over each margin); `bases`: column → the count columns it is derived from (blank when
    any of them is small or blank); `margins`: tuples of key columns whose groups of rows
    add up to a published total; `parts`: tuples of count columns of one row that add up to
    a whole published beside them.
    """
    counts = tuple(counts)
    dependents: dict[str, list[str]] = defaultdict(list)
    for column, sources in bases.items():
        for source in sources:
            dependents[source].append(column)

    groups: list[list[tuple[int, str]]] = []
    for margin in margins:
        members: dict[tuple, list[int]] = defaultdict(list)
        for index, row in enumerate(rows):
            members[tuple(row[key] for key in margin)].append(index)
        for indexes in members.values():
            if len(indexes) > 1:
                groups.extend([(index, column) for index in indexes] for column in counts)
    for together in parts:
        groups.extend([(index, column) for column in together] for index in range(len(rows)))
    groups_of: dict[tuple[int, str], list[int]] = defaultdict(list)
    for number, group in enumerate(groups):
        for cell in group:
            groups_of[cell].append(number)

    blank: list[set[str]] = [set() for _ in rows]
    to_check: set[int] = set()

    def hide(index: int, column: str) -> None:
        """Blank a cell and what derives from it; its groups are checked again."""
        pending = [column]
        while pending:
            name = pending.pop()
            if name in blank[index]:
                continue
            blank[index].add(name)
            to_check.update(groups_of.get((index, name), ()))
            pending.extend(dependents.get(name, ()))

    for index, row in enumerate(rows):
        for column in counts:
            if _small(row[column]):
                hide(index, column)
        for column, sources in bases.items():
            if any(_small(row[source]) for source in sources):
                hide(index, column)

    # Only a group with a blank cell can need a complement, and only when a cell of it was
    # blanked; each blanking puts the groups of that cell back on the list.
    while to_check:
        group = groups[to_check.pop()]
        hidden = [cell for cell in group if cell[1] in blank[cell[0]]]
        if not hidden or len(hidden) == len(group):
            continue
        shown = [cell for cell in group if cell[1] not in blank[cell[0]]]
        non_zero = [cell for cell in shown if rows[cell[0]][cell[1]]]
        if len(hidden) >= 2 and (not non_zero or sum(rows[i][c] for i, c in hidden) >= THRESHOLD):
            continue
        # The smallest non-zero cell hides the least; a zero serves only as the second blank
        # cell of a group that has nothing else left.
        index, column = min(non_zero or shown, key=lambda cell: (rows[cell[0]][cell[1]], cell))
        hide(index, column)
    return blank
