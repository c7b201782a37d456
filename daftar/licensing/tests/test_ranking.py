"""The published ranking formula (pure Python): points, order, tie-breaks, allocation."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from daftar.licensing import ranking
from daftar.licensing.ranking import Candidate, Parameters

PARAMETERS = Parameters(
    exam_weight=Decimal("1.00"),
    degree_points={"bachelor": Decimal(0), "master": Decimal(5), "doctorate": Decimal(10)},
    experience_points_per_year=Decimal("1.00"),
    experience_points_cap=Decimal("10.00"),
    pass_mark=Decimal("50.00"),
)


def candidate(code, score, *, degree="bachelor", years=0, prefs=(4,)) -> Candidate:
    return Candidate(code, Decimal(score), degree, years, tuple(prefs))


def test_the_total_is_exam_plus_degree_points_plus_capped_experience():
    scored = ranking.score(candidate("A1", "70.50", degree="master", years=14), PARAMETERS)
    assert scored.degree_points == 5
    assert scored.experience_points == 10  # 14 years, capped at 10 points
    assert scored.total == Decimal("85.5000")


def test_the_exam_weight_and_an_unknown_degree_follow_the_table():
    parameters = Parameters(
        exam_weight=Decimal("0.70"),
        degree_points={"master": Decimal("2.5")},
        experience_points_per_year=Decimal("0.5"),
        experience_points_cap=Decimal(3),
        pass_mark=Decimal(0),
    )
    scored = ranking.score(candidate("A1", "80", degree="bachelor", years=4), parameters)
    assert scored.total == Decimal("58.0000")  # 0.7 × 80 + 0 + 2


def test_ties_break_on_exam_score_then_experience_then_applicant_code():
    candidates = [
        candidate("A4", "80", degree="master", years=0),  # total 85, exam 80
        candidate("A3", "85", years=0),  # total 85, exam 85 → ahead of A4
        candidate("A2", "83", years=2),  # total 85, exam 83
        candidate("A1", "83", years=2),  # identical to A2: the lower code first
        candidate("A0", "90", years=8),  # total 98
    ]
    outcome = ranking.compute(PARAMETERS, {4: 5}, candidates)
    assert outcome.order == ("A0", "A3", "A1", "A2", "A4")


def test_candidates_below_the_pass_mark_are_not_ranked():
    outcome = ranking.compute(
        PARAMETERS, {4: 5}, [candidate("A1", "49.99", years=10), candidate("A2", "50")]
    )
    assert outcome.order == ("A2",)
    assert outcome.not_ranked == ("A1",)


def test_allocation_is_serial_dictatorship_in_rank_order_within_quotas():
    # district 4 has one place, district 5 two
    candidates = [
        candidate("A1", "95", prefs=(4, 5)),
        candidate("A2", "90", prefs=(4, 5)),  # 4 is full → gets 5
        candidate("A3", "85", prefs=(4,)),  # only 4, full → nothing
        candidate("A4", "80", prefs=(5, 4)),  # 5 still has a place
        candidate("A5", "75", prefs=(5,)),  # 5 full now
    ]
    outcome = ranking.compute(PARAMETERS, {4: 1, 5: 2}, candidates)
    assert outcome.allocation == {"A1": 4, "A2": 5, "A3": None, "A4": 5, "A5": None}
    district_4 = outcome.districts[4]
    assert district_4.ranking == ("A1", "A2", "A3", "A4")
    assert district_4.allocated == ("A1",)
    assert district_4.cutoff == Decimal("95.0000")
    assert outcome.districts[5].cutoff == Decimal("80.0000")


def test_the_quota_proposal_formula():
    assert ranking.propose_quota(917_300, 100_000, 3) == 7  # ceil(9.173) = 10, minus 3
    assert ranking.propose_quota(200_000, 100_000, 2) == 0
    assert ranking.propose_quota(150_000, 100_000, 5) == 0  # never negative
    assert ranking.propose_quota(None, 100_000, 0) == 0


def _document(candidates, quotas=None):
    return ranking.build_document(
        call={"code": "1405-1"},
        publication={"number": 1},
        parameters=PARAMETERS,
        quotas=quotas or {4: 1, 5: 2},
        candidates=candidates,
    )


def test_a_published_document_verifies_and_a_changed_score_is_reported():
    candidates = [candidate(f"A{i}", str(60 + i), prefs=(4, 5)) for i in range(6)]
    document = ranking.loads(ranking.dumps(_document(candidates)))
    assert ranking.verify(document) == []
    document["candidates"][0]["exam_score"] = "99.00"
    differences = ranking.verify(document)
    assert differences
    assert any(d.section == "order" and "A0" in d.recomputed for d in differences)


def test_floats_in_a_file_are_refused_rather_than_rounded():
    document = json.loads(ranking.dumps(_document([candidate("A1", "70")])))
    document["formula"]["parameters"]["exam_weight"] = 1.1
    with pytest.raises(ranking.InvalidResultsFile):
        ranking.verify(document)


def test_the_module_has_no_django_imports_and_runs_on_its_own(tmp_path):
    source = Path(ranking.__file__).read_text()
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert "django" not in imported
    assert "daftar" not in imported
    path = tmp_path / "results.json"
    path.write_text(ranking.dumps(_document([candidate("A1", "70"), candidate("A2", "80")])))
    # a bare interpreter (-I: no site-packages, no environment) with only this one file
    copy = tmp_path / "ranking.py"
    copy.write_text(source)
    result = subprocess.run(
        [sys.executable, "-I", str(copy), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reproduced exactly" in result.stdout
