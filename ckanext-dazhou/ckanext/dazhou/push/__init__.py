"""Pushing the shareable catalog to a provincial CKAN (`ckan dazhou push-province`)."""
