"""One module per CLI subcommand (see ``analysis.cli``)."""
