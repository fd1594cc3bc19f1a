"""The demo: `isend-tui --demo` and the deterministic demo shop (demos, tests, benchmarks).

- `mode`: the demo environment (sandbox gateway, demo shop, throwaway data folder);
- `build`: `generate_demo_shop`, a whole shop in a SQLite file or a MySQL database;
- `generator`: the arrival of customers and their orders, over collaborators with their
  own state: `draws` (the one random source), `timeline`, `rows` (columns, ids, counts),
  `customers`, `addresses`, `phones`, `orders`, `followups`; `words`: names, cities,
  products;
- `sinks`: where rows go (SQLite, or MySQL through `loader`, a LOAD DATA helper process);
- `prestashop/`: the tables per version, their DDL, the reference data and `ShopWriter`,
  the only code that writes a PrestaShop database.
"""
