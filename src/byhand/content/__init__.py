"""The curriculum: item descriptions (model) and how they are read from folders (loader)."""
