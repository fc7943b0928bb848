"""The web app (`byhand serve`): practise in the browser, alone or in a cohort."""

from .app import create_app
from .config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
