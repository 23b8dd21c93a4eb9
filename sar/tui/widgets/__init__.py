"""Reusable pieces of the sar TUI: chat bubbles, quick replies, a footer that speaks the UI language."""
