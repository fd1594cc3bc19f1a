"""Phone-number usability computed in the shop database, from the phonenumbers metadata.

Counting a million customers in seconds rules out fetching their numbers to Python, so the
rule of `isend_tui.sms.phone.check_mobile` (a valid mobile of the address's country, read
with that country as default region; or, written with its own country code, a valid mobile
of that country whatever the address's) is translated into SQL, per country:

1. a cleaned string: the raw value with spaces, dots, dashes, parentheses, slashes, no-break
   spaces, tabs and line breaks removed by nested REPLACE (portable: no REGEXP_REPLACE);
   on SQLite one call of ``isend_phone_clean``, which the shop connection registers;
2. a CASE on the address's country picks that country's REGEXP patterns (passed as
   parameters). Each pattern is anchored and matches the cleaned string with every prefix
   the phonenumbers parser accepts for that country: ``+CC``, the international prefix
   (``00CC``), ``CC`` alone, the national prefix (``0``) and combinations (``+33 (0)6…``);
   the national part is the library's own mobile (or fixed-line and special-rate) pattern,
   split by length;
3. the result is one string: a class code, a caller's sort key, and for a usable mobile
   the number in iSendPro's form (international without ``+``: CC then the national
   significant number, taken as the last N digits of the cleaned string). Codes:
   ``'3'`` usable mobile, ``'2'`` landline (any valid number that is not a mobile: fixed,
   VoIP, toll-free…), ``'1'`` invalid (also an unknown country), ``'0'`` empty. They sort
   best last, which the segment compiler uses to pick a customer's number with MAX().
4. a number the address's country does not make usable, written ``+CC…`` or ``00CC…``
   (``00`` read as ``+`` whatever the country's international prefix), is tried with the
   mobile patterns of the country its code names (`abroad.abroad_codes`, every
   region, found by a simple CASE on the code's digits, and only for a value that starts
   so): a French ``+33 6…`` on a German address is a French mobile. The `country`
   criterion still reads the address's country.

Patterns are made portable (``\\d`` → ``[0-9]``, ``(?:`` → ``(``, ``+`` → ``[+]``) so they
work on MariaDB (PCRE), MySQL 8 (ICU), MySQL 5.7 (Henry Spencer) and SQLite (Python re).

The translation follows the parser's steps (phonenumberutil.parse: plus sign, IDD, country
code without plus, national prefix with its viability checks, then the number type) for
the shapes customers type. `country_rules.rules_for(region).exact` is False, with
`notes`, for countries whose metadata uses features the translation does not reproduce
(national prefix transform rules, mobiles that start with the national prefix, …): there
the SQL can disagree with check_mobile on unusual inputs. Inputs that are never
equivalent, in any country: text around the number ("Tel: 06…"), extensions ("… ext.
12"), letters, digits other than ASCII, separators other than the ones above, and a
foreign landline written with its country code on an address of a country phonenumbers
does not know (check_mobile: landline; the SQL: invalid; neither is usable).

- `regex_tree`: what a regular expression matches (lengths, starts, overlaps);
- `country_rules`: each country's patterns from the metadata;
- `mirror`: the SQL's verdict in Python (`classify`), for the tests;
- `abroad`: mobiles written with their own country code, whatever the address's country;
- `sql`: the SQL expression.
"""
