"""Plugins: finding them (the registry) and building them, and the built-ins that ship with wordgan."""
