"""A PrestaShop-shaped database for the demo and test shops (never a merchant's shop).

- `versions`: Version, VERSIONS, VERSION_DB;
- `shapes`: Col and Table; `tables`: the catalogue per version, one function per area
  (with `customer_tables` and `order_tables`);
- `ddl`: CREATE TABLE, indexes and DROP on MySQL/MariaDB or SQLite;
- `reference_data`: what a fresh install holds (configuration, shops, order states...);
- `writer`: ShopWriter, the writable connection, and its MySQL opener.
"""
