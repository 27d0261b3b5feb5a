"""The rules' knowledge, one home for each piece: units, rule families, word lists, classes.

Recognition (``kg.pipeline``), linking and relations read these modules; none of
them imports RDF.
"""
