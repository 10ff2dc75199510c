"""Chronology site generator."""
