"""Delivery receipts: what became of each SMS iSendPro accepted.

``states`` (the states, the gateway's statuses and what they mean, reasons in words),
``receipts`` (reading a receipt of any shape, recording it), ``expiry`` (no receipt in
time), ``queries`` (counts and rows for the screens and the CLI), ``receiver`` (the HTTP
endpoint `isend-tui watch` serves), ``pull`` (the /campagne report as a fallback),
``upkeep`` (the periodic work of the watch process).
"""
