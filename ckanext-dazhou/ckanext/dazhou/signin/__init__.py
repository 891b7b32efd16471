"""Signing in: CSRF exemptions per request, login throttling, the login form's own handling."""
