"""Publishing a dataset, and withdrawing it from publication (撤回发布)."""
