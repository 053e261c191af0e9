"""Importing people from an HR-system export (CSV or XLSX).

reader: bytes -> header and rows; check: rows + what Amplify holds -> a plan or row errors;
apply: a plan -> the database, in one transaction. Nothing is written unless every row is
valid.
"""
