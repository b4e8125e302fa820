"""Analysis over the record: streaks, rankings (more in later modules)."""
