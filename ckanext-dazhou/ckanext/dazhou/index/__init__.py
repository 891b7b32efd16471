"""The search index kept in line with the database (`ckan dazhou index reconcile`)."""
