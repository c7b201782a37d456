"""Transparency selectors: the portal's daily aggregates: one row per day and key, rebuilt by a job
for the days that changed; the public portal reads only these.
"""
