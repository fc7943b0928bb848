"""One router per feature, each with its pages and its JSON API routes."""

from . import (account, accounts, catalog, community, community_pages, concepts, drills, exercises, progress, review,
               settings, teaching, tracks, why)

__all__ = ["ROUTERS"]

ROUTERS = [accounts.router, account.router, catalog.router, concepts.router, exercises.router, drills.router, review.router,
           why.router, progress.router, settings.router, community.router, community_pages.router,
           teaching.router, tracks.router]
