"""The people pages (issue 17 item 5, docs/adr/0027-people-and-roles.md): the system
administrator's staff accounts, the training unit's certifications and the office managers'
staff proposals. They live in offices, the lowest app that sees accounts (roles), catalogue
(departments) and offices (posts) at once; models and services are in the app's `models` and
`services` packages, the reads, forms, views and URLs of these pages here."""
