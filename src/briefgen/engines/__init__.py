"""Archives: ``briefgen extract --out DIR`` stores every article's analysis as partitioned JSON Lines, on the
local worker pool or on a Dask cluster, and ``briefgen build --from-analyses DIR`` makes a brief over a period
from them without parsing again.

- ``partitions``: the inputs cut into bounded partitions, each named by what shapes its analyses.
- ``store``: the folder's files (partitions written whole or not at all, their summaries, the manifest) and reading them back.
- ``local``: the local engine, briefgen's own worker pool.
- ``dask_engine``: the Dask engine (the only module that imports Dask: the ``briefgen[dask]`` extra).
- ``extraction``: one extraction run: partitions in, complete ones skipped, the others analysed by an engine, the manifest.
- ``period``: a brief assembled from stored analyses.
"""
