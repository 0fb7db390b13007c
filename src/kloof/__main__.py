"""``python -m kloof`` runs the command line."""

import sys

from kloof.cli import main

sys.exit(main())
