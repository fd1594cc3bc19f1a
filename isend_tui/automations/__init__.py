"""Automations: SMS the shop's own life triggers (abandoned cart, birthday, win-back, after
delivery, back in stock), run by the watcher exactly once, as marketing.

- flows.py: the flows, their default texts and variables;
- flow_settings.py: each flow's settings in the local store, checked before saving;
- detect.py: the bounded SELECTs each flow scans the shop with;
- audience.py: the number, the lawful basis and its proof of each customer;
- runner.py: the watcher's step (records each occurrence once) and the gate at send time
  (suppression list, marketing window in the recipient's own time, frequency caps);
- overview.py: the flows with their figures, one flow's preview (for a screen, the CLI).
"""
