"""The evidence ledger: graded findings about a country-year, kept apart by responsibility, and
what the rulebook makes of them (a recommended tier with its interval, per source family, on the
state's own conduct alone, and its sensitivity to single items). See README.md here."""
