"""Dated events for the Bukharin timeline, each with the persons involved and a place."""

PUBLISHED, DRAFT = "published", "draft"

EVENTS = [
    {
        "slug": "1905-student-movement",
        "title": "Bukharin and Ehrenburg in the student movement of 1905",
        "date": "1905",
        "kind": "political",
        "place": "moscow-university",
        "persons": ["nikolai-bukharin", "ilya-ehrenburg"],
        "subjects": [],
        "summary": "At sixteen Bukharin joins the student agitation at Moscow University, "
        "with his friend Ilya Ehrenburg.",
        "description": "The revolution of 1905 brought schoolboys and students into the "
        "streets and lecture halls of Moscow. It was Bukharin's first political experience "
        "and the beginning of his lifelong friendship with Ehrenburg.",
    },
    {
        "slug": "1910-arrest-and-exile-to-onega",
        "title": "Arrest and internal exile to Onega",
        "date": "1910",
        "kind": "arrest",
        "place": "onega",
        "persons": ["nikolai-bukharin"],
        "subjects": ["exile"],
        "summary": "The tsarist police arrest Bukharin and banish him to the far north.",
        "description": "After several years of underground party work in Moscow, Bukharin was "
        "seized in 1910 and sentenced to administrative exile in the White Sea town of Onega.",
    },
    {
        "slug": "1911-escape-abroad",
        "title": "Escape from exile and emigration",
        "date": "1911",
        "kind": "travel",
        "place": "onega",
        "persons": ["nikolai-bukharin"],
        "subjects": ["exile"],
        "summary": "Bukharin escapes from Onega and leaves Russia.",
        "description": "Within a year of his banishment Bukharin fled abroad. He would spend "
        "six years in emigration in Europe and America.",
    },
    {
        "slug": "emigration-meeting-lenin-and-trotsky",
        "title": "Meeting Lenin and Trotsky in emigration",
        "date": "1912/1916",
        "kind": "meeting",
        "persons": ["nikolai-bukharin", "vladimir-lenin", "leon-trotsky"],
        "subjects": ["exile"],
        "summary": "Abroad, Bukharin comes to know the two men who would lead the revolution.",
        "description": "His years in emigration put Bukharin in close touch with Lenin, with "
        "whom he corresponded and argued, and with Trotsky.",
    },
    {
        "slug": "1915-imperialism-and-world-economy",
        "title": "Bukharin writes Imperialism and World Economy",
        "date": "1915",
        "kind": "publication",
        "persons": ["nikolai-bukharin"],
        "subjects": ["imperialism", "marxist-theory"],
        "summary": "The wartime study that made Bukharin's name as an economist.",
        "description": "Bukharin completed his analysis of imperialism and the world market "
        "in 1915, in the middle of the war it set out to explain.",
    },
    {
        "slug": "1916-novy-mir-new-york",
        "title": "Editing Novy Mir in New York",
        "date": "1916-10",
        "kind": "publication",
        "place": "new-york-city",
        "persons": ["nikolai-bukharin", "leon-trotsky", "alexandra-kollontai"],
        "subjects": ["journalism", "exile"],
        "summary": "In New York Bukharin edits the Russian socialist paper Novy Mir with "
        "Trotsky and Kollontai.",
        "description": "Bukharin reached the United States in 1916 and "
        "worked on Novy Mir until the February Revolution called the émigrés home.",
    },
    {
        "slug": "1918-left-communists",
        "title": "Bukharin leads the Left Communists",
        "date": "1918",
        "kind": "political",
        "place": "moscow",
        "persons": ["nikolai-bukharin", "vladimir-lenin"],
        "subjects": ["left-communists"],
        "summary": "Bukharin heads the party faction that rejects a separate peace with Germany.",
        "description": "The Left Communists wanted a revolutionary war rather than the "
        "treaty of Brest-Litovsk, and were just as opposed to accepting help from Britain and "
        "France. Lenin's view prevailed.",
    },
    {
        "slug": "1920-abc-of-communism",
        "title": "The ABC of Communism appears",
        "date": "1920",
        "kind": "publication",
        "persons": ["nikolai-bukharin", "yevgeni-preobrazhensky"],
        "subjects": ["marxist-theory"],
        "summary": "Bukharin and Preobrazhensky publish their popular guide to the party "
        "programme.",
        "description": "Written during the civil war, the book became a standard primer for "
        "party members at home and abroad.",
    },
    {
        "slug": "1920-second-comintern-congress",
        "title": "Second World Congress of the Comintern",
        "date": "1920-07-19/1920-08-07",
        "kind": "meeting",
        "place": "moscow",
        "persons": ["nikolai-bukharin", "vladimir-lenin", "grigory-zinoviev"],
        "subjects": ["comintern"],
        "summary": "The congress that set the terms of membership for Communist parties worldwide.",
        "description": "Opened in Petrograd and continued in Moscow, the congress adopted the "
        "conditions of admission to the International.",
    },
    {
        "slug": "1921-historical-materialism",
        "title": "Historical Materialism is published",
        "date": "1921",
        "kind": "publication",
        "persons": ["nikolai-bukharin"],
        "subjects": ["marxist-theory"],
        "summary": "Bukharin's systematic sociology appears.",
        "description": "The book set out to present Marxism as a complete theory of society.",
    },
    {
        "slug": "1926-comintern-leadership",
        "title": "Bukharin takes charge of the Comintern",
        "date": "1926",
        "kind": "political",
        "place": "moscow",
        "persons": [
            "nikolai-bukharin",
            "alexei-rykov",
            "mikhail-tomsky",
            "grigory-zinoviev",
        ],
        "subjects": ["comintern", "right-opposition"],
        "summary": "Bukharin becomes General Secretary of the Comintern's executive committee.",
        "description": "With Zinoviev removed, Bukharin took over the International. At home "
        "he led the party's right wing alongside Rykov, head of the government, and Tomsky, "
        "head of the trade unions.",
    },
    {
        "slug": "1928-grain-crisis",
        "title": "Grain crisis and the Politburo debates",
        "date": "1928",
        "kind": "political",
        "place": "moscow",
        "persons": [
            "nikolai-bukharin",
            "joseph-stalin",
            "alexei-rykov",
            "mikhail-tomsky",
        ],
        "subjects": ["new-economic-policy", "collectivisation", "industrialisation"],
        "summary": "Falling grain deliveries push Stalin toward forced collectivisation; "
        "Bukharin argues against it all year.",
        "description": "Bukharin wanted industry too, but by letting peasants prosper and sell "
        "more grain. In the Politburo and at party meetings he warned that requisitioning "
        "would fail as it had under War Communism. Stalin answered that the right wing's "
        "views were a capitalist deviation that endangered the revolution.",
    },
    {
        "slug": "1928-meeting-with-kamenev",
        "title": "Bukharin's secret talk with Kamenev",
        "date": "1928-07",
        "kind": "meeting",
        "place": "moscow",
        "persons": ["nikolai-bukharin", "lev-kamenev", "grigory-zinoviev"],
        "subjects": ["right-opposition"],
        "summary": "Bukharin seeks support from his former opponents and speaks bitterly of "
        "Stalin.",
        "description": "Bukharin told Kamenev that Stalin changed policies only to get rid of "
        "rivals. Notes of the conversation reached the Trotskyist press, and their "
        "publication exposed him to charges of factional plotting.",
    },
    {
        "slug": "1929-removal-from-leadership",
        "title": "Removal from Pravda, the Comintern and the Politburo",
        "date": "1929",
        "kind": "political",
        "place": "moscow",
        "persons": ["nikolai-bukharin", "joseph-stalin"],
        "subjects": ["right-opposition", "collectivisation"],
        "summary": "Labelled the leader of a Right Opposition, Bukharin loses his posts.",
        "description": "As Stalin launched collectivisation in the “Great Break”, Bukharin "
        "was removed as editor of Pravda, dropped from the Comintern and finally expelled "
        "from the Politburo.",
    },
    {
        "slug": "1934-kirov-murder",
        "title": "Murder of Sergei Kirov",
        "date": "1934-12-01",
        "kind": "political",
        "status": DRAFT,
        "place": "leningrad",
        "persons": ["sergei-kirov"],
        "subjects": ["great-purge"],
        "summary": "The Leningrad party leader is shot; the killing becomes the pretext for "
        "mass repression.",
        "description": "Draft: to be linked to the Letter of an Old Bolshevik and to the "
        "charges of 1936–1938.",
    },
    {
        "slug": "1936-paris-mission",
        "title": "Mission to Paris for the Marx–Engels archives",
        "date": "1936-02",
        "kind": "travel",
        "place": "paris",
        "persons": ["nikolai-bukharin", "boris-nicolaevsky", "anna-larina"],
        "subjects": ["exile"],
        "summary": "Stalin sends Bukharin to Paris to buy the papers of Marx and Engels.",
        "description": "The German Social Democrats had rescued the manuscripts from Hitler's "
        "Germany, and Nicolaevsky held them on the party's behalf. The negotiation failed, "
        "but the conversations with Nicolaevsky became the basis of the “Letter of an Old "
        "Bolshevik”. Anna Larina joined her husband in Paris.",
    },
    {
        "slug": "1936-trial-of-zinoviev-and-kamenev",
        "title": "Trial of Zinoviev and Kamenev",
        "date": "1936-08-19/1936-08-24",
        "kind": "trial",
        "place": "house-of-the-unions",
        "persons": ["grigory-zinoviev", "lev-kamenev", "andrey-vyshinsky", "mikhail-tomsky"],
        "subjects": ["show-trials", "great-purge"],
        "summary": "The first Moscow show trial; the defendants are shot the day after the "
        "verdict.",
        "description": "Testimony at the trial named Bukharin, Rykov and Tomsky; Tomsky "
        "killed himself, and the case against the other two began.",
    },
    {
        "slug": "1937-arrest-of-bukharin-and-rykov",
        "title": "Arrest of Bukharin and Rykov",
        "date": "1937-02-27",
        "kind": "arrest",
        "place": "moscow",
        "persons": ["nikolai-bukharin", "alexei-rykov", "anna-larina"],
        "subjects": ["great-purge"],
        "summary": "After a Central Committee plenum, Bukharin and Rykov are arrested and "
        "accused of conspiring against the state.",
        "description": "The plenum of February–March 1937 handed the two men over to the "
        "NKVD. Bukharin resisted his interrogators for about three months before he began "
        "to confess.",
    },
    {
        "slug": "1938-trial-of-the-twenty-one",
        "title": "Trial of the Twenty-One",
        "date": "1938-03-02/1938-03-13",
        "kind": "trial",
        "place": "house-of-the-unions",
        "persons": [
            "nikolai-bukharin",
            "alexei-rykov",
            "christian-rakovsky",
            "nikolai-krestinsky",
            "genrikh-yagoda",
            "andrey-vyshinsky",
            "vasili-ulrikh",
        ],
        "subjects": ["show-trials", "great-purge"],
        "summary": "Bukharin and twenty others are tried before the Military Collegium.",
        "description": "See the trial record for the court, the charges and the fate of each "
        "defendant.",
    },
    {
        "slug": "1938-execution",
        "title": "Execution of Bukharin, Rykov, Krestinsky and Yagoda",
        "date": "1938-03-15",
        "kind": "life",
        "place": "moscow",
        "persons": [
            "nikolai-bukharin",
            "alexei-rykov",
            "nikolai-krestinsky",
            "genrikh-yagoda",
        ],
        "subjects": ["great-purge"],
        "summary": "Two days after the verdict the men sentenced to death are shot.",
        "description": "Bukharin was forty-nine.",
        "content_notice": "This record concerns the execution of political prisoners.",
    },
    {
        "slug": "1940-darkness-at-noon",
        "title": "Darkness at Noon is published",
        "date": "1940",
        "kind": "publication",
        "place": "london",
        "persons": ["arthur-koestler"],
        "subjects": ["literature"],
        "summary": "Koestler's novel turns the Moscow confessions into literature.",
        "description": "The book fixed for many Western readers an image of the trials as "
        "the self-sacrifice of loyal revolutionaries.",
    },
    {
        "slug": "1947-humanism-and-terror",
        "title": "Humanism and Terror is published",
        "date": "1947",
        "kind": "publication",
        "place": "paris",
        "persons": ["maurice-merleau-ponty"],
        "subjects": ["literature"],
        "summary": "Merleau-Ponty's essay on Bukharin's trial answers Koestler.",
        "description": "The essay began a long French debate about Communism and violence.",
    },
    {
        "slug": "1988-rehabilitation",
        "title": "Bukharin is rehabilitated",
        "date": "1988-02-04",
        "kind": "legal",
        "place": "moscow",
        "persons": ["nikolai-bukharin", "anna-larina", "mikhail-gorbachev"],
        "subjects": ["rehabilitation"],
        "summary": "Under Gorbachev, the Supreme Court of the USSR annuls the 1938 verdict.",
        "description": "Anna Larina, who had survived the camps, lived to see her husband's "
        "name cleared.",
    },
]
