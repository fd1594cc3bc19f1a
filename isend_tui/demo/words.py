"""Word lists for the demo shop: French names, places, products. Invented, not scraped."""

from __future__ import annotations

MALE_FIRST = (
    "Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Bernard", "Jacques", "Daniel",
    "Christian", "Patrick", "Nicolas", "Frédéric", "Stéphane", "Laurent", "Éric", "Olivier",
    "Sébastien", "Thierry", "Julien", "Benoît", "Jérôme", "François", "Gérard", "Hervé",
    "Antoine", "Mathieu", "Guillaume", "Cédric", "Raphaël", "Loïc", "Gaëtan", "Noël", "Joël",
    "Hugo", "Lucas", "Léo", "Gabriel", "Louis", "Arthur", "Théo", "Maël", "Noé", "Timothée",
    "Jean-Baptiste", "Jean-Christophe", "Pierre-Emmanuel", "Marc-Antoine", "Jean-François",
    "Anthony", "Kévin", "Maxime", "Romain", "Yannick", "Grégoire", "Aurélien", "Clément",
)  # fmt: skip
FEMALE_FIRST = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Hélène", "Valérie",
    "Christine", "Monique", "Sandrine", "Véronique", "Céline", "Aurélie", "Émilie", "Julie",
    "Camille", "Léa", "Chloé", "Manon", "Inès", "Zoé", "Anaïs", "Maëlle", "Agnès", "Bérénice",
    "Noémie", "Gaëlle", "Mélanie", "Stéphanie", "Élodie", "Laëtitia", "Joëlle", "Renée",
    "Geneviève", "Thérèse", "Béatrice", "Cécile", "Clémence", "Océane", "Léonie", "Margaux",
    "Marie-Françoise", "Anne-Sophie", "Marie-Hélène", "Marie-Thérèse", "Anne-Laure",
    "Marie-Christine", "Jeanne", "Lucie", "Pauline", "Elsa", "Romane", "Capucine", "Solène",
)  # fmt: skip
LAST = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
    "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martínez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
    "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc",
    "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy",
    "Guillot", "Hubert", "Berger", "Carpentier", "Sánchez", "Dupuis", "Moulin", "Louis",
    "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault",
    "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider",
    "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet",
    "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois",
    "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
    "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud",
    "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier",
    "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal",
    "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon",
    "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "N'Diaye",
    "de La Fontaine", "Martin-Dubois", "Le Bihan-Kerouédan", "Saint-Exupéry-Beauregard",
    "d'Orléans", "Dupont-Aignan", "de Montmorency-Laval", "Ben Saïd", "O'Connor", "Nguyen",
    "Van den Berghe", "De Smet", "Peeters", "Janssens", "Maes", "Wouters", "Müller", "Meier",
    "Schäfer", "González", "Fernández", "Rossi", "Kowalski", "Da Costa Pereira",
)  # fmt: skip
MAIL_DOMAINS = (
    "gmail.com", "gmail.com", "gmail.com", "orange.fr", "orange.fr", "free.fr", "hotmail.fr",
    "laposte.net", "sfr.fr", "wanadoo.fr", "yahoo.fr", "outlook.fr", "icloud.com", "live.fr",
    "neuf.fr", "bbox.fr", "skynet.be", "bluewin.ch", "pt.lu", "proton.me",
)  # fmt: skip
COMPANY_WORDS = (
    "Atelier", "Boulangerie", "Garage", "Cabinet", "Studio", "Maison", "Domaine", "Pharmacie",
    "Librairie", "Menuiserie", "Fromagerie", "Agence", "Salon", "Ferme", "Brasserie",
)  # fmt: skip
COMPANY_SUFFIX = ("SARL", "SAS", "EURL", "SA", "& Fils", "et Associés", "", "", "SASU", "SPRL")
STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta",
    "rue Pasteur", "place de l'Église", "chemin des Vignes", "allée des Tilleuls",
    "rue du Général de Gaulle", "impasse des Lilas", "route de Lyon", "rue Émile Zola",
    "avenue de la Gare", "rue des Écoles", "quai Saint-Michel", "rue du Moulin",
    "lotissement Les Genêts", "rue Nationale", "boulevard de la Liberté", "rue de Bretagne",
)  # fmt: skip

