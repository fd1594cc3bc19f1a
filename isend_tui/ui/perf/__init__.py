"""Performance measures that reach into Textual's private names (the Textual version is
pinned in pyproject.toml): the garbage collector's settings and the screens built ahead."""
