"""Drawing what the application layer (``byhand.services``) computes, for
the terminal and as files (progress.py: the progress table, the concept map
as SVG).  Above the services, below every caller; it holds no rule."""
