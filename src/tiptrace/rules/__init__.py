"""The rulebook: the TVPA tier rules as dated, cited parameters and small pure functions."""
