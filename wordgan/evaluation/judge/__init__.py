"""The judge: a real-image classifier that evaluation asks what generated images show."""
