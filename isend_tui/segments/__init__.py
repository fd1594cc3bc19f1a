"""Segments: who receives a campaign, counted and listed from the shop's database.

- `model`: the criteria and Segment; `dates`: fixed and relative days;
  `segment_file`: the JSON form and segment files;
- `conditions`: the criteria as SQL conditions; `compiler`: the count and recipients
  statements; `dialect`: the SQL spelt for MySQL/MariaDB and SQLite; `shop_meta`: what
  the compiler knows of a shop; `phones/`: phone-number usability in SQL;
- `counting`: RecipientCount and the recipients, from the shop;
- `local_copy/`: the copy big shops are counted on;
- `service`: counting, saving and loading segments for the screens; `choices`: the lists
  the criteria offer.
"""
