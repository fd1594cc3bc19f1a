"""The sandbox gateway: a faithful simulator of iSendPro's REST API (ASGI, Starlette).

Modules: ``codes`` (return codes, documented and invented), ``rules`` (counting, numbers,
prices, zones as the gateway applies them), ``account`` (SandboxAccount, DEMO_KEYID, the
SQLite state and sms_log), ``api`` (what each endpoint answers), ``faults`` (fault
injection), ``app`` (create_app), ``server`` (serve, SandboxThread).

Nothing is imported here, so importing ``codes`` stays cheap (the client uses it).
"""