#: iso -> ((postcode, city), ...)
CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "FR": (
        ("75011", "Paris"), ("75015", "Paris"), ("69003", "Lyon"), ("13008", "Marseille"),
        ("31000", "Toulouse"), ("06000", "Nice"), ("44000", "Nantes"), ("67000", "Strasbourg"),
        ("34000", "Montpellier"), ("33000", "Bordeaux"), ("59000", "Lille"), ("35000", "Rennes"),
        ("51100", "Reims"), ("76600", "Le Havre"), ("42000", "Saint-Étienne"),
        ("83000", "Toulon"), ("38000", "Grenoble"), ("21000", "Dijon"), ("49000", "Angers"),
        ("30000", "Nîmes"), ("29200", "Brest"), ("87000", "Limoges"), ("37000", "Tours"),
        ("80000", "Amiens"), ("57000", "Metz"), ("25000", "Besançon"), ("64000", "Pau"),
        ("17000", "La Rochelle"), ("2A004", "Ajaccio"), ("97400", "Saint-Denis"),
        ("74000", "Annecy"), ("56000", "Vannes"), ("84000", "Avignon"),
        ("22300", "Lannion"), ("05000", "Gap"), ("04100", "Manosque"),
    ),
    "BE": (
        ("1000", "Bruxelles"), ("4000", "Liège"), ("6000", "Charleroi"), ("5000", "Namur"),
        ("7000", "Mons"), ("1300", "Wavre"), ("2000", "Antwerpen"), ("9000", "Gent"),
    ),
    "CH": (("1201", "Genève"), ("1003", "Lausanne"), ("2000", "Neuchâtel"), ("1950", "Sion")),
    "LU": (("1111", "Luxembourg"), ("4001", "Esch-sur-Alzette"), ("9001", "Ettelbruck")),
    "ES": (("28001", "Madrid"), ("08001", "Barcelona"), ("46001", "Valencia")),
    "DE": (("10115", "Berlin"), ("80331", "München"), ("66111", "Saarbrücken")),
}  # fmt: skip

#: (name, reference, price tax incl.)
PRODUCTS: tuple[tuple[str, str, float], ...] = (
    ("T-shirt coton bio", "TS-BIO", 24.90), ("Sweat à capuche", "SW-CAP", 49.90),
    ("Mug « Bonne journée »", "MUG-01", 12.50), ("Tote bag lin", "TB-LIN", 15.00),
    ("Savon au lait d'ânesse", "SAV-AN", 6.90), ("Bougie parfumée figue", "BG-FIG", 19.90),
    ("Carnet A5 pointillé", "CN-A5", 9.90), ("Thé vert Sencha 100 g", "THE-SEN", 8.40),
    ("Café en grains 1 kg", "CAF-1K", 22.00), ("Miel de lavande 500 g", "MIEL-LAV", 11.80),
    ("Écharpe laine mérinos", "ECH-MER", 59.00), ("Plaid tricoté", "PLD-TRI", 89.00),
    ("Lampe de chevet", "LMP-CHV", 74.50), ("Coffret dégustation", "COF-DEG", 129.00),
    ("Chaussettes (lot de 3)", "CHS-3", 14.90), ("Casquette brodée", "CSQ-BRD", 27.00),
    ("Sac à dos urbain", "SAD-URB", 95.00), ("Gourde inox 75 cl", "GRD-75", 21.90),
    ("Crème mains karité", "CRM-KAR", 7.50), ("Puzzle 1000 pièces", "PZL-1K", 18.90),
    ("Jeu de société « Bretagne »", "JEU-BZH", 34.90), ("Service à thé", "SRV-THE", 149.00),
    ("Montre bois", "MTR-BOI", 119.00), ("Parapluie pliant", "PAR-PLI", 29.90),
    ("Carte cadeau 50 €", "CC-50", 50.00), ("Huile d'olive AOP 75 cl", "HUI-OLV", 16.50),
)  # fmt: skip

RETURN_QUESTIONS = (
    "Article abîmé à la réception",
    "Taille trop petite, je souhaite un échange",
    "Ne correspond pas à la description",
    "Colis reçu en double",
    "Erreur de couleur",
)

ALIASES = (
    "Mon adresse",
    "Domicile",
    "Maison",
    "Bureau",
    "Travail",
    "Chez mes parents",
    "Livraison",
)

#: Numbers that are not phone numbers at all (seen in real shops).
GARBAGE_PHONES = (
    "0000000000", "N/A", "-", "0", "123", "06123", "pas de téléphone", "0612345678901234",
    "+33", "x", "06 XX XX XX XX", "1111111111", "tel", "0102030405", "0600000000",
    "06 12 34 56 78 / 01 45 67 89 10", "appeler le soir",
)  # fmt: skip
