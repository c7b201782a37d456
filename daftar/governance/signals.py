"""The bylaw's default quorum rule exists after every migrate (and after test flushes).

The default — 2 of the 3 seats present, majority of those present — stands until the
committee adopts a policy decision that sets another rule (`quorum_rule_set`).
"""

import datetime

DEFAULT_RULE_FROM = datetime.date(2000, 1, 1)


def ensure_default_quorum_rule(sender, **kwargs) -> None:
    from daftar.governance.choices import MajorityBasis
    from daftar.governance.models import QuorumRule

    QuorumRule.objects.using(kwargs.get("using", "default")).get_or_create(
        effective_from=DEFAULT_RULE_FROM,
        defaults={"min_present": 2, "majority_basis": MajorityBasis.PRESENT},
    )
