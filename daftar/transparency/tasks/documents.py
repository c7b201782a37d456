"""Transparency background jobs: documents citizens receive: outcome documents of approved files
and receipts, numbered, verifiable by QR, revocable.
"""
