"""The ontology's Turtle files, installed as the package ``kg.ontology`` (pyproject.toml).

A regular package, not a namespace one: setuptools' editable install cannot import a
namespace package mapped from another folder (pypa/setuptools#4943).
"""
