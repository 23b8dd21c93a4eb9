"""sar: find who holds your health data in France and ask them for it.

The package is a pure core (interview, inference, deadlines, letters, tracker) with two thin shells over it: the CLI
(`sar.cli`) and the Textual chat app (`sar.tui`). No module of the core imports Textual or prints.
"""

__version__ = "0.1.0"
