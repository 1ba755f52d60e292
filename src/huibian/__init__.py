"""Huibian (汇编): validated, searchable sites and PDF compilations of Chinese work reports."""

__version__ = "0.1.0"
