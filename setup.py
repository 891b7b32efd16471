# All metadata is in pyproject.toml; this shim lets older tools run `setup.py develop`.
from setuptools import setup

setup()
