"""Portable catalog backup: `ckan dazhou catalog dump|load` (JSON lines of action API dicts)."""
