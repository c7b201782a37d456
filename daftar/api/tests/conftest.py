from daftar.governance.tests.conftest import bylaw, commissions, committee, in_force  # noqa: F401
