"""Filled in by its feature."""

urlpatterns = []
