"""`python -m sar` runs the same CLI as the `sar` command."""

from sar.cli import main

raise SystemExit(main())
