"""Transparency background jobs: council oversight reports: a quarterly or on-demand PDF, generated
by a background job, with its cut-off checkpoint and hash.
"""
