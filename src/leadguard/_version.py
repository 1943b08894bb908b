"""The single source of leadguard's version; the build reads it."""

__version__ = "0.1.0"
