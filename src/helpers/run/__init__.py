"""Running the notebooks: ``runner`` (the ``run`` command) and ``kernel`` (an IPython extension for its kernels)."""
