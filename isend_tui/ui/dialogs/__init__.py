"""Modal windows: confirmations, help, and the pickers and lists opened from a screen."""
