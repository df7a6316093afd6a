"""Template tags of the transfer app (the admin's worker warning)."""
