"""The twelve photographs captioned in the seed article, described afresh.

The demo has no real photographs: the loader draws a placeholder for each record. Dates follow
the captions, in EDTF; where a caption's date is doubtful the description says so.
"""

PUBLISHED, REVIEW, WITHDRAWN = "published", "review", "withdrawn"

PLACEHOLDER_CREDIT = "Placeholder drawn for the Vitrine demo; not the historical photograph."

# "depicted" lists (person slug, note) in the order the people appear in the caption.
PHOTOGRAPHS = [
    {
        "slug": "bukharin-okhrana-mugshot",
        "title": "Bukharin's police identification photograph",
        "date": "1909~/1911~",
        "place": "moscow",
        "subjects": ["exile"],
        "depicted": [("nikolai-bukharin", "front and profile views")],
        "alt_text": "Police identification photograph of the young Nikolai Bukharin, in the usual "
        "front and profile views.",
        "caption": "The young Bukharin as the tsarist secret police (Okhrana) recorded him, "
        "about 1909–1911.",
        "description": "Taken by the Okhrana in the years of his underground work in Moscow, "
        "shortly before his arrest and exile to Onega.",
    },
    {
        "slug": "second-comintern-congress-delegates-1920",
        "title": "Delegates of the Second World Congress of the Comintern",
        "date": "1920",
        "place": "moscow",
        "subjects": ["comintern"],
        "depicted": [
            ("nikolai-bukharin", "among the delegates"),
            ("vladimir-lenin", "among the delegates"),
            ("grigory-zinoviev", "among the delegates"),
        ],
        "alt_text": "Group portrait of the delegates to the Second World Congress of the "
        "Communist International.",
        "caption": "Delegates gather for a group picture at the Communist International's "
        "second world congress, 1920.",
        "description": "The congress of 1920 laid down the conditions for joining the "
        "International. Bukharin was among its leading figures.",
    },
    {
        "slug": "bukharin-congress-of-educators-1925",
        "title": "Bukharin at the congress of educators",
        "date": "1925",
        "place": "moscow",
        "subjects": ["marxist-theory"],
        "depicted": [("nikolai-bukharin", "")],
        "alt_text": "Nikolai Bukharin at a congress of educators.",
        "caption": "Bukharin speaks to a congress of teachers in 1925.",
        "description": "In the mid-1920s Bukharin spoke often on schooling and culture as "
        "part of his case for a gradual road to socialism.",
        "portrait_of": "nikolai-bukharin",
    },
    {
        "slug": "bukharin-worker-peasant-correspondents-1926",
        "title": "Bukharin with worker and peasant correspondents",
        "date": "1926-06",
        "place": "moscow",
        "subjects": ["journalism"],
        "depicted": [("nikolai-bukharin", "")],
        "alt_text": "Nikolai Bukharin at a Moscow meeting of worker and peasant newspaper "
        "correspondents.",
        "caption": "Bukharin at a Moscow meeting of the newspapers' worker and peasant "
        "reporters, June 1926.",
        "description": "As editor of Pravda, Bukharin championed the movement of amateur "
        "correspondents who wrote to the press from factories and villages.",
    },
    {
        "slug": "old-bolsheviks-bukharin-skvortsov-stepanov-karakhan",
        "title": "Old Bolsheviks: Bukharin, Skvortsov-Stepanov and Karakhan",
        "date": "1923/1928",
        "place": "moscow",
        "subjects": ["journalism"],
        "depicted": [
            ("nikolai-bukharin", "editor of Pravda and of the magazine Prozhektor"),
            ("ivan-skvortsov-stepanov", "the first Soviet People's Commissar for Finance"),
            ("lev-karakhan", "deputy commissar for foreign affairs, first envoy to China"),
        ],
        "alt_text": "Nikolai Bukharin, Ivan Skvortsov-Stepanov and Lev Karakhan photographed "
        "together.",
        "caption": "Three Old Bolsheviks together: Nikolai Bukharin, Ivan Skvortsov-Stepanov "
        "and Lev Karakhan.",
        "description": "Undated. Bukharin is described as editor of the magazine Prozhektor, "
        "which began in 1923, and Skvortsov-Stepanov died in October 1928, so the picture "
        "falls between those years.",
    },
    {
        "slug": "bukharin-in-london-1931",
        "title": "Bukharin in London",
        "date": "1931",
        "place": "london",
        "subjects": ["marxist-theory"],
        "depicted": [("nikolai-bukharin", "")],
        "alt_text": "Nikolai Bukharin during his visit to London.",
        "caption": "Bukharin on a visit to London, 1931.",
        "description": "In 1931 Bukharin led the Soviet delegation to an international "
        "congress on the history of science held in London.",
    },
    {
        "slug": "bukharin-and-rykov-before-the-trial",
        "title": "Bukharin and Rykov before the trial",
        "date": "1937/1938",
        "status": REVIEW,
        "subjects": ["show-trials"],
        "depicted": [("nikolai-bukharin", "left"), ("alexei-rykov", "right")],
        "alt_text": "Nikolai Bukharin and Alexei Rykov together, not long before their trial.",
        "caption": "Bukharin and Rykov, photographed not long before they stood trial.",
        "description": "The caption in the seed dates this to 1938, but both men were held in "
        "prison from February 1937; the date is recorded as 1937–1938 until it is checked. "
        "(In review.)",
    },
    {
        "slug": "verdict-trial-of-the-twenty-one-photograph",
        "title": "The verdict at the Trial of the Twenty-One",
        "date": "1938-03",
        "place": "house-of-the-unions",
        "language": "ru",
        "subjects": ["show-trials"],
        "depicted": [
            ("nikolai-bukharin", "named in the verdict"),
            ("alexei-rykov", "named in the verdict"),
            ("vasili-ulrikh", "signature as presiding judge"),
        ],
        "alt_text": "The verdict of the Military Collegium in the Trial of the Twenty-One, a page "
        "in Russian.",
        "caption": "The court's verdict in the case of the “Bloc of Rightists and "
        "Trotskyites”, March 1938.",
        "description": "A photograph of the verdict document rather than of a scene; the "
        "persons listed are those named or signing on the page.",
    },
    {
        "slug": "stalin-and-rolland-1935",
        "title": "Stalin and Romain Rolland",
        "date": "1935",
        "place": "moscow",
        "subjects": ["literature"],
        "depicted": [("joseph-stalin", "left"), ("romain-rolland", "right")],
        "alt_text": "Joseph Stalin together with the French writer Romain Rolland.",
        "caption": "Joseph Stalin with the French novelist and Nobel laureate Romain Rolland "
        "during Rolland's visit to Moscow, 1935.",
        "description": "Rolland's visit gave him a personal line to Stalin, which he later "
        "used to plead for Bukharin.",
    },
    {
        "slug": "act-of-rehabilitation-photograph",
        "title": "The act of rehabilitation of Bukharin",
        "date": "1988",
        "place": "moscow",
        "language": "ru",
        "subjects": ["rehabilitation"],
        "depicted": [("nikolai-bukharin", "named in the document")],
        "alt_text": "The official document of 1988 that rehabilitated Nikolai Bukharin, in "
        "Russian.",
        "caption": "The act that formally cleared Bukharin's name, 1988.",
        "description": "A photograph of the document; Bukharin is listed as the person it "
        "concerns.",
    },
    {
        "slug": "bukharin-young-communist-international-1925",
        "title": "Bukharin greets the Young Communist International",
        "date": "1925",
        "place": "moscow",
        "subjects": ["comintern"],
        "depicted": [("nikolai-bukharin", "at the rostrum")],
        "alt_text": "Nikolai Bukharin giving the speech of welcome at a meeting of the Young "
        "Communist International.",
        "caption": "Bukharin opens a meeting of the Young Communist International with a "
        "speech of welcome, 1925.",
        "description": "Bukharin was a favourite speaker at youth gatherings of the International.",
    },
    {
        "slug": "bukharin-1937-after-izvestia",
        "title": "Bukharin in 1937",
        "date": "1937",
        "status": WITHDRAWN,
        "place": "moscow",
        "subjects": ["great-purge"],
        "depicted": [("nikolai-bukharin", "")],
        "alt_text": "Nikolai Bukharin in 1937, shortly after his removal as editor of Izvestia.",
        "caption": "Bukharin early in 1937, just after he lost the editorship of Izvestia, "
        "the government's newspaper.",
        "description": "Withdrawn from the public site while the source and rights of the "
        "original are being checked.",
    },
]
