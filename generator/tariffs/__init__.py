"""Tariffs: pricing with Decimal, the checks of price grids, and the calculator's JavaScript engine and data."""
