"""Documents of the demo archive: Bukharin's works and letters, trial papers, later responses."""

PUBLISHED, REVIEW, DRAFT = "published", "review", "draft"

AUTHOR, EDITOR, RECIPIENT, SIGNATORY, SUBJECT = (
    "author",
    "editor",
    "recipient",
    "signatory",
    "subject",
)

DOCUMENTS = [
    {
        "slug": "imperialism-and-world-economy",
        "title": "Imperialism and World Economy",
        "original_title": "Империализм и мировое хозяйство",
        "kind": "book",
        "date": "1915",
        "language": "ru",
        "collection": "bukharin-papers",
        "rights": "no-copyright-united-states",
        "subjects": ["imperialism", "marxist-theory", "exile"],
        "contributors": [("nikolai-bukharin", AUTHOR)],
        "summary": "Bukharin's study of finance capital and the world market, written in "
        "emigration during the First World War.",
        "description": "Written in 1915, while Bukharin lived abroad after his escape from "
        "exile, the book explains the war as the clash of national blocs of capital competing "
        "for the world economy. It established his standing as a theorist and fed into "
        "Lenin's own pamphlet on imperialism. The date here is that of writing; the book "
        "appeared in print only after the revolution.",
    },
    {
        "slug": "novy-mir-new-york",
        "title": "Novy Mir (New York)",
        "original_title": "Новый мир",
        "kind": "newspaper",
        "date": "1916-10",
        "language": "ru",
        "place": "new-york-city",
        "collection": "soviet-press",
        "rights": "no-copyright-united-states",
        "subjects": ["journalism", "exile"],
        "contributors": [
            ("nikolai-bukharin", EDITOR),
            ("leon-trotsky", EDITOR),
            ("alexandra-kollontai", EDITOR),
        ],
        "summary": "A Russian-language socialist paper in New York that Bukharin edited in the "
        "autumn of 1916 with Trotsky and Kollontai.",
        "description": "The title means “New World”. The émigré daily gave Bukharin a platform "
        "in America; the month recorded here is the one the seed article gives for his "
        "editorship, a statement that still lacks a source.",
    },
    {
        "slug": "abc-of-communism",
        # Placeholder page images; the cover's and title page's words are the book's own.
        "page_images": [
            (
                "Cover",
                "Н. Бухарин и Е. Преображенский\n\nАзбука коммунизма\n\nПопулярное объяснение "
                "программы Российской Коммунистической партии (большевиков)",
            ),
            (
                "Title page",
                "Н. Бухарин, Е. Преображенский\n\nАзбука коммунизма\n\nПопулярное объяснение "
                "программы Российской Коммунистической партии (большевиков)\n\n1920",
            ),
            "p. 5",
        ],
        "title": "The ABC of Communism",
        "original_title": "Азбука коммунизма",
        "kind": "book",
        "date": "1920",
        "language": "ru",
        "collection": "bukharin-papers",
        "rights": "no-copyright-united-states",
        "subjects": ["marxist-theory"],
        "contributors": [
            ("nikolai-bukharin", AUTHOR),
            ("yevgeni-preobrazhensky", AUTHOR),
        ],
        "summary": "A popular commentary on the Bolshevik party programme, written with "
        "Yevgeni Preobrazhensky during the civil war.",
        "description": "Meant for new party members, the book walks through the 1919 "
        "programme point by point. It was reprinted and translated many times and became one "
        "of the most widely read Bolshevik texts of its day.",
    },
    {
        "slug": "historical-materialism",
        "title": "Historical Materialism: A System of Sociology",
        "original_title": "Теория исторического материализма",
        "kind": "book",
        "date": "1921",
        "language": "ru",
        "collection": "bukharin-papers",
        "rights": "no-copyright-united-states",
        "subjects": ["marxist-theory"],
        "contributors": [("nikolai-bukharin", AUTHOR)],
        "summary": "Bukharin's attempt to set out Marxism as a general theory of society.",
        "description": "A textbook in form and an ambitious synthesis in aim, it treats society "
        "as a system in equilibrium with its environment. Critics on the left, among them "
        "Antonio Gramsci, found its approach too mechanical.",
    },
    {
        "slug": "lenin-letter-to-the-congress",
        # Placeholder page images; the texts are excerpts of the letter, one to a leaf.
        "page_images": [
            (
                "f. 1",
                "Я советовал бы очень предпринять на этом съезде ряд перемен в нашем "
                "политическом строе.",
            ),
            (
                "f. 2",
                "Бухарин не только ценнейший и крупнейший теоретик партии, он также законно "
                "считается любимцем всей партии, но его теоретические воззрения очень с большим "
                "сомнением могут быть отнесены к вполне марксистским, ибо в нем есть нечто "
                "схоластическое (он никогда не учился и, думаю, никогда не понимал вполне "
                "диалектики).",
            ),
        ],
        "title": "Letter to the Congress (Lenin's “Testament”)",
        "original_title": "Письмо к съезду",
        "kind": "letter",
        "date": "1922-12",
        "language": "ru",
        "collection": "bukharin-papers",
        "rights": "no-known-copyright",
        "subjects": ["marxist-theory"],
        "contributors": [("vladimir-lenin", AUTHOR), ("nikolai-bukharin", SUBJECT)],
        "summary": "Lenin's dictated notes on his possible successors, with his assessment of "
        "Bukharin.",
        "description": "Lenin praised Bukharin as the party's most valuable theorist and its "
        "favourite, while doubting that his views were fully Marxist. The notes close the "
        "remarks on Bukharin and Pyatakov by saying they hold only for the present.",
    },
    {
        "slug": "notes-of-an-economist",
        "title": "Notes of an Economist",
        "original_title": "Заметки экономиста",
        "kind": "article",
        "date": "1928-09-30",
        "language": "ru",
        "collection": "soviet-press",
        "rights": "no-copyright-united-states",
        "subjects": ["new-economic-policy", "industrialisation", "journalism"],
        "contributors": [("nikolai-bukharin", AUTHOR)],
        "summary": "Bukharin's last public argument in Pravda for balanced growth.",
        "description": "Without naming Stalin, the article warns that pushing industry faster "
        "than agriculture can bear would wreck the economy. It was read at once as an attack "
        "on the new course.",
    },
    {
        "slug": "letter-of-an-old-bolshevik",
        "title": "Letter of an Old Bolshevik",
        "original_title": "Как подготовлялся московский процесс (Из письма старого большевика)",
        "kind": "letter",
        "date": "1936",
        "language": "ru",
        "status": REVIEW,
        "place": "paris",
        "collection": "soviet-press",
        "rights": "in-copyright",
        "subjects": ["great-purge", "collectivisation", "exile"],
        "contributors": [("boris-nicolaevsky", AUTHOR), ("nikolai-bukharin", SUBJECT)],
        "summary": "An anonymous account of the politics behind the terror, drawn from "
        "Nicolaevsky's talks with Bukharin in Paris.",
        "description": "Published without a name in the émigré Menshevik press, the letter "
        "shaped Western views of the Ryutin affair and the Kirov murder for a generation. "
        "Nicolaevsky later said it rested on his conversations with Bukharin in 1936. How far "
        "it reports Bukharin's own words is disputed. (In review: the attribution and the "
        "original title need checking.)",
    },
    {
        "slug": "letters-to-stalin-from-prison",
        "page_images": [("f. 1", "(Черновик расшифровки: текст письма ещё не сверен.)")],
        "title": "Letters to Stalin from prison",
        "kind": "letter",
        "date": "1937/1938",
        "language": "ru",
        "status": DRAFT,
        "collection": "trial-records",
        "rights": "no-known-copyright",
        "subjects": ["great-purge"],
        "contributors": [("nikolai-bukharin", AUTHOR), ("joseph-stalin", RECIPIENT)],
        "summary": "Letters Bukharin wrote to Stalin from his cell, pleading his case.",
        "description": "During his year in prison Bukharin wrote repeatedly to Stalin, trying "
        "to bargain over the charges, his fate and a hoped-for release. None of it changed "
        "the outcome. (Draft: the individual letters are to be listed as separate records.)",
    },
    {
        "slug": "bukharin-last-plea",
        "title": "Bukharin's last plea at the trial",
        "kind": "speech",
        "date": "1938-03-12",
        "language": "ru",
        "place": "house-of-the-unions",
        "collection": "trial-records",
        "rights": "no-known-copyright",
        "subjects": ["show-trials", "great-purge"],
        "contributors": [("nikolai-bukharin", AUTHOR)],
        "summary": "Bukharin's final statement to the court on the evening before the verdict.",
        "description": "He accepted political responsibility for the alleged bloc while "
        "disputing many of its particular crimes, and described the split in his own mind "
        "that had, he said, paralysed his will. Readers ever since have argued over what the "
        "speech concedes and what it quietly denies.",
    },
    {
        "slug": "verdict-trial-of-the-twenty-one",
        "title": "Verdict of the Military Collegium in the Trial of the Twenty-One",
        "kind": "decree",
        "date": "1938-03-13",
        "language": "ru",
        "place": "house-of-the-unions",
        "collection": "trial-records",
        "rights": "no-known-copyright",
        "subjects": ["show-trials"],
        "contributors": [("vasili-ulrikh", SIGNATORY), ("nikolai-bukharin", SUBJECT)],
        "summary": "The sentence read out in the early hours of 13 March 1938.",
        "description": "The court found all twenty-one defendants guilty. Eighteen were "
        "sentenced to death, among them Bukharin, Rykov, Krestinsky and Yagoda; Rakovsky and "
        "two others received prison terms.",
    },
    {
        "slug": "rolland-letter-to-stalin",
        "title": "Romain Rolland's letter to Stalin asking for clemency",
        "kind": "letter",
        "date": "1937/1938",
        "language": "fr",
        "collection": "trial-records",
        "rights": "in-copyright",
        "subjects": ["great-purge", "literature"],
        "contributors": [
            ("romain-rolland", AUTHOR),
            ("joseph-stalin", RECIPIENT),
            ("nikolai-bukharin", SUBJECT),
        ],
        "summary": "A French Nobel laureate asks Stalin to spare Bukharin's life.",
        "description": "Rolland argued that a mind like Bukharin's was too precious to lose and "
        "reminded Stalin that France still mourned Lavoisier, sent to the guillotine by its "
        "own revolution. The exact date of the letter is to be confirmed.",
    },
    {
        "slug": "darkness-at-noon",
        "title": "Darkness at Noon",
        "kind": "novel",
        "date": "1940",
        "language": "en",
        "place": "london",
        "publisher": "Jonathan Cape",
        "collection": "reception-and-memory",
        "rights": "in-copyright",
        "subjects": ["literature", "show-trials"],
        "contributors": [("arthur-koestler", AUTHOR)],
        "summary": "Koestler's novel of an Old Bolshevik brought to confess in a Stalinist prison.",
        "description": "Its hero, Rubashov, is a composite, but the puzzle he embodies, why a "
        "veteran revolutionary would accuse himself, was the puzzle of the Bukharin trial. "
        "Written in German, the novel first appeared in English translation.",
    },
    {
        "slug": "humanism-and-terror",
        "title": "Humanism and Terror",
        "original_title": "Humanisme et terreur",
        "kind": "essay",
        "date": "1947",
        "language": "fr",
        "place": "paris",
        "publisher": "Gallimard",
        "collection": "reception-and-memory",
        "rights": "in-copyright",
        "subjects": ["literature", "show-trials"],
        "contributors": [("maurice-merleau-ponty", AUTHOR)],
        "summary": "Merleau-Ponty's reply to Koestler, reading Bukharin's trial as a problem "
        "of political responsibility.",
        "description": "The essay argues that history judges acts by their consequences, and "
        "takes Bukharin's ambiguous confession as its central case.",
    },
    {
        "slug": "act-of-rehabilitation-1988",
        "title": "Act of rehabilitation of Nikolai Bukharin",
        "kind": "decree",
        "date": "1988-02-04",
        "language": "ru",
        "place": "moscow",
        "collection": "trial-records",
        "rights": "no-known-copyright",
        "subjects": ["rehabilitation"],
        "contributors": [("nikolai-bukharin", SUBJECT)],
        "summary": "The Supreme Court of the USSR annuls the 1938 verdict.",
        "description": "Fifty years after the trial the Soviet Supreme Court set aside the "
        "sentence for want of any crime. Party rehabilitation followed later in 1988.",
    },
]
