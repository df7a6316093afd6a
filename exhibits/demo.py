"""The demo's exhibits, built from the records that archive.demo loads: `load_demo_exhibits()`.

Two published exhibits (a life of Nikolai Bukharin in six sections and a shorter one on the
Trial of the Twenty-One) and one draft, so the demo shows visibility at work; and two featured
searches for the home page, the first also a block of the life. Every sentence was
written for Vitrine from the facts of the article the demo archive was seeded from. Records are
looked up by slug; a block whose record is missing is skipped, so this works on a partial archive.

Idempotent: exhibits and sections are matched on their slugs, blocks on their position, gallery
items and citations on theirs; a row is saved only when a value differs, so a second load writes
nothing and adds no revisions.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from archive.kinds import KINDS
from archive.models import Citation, Source, Status
from exhibits.models import Block, Exhibit, FeaturedSearch, GalleryItem, Section
from exhibits.sanitize import clean_html

CHANGE_REASON = "Loaded by load_demo"


@dataclass
class Cite:
    """A footnote: a demo source key (None for "citation needed"), locator and note."""

    key: str | None
    note: str = ""
    locator: str = ""


@dataclass
class B:
    """One block of the demo, in data form."""

    kind: str
    body: str = ""
    attribution: str = ""
    caption: str = ""
    record: tuple[str, str] | None = None  # (model name, slug)
    photographs: list[tuple[str, str]] = field(default_factory=list)  # (slug, caption)
    events: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None
    search: str = ""  # a featured search's slug
    cite: list[Cite] = field(default_factory=list)


def text(body: str, *cite: Cite) -> B:
    return B(Block.Kind.TEXT, body=body, cite=list(cite))


def quote(body: str, attribution: str, *cite: Cite) -> B:
    return B(Block.Kind.QUOTE, body=body, attribution=attribution, cite=list(cite))


def embed(model: str, slug: str, caption: str = "", *cite: Cite) -> B:
    return B(Block.Kind.RECORD, record=(model, slug), caption=caption, cite=list(cite))


def person(slug: str, caption: str = "", *cite: Cite) -> B:
    return B(Block.Kind.PERSON, record=("person", slug), caption=caption, cite=list(cite))


def trial(slug: str, caption: str = "", *cite: Cite) -> B:
    return B(Block.Kind.TRIAL, record=("trial", slug), caption=caption, cite=list(cite))


def gallery(*photographs: tuple[str, str], cite: tuple[Cite, ...] = ()) -> B:
    return B(Block.Kind.GALLERY, photographs=list(photographs), cite=list(cite))


def timeline(*events: str, years: tuple[int, int] | None = None) -> B:
    return B(Block.Kind.TIMELINE, events=list(events), years=years)


def featured_search(slug: str) -> B:
    return B(Block.Kind.SEARCH, search=slug)


# Saved searches on the home page; the first is also a block of the life.
FEATURED_SEARCHES = [
    {
        "slug": "bukharin-in-print",
        "title": "Bukharin in print",
        "text": "<p>Books, articles and letters in the archive that name Nikolai Bukharin.</p>",
        "query": "q=bukharin&kind=document",
        "cover": "",
    },
    {
        "slug": "the-photographs",
        "title": "The photographs, oldest first",
        "text": "<p>Every photograph in the archive, from the earliest.</p>",
        "query": "kind=photograph&sort=date",
        "cover": "bukharin-congress-of-educators-1925",
    },
]


COHEN = Cite("cohen-1973", "The outline of Bukharin's life.")

BUKHARIN = {
    "slug": "nikolai-bukharin-a-life",
    "title": "Nikolai Bukharin",
    "subtitle": "A Bolshevik life, from the student revolt of 1905 to rehabilitation in 1988",
    "summary": "Exile, economist, editor and defender of the New Economic Policy: Bukharin's "
    "rise, his fall, his trial and his return to the record half a century after his death.",
    "introduction": (
        "<p>Nikolai Bukharin joined the revolutionary movement as a Moscow schoolboy and died "
        "in the same city thirty-three years later, condemned at the last of the "
        "great show trials. In between he was an exile, an economist read across Europe, the "
        "editor of the party’s newspaper, the head of the Communist International and the most "
        "articulate defender of a slower, gentler road to industry.</p>"
        "<p>This exhibit follows him through the records of the archive: his writings, the "
        "photographs that survive, the people around him and the trial that ended his life. "
        "Each section cites its sources in numbered notes; where a source is still being "
        "traced, the note says so.</p>"
    ),
    "cover": "bukharin-congress-of-educators-1925",
    "credits": "Curated for the Vitrine demo\n"
    "Texts written for the demo from the facts of a public encyclopaedia article\n"
    "Images are drawn placeholders standing in for the historical photographs",
    "featured": True,
    "status": Status.PUBLISHED,
    "sections": [
        {
            "slug": "youth-and-exile",
            "title": "Youth and exile, 1888–1917",
            "blocks": [
                text(
                    "<p>Bukharin’s political life began at sixteen. In the revolutionary year "
                    "of 1905 he and his lifelong friend Ilya Ehrenburg threw themselves into "
                    "the student movement around Moscow University.</p>",
                    COHEN,
                ),
                person(
                    "ilya-ehrenburg",
                    "Schoolfriend and fellow agitator in 1905; later a novelist and journalist.",
                ),
                embed(
                    "photograph",
                    "bukharin-okhrana-mugshot",
                    "The tsarist police photographed him after his arrest; the file dates the "
                    "picture only roughly, to about 1909–1911.",
                ),
                text(
                    "<p>Arrested in 1910, he was sent into internal exile at Onega in the far "
                    "north. The next year he escaped and made his way abroad. In emigration he "
                    "came to know Lenin and Trotsky and made his reputation as an economist "
                    "with <em>Imperialism and World Economy</em>, written in 1915.</p>",
                    COHEN,
                ),
                embed(
                    "document",
                    "imperialism-and-world-economy",
                    "His study of how capital outgrew the nation state, written in emigration.",
                ),
                text(
                    "<p>In October 1916 he was in New York, editing the Russian-language "
                    "newspaper <em>Novy Mir</em> (“New World”) with Leon Trotsky and "
                    "Alexandra Kollontai.</p>",
                    Cite(None, "The seed article flags this statement as needing a source."),
                ),
                timeline(
                    "1905-student-movement",
                    "1910-arrest-and-exile-to-onega",
                    "1911-escape-abroad",
                    "emigration-meeting-lenin-and-trotsky",
                    "1915-imperialism-and-world-economy",
                    "1916-novy-mir-new-york",
                ),
            ],
        },
        {
            "slug": "theorist-and-editor",
            "title": "Theorist and editor, 1917–1924",
            "blocks": [
                text(
                    "<p>After the revolution Bukharin stood at first on the party’s left. In "
                    "1918 he led the Left Communists against the separate peace with Germany. "
                    "Unbending towards Russia’s enemies on the battlefield, he refused just as "
                    "firmly any dealings with the capitalist Allies; he is said to have wept "
                    "when he heard that talks about Allied help had begun.</p>",
                    Cite("seed-13", "Bukharin and the question of Allied aid, 1918."),
                ),
                text(
                    "<p>The civil war years were also his most productive as a writer. With "
                    "Yevgeni Preobrazhensky he wrote <em>The ABC of Communism</em> (1920), a "
                    "primer of the party’s programme, and a year later he published "
                    "<em>Historical Materialism: A System of Sociology</em>.</p>",
                    COHEN,
                ),
                embed("document", "abc-of-communism", "Written with Preobrazhensky in 1920."),
                person(
                    "yevgeni-preobrazhensky",
                    "Co-author of The ABC of Communism and, later, an opponent on economic policy.",
                ),
                featured_search("bukharin-in-print"),
                gallery(
                    (
                        "second-comintern-congress-delegates-1920",
                        "Delegates of the Second World Congress of the Communist "
                        "International, 1920.",
                    ),
                    (
                        "old-bolsheviks-bukharin-skvortsov-stepanov-karakhan",
                        "Bukharin, then editor of Pravda, with Ivan Skvortsov-Stepanov and Lev "
                        "Karakhan.",
                    ),
                ),
                quote(
                    "Both of these remarks, of course, are made only for the present, on the "
                    "assumption that both these outstanding and devoted Party workers fail to "
                    "find an occasion to enhance their knowledge and amend their one-sidedness.",
                    "Vladimir Lenin, Letter to the Congress, December 1922",
                    Cite(None, "The translation quoted needs its edition."),
                ),
                embed(
                    "document",
                    "lenin-letter-to-the-congress",
                    "Lenin’s notes on the party’s leaders, dictated in December 1922.",
                ),
            ],
        },
        {
            "slug": "the-right-wing-and-the-nep",
            "title": "The party’s right wing and the NEP, 1924–1929",
            "blocks": [
                text(
                    "<p>In the middle of the 1920s Bukharin became the leader of the party’s "
                    "right wing. With him stood two other members of the Politburo: Alexei "
                    "Rykov, who had succeeded Lenin at the head of the government, and Mikhail "
                    "Tomsky, the leader of the trade unions. In 1926 Bukharin also took charge "
                    "of the executive committee of the Communist International.</p>",
                    Cite("seed-17", "The right wing and the Comintern post."),
                ),
                person("alexei-rykov", "Head of the Soviet government after Lenin."),
                person("mikhail-tomsky", "Leader of the Soviet trade unions."),
                gallery(
                    ("bukharin-young-communist-international-1925", ""),
                    ("bukharin-worker-peasant-correspondents-1926", ""),
                ),
                text(
                    "<p>Bukharin wanted industry as much as anyone, but he wanted it reached "
                    "by a moderate road: let the peasants grow prosperous, and the grain they "
                    "sold, at home and abroad, would pay for the factories. When a grain "
                    "shortage struck in 1928, Stalin reversed himself and called for rapid "
                    "industrialisation and forced collectivisation, judging that the New "
                    "Economic Policy was working too slowly.</p>",
                    Cite("seed-18", "The grain shortage of 1928 and Stalin’s turn."),
                ),
                embed("document", "notes-of-an-economist"),
                text(
                    "<p>Throughout 1928 Bukharin argued in the Politburo and at the party "
                    "congress that requisitioning grain by force would fail, as War Communism "
                    "had failed ten years before. Stalin answered that such views were a "
                    "capitalist deviation. Looking for allies, Bukharin turned to his old "
                    "adversaries Kamenev and Zinoviev; the Trotskyist press leaked his secret "
                    "talk with Kamenev, in which he had called Stalin a “Genghis Khan”, and he "
                    "was accused of factionalism. In 1929, branded the leader of a Right "
                    "Opposition, he was removed from Pravda, from the Comintern and from the "
                    "party leadership.</p>",
                    COHEN,
                ),
                timeline(years=(1924, 1929)),
            ],
        },
        {
            "slug": "opposition-and-fall",
            "title": "Opposition and fall, 1929–1937",
            "blocks": [
                text(
                    "<p>Defeated, Bukharin stayed in the party and in public life. Once mass "
                    "collectivisation was over, there were signs that moderates among Stalin’s "
                    "own supporters hoped to end the terror and for policy as a whole "
                    "to change.</p>",
                    COHEN,
                ),
                embed("photograph", "bukharin-in-london-1931", "Abroad again, in 1931."),
                text(
                    "<p>In February 1936, shortly before the purge began in earnest, Stalin "
                    "sent him to Paris to negotiate the purchase of the Marx and Engels papers, "
                    "which the German Social Democrats had held until Hitler dissolved their "
                    "party. There he spoke at length with Boris Nicolaevsky, the Menshevik who "
                    "kept the papers for them.</p>",
                    Cite("seed-34", "The Paris mission of 1936."),
                ),
                person(
                    "boris-nicolaevsky",
                    "The Menshevik leader who held the Marx and Engels papers for the German "
                    "Social Democrats.",
                ),
                quote(
                    "The mass annihilation of completely defenseless men, with women and children.",
                    "Bukharin on collectivisation, as reported by Boris Nicolaevsky",
                    Cite(None, "Nicolaevsky’s published account still needs a reference."),
                ),
                text(
                    "<p>Those conversations became the basis of the “Letter of an Old "
                    "Bolshevik”, long read as an insider’s account of the Ryutin affair and "
                    "the murder of Kirov, though its authenticity has been doubted.</p>",
                    COHEN,
                ),
                embed("document", "letter-of-an-old-bolshevik"),
                text(
                    "<p>After Zinoviev, Kamenev and other Old Bolsheviks of the left were "
                    "tried and shot in 1936, the net closed. Bukharin and Rykov were arrested "
                    "on 27 February 1937, after a plenum of the Central Committee, and charged "
                    "with conspiring to overthrow the Soviet state.</p>",
                    COHEN,
                ),
                embed("event", "1937-arrest-of-bukharin-and-rykov"),
            ],
        },
        {
            "slug": "trial-execution-rehabilitation",
            "title": "Arrest, trial, execution and rehabilitation, 1937–1988",
            "content_notice": "This section describes imprisonment under threats to a prisoner’s "
            "family, a show trial that ended in death sentences, and executions. It quotes the "
            "prosecutor’s abuse of the accused.",
            "blocks": [
                text(
                    "<p>In prison Bukharin wrote to Stalin again and again, pleading his "
                    "innocence, asking about his fate and hoping for release. He held out for "
                    "three months; threats against his young wife and their infant son, and "
                    "what the interrogators called “methods of physical influence”, wore him "
                    "down.</p>",
                    Cite("seed-38", "The letters from prison."),
                    Cite(None, "The seed article flags the three months and the threats."),
                ),
                embed("document", "letters-to-stalin-from-prison"),
                trial(
                    "trial-of-the-twenty-one",
                    "Bukharin was tried from 2 to 13 March 1938 with the former premier Rykov, "
                    "Christian Rakovsky, Nikolai Krestinsky, Genrikh Yagoda and sixteen others, "
                    "all said to belong to a “Bloc of Rightists and Trotskyites”.",
                    Cite("seed-37", "Dates and defendants of the trial."),
                ),
                quote(
                    "An accursed crossbreed of fox and pig.",
                    "Andrey Vyshinsky, state prosecutor, on Bukharin",
                    Cite("seed-46", "The prosecutor’s closing speech."),
                ),
                text(
                    "<p>In his last plea Bukharin spoke of a “peculiar duality of mind” that "
                    "had led to a “semi-paralysis of the will”. His confession, and why he "
                    "made it, became a long debate in the West: it inspired Arthur Koestler’s "
                    "novel <em>Darkness at Noon</em> and Maurice Merleau-Ponty’s essay "
                    "<em>Humanism and Terror</em>.</p>",
                    Cite("seed-42", "Koestler and Merleau-Ponty."),
                    Cite("seed-43", "The debate about the confession."),
                ),
                embed("document", "bukharin-last-plea"),
                quote(
                    "An intellect like that of Bukharin is a treasure for his country.",
                    "Romain Rolland, writing to Stalin to ask for clemency",
                    Cite(None, "Rolland’s letter needs an edition to cite."),
                ),
                text(
                    "<p>Bukharin was shot on 15 March 1938. Despite the promise that his "
                    "family would be spared, his wife, Anna Larina, was sent to a labour camp. "
                    "She survived it, and lived to see the Soviet state under Mikhail "
                    "Gorbachev rehabilitate her husband in 1988.</p>",
                    Cite("seed-49", "Anna Larina and the rehabilitation."),
                ),
                person(
                    "anna-larina",
                    "Bukharin’s wife; she survived the camp and saw his rehabilitation.",
                ),
                gallery(
                    ("verdict-trial-of-the-twenty-one-photograph", ""),
                    ("bukharin-and-rykov-before-the-trial", ""),
                    ("act-of-rehabilitation-photograph", ""),
                ),
                timeline(
                    "1937-arrest-of-bukharin-and-rykov",
                    "1938-trial-of-the-twenty-one",
                    "1938-execution",
                    "1940-darkness-at-noon",
                    "1947-humanism-and-terror",
                    "1988-rehabilitation",
                ),
            ],
        },
        {
            "slug": "afterlife",
            "title": "Afterlife",
            "blocks": [
                text(
                    "<p>For some Western communists — Bertram Wolfe, Jay Lovestone, Arthur "
                    "Koestler, Heinrich Brandler — the Bukharin trial was the final break with "
                    "the movement; the first three became its passionate opponents.</p>",
                    COHEN,
                ),
                text(
                    "<p>The novelist Martin Amis has argued that Bukharin was perhaps the only "
                    "major Bolshevik to admit to “moral hesitation”, questioning, if only in "
                    "passing, the violence of the early Soviet years.</p>",
                    Cite("seed-62", "Martin Amis on Bukharin."),
                    Cite("seed-63"),
                ),
                embed("document", "darkness-at-noon"),
                embed("document", "act-of-rehabilitation-1988"),
            ],
        },
    ],
}

TRIAL_EXHIBIT = {
    "slug": "trial-of-the-twenty-one-1938",
    "title": "Moscow, March 1938",
    "subtitle": "The Trial of the Twenty-One",
    "summary": "Two weeks in March 1938 in the House of the Unions: the accused, the "
    "prosecution, the verdict, and the annulments that followed decades later.",
    "introduction": (
        "<p>The third great Moscow show trial brought twenty-one former leaders of the party "
        "and the state before the Military Collegium of the Supreme Court. This short exhibit "
        "uses the archive’s trial record, the verdict and the later acts of rehabilitation.</p>"
    ),
    "cover": "verdict-trial-of-the-twenty-one-photograph",
    "credits": "Curated for the Vitrine demo",
    "featured": True,
    "status": Status.PUBLISHED,
    "sections": [
        {
            "slug": "the-accused",
            "title": "The accused",
            "blocks": [
                text(
                    "<p>From 2 to 13 March 1938 Nikolai Bukharin and Alexei Rykov, once the "
                    "leaders of the party’s right wing, stood trial with Christian Rakovsky, "
                    "Nikolai Krestinsky, the former police chief Genrikh Yagoda and sixteen "
                    "other defendants.</p>",
                    Cite("seed-37", "Dates and defendants of the trial."),
                ),
                trial("trial-of-the-twenty-one"),
                person("nikolai-bukharin"),
                person("alexei-rykov"),
                person("christian-rakovsky"),
            ],
        },
        {
            "slug": "the-prosecution",
            "title": "The prosecution",
            "content_notice": "This section quotes the prosecutor’s abuse of the accused and "
            "discusses confessions made under threat.",
            "blocks": [
                person("andrey-vyshinsky", "The state prosecutor at the trial."),
                quote(
                    "A whole nightmare of vile crimes.",
                    "Andrey Vyshinsky, on the charges against Bukharin",
                    Cite("seed-46"),
                ),
                embed("document", "bukharin-last-plea"),
            ],
        },
        {
            "slug": "verdict-and-annulment",
            "title": "Verdict and annulment",
            "blocks": [
                embed("document", "verdict-trial-of-the-twenty-one"),
                gallery(
                    ("verdict-trial-of-the-twenty-one-photograph", ""),
                    ("act-of-rehabilitation-photograph", ""),
                ),
                timeline(years=(1938, 1988)),
                text(
                    "<p>Soviet courts began to annul the verdicts in 1963. Bukharin’s was set "
                    "aside in February 1988, fifty years after his death.</p>",
                    Cite("seed-49"),
                ),
            ],
        },
    ],
}

DRAFT_EXHIBIT = {
    "slug": "bukharin-the-economist",
    "title": "Bukharin the economist",
    "subtitle": "In preparation",
    "summary": "A draft exhibit on his economic writings; only staff can see it.",
    "introduction": "<p>Work in progress: imperialism, the transition period and the NEP.</p>",
    "cover": "",
    "credits": "",
    "featured": False,
    "status": Status.DRAFT,
    "sections": [
        {
            "slug": "imperialism",
            "title": "Imperialism and world economy",
            "blocks": [
                text("<p>Notes for a section still being written.</p>"),
                embed("document", "imperialism-and-world-economy"),
            ],
        }
    ],
}

EXHIBITS = [BUKHARIN, TRIAL_EXHIBIT, DRAFT_EXHIBIT]


class _Builder:
    def __init__(self) -> None:
        self.sources = {s.key: s for s in Source.objects.all()}
        self.records = {kind.name: {r.slug: r for r in kind.model.objects.all()} for kind in KINDS}
        self.counts = {"exhibits": 0, "sections": 0, "blocks": 0, "citations": 0}
        self.skipped: list[str] = []
        self.searches: dict[str, FeaturedSearch] = {}

    def record(self, name: str, slug: str):
        found = self.records[name].get(slug)
        if found is None:
            self.skipped.append(f"{name}:{slug}")
        return found

    def featured_search(self, position: int, data: dict) -> None:
        values = {key: data[key] for key in ("title", "query")}
        self.searches[data["slug"]] = _sync(
            FeaturedSearch,
            {"slug": data["slug"]},
            values
            | {
                "text": clean_html(data["text"]),
                "cover": self.record("photograph", data["cover"]) if data["cover"] else None,
                "position": position,
                "status": Status.PUBLISHED,
            },
        )

    def exhibit(self, data: dict) -> Exhibit:
        fields = ("title", "subtitle", "summary", "credits", "featured", "status")
        exhibit = _sync(
            Exhibit,
            {"slug": data["slug"]},
            {key: data[key] for key in fields}
            | {
                "introduction": clean_html(data["introduction"]),
                "cover": self.record("photograph", data["cover"]) if data["cover"] else None,
                "content_notice": data.get("content_notice", ""),
            },
        )
        self.counts["exhibits"] += 1
        slugs = [section["slug"] for section in data["sections"]]
        for stale in exhibit.sections.exclude(slug__in=slugs):
            stale.delete()
        for position, section_data in enumerate(data["sections"]):
            self.section(exhibit, position, section_data)
        return exhibit

    def section(self, exhibit: Exhibit, position: int, data: dict) -> None:
        section = _sync(
            Section,
            {"exhibit": exhibit, "slug": data["slug"]},
            {
                "title": data["title"],
                "position": position,
                "content_notice": data.get("content_notice", ""),
            },
        )
        self.counts["sections"] += 1
        position = 0
        for spec in data["blocks"]:
            if self.block(section, position, spec):
                position += 1
        for stale in section.blocks.filter(position__gte=position):
            stale.delete()  # one by one, so each block's citations and history go too

    def block(self, section: Section, position: int, spec: B) -> Block | None:
        values = {
            "kind": spec.kind,
            "body": clean_html(spec.body) if spec.kind == Block.Kind.TEXT else spec.body,
            "attribution": spec.attribution,
            "caption": spec.caption,
            "timeline_start_year": spec.years[0] if spec.years else None,
            "timeline_end_year": spec.years[1] if spec.years else None,
        }
        values.update(dict.fromkeys(Block.RECORD_FIELDS))
        values["featured_search"] = self.searches.get(spec.search) if spec.search else None
        if spec.kind == Block.Kind.SEARCH and values["featured_search"] is None:
            return None
        if spec.record:
            record = self.record(*spec.record)
            if record is None:
                return None
            values[spec.record[0]] = record
        photographs = [
            (photo, caption)
            for slug, caption in spec.photographs
            if (photo := self.record("photograph", slug)) is not None
        ]
        events = [e for slug in spec.events if (e := self.record("event", slug)) is not None]
        if spec.kind == Block.Kind.GALLERY and not photographs:
            return None
        if spec.kind == Block.Kind.TIMELINE and spec.events and not events:
            return None
        block = _sync(Block, {"section": section, "position": position}, values)
        for index, (photo, caption) in enumerate(photographs):
            _sync(
                GalleryItem,
                {"block": block, "photograph": photo},
                {"position": index, "caption": caption},
            )
        block.gallery_items.exclude(photograph__in=[p for p, _ in photographs]).delete()
        block.timeline_events.set(events)
        for index, cite in enumerate(spec.cite):
            source = self.sources.get(cite.key) if cite.key else None
            note = cite.note
            if cite.key and source is None:
                note = f"{note} (The demo source “{cite.key}” is not loaded.)".strip()
            _sync(
                Citation,
                {
                    "content_type": ContentType.objects.get_for_model(Block),
                    "object_id": block.pk,
                    "position": index,
                },
                {"source": source, "locator": cite.locator, "note": note},
            )
            self.counts["citations"] += 1
        for stale in Citation.objects.for_object(block).filter(position__gte=len(spec.cite)):
            stale.delete()
        self.counts["blocks"] += 1
        return block


def _sync(model, lookup: dict, values: dict):
    """Find the row by lookup and save it only if a value differs (or create it, validated), so
    a second demo load writes nothing and adds no revisions."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, key) == value for key, value in values.items()):
        return obj
    else:
        for key, value in values.items():
            setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return obj


def load_demo_exhibits() -> dict:
    """Create or update the demo exhibits; return how many exhibits, sections, blocks and
    citations they hold, and the `skipped` record references that were not found."""
    builder = _Builder()
    with transaction.atomic():
        for position, data in enumerate(FEATURED_SEARCHES):
            builder.featured_search(position, data)
        for data in EXHIBITS:
            builder.exhibit(data)
    return {**builder.counts, "skipped": builder.skipped}
