"""Run vanban's sharded extraction on a Dask cluster.

`vanban manifest` splits the inputs into shards; each shard becomes one Dask
task that runs `vanban extract --manifest SHARD --out DIR` on a worker (the
binary, not Python, does the work); the result is a folder of Parquet parts,
`DIR/<table>/part-<blake3>.parquet`, that DuckDB, Spark or pandas read as one
table per folder.
"""

from .driver import run, run_shard
from .check import check_dataset

__all__ = ["run", "run_shard", "check_dataset"]
