"""Consents to marketing SMS: the merchant's imported lists (and, later, the lawful basis
of each marketing send and its proof per recipient)."""
