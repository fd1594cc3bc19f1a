"""Health of the installation and the admin's alerts (issue 16, part B), and the chores
the watcher does besides notifications (the STOP loop's pushes and imports).

- `marks.py`: moments other processes need (the watcher's last poll, the last blacklist
  import, the last credit read), in the store.
- `readings.py`: what is measured: the credit and the days it lasts, failure rates over
  the last hour (gateway refusals, plus delivery failures once receipts exist: the
  `delivery_failures` hook), the watcher's silence.
- `alerts.py`: one state per alert (kind, subject): fired once when crossing, re-armed
  when back to normal; every alert in the log.
- `checks.py`: a round of checks: readings -> alert states -> an SMS to the admin mobile
  for each alert fired (the transition is atomic in the store, so two processes checking
  together send one SMS).
- `chores.py`: what the watcher runs after each poll (heartbeat, pushes, daily import,
  checks).

This package sits above campaigns and notifications (it reads both), below the UI and
the commands; it never imports Textual.
"""
