"""The corpus store (issue 10): Parquet tables keyed on the stable ``article_id``, a query layer with a numpy
and a DuckDB backend, and the batch pipeline that builds it (local process pool or Dask).

- ``analysis.store.batch`` — pure functions over Arrow record batches (tokenize, match agencies) + reduce;
- ``analysis.store.runner`` — where they run: ``LocalRunner`` / ``DaskRunner``, progress ``Event``s;
- ``analysis.store.build`` — every table of an article table;
- ``analysis.store.store`` — the folder on disk (``Store``), keys, ``dataset_store`` for saved datasets;
- ``analysis.store.backends`` — the two backends (``MemoryBackend``, ``DuckBackend``): ``Filters`` → selection;
- ``analysis.store.query`` — aggregations over a selection: top terms, agency summary, volume, sources, KWIC;
- ``analysis.store.ingest`` — ``python -m analysis ingest``: files → dataset + store in the library.
"""
