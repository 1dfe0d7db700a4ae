"""The dedicated `jitcell` Jupyter kernel (every cell compiled). Not built yet: see issue 4."""
