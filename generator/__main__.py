"""`python -m generator` is the `registre` command."""

import sys

from generator.cli import main

sys.exit(main())
