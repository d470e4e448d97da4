"""Write an opened package's granted rows to a file, streaming batch by batch.

``dataprotocol open --out`` is this call: the rows never sit in memory all at once,
and the file appears whole or not at all (written to a temporary name, renamed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.errors import InputError

if TYPE_CHECKING:
    from dataprotocol.package._open import PackageHandle

__all__ = ["write_table", "TABLE_FORMATS"]

TABLE_FORMATS = (".parquet", ".csv", ".jsonl")


def write_table(handle: PackageHandle, out: str | Path) -> int:
    """Stream the granted rows to ``out`` (.parquet, .csv or .jsonl); return the row count."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    from dataprotocol._files import atomic_path

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in set(TABLE_FORMATS):
        raise InputError("unsupported output format", file=out, expected="a .parquet, .csv or .jsonl file")
    rows = 0
    with atomic_path(out) as tmp:
        writer: Any = None
        with open(tmp, "wb") as sink:
            for batch in handle.iter_record_batches():
                if suffix == ".jsonl":
                    batch.to_pandas().to_json(sink, orient="records", lines=True, force_ascii=False)
                elif writer is None:
                    writer = (pq.ParquetWriter(sink, batch.schema) if suffix == ".parquet"
                              else pa_csv.CSVWriter(sink, batch.schema))
                if writer is not None:
                    writer.write_batch(batch)
                rows += batch.num_rows
            if writer is None and suffix == ".parquet":
                pq.write_table(pa.table({}), sink)
            if writer is not None:
                writer.close()
    return rows
