"""The record: countries, the packaged datasets with their provenance, and the store."""
