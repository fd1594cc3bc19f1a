"""A local copy of what segment counts read, so that a count on a big shop takes about a
second instead of 5 to 16 (1M customers, bench/RESULTS.md).

Counting on the shop itself means, for every customer, finding the latest valid order and
running the phone patterns on each address. None of that depends on the criteria, so the
copy does it once and keeps the result per customer, in a SQLite file of the data dir:

- `number`: each active customer's class, number and country, as the shop's own
  classification query gives them (`compiler.compile_classified`), and the date of
  their latest valid order;
- `customer`, `customer_group`, `gender`, `country`: the columns the criteria read, with
  PrestaShop's names, so that the segment compiler compiles the same criteria against
  the copy;
- `orders`: valid orders only, with their total in the default currency computed by the
  shop (the same expression as a count on the shop);
- `address`: which addresses exist, to notice the ones deleted.

Before each count, `refresh` brings the copy up to date with a few queries on the shop:
customers and addresses whose `date_upd` moved, orders after the last one seen, order
state changes after the last `order_history` row seen, and customers or addresses added
or removed without a new `date_upd` (the count or the sum of the ids differ). Those
customers are read and classified again. Changes that leave no trace there (an order
edited without a state change, a group membership changed without saving the customer, a
row changed with an old `date_upd`) are picked up by the full rebuild once the copy is a
day old. Counts only: a campaign's recipients are always read from the shop itself when
it is prepared.

- `copy`: LocalCopy, the file, its build and the counts on it;
- `tables`: the copy's tables and the shop rows read into them;
- `refresh`: the incremental refresh before each count;
- `background`: BackgroundBuilder, the builds the screens do not wait for;
- `routing`: where a count is made (`count_segment_on`).
"""
