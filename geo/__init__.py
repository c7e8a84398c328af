"""Geometry: CRS and Chinese offsets, IO, validation, joins, areas."""
