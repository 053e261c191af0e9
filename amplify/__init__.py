"""Amplify: run, match and measure people-development programmes."""
