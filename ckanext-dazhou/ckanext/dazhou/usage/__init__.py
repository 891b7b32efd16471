"""Use figures of datasets: downloads and API calls (issue 15 item 7, Art. 28)."""
