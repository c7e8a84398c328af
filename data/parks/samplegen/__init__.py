"""The generator of the bundled Panyu sample (run it with ``data/parks/make_sample.py``).

One module per layer family; each module's docstring lists its assumptions, marked [V]
(published, DOMAIN.md §6–8), [U] (our estimate) or [G] (generator choice). Seeded
(``numpy.random.default_rng(2015)``, one spawned stream per family) and deterministic.
"""

__all__: list[str] = []
