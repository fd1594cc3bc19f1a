"""The dashboard: the figures of the merchant's SMS (figures.py) and their composition with
what other packages know (board.py), for the first screen and `isend-tui report`."""
