"""Functions the CLI, the API and the web share (over the record and the analyses)."""
