"""Page generators: article and list pages composed from independent choices, each with its truth."""
