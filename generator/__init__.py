"""Registre: a static site generator for the public register of conventions."""
