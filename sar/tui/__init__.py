"""The Textual shell of sar: a chat that walks the interview, then the findings, the letters and the tracker.

It holds no rule of its own; every decision is the core's (sar.interview, sar.inference, sar.letters, sar.requests).
Heavy modules (fpdf2, TinyDB, the letters) are imported inside the screens and workers that need them, so the first
question shows fast.
"""
