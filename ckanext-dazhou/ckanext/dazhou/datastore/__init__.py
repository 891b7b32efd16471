"""The DataStore side of the catalog (issue 15): loading files, the access rule on every
DataStore door, and the use figures."""
