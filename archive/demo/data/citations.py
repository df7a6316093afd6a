"""Citations: which seed note supports which record, and where the seed asks for a source.

Each entry is (model, slug, source key or None, quote, note). A source of None is a "citation
needed" flag for the curators' worklist. Quotations are short and stay attached to their note.
"""

NOTE_13 = "seed-13"
NOTE_17 = "seed-17"
NOTE_18 = "seed-18"
NOTE_34 = "seed-34"
NOTE_37 = "seed-37"
NOTE_38 = "seed-38"
NOTE_42 = "seed-42"
NOTE_43 = "seed-43"
NOTE_46 = "seed-46"
NOTE_49 = "seed-49"
NOTE_62 = "seed-62"
NOTE_63 = "seed-63"

CITATIONS = [
    # Note 13: the Left Communists refused any help from the Allied powers.
    (
        "event",
        "1918-left-communists",
        NOTE_13,
        "",
        "Bukharin rejected fraternisation with the Allies and is said to have wept on hearing "
        "of talks about Allied aid.",
    ),
    # Note 17: the right wing of Bukharin, Rykov and Tomsky; the Comintern post in 1926.
    ("event", "1926-comintern-leadership", NOTE_17, "", ""),
    (
        "person",
        "alexei-rykov",
        NOTE_17,
        "",
        "Rykov as Lenin's successor at the head of the government and a member of the right wing.",
    ),
    ("person", "mikhail-tomsky", NOTE_17, "", "Tomsky as head of the trade unions."),
    # Note 18: the grain shortage of 1928 and Stalin's reversal.
    ("event", "1928-grain-crisis", NOTE_18, "", ""),
    # Note 34: the Paris mission of February 1936.
    ("event", "1936-paris-mission", NOTE_34, "", ""),
    ("person", "boris-nicolaevsky", NOTE_34, "", ""),
    # Note 37: the trial, its dates, its leading defendants and the name of the "bloc".
    (
        "trial",
        "trial-of-the-twenty-one",
        NOTE_37,
        "Bloc of Rightists and Trotskyites",
        "Dates of the trial and the names of the leading defendants.",
    ),
    ("event", "1938-trial-of-the-twenty-one", NOTE_37, "", ""),
    # Note 38: the letters from prison.
    ("document", "letters-to-stalin-from-prison", NOTE_38, "", ""),
    # Notes 42 and 43: the confession as the subject of Koestler's novel and
    # Merleau-Ponty's essay.
    ("document", "darkness-at-noon", NOTE_42, "", ""),
    ("document", "darkness-at-noon", NOTE_43, "", ""),
    ("document", "humanism-and-terror", NOTE_42, "", ""),
    ("document", "humanism-and-terror", NOTE_43, "", ""),
    # Note 46: Vyshinsky's abuse of Bukharin; the paragraph goes on to Rolland's plea.
    (
        "trial",
        "trial-of-the-twenty-one",
        NOTE_46,
        "accursed crossbreed of fox and pig",
        "Vyshinsky's words about Bukharin in his speech for the prosecution.",
    ),
    ("person", "andrey-vyshinsky", NOTE_46, "accursed crossbreed of fox and pig", ""),
    (
        "document",
        "rolland-letter-to-stalin",
        NOTE_46,
        "an intellect like that of Bukharin is a treasure for his country",
        "The seed gives this note at the head of the paragraph on the prosecutor and the "
        "intercessors; check that it covers Rolland's letter.",
    ),
    ("person", "romain-rolland", NOTE_46, "", "Rolland's plea for clemency."),
    # Note 49: Anna Larina's fate and the rehabilitation of 1988.
    ("person", "anna-larina", NOTE_49, "", ""),
    ("document", "act-of-rehabilitation-1988", NOTE_49, "", ""),
    ("event", "1988-rehabilitation", NOTE_49, "", ""),
    # Notes 62 and 63: Martin Amis on Bukharin's "moral hesitation".
    ("person", "martin-amis", NOTE_62, "moral hesitation", ""),
    ("person", "martin-amis", NOTE_63, "", ""),
    (
        "person",
        "nikolai-bukharin",
        NOTE_62,
        "moral hesitation",
        "Amis's judgement of Bukharin among the Bolshevik leaders.",
    ),
    ("person", "nikolai-bukharin", "cohen-1973", "", "For the outline of his life."),
    # The seed's own "[citation needed]" marks.
    (
        "document",
        "novy-mir-new-york",
        None,
        "",
        "The seed asks for a source: Bukharin editing Novy Mir in New York with Trotsky and "
        "Kollontai in October 1916.",
    ),
    (
        "event",
        "1916-novy-mir-new-york",
        None,
        "",
        "The seed asks for a source for the date and the editors of Novy Mir.",
    ),
    (
        "event",
        "1937-arrest-of-bukharin-and-rykov",
        None,
        "methods of physical influence",
        "The seed asks for a source: Bukharin held out for three months until threats to his "
        "wife and infant son, and physical pressure, broke him.",
    ),
    # Quotations that the seed gives without any note: flagged for a source as well.
    (
        "event",
        "1928-meeting-with-kamenev",
        None,
        "Genghis Khan",
        "The seed quotes Bukharin's name for Stalin without a note.",
    ),
    (
        "document",
        "bukharin-last-plea",
        None,
        "peculiar duality of mind",
        "The seed quotes the last plea without a note; cite the trial transcript.",
    ),
    (
        "document",
        "letter-of-an-old-bolshevik",
        None,
        "the mass annihilation of completely defenseless men, with women and children",
        "Nicolaevsky's report of Bukharin's words on collectivisation, quoted without a note.",
    ),
    (
        "document",
        "lenin-letter-to-the-congress",
        None,
        "",
        "The seed quotes Lenin's closing remark on Bukharin and Pyatakov without a note; cite "
        "an edition of the letter.",
    ),
    (
        "photograph",
        "bukharin-and-rykov-before-the-trial",
        None,
        "",
        "The caption's date of 1938 conflicts with both men's arrest in February 1937.",
    ),
]
