"""Collections, subjects, rights statements, places and sources of the demo archive."""

from decimal import Decimal

# Parents come before their children: the loader creates them in this order.
COLLECTIONS = [
    {
        "slug": "bukharin-archive",
        "title": "Bukharin archive",
        "description": "Everything gathered about Nikolai Bukharin, his circle and his afterlife.",
    },
    {
        "slug": "bukharin-papers",
        "title": "Bukharin papers",
        "parent": "bukharin-archive",
        "description": "Books, pamphlets and letters that Bukharin wrote or co-wrote.",
    },
    {
        "slug": "trial-records",
        "title": "Trial records",
        "parent": "bukharin-archive",
        "description": "The case of the so-called Bloc of Rightists and Trotskyites, 1937–1938, "
        "and the acts that later annulled it.",
    },
    {
        "slug": "photographs",
        "title": "Photographs",
        "parent": "bukharin-archive",
        "description": "Portraits, group pictures and photographed documents. In this demo "
        "every image is a drawn placeholder, not the photograph itself.",
    },
    {
        "slug": "soviet-press",
        "title": "Soviet press",
        "parent": "bukharin-archive",
        "description": "Newspapers and articles from the émigré and Soviet press.",
    },
    {
        "slug": "reception-and-memory",
        "title": "Reception and memory",
        "parent": "bukharin-archive",
        "description": "Novels, essays and testimonies that made the trial a lasting question "
        "for writers and philosophers abroad.",
    },
]

# Narrower subjects name their broader subject, which comes first.
SUBJECTS = [
    {"slug": "great-purge", "name": "Great Purge"},
    {"slug": "show-trials", "name": "Show trials", "broader": "great-purge"},
    {"slug": "rehabilitation", "name": "Rehabilitation"},
    {"slug": "new-economic-policy", "name": "New Economic Policy (NEP)"},
    {"slug": "collectivisation", "name": "Collectivisation"},
    {"slug": "industrialisation", "name": "Industrialisation"},
    {"slug": "comintern", "name": "Comintern"},
    {"slug": "marxist-theory", "name": "Marxist theory"},
    {"slug": "imperialism", "name": "Imperialism", "broader": "marxist-theory"},
    {"slug": "exile", "name": "Exile and emigration"},
    {"slug": "right-opposition", "name": "Right Opposition"},
    {"slug": "left-communists", "name": "Left Communists"},
    {"slug": "journalism", "name": "Journalism and the press"},
    {"slug": "literature", "name": "Literature and philosophy"},
]

RIGHTS = [
    {
        "slug": "in-copyright",
        "title": "In Copyright",
        "uri": "http://rightsstatements.org/vocab/InC/1.0/",
        "description": "Protected by copyright; use beyond what the law allows needs permission.",
    },
    {
        "slug": "no-copyright-united-states",
        "title": "No Copyright – United States",
        "uri": "http://rightsstatements.org/vocab/NoC-US/1.0/",
        "description": "Free of copyright in the United States; other countries may differ.",
    },
    {
        "slug": "no-known-copyright",
        "title": "No Known Copyright",
        "uri": "http://rightsstatements.org/vocab/NKC/1.0/",
        "description": "No copyright holder is known; official acts and the like.",
    },
    {
        "slug": "cc-by-4-0",
        "title": "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "uri": "https://creativecommons.org/licenses/by/4.0/",
        "description": "Used for the placeholder images drawn for this demo.",
    },
]

# Parents come before their children.
PLACES = [
    {
        "slug": "moscow",
        "name": "Moscow",
        "kind": "city",
        "alternate_names": "Москва; Moscou; Moskau",
        "latitude": Decimal("55.755800"),
        "longitude": Decimal("37.617300"),
        "wikidata_id": "Q649",
    },
    {
        "slug": "moscow-university",
        "name": "Moscow University",
        "kind": "building",
        "parent": "moscow",
        "alternate_names": "Imperial Moscow University; Московский университет",
        # The university's old building on Mokhovaya Street, where it stood in 1905.
        "latitude": Decimal("55.755400"),
        "longitude": Decimal("37.612200"),
        "description": "Where Bukharin and Ilya Ehrenburg joined student unrest in 1905, and "
        "where Bukharin later studied economics.",
    },
    {
        "slug": "house-of-the-unions",
        "name": "House of the Unions",
        "kind": "building",
        "parent": "moscow",
        "alternate_names": "Дом союзов",
        "latitude": Decimal("55.759200"),
        "longitude": Decimal("37.616700"),
        "description": "The former Noblemen's Assembly in central Moscow. Its October Hall "
        "was the courtroom for the Moscow show trials of 1936–1938.",
    },
    {
        "slug": "leningrad",
        "name": "Leningrad",
        "kind": "city",
        "alternate_names": "Saint Petersburg; Petrograd; Санкт-Петербург",
        "latitude": Decimal("59.938600"),
        "longitude": Decimal("30.314100"),
    },
    {
        "slug": "onega",
        "name": "Onega",
        "kind": "city",
        "alternate_names": "Онега",
        "latitude": Decimal("63.916700"),
        "longitude": Decimal("38.083300"),
        "description": "A small town on the White Sea, a place of internal exile under the "
        "tsars. Bukharin was sent here in 1910.",
    },
    {
        "slug": "new-york-city",
        "name": "New York City",
        "kind": "city",
        "alternate_names": "New York; Нью-Йорк",
        "latitude": Decimal("40.712800"),
        "longitude": Decimal("-74.006000"),
        "wikidata_id": "Q60",
    },
    {
        "slug": "paris",
        "name": "Paris",
        "kind": "city",
        "alternate_names": "Париж",
        "latitude": Decimal("48.856600"),
        "longitude": Decimal("2.352200"),
        "wikidata_id": "Q90",
    },
    {
        "slug": "london",
        "name": "London",
        "kind": "city",
        "alternate_names": "Лондон; Londres",
        "latitude": Decimal("51.507400"),
        "longitude": Decimal("-0.127800"),
        "wikidata_id": "Q84",
    },
]

# The numbered notes of the seed article. We do not know what each note cites, only that the
# article's author cited something there; the rows say so, so that a curator can replace them.
SEED_NOTES = [13, 17, 18, 34, 37, 38, 42, 43, 46, 49, 62, 63]

SOURCES = [
    *(
        {
            "key": f"seed-{number}",
            "csl_type": "document",
            "title": f"Source cited as note {number} in the seed article “Nikolai Bukharin”",
            "note": f"The demo's seed text marks a statement with note [{number}] but does not "
            "give the reference itself. Replace this placeholder with the work the note cites.",
        }
        for number in SEED_NOTES
    ),
    {
        "key": "cohen-1973",
        "csl_type": "book",
        "title": "Bukharin and the Bolshevik Revolution: A Political Biography, 1888–1938",
        "author": "Cohen, Stephen F.",
        "publisher": "Alfred A. Knopf",
        "publisher_place": "New York",
        "issued": "1973",
        "note": "The standard biography; cited in the demo for the outline of Bukharin's life.",
    },
]
