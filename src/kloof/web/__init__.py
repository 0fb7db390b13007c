"""kloof web: the Django project that serves the team workspace (issue 3).

The domain core knows nothing of Django; this package and :mod:`kloof.storage`
are the only places that import it.
"""
