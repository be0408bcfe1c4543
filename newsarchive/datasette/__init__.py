"""Datasette over the archive: the plugin (Chinese search, chart), metadata, serving."""
