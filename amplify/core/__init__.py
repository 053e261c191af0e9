"""Amplify's pure core: matching, group formation, hierarchy and statistics.

Nothing here imports Django (an import-linter contract enforces it): plain data in, results
out, and "now" is always passed in.
"""
