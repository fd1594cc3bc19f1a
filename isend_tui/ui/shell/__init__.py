"""The frame every screen shares: the section screen base, translated bindings, the
sections' menu and the stylesheets."""
