"""What a crawl shows its operator: the log's destinations, the progress view, the summary."""
