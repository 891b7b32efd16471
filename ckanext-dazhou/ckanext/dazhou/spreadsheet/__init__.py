"""Catalog spreadsheets: export and bulk import in the national catalog guide's layout.

See README.md here for the layout (columns.py holds it) and how repeating data is encoded.
"""
