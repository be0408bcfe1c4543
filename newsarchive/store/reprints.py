"""Reprints: near-duplicate articles across the archive."""

from __future__ import annotations

REPRINTS_TABLE = "reprints"
