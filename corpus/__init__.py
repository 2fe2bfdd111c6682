"""The SQLite corpus: schema, saving, search and the Datasette side."""

DEFAULT_DB = "palermo.db"
