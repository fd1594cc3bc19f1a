"""What a campaign earned: the shop's valid orders its recipients placed within the
attribution window after their SMS (attribution.py, the orders read by orders.py), the
incremental revenue over its hold-out group and the A/B variants compared (stats.py),
cached in the local store (cache.py), and the report over campaigns and days (report.py)
the dashboard and `isend-tui report` show."""
