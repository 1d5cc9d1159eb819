"""Benchmarks: each prints its figures beside its target."""
