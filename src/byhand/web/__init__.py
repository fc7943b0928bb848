"""The web app (`byhand serve`): practise in the browser, alone or in a cohort."""

from .app import create_app
from .config import ServeConfig

__all__ = ["ServeConfig", "create_app", "app_from_env"]


def app_from_env():
    """The app factory each web process of `byhand serve --web-workers N`
    calls: the configuration comes from the environment, and each process
    starts its own grading pool."""
    return create_app(ServeConfig.from_env())
