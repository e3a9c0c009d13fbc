"""Running the notebooks: ``runner`` (the ``run`` command), ``kernel`` (an extension for its kernels)."""
