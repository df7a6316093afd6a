"""Persons of the demo archive: names, life dates (EDTF, Gregorian calendar) and relations.

Life dates are the well-established ones; where only the year is certain, only the year is given.
Wikidata IDs are filled in only where they are beyond doubt, and left blank otherwise.
"""

PUBLISHED, REVIEW, DRAFT, WITHDRAWN = "published", "review", "draft", "withdrawn"

ORIGINAL, TRANSLIT, BIRTH, VARIANT = "original", "transliteration", "birth", "variant"

PERSONS = [
    {
        "slug": "nikolai-bukharin",
        "title": "Nikolai Bukharin",
        "sort_name": "Bukharin, Nikolai Ivanovich",
        "birth": "1888-10-09",
        "death": "1938-03-15",
        "birth_place": "moscow",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["marxist-theory", "new-economic-policy", "right-opposition", "great-purge"],
        "summary": "Bolshevik theorist, editor of Pravda and leader of the Comintern, condemned "
        "at the last great Moscow show trial and rehabilitated fifty years later.",
        "description": (
            "Born in Moscow in 1888, Bukharin was drawn into revolutionary politics as a "
            "schoolboy during the upheaval of 1905. Tsarist police arrested him in 1910 and "
            "banished him to the north; he slipped away abroad in 1911, came to know Lenin and "
            "Trotsky in emigration, and made his name as an economist of imperialism.\n\n"
            "After 1917 he moved from the Left Communists, who opposed the separate peace with "
            "Germany, to become the leading defender of the New Economic Policy. With Rykov and "
            "Tomsky he led the party's right wing and headed the Comintern from 1926, until "
            "Stalin's turn to forced collectivisation cost him his posts in 1929.\n\n"
            "Arrested in February 1937, he was the chief defendant at the Trial of the "
            "Twenty-One in March 1938 and was shot on 15 March. The Soviet Supreme Court "
            "annulled the verdict in February 1988."
        ),
        "names": [
            ("Николай Иванович Бухарин", ORIGINAL, "ru"),
            ("Бухарин", ORIGINAL, "ru"),
            ("Nikolai Ivanovich Bukharin", TRANSLIT, "en"),
            ("N. I. Bukharin", VARIANT, "en"),
            ("Boukharine", TRANSLIT, "fr"),
            ("Nicolas Boukharine", TRANSLIT, "fr"),
            ("Bucharin", TRANSLIT, "de"),
            ("Nikolai Iwanowitsch Bucharin", TRANSLIT, "de"),
        ],
    },
    {
        "slug": "vladimir-lenin",
        "title": "Vladimir Lenin",
        "sort_name": "Lenin, Vladimir Ilyich",
        "birth": "1870-04-22",
        "death": "1924-01-21",
        "wikidata_id": "Q1394",
        "language": "ru",
        "subjects": ["marxist-theory"],
        "summary": "Founder of the Bolshevik party and first head of the Soviet government.",
        "description": "Bukharin met Lenin in emigration before the First World War. They "
        "quarrelled over the state and over the peace of 1918, yet Lenin's last notes to the "
        "party still counted Bukharin among its most valuable theorists.",
        "names": [
            ("Владимир Ильич Ленин", ORIGINAL, "ru"),
            ("Vladimir Ilyich Ulyanov", BIRTH, "en"),
        ],
    },
    {
        "slug": "leon-trotsky",
        "title": "Leon Trotsky",
        "sort_name": "Trotsky, Leon",
        "birth": "1879-11-07",
        "death": "1940-08-21",
        "language": "ru",
        "subjects": ["journalism", "exile"],
        "summary": "Revolutionary, founder of the Red Army, and Stalin's most famous exiled "
        "opponent.",
        "description": "Trotsky worked beside Bukharin on the émigré paper Novy Mir in New "
        "York. In the 1920s they stood on opposite sides; by the 1938 trial the prosecution "
        "presented Trotsky as the hidden hand behind every defendant.",
        "names": [
            ("Лев Давидович Троцкий", ORIGINAL, "ru"),
            ("Lev Davidovich Bronstein", BIRTH, "en"),
        ],
    },
    {
        "slug": "joseph-stalin",
        "title": "Joseph Stalin",
        "sort_name": "Stalin, Joseph",
        "birth": "1878-12-18",
        "death": "1953-03-05",
        "wikidata_id": "Q855",
        "language": "ru",
        "subjects": ["collectivisation", "great-purge"],
        "summary": "General Secretary of the Soviet Communist Party; Bukharin's ally against "
        "the Left Opposition, later his enemy.",
        "description": "Stalin and Bukharin governed together in the mid-1920s in defence of "
        "the NEP. When grain deliveries fell short in 1928 Stalin changed course toward forced "
        "collectivisation and rapid industry, and branded Bukharin's resistance a right "
        "deviation. Bukharin's pleas from prison were addressed to him.",
        "names": [
            ("Иосиф Виссарионович Сталин", ORIGINAL, "ru"),
            ("Ioseb Jughashvili", BIRTH, "ka"),
        ],
    },
    {
        "slug": "ilya-ehrenburg",
        "title": "Ilya Ehrenburg",
        "sort_name": "Ehrenburg, Ilya Grigoryevich",
        "birth": "1891-01-26",
        "death": "1967-08-31",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["literature"],
        "summary": "Writer and journalist, Bukharin's friend from their school days.",
        "description": "Ehrenburg and Bukharin took part together in the student agitation at "
        "Moscow University in 1905. The friendship lasted; Ehrenburg attended the 1938 trial "
        "as a reporter and later wrote about his friend in his memoirs.",
        "names": [("Илья Григорьевич Эренбург", ORIGINAL, "ru")],
    },
    {
        "slug": "alexandra-kollontai",
        "title": "Alexandra Kollontai",
        "sort_name": "Kollontai, Alexandra Mikhailovna",
        "birth": "1872-03-31",
        "death": "1952-03-09",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["journalism"],
        "summary": "Revolutionary, writer and later Soviet diplomat; co-editor of Novy Mir.",
        "description": "Kollontai was in New York in 1916 and shared the editing of the "
        "Russian-language Novy Mir with Bukharin and Trotsky.",
        "names": [("Александра Михайловна Коллонтай", ORIGINAL, "ru")],
    },
    {
        "slug": "alexei-rykov",
        "title": "Alexei Rykov",
        "sort_name": "Rykov, Alexei Ivanovich",
        "birth": "1881-02-25",
        "death": "1938-03-15",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["right-opposition", "show-trials"],
        "summary": "Lenin's successor as head of the Soviet government; Bukharin's closest "
        "ally and co-defendant.",
        "description": "Rykov chaired the Council of People's Commissars after Lenin's death "
        "and belonged with Bukharin and Tomsky to the Politburo's right wing. He was arrested "
        "with Bukharin in February 1937, tried beside him and shot on the same day.",
        "names": [("Алексей Иванович Рыков", ORIGINAL, "ru")],
    },
    {
        "slug": "mikhail-tomsky",
        "title": "Mikhail Tomsky",
        "sort_name": "Tomsky, Mikhail Pavlovich",
        "birth": "1880-10-31",
        "death": "1936-08-22",
        "language": "ru",
        "subjects": ["right-opposition"],
        "summary": "Head of the Soviet trade unions and the third leader of the right wing.",
        "description": "Tomsky led the trade unions and sat in the Politburo with Bukharin and "
        "Rykov. Named during the first Moscow trial in August 1936, he took his own life "
        "rather than face arrest.",
        "names": [
            ("Михаил Павлович Томский", ORIGINAL, "ru"),
            ("Mikhail Pavlovich Yefremov", BIRTH, "en"),
        ],
    },
    {
        "slug": "lev-kamenev",
        "title": "Lev Kamenev",
        "sort_name": "Kamenev, Lev Borisovich",
        "birth": "1883-07-18",
        "death": "1936-08-25",
        "birth_place": "moscow",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["show-trials"],
        "summary": "Old Bolshevik, once Stalin's partner, later his opponent; shot in 1936.",
        "description": "In 1928, out of power, Kamenev received a secret visit from Bukharin, "
        "whose frank words about Stalin later leaked and were held against him. Kamenev was a "
        "chief defendant at the first Moscow trial in August 1936 and was executed after it.",
        "names": [
            ("Лев Борисович Каменев", ORIGINAL, "ru"),
            ("Lev Borisovich Rozenfeld", BIRTH, "en"),
        ],
    },
    {
        "slug": "grigory-zinoviev",
        "title": "Grigory Zinoviev",
        "sort_name": "Zinoviev, Grigory Yevseyevich",
        "birth": "1883-09-23",
        "death": "1936-08-25",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["comintern", "show-trials"],
        "summary": "First chairman of the Comintern; tried and shot with Kamenev in 1936.",
        "description": "Zinoviev led the Communist International until 1926, when Bukharin "
        "took over its direction. Bukharin later sought his support against Stalin, without "
        "result.",
        "names": [("Григорий Евсеевич Зиновьев", ORIGINAL, "ru")],
    },
    {
        "slug": "boris-nicolaevsky",
        "title": "Boris Nicolaevsky",
        "sort_name": "Nicolaevsky, Boris Ivanovich",
        "birth": "1887",
        "death": "1966",
        "language": "ru",
        "subjects": ["exile"],
        "summary": "Menshevik historian and archivist in emigration, keeper of the Marx and "
        "Engels papers for the German Social Democrats.",
        "description": "Nicolaevsky held the manuscripts of Marx and Engels on behalf of the "
        "SPD when Bukharin came to Paris in 1936 to negotiate their purchase. Their long "
        "conversations fed into the anonymous “Letter of an Old Bolshevik”.",
        "names": [
            ("Борис Иванович Николаевский", ORIGINAL, "ru"),
            ("Boris Nikolayevsky", TRANSLIT, "en"),
        ],
    },
    {
        "slug": "christian-rakovsky",
        "title": "Christian Rakovsky",
        "sort_name": "Rakovsky, Christian Georgievich",
        "birth": "1873-08-13",
        "death": "1941-09-11",
        "language": "ru",
        "subjects": ["show-trials"],
        "summary": "Bulgarian-born revolutionary and Soviet diplomat; co-defendant in 1938.",
        "description": "Rakovsky, a former Soviet envoy to London and Paris and a supporter of "
        "Trotsky, was tried with Bukharin and given twenty years. He was shot in September "
        "1941 with other prisoners as German troops approached.",
        "names": [("Христиан Георгиевич Раковский", ORIGINAL, "ru")],
    },
    {
        "slug": "nikolai-krestinsky",
        "title": "Nikolai Krestinsky",
        "sort_name": "Krestinsky, Nikolai Nikolayevich",
        "birth": "1883-10-13",
        "death": "1938-03-15",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["show-trials"],
        "summary": "Early party secretary and diplomat; co-defendant in 1938.",
        "description": "On the first day of the trial Krestinsky withdrew his confession in "
        "open court, the only defendant to do so; the next day he returned to it. He was shot "
        "with Bukharin and rehabilitated in 1963.",
        "names": [("Николай Николаевич Крестинский", ORIGINAL, "ru")],
    },
    {
        "slug": "genrikh-yagoda",
        "title": "Genrikh Yagoda",
        "sort_name": "Yagoda, Genrikh Grigoryevich",
        "birth": "1891",
        "death": "1938-03-15",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["great-purge", "show-trials"],
        "summary": "Former head of the NKVD, put in the dock beside the men his service had "
        "hunted.",
        "description": "Yagoda ran the secret police during the first Moscow trial, was "
        "replaced in 1936 and arrested in 1937. He was sentenced to death with Bukharin; "
        "unlike most of his co-defendants he has never been rehabilitated.",
        "names": [("Генрих Григорьевич Ягода", ORIGINAL, "ru")],
    },
    {
        "slug": "andrey-vyshinsky",
        "title": "Andrey Vyshinsky",
        "sort_name": "Vyshinsky, Andrey Yanuaryevich",
        "birth": "1883-12-10",
        "death": "1954-11-22",
        "death_place": "new-york-city",
        "language": "ru",
        "subjects": ["show-trials"],
        "summary": "Procurator-General of the USSR and prosecutor at the Moscow show trials.",
        "description": "Vyshinsky conducted the prosecution in all three Moscow trials. His "
        "closing speeches heaped abuse on the accused; he later served as Soviet foreign "
        "minister and died in New York while representing the USSR at the United Nations.",
        "names": [("Андрей Януарьевич Вышинский", ORIGINAL, "ru")],
    },
    {
        "slug": "romain-rolland",
        "title": "Romain Rolland",
        "sort_name": "Rolland, Romain",
        "birth": "1866-01-29",
        "death": "1944-12-30",
        "language": "fr",
        "subjects": ["literature"],
        "summary": "French writer and Nobel laureate who pleaded with Stalin for Bukharin.",
        "description": "Rolland met Stalin in Moscow in 1935 and knew Bukharin personally. "
        "After Bukharin's arrest he wrote to Stalin asking for mercy and compared the case to "
        "the execution of Lavoisier in the French Revolution.",
        "names": [],
    },
    {
        "slug": "anna-larina",
        "title": "Anna Larina",
        "sort_name": "Larina, Anna Mikhailovna",
        "birth": "1914-01-27",
        "death": "1996-02-24",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["rehabilitation", "great-purge"],
        "summary": "Bukharin's young wife; a survivor of the camps who lived to see him "
        "rehabilitated.",
        "description": "Larina married Bukharin in 1934 and had a son with him in 1936. After "
        "his arrest she was sent to the camps and exile despite the promises he had been "
        "given. She committed his last letter to the party to memory and campaigned for "
        "decades to clear his name, which the Soviet state did in 1988.",
        "names": [
            ("Анна Михайловна Ларина", ORIGINAL, "ru"),
            ("Anna Bukharina", VARIANT, "en"),
        ],
    },
    {
        "slug": "mikhail-gorbachev",
        "title": "Mikhail Gorbachev",
        "sort_name": "Gorbachev, Mikhail Sergeyevich",
        "birth": "1931-03-02",
        "death": "2022-08-30",
        "death_place": "moscow",
        "language": "ru",
        "subjects": ["rehabilitation"],
        "summary": "Last leader of the Soviet Union, under whom Bukharin was rehabilitated.",
        "description": "Gorbachev's policy of glasnost reopened the cases of the purge years; "
        "in 1987 he named Bukharin in a speech as a figure to be reassessed, and the verdict "
        "against him was annulled early in 1988.",
        "names": [("Михаил Сергеевич Горбачёв", ORIGINAL, "ru")],
    },
    {
        "slug": "yevgeni-preobrazhensky",
        "title": "Yevgeni Preobrazhensky",
        "sort_name": "Preobrazhensky, Yevgeni Alexeyevich",
        "birth": "1886",
        "death": "1937-07-13",
        "language": "ru",
        "subjects": ["marxist-theory"],
        "summary": "Bolshevik economist and Bukharin's co-author on The ABC of Communism.",
        "description": "Preobrazhensky wrote The ABC of Communism with Bukharin during the "
        "civil war. In the 1920s they argued on opposite sides about how to pay for Soviet "
        "industry. He was shot in 1937.",
        "names": [
            ("Евгений Алексеевич Преображенский", ORIGINAL, "ru"),
            ("Evgenii Preobrazhensky", TRANSLIT, "en"),
        ],
    },
    {
        "slug": "arthur-koestler",
        "title": "Arthur Koestler",
        "sort_name": "Koestler, Arthur",
        "birth": "1905-09-05",
        "death": "1983-03-01",
        "death_place": "london",
        "language": "en",
        "subjects": ["literature"],
        "summary": "Hungarian-born writer whose novel Darkness at Noon drew on the Bukharin trial.",
        "description": "A Communist through the early 1930s, Koestler broke with the party "
        "over the Moscow trials. The riddle of the confessions became the core of his novel "
        "Darkness at Noon.",
        "names": [],
    },
    {
        "slug": "maurice-merleau-ponty",
        "title": "Maurice Merleau-Ponty",
        "sort_name": "Merleau-Ponty, Maurice",
        "birth": "1908-03-14",
        "death": "1961-05-03",
        "death_place": "paris",
        "language": "fr",
        "subjects": ["literature"],
        "summary": "French philosopher who answered Koestler in Humanism and Terror.",
        "description": "Merleau-Ponty read the trial record closely and made Bukharin's "
        "conduct in the dock the centre of a philosophical essay on violence and history.",
        "names": [],
    },
    {
        "slug": "bertram-wolfe",
        "title": "Bertram Wolfe",
        "sort_name": "Wolfe, Bertram David",
        "birth": "1896",
        "death": "1977",
        "language": "en",
        "subjects": ["right-opposition"],
        "summary": "American Communist, later a historian of the revolution and critic of "
        "Communism.",
        "description": "Wolfe belonged to the American faction associated with Bukharin. The "
        "1938 trial ended his attachment to Communism; he became one of its best-known "
        "critics.",
        "names": [],
    },
    {
        "slug": "jay-lovestone",
        "title": "Jay Lovestone",
        "sort_name": "Lovestone, Jay",
        "birth": "1897",
        "death": "1990",
        "language": "en",
        "subjects": ["right-opposition"],
        "summary": "Leader of the American Communist Party expelled in 1929 as a Bukharin "
        "supporter.",
        "description": "Lovestone's group was cast out of the Comintern's American section when "
        "Bukharin fell. The trial confirmed his break, and he turned into a resolute "
        "anti-Communist in the labour movement.",
        "names": [],
    },
    {
        "slug": "heinrich-brandler",
        "title": "Heinrich Brandler",
        "sort_name": "Brandler, Heinrich",
        "birth": "1881",
        "death": "1967",
        "language": "de",
        "subjects": ["right-opposition"],
        "summary": "German Communist leader of the right-wing opposition around 1928–1929.",
        "description": "Brandler led the German Communist opposition that sided with "
        "Bukharin's line; the trial marked his final break with Moscow.",
        "names": [],
    },
    {
        "slug": "ivan-skvortsov-stepanov",
        "title": "Ivan Skvortsov-Stepanov",
        "sort_name": "Skvortsov-Stepanov, Ivan Ivanovich",
        "birth": "1870",
        "death": "1928-10-08",
        "language": "ru",
        "subjects": ["journalism"],
        "summary": "Old Bolshevik, first People's Commissar for Finance, later an editor.",
        "description": "Skvortsov-Stepanov served briefly as the first Soviet commissar of "
        "finance and spent his later years in party journalism. He appears with Bukharin in "
        "a group photograph of Old Bolsheviks.",
        "names": [("Иван Иванович Скворцов-Степанов", ORIGINAL, "ru")],
    },
    {
        "slug": "lev-karakhan",
        "title": "Lev Karakhan",
        "sort_name": "Karakhan, Lev Mikhailovich",
        "birth": "1889",
        "death": "1937-09-20",
        "language": "ru",
        "subjects": [],
        "summary": "Soviet diplomat, deputy commissar for foreign affairs and first Soviet "
        "ambassador to China.",
        "description": "Karakhan appears beside Bukharin and Skvortsov-Stepanov in a group "
        "photograph of Old Bolsheviks. He was shot in 1937.",
        "names": [("Лев Михайлович Карахан", ORIGINAL, "ru")],
    },
    {
        "slug": "martin-amis",
        "title": "Martin Amis",
        "sort_name": "Amis, Martin",
        "birth": "1949-08-25",
        "death": "2023-05-19",
        "language": "en",
        "subjects": ["literature"],
        "summary": "British novelist who wrote on Stalin's terror in Koba the Dread.",
        "description": "Amis singled out Bukharin as perhaps the only leading Bolshevik who "
        "showed, however briefly, a moral qualm about the violence of the early Soviet state.",
        "names": [],
    },
    {
        "slug": "antoine-lavoisier",
        "title": "Antoine Lavoisier",
        "sort_name": "Lavoisier, Antoine-Laurent de",
        "birth": "1743-08-26",
        "death": "1794-05-08",
        "birth_place": "paris",
        "death_place": "paris",
        "language": "fr",
        "subjects": [],
        "summary": "French chemist guillotined during the Terror of 1794.",
        "description": "Rolland invoked Lavoisier's execution in his plea for Bukharin: a "
        "revolution that kills a great mind, he argued, comes to regret it.",
        "names": [],
    },
    {
        "slug": "sergei-kirov",
        "title": "Sergei Kirov",
        "sort_name": "Kirov, Sergei Mironovich",
        "birth": "1886-03-27",
        "death": "1934-12-01",
        "death_place": "leningrad",
        "language": "ru",
        "subjects": ["great-purge"],
        "summary": "Leningrad party chief whose murder in 1934 opened the way to the purges.",
        "description": "Kirov was shot in the Smolny building in December 1934. His murder was "
        "used to justify the terror that followed, and it is one of the subjects of the "
        "“Letter of an Old Bolshevik”.",
        "names": [
            ("Сергей Миронович Киров", ORIGINAL, "ru"),
            ("Sergei Mironovich Kostrikov", BIRTH, "en"),
        ],
    },
    {
        "slug": "vasili-ulrikh",
        "title": "Vasili Ulrikh",
        "sort_name": "Ulrikh, Vasili Vasilyevich",
        "birth": "1889",
        "death": "1951",
        "language": "ru",
        "status": REVIEW,
        "subjects": ["show-trials"],
        "summary": "Presiding judge of the Military Collegium at the Moscow trials.",
        "description": "Ulrikh chaired the Military Collegium of the Supreme Court at the Trial "
        "of the Twenty-One and signed its verdict. (In review: life dates to be checked "
        "against an authority file.)",
        "names": [
            ("Василий Васильевич Ульрих", ORIGINAL, "ru"),
            ("Vasily Ulrich", VARIANT, "en"),
        ],
    },
    {
        "slug": "martemyan-ryutin",
        "title": "Martemyan Ryutin",
        "sort_name": "Ryutin, Martemyan Nikitich",
        "birth": "1890",
        "death": "1937",
        "language": "ru",
        "status": DRAFT,
        "subjects": ["great-purge"],
        "summary": "Party official whose 1932 platform against Stalin became the “Ryutin affair”.",
        "description": "Draft: Ryutin's platform called for Stalin's removal; its circulation "
        "was treated as a crime, and the affair is one of the episodes discussed in the "
        "“Letter of an Old Bolshevik”. Biography still to be written.",
        "names": [("Мартемьян Никитич Рютин", ORIGINAL, "ru")],
    },
    {
        "slug": "yuri-larin",
        "title": "Yuri Larin (b. 1936)",
        "sort_name": "Larin, Yuri Nikolayevich",
        "birth": "1936",
        "language": "ru",
        "status": WITHDRAWN,
        "subjects": [],
        "summary": "Son of Nikolai Bukharin and Anna Larina, a painter.",
        "description": "Withdrawn: this record about a private person was taken off the "
        "public site until its wording is agreed.",
        "names": [("Юрий Николаевич Ларин", ORIGINAL, "ru")],
    },
]

