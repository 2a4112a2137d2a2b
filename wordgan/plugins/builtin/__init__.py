"""Built-in plugins, registered in wordgan's own metadata through the same entry-point groups as third-party ones."""
