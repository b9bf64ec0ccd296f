"""Sources: each turns one kind of input into the neutral schema model (see model.py)."""