# (person, kind, related, EDTF date, note, source key or None).
# Symmetric kinds are stored once; the site reads them both ways.
RELATIONS = [
    (
        "nikolai-bukharin",
        "friend",
        "ilya-ehrenburg",
        "1905/1938",
        "Friends from their school years; together in the 1905 student movement.",
        None,
    ),
    (
        "nikolai-bukharin",
        "spouse",
        "anna-larina",
        "1934/1938",
        "Married in 1934; she survived him by almost sixty years.",
        "seed-49",
    ),
    ("nikolai-bukharin", "parent", "yuri-larin", "1936", "", None),
    ("anna-larina", "parent", "yuri-larin", "1936", "", None),
    (
        "nikolai-bukharin",
        "coauthor",
        "yevgeni-preobrazhensky",
        "1919/1920",
        "Co-authors of The ABC of Communism.",
        None,
    ),
    (
        "nikolai-bukharin",
        "colleague",
        "leon-trotsky",
        "1916/1917",
        "Fellow editors of Novy Mir in New York.",
        None,
    ),
    (
        "nikolai-bukharin",
        "colleague",
        "alexandra-kollontai",
        "1916",
        "Fellow editors of Novy Mir in New York.",
        None,
    ),
    (
        "vladimir-lenin",
        "mentor",
        "nikolai-bukharin",
        "1912/1924",
        "Lenin's guidance and criticism shaped Bukharin's early work.",
        None,
    ),
    (
        "nikolai-bukharin",
        "ally",
        "joseph-stalin",
        "1925/1927",
        "Partners in defence of the NEP against the Left Opposition.",
        None,
    ),
    (
        "nikolai-bukharin",
        "rival",
        "joseph-stalin",
        "1928/1938",
        "From the grain crisis of 1928 to the trial.",
        None,
    ),
    (
        "nikolai-bukharin",
        "ally",
        "alexei-rykov",
        "1928/1929",
        "Leaders of the Politburo's right wing.",
        "seed-17",
    ),
    (
        "nikolai-bukharin",
        "ally",
        "mikhail-tomsky",
        "1928/1929",
        "Leaders of the Politburo's right wing.",
        "seed-17",
    ),
    (
        "nikolai-bukharin",
        "interlocutor",
        "lev-kamenev",
        "1928-07",
        "A secret conversation about Stalin's intentions.",
        None,
    ),
    (
        "nikolai-bukharin",
        "interlocutor",
        "boris-nicolaevsky",
        "1936-02/1936-04",
        "Conversations in Paris during the negotiations for the Marx–Engels papers.",
        "seed-34",
    ),
    (
        "romain-rolland",
        "intercessor",
        "nikolai-bukharin",
        "1937/1938",
        "Wrote to Stalin asking for clemency.",
        "seed-46",
    ),
    (
        "andrey-vyshinsky",
        "prosecutor",
        "nikolai-bukharin",
        "1938-03",
        "Prosecutor at the Trial of the Twenty-One.",
        "seed-46",
    ),
    ("andrey-vyshinsky", "prosecutor", "alexei-rykov", "1938-03", "", "seed-37"),
    ("andrey-vyshinsky", "prosecutor", "christian-rakovsky", "1938-03", "", "seed-37"),
    ("andrey-vyshinsky", "prosecutor", "nikolai-krestinsky", "1938-03", "", "seed-37"),
    ("andrey-vyshinsky", "prosecutor", "genrikh-yagoda", "1938-03", "", "seed-37"),
    ("nikolai-bukharin", "codefendant", "alexei-rykov", "1938-03", "", "seed-37"),
    ("nikolai-bukharin", "codefendant", "christian-rakovsky", "1938-03", "", "seed-37"),
    ("nikolai-bukharin", "codefendant", "nikolai-krestinsky", "1938-03", "", "seed-37"),
    ("nikolai-bukharin", "codefendant", "genrikh-yagoda", "1938-03", "", "seed-37"),
    (
        "nikolai-bukharin",
        "colleague",
        "ivan-skvortsov-stepanov",
        "1923/1928",
        "Party journalists photographed together.",
        None,
    ),
    (
        "nikolai-bukharin",
        "colleague",
        "lev-karakhan",
        "1923/1928",
        "Photographed together among the Old Bolsheviks.",
        None,
    ),
    (
        "jay-lovestone",
        "ally",
        "nikolai-bukharin",
        "1928/1929",
        "Lovestone's American faction followed Bukharin's line.",
        None,
    ),
    (
        "heinrich-brandler",
        "ally",
        "nikolai-bukharin",
        "1928/1929",
        "Brandler's German opposition shared Bukharin's views.",
        None,
    ),
    (
        "bertram-wolfe",
        "ally",
        "nikolai-bukharin",
        "1928/1929",
        "A member of Lovestone's group.",
        None,
    ),
]
