"""The pathways API (routes added by the app's pages)."""

from ninja import Router

router = Router()
