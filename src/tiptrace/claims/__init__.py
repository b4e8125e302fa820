"""Claim checking: find checkable claims in a text, resolve them, verify them against the record."""
