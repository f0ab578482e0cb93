"""The image: its build inputs (``from_pyproject``) and ``make image-check`` (``check``)."""
