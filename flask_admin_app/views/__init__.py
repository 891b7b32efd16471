"""Flask-Admin views of the admin app, one module per subject."""
