"""palermo: document intelligence for the UNTOC review mechanism."""

__version__ = "0.1.0"
