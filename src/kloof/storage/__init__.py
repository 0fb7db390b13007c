"""kloof storage: the Django app that keeps workspaces and cases in the database.

Rows only: the business rules stay in :mod:`kloof.domain`; :mod:`.mapping`
converts between rows and domain objects.
"""
