"""Demo transparency: the aggregates built, the open data published, a council report and the
documents of the approved demo files issued. Each area seeds itself in its own module, in this
order (later areas read what earlier ones made).

Idempotent: a section that finds its rows already there says so and does nothing.
"""


def seed_transparency(ctx) -> None:
    from daftar.transparency.demo import aggregates, documents, opendata, reports

    for area in (aggregates, documents, opendata, reports):
        area.seed(ctx)
