"""English for the shop area (connection, shop facts, demo shop, demo-shop command)."""

EN: dict[str, str] = {
    # connection: address
    "Aucune base de boutique configurée : renseignez {var} ou le champ « Base de la boutique » "
    "({expected}).": "No shop database configured: set {var} or the “Shop database” field "
    "({expected}).",
    "Adresse de la base de la boutique invalide ({problem}) : « {url} ». Forme attendue : "
    "{expected} ({var}).": "Invalid shop database address ({problem}): “{url}”. Expected form: "
    "{expected} ({var}).",
    "port invalide": "invalid port",
    "nom d'hôte manquant": "missing host name",
    "nom de la base manquant après l'hôte": "missing database name after the host",
    "un chemin absolu est attendu (sqlite:///chemin)": "an absolute path is expected "
    "(sqlite:///path)",
    "schéma « {scheme} » non pris en charge": "unsupported scheme “{scheme}”",
    "paramètre inconnu « {name} »": "unknown parameter “{name}”",
    "Préfixe de tables invalide « {prefix} » : lettres, chiffres et _ uniquement, 32 caractères "
    "au plus (par exemple ps_).": "Invalid table prefix “{prefix}”: letters, digits and _ only, "
    "at most 32 characters (for example ps_).",
    # connection: server errors
    "Le serveur MySQL {where} ne répond pas : vérifiez l'hôte, le port et que le serveur accepte "
    "les connexions distantes (pare-feu, bind-address).": "The MySQL server {where} does not "
    "answer: check the host, the port and that the server accepts remote connections (firewall, "
    "bind-address).",
    "Le serveur MySQL {host}:{port} ne répond pas ({detail}).": "The MySQL server {host}:{port} "
    "does not answer ({detail}).",
    "Accès refusé pour l'utilisateur « {user} » sur {where} : vérifiez l'utilisateur, le mot de "
    "passe et ses droits SELECT sur la base « {db} ».": "Access denied for user “{user}” on "
    "{where}: check the user, the password and its SELECT rights on the database “{db}”.",
    "La base « {db} » n'existe pas sur {where} : vérifiez son nom (celui de la configuration de "
    "PrestaShop, database_name).": "The database “{db}” does not exist on {where}: check its "
    "name (the one in PrestaShop's configuration, database_name).",
    "Table manquante dans la base de la boutique ({detail}) : vérifiez le préfixe des tables et "
    "la version de PrestaShop.": "A table is missing in the shop database ({detail}): check the "
    "table prefix and the PrestaShop version.",
    "Colonne manquante dans la base de la boutique ({detail}) : cette version de PrestaShop "
    "n'est peut-être pas prise en charge.": "A column is missing in the shop database "
    "({detail}): this PrestaShop version may not be supported.",
    "Droits insuffisants pour l'utilisateur « {user} » ({detail}) : accordez-lui SELECT sur la "
    "base « {db} ».": "Insufficient rights for user “{user}” ({detail}): grant it SELECT on the "
    "database “{db}”.",
    "Erreur de la base de la boutique ({code}) : {detail}": "Shop database error ({code}): "
    "{detail}",
    "Erreur de la base de la boutique : {detail}": "Shop database error: {detail}",
    "Requête refusée : seules les lectures (SELECT) sont permises sur la base de la boutique.": (
        "Query refused: only reads (SELECT) are allowed on the shop database."
    ),
    "Le fichier SQLite « {path} » n'existe pas : vérifiez le chemin de la base de la boutique.": (
        "The SQLite file “{path}” does not exist: check the path of the shop database."
    ),
    "Le fichier « {path} » n'est pas une base SQLite lisible ({detail}).": "The file “{path}” "
    "is not a readable SQLite database ({detail}).",
    # connection: prefix and schema
    "Pas de table « {table} » : le préfixe des tables « {prefix} » ne correspond pas à cette base "
    "({hint}). Corrigez le préfixe (prefix= dans l'adresse).": "No table “{table}”: the table "
    "prefix “{prefix}” does not match this database ({hint}). Fix the prefix (prefix= in the "
    "address).",
    "tables trouvées : {tables} ; préfixe probable : {prefix}": "tables found: {tables}; likely "
    "prefix: {prefix}",
    "aucune table *_customer dans cette base": "no *_customer table in this database",
    "la base est vide": "the database is empty",
    "Table « {table} » absente de la base de la boutique : vérifiez le préfixe des tables et la "
    "version de PrestaShop.": "Table “{table}” is missing from the shop database: check the "
    "table prefix and the PrestaShop version.",
    "Colonne « {column} » absente de la table « {table} » : cette version de PrestaShop n'est "
    "peut-être pas prise en charge.": "Column “{column}” is missing from table “{table}”: this "
    "PrestaShop version may not be supported.",
    # info
    "État {id}": "State {id}",
    # demo shop
    "La base contient déjà une boutique (table {table}) : choisissez une autre base ou un autre "
    "préfixe, ou ajoutez --replace pour la remplacer.": "The database already holds a shop "
    "(table {table}): choose another database or prefix, or add --replace to replace it.",
    "« {database} » est une base système du serveur : la démo n'y écrit jamais. Créez une base "
    "à part (CREATE DATABASE isend_demo) et mettez-la dans l'URL.": "“{database}” is one of "
    "the server's system databases: the demo never writes there. Create a database of its own "
    "(CREATE DATABASE isend_demo) and put it in the URL.",
    "La base {database} contient déjà {count} ({tables}) : la démo s'écrit dans une "
    "base vide. Choisissez-en une autre, ou ajoutez --replace (seules les tables de la démo, "
    "préfixe {prefix}, sont remplacées).": "The database {database} already holds {count} "
    "({tables}): the demo is written into an empty database. Choose another one, or "
    "add --replace (only the demo's tables, prefix {prefix}, are replaced).",
    "{n} table": "{n} table",
    "{n} tables": "{n} tables",
    "Le fichier {path} existe déjà : choisissez un autre chemin ou ajoutez --replace pour le "
    "remplacer.": "The file {path} already exists: choose another path or add --replace to "
    "replace it.",
    "créer une boutique PrestaShop de démonstration (SQLite ou MariaDB)": "create a demo "
    "PrestaShop shop (SQLite or MariaDB)",
    "Écrit une boutique de démonstration reproductible : clients, adresses, commandes et leur "
    "historique. La même graine donne les mêmes données.": "Writes a reproducible demo shop: "
    "customers, addresses, orders and their history. The same seed gives the same data.",
    "nombre de clients": "number of customers",
    "graine (42 par défaut)": "seed (42 by default)",
    "version de PrestaShop imitée (8 par défaut)": "PrestaShop version to imitate (8 by default)",
    "fichier SQLite à créer": "SQLite file to create",
    "base MySQL/MariaDB existante : mysql://utilisateur:motdepasse@hote:3306/base": "existing "
    "MySQL/MariaDB database: mysql://user:password@host:3306/database",
    "préfixe des tables (ps_ par défaut, ou celui de l'URL)": "table prefix (ps_ by default, or "
    "the URL's)",
    "remplace une boutique existante (supprime seulement les tables qu'il crée)": "replace an "
    "existing shop (drops only the tables it creates)",
    "nombre entier attendu": "a whole number is expected",
    "nombre positif attendu": "a positive number is expected",
    "--mysql attend une URL mysql://… ; pour un fichier, utilisez --sqlite.": "--mysql expects a "
    "mysql://… URL; for a file, use --sqlite.",
    "Boutique de démonstration PrestaShop {version} écrite dans {target} : {customers} "
    "clients, {addresses} adresses, {orders} commandes ({history} changements d'état) en "
    "{seconds} s.": (
        "Demo PrestaShop {version} shop written to {target}: {customers} customers, "
        "{addresses} addresses, {orders} orders ({history} state changes) in {seconds} s."
    ),
    "Requête interrompue : une plus récente l'a remplacée.": (
        "Query interrupted: a newer one replaced it."
    ),
    "Comptage annulé : une sélection plus récente l'a remplacé.": (
        "Count cancelled: a newer selection replaced it."
    ),
}
