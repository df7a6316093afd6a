"""The Trial of the Twenty-One (Moscow, 2–13 March 1938) and the five defendants recorded here."""

TRIAL = {
    "slug": "trial-of-the-twenty-one",
    "title": "Trial of the Twenty-One",
    "date": "1938-03-02/1938-03-13",
    "court": "Military Collegium of the Supreme Court of the USSR",
    "place": "house-of-the-unions",
    "prosecutor": "andrey-vyshinsky",
    "judges": ["vasili-ulrikh"],
    "defendant_count": 21,
    "language": "ru",
    "collection": "trial-records",
    "subjects": ["show-trials", "great-purge", "right-opposition"],
    "documents": ["bukharin-last-plea", "verdict-trial-of-the-twenty-one"],
    "summary": "The third and last of the great Moscow show trials, with Bukharin and Rykov "
    "as its principal defendants.",
    "description": (
        "Twenty-one former leaders of party and state were accused together of forming a "
        "“Bloc of Rightists and Trotskyites” in the service of foreign powers. The case joined "
        "Bukharin and Rykov, once the heads of the party's right wing, to Trotsky's old "
        "supporters, to the former secret-police chief Yagoda and to three Kremlin doctors.\n\n"
        "The hearings took place in the October Hall of the House of the Unions before "
        "foreign diplomats and journalists. Vyshinsky prosecuted; Ulrikh presided. The "
        "defendants confessed, with varying degrees of reservation, and all were found guilty "
        "on 13 March 1938. Most were shot two days later.\n\n"
        "From 1963 onwards Soviet courts annulled most of the verdicts; Bukharin's was set "
        "aside in February 1988."
    ),
}

CHARGES = (
    "Membership of the so-called “Bloc of Rightists and Trotskyites”; conspiring to overthrow "
    "the Soviet state and restore capitalism; espionage for foreign powers; sabotage and "
    "wrecking; terrorist acts against Soviet leaders."
)

# (person, plea, sentence, carried out, rehabilitated, notes)
DEFENDANTS = [
    (
        "nikolai-bukharin",
        "partial",
        "Death by shooting",
        "1938-03-15",
        "1988-02-04",
        "Accepted responsibility as a leader of the alleged bloc but denied taking part in "
        "espionage or in any plot against Lenin's life.",
    ),
    (
        "alexei-rykov",
        "guilty",
        "Death by shooting",
        "1938-03-15",
        "1988",
        "Arrested with Bukharin after the February–March plenum of 1937.",
    ),
    (
        "christian-rakovsky",
        "guilty",
        "Twenty years' imprisonment",
        "1941-09-11",
        "1988",
        "Shot in prison in September 1941 without a further trial; the date carried out is "
        "that of his execution.",
    ),
    (
        "nikolai-krestinsky",
        "partial",
        "Death by shooting",
        "1938-03-15",
        "1963",
        "Retracted his confession in court on the first day and reaffirmed it the next.",
    ),
    (
        "genrikh-yagoda",
        "partial",
        "Death by shooting",
        "1938-03-15",
        "",
        "Not rehabilitated: a later review upheld the verdict against him.",
    ),
]
