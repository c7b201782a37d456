"""Transparency's models, one module per area."""

from daftar.transparency.models.aggregates import *  # noqa: F403
from daftar.transparency.models.documents import *  # noqa: F403
from daftar.transparency.models.opendata import *  # noqa: F403
from daftar.transparency.models.reports import *  # noqa: F403
