"""Files wordgan writes and reads: atomic writes, users' JSON files, PNG images and grids."""
