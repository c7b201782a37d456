"""The demo bylaw text obeys its own numbering and Persian-text rules."""

from daftar.governance import demo_text


def test_the_demo_bylaw_passes_its_self_check():
    demo_text.self_check()
