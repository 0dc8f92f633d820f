"""Reference data and normalisers shared by several apps: countries, currencies, the marketplace list, and how
hosts and seller names are made comparable. Plain modules, no models; imports no other app of this project
(tests/reference/test_independence.py checks that).
"""
