#!/usr/bin/env python3
"""Speed and memory of `newsgraph merge`, measured side by side with networkx and an I/O floor.

    python3 Benchmarks/merge_bench.py [--newsgraph PATH] [--python PEER_PY] [--articles 10000] [--more 1000]

Build the binary first, in its own scratch folder:

    swift build -c release --product newsgraph --scratch-path .build-mergebench

What it does (Python 3 standard library only):

1. Generates --articles news articles and --more further ones (random.Random(SEED), the same
   text everywhere) from invented pools: ~3,000 people (first and last names from the small
   lists below, each with a country or organization and an office), 150 real countries (name,
   adjective, capital) and 300 invented organizations (some with an acronym), drawn with a
   Zipf-like skew (weight 1/rank), so a few names recur in thousands of articles and most in a
   handful. Each article is a headline and 5-15 sentences in phrasings the extractor reads
   ("Norwegian Foreign Minister Lena Berg met Chilean President ... in Santiago.",
   "X and Y held talks", "X spoke by phone with Y", quotations with "Berg said", proposals,
   planned and negated meetings, criticism, "according to the NGC"), surname-only and
   title+surname mentions, a few people known only as "President Berg" in an article, and
   transliteration variants of some surnames (Dobrovsky / Dobrovskyy / Dobrovskiy). Written
   as JSON Lines, then `newsgraph extract ARTICLES.jsonl -o GRAPHDIR -q` makes one GraphML
   file per article (our real attributes and sizes). Generation is skipped when the work
   folder already holds graphs made with the same parameters (--regenerate forces it).
2. Times, each under `/usr/bin/time -f "%e %U %S %M"` (wall seconds, user + system CPU seconds,
   peak RSS KiB), medians of --runs runs (peak RSS: the highest):
   - `newsgraph merge DIR -o merged.graphml -q` on the first quarter, the first half and all
     --articles graphs (hard-linked subset folders), to see whether memory follows the number
     of inputs or the size of the merged graph;
   - `newsgraph merge MORE_DIR --into merged.graphml -q` on a fresh copy of the full merge
     (copied outside the clock);
   - the peer, `PEER_PY ../shared/bench/merge_peer.py DIR peer.graphml` (networkx), on the
     same folders, --peer-runs times each;
   - the I/O floor (see below).
3. Prints a Markdown report and writes it to Benchmarks/merge-results.md (--out). On a shared
   machine the CPU seconds are the steadier figure; the report gives every ratio both ways.

The I/O floor. No `newsgraph` command reads many graph files and writes one without merging
(`stats` and `convert` take one file; `validate` runs the schema validator, not our reader;
`extract -o FILE` merges), so the floor is put together from commands that each do one part of
the work in one process:
- read: `newsgraph stats UNION.graphml`, where UNION is every input graph of the row written
  side by side into one file (node and edge ids prefixed with the article id, so nothing
  joins; the key declarations once): our GraphMLReader over the same nodes, edges and values
  as the inputs, plus a trivial count;
- per-file: what libxml2 alone spends more on the separate files than on the union file
  (`xmllint --stream --noout FILES...` minus the same on UNION, each one process): opening
  10,000 files, setting up 10,000 parses, reading 10,000 key tables. Our reader's own per-file
  work (its key table, its Graph) is not in it, so the floor is, if anything, low;
- write: `newsgraph convert merged.graphml -o copy.graphml` minus `newsgraph stats
  merged.graphml` (read + write minus read): our GraphMLWriter writing the merged graph.
floor = read + per-file + write. For the --into row, read is stats of the previous merged
graph plus stats of the union of the added graphs. For context the report also gives `cat` of
the input files (raw bytes from the page cache).
What would make the floor exact is a command that reads every input with GraphMLReader and
writes their disjoint union with GraphMLWriter in one process, e.g.
`newsgraph merge DIR -o out.graphml --no-join`, or `newsgraph stats FILE...` for the read half.

All files live in --workdir (default /tmp/newsgraph-bench/merge, or $NEWSGRAPH_BENCH_DIR/merge).
Timings are on a warm page cache: the inputs were just written or read.
"""
import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED_BENCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
SEED = 20250612
# Bump when the generated text changes, so cached graphs are made again.
GENERATOR_VERSION = 1

# ---------------------------------------------------------------------------------------------
# Pools
# ---------------------------------------------------------------------------------------------

# Given names the extractor's lexicon knows (and does not list as ambiguous).
FIRST = ["Lena", "Kwame", "Ingrid", "Rahul", "Mateo", "Yusuf", "Hana", "Viktor", "Nadia", "Olusegun",
         "Camille", "Jonas", "Chiara", "Elena", "Diego", "Pavel", "Marta", "Oskar", "Leila", "Kenji",
         "Samuel", "Arjun", "Tomás", "Søren", "Zoë", "Amina", "Björn", "Dmitri", "Fatima", "Goran",
         "Hamid", "Ifeoma", "Katarzyna", "Lars", "Malik", "Nikos", "Olga", "Priya", "Quentin", "Rosa",
         "Sipho", "Tariq", "Ulrich", "Vera", "Wanjiru", "Ximena", "Yerlan", "Zanele", "Aleksandr",
         "Bogdan", "Carmen", "Dalia", "Emre", "Farah", "Gustavo", "Helga", "Ilya", "Joaquín", "Keiko",
         "Lucia", "Mohammed", "Nasser", "Oksana", "Pedro", "Renata", "Sanjay", "Teresa", "Umar",
         "Valentina", "Yasmin", "Anders", "Beatriz", "Dariusz", "Esther", "Fernando", "Gabriela",
         "Hiroshi", "Irina"]
LAST = ["Haldorsen", "Okonkwo", "Vasquelle", "Marelli", "Brandvik", "Castellanos", "Delacroix",
        "Eberhardt", "Fontaine", "Grisham", "Ibarra", "Jaworski", "Kettering", "Lindgren", "Mbeki",
        "Nakashima", "Oyelaran", "Petrakis", "Quispe", "Rasmussen", "Szabo", "Tavares", "Ueda",
        "Valdivia", "Wexford", "Yilmazer", "Zamora", "Achterberg", "Bellucci", "Chaudhry", "Drummond",
        "Esposito", "Falkenberg", "Gallardo", "Hakimi", "Iwasaki", "Jankowski", "Kamau", "Lombardi",
        "Mwangi", "Nieminen", "Oduya", "Pellegrini", "Quaresma", "Rautio", "Sorensen", "Takahara",
        "Uribe", "Vukovic", "Whitlock", "Yamazaki", "Zielinski", "Abernethy", "Barzani", "Cienfuegos",
        "Dlamini", "Eklund", "Fitzgerald", "Grimaldi", "Hollande", "Ishikawa", "Jovanovic",
        "Kristensen", "Lachance", "Moravec", "Nordqvist", "Okoro", "Palacios", "Quirke", "Rinaldi",
        "Strandberg", "Tshabalala", "Ulloa", "Varga", "Westergaard", "Yeboah", "Zurabov", "Amundsen",
        "Bergstrom", "Castaneda", "Dragomir", "Etxeberria", "Ferrante", "Gunnarsson", "Hadjiev",
        "Ilunga", "Jablonski", "Kovacic", "Mendoza", "Nakagawa", "Ortega", "Papadakis", "Ramadani",
        "Salinas", "Thorvaldsen", "Urquhart", "Villeneuve", "Wojcik", "Yanukov", "Zhelev", "Asante",
        "Borodin", "Cardoso", "Demir", "Engstrom", "Gatti", "Horvath", "Ivanova", "Juarez", "Kiptoo",
        "Leclerc", "Marangoni", "Nwosu", "Olsen", "Pereira", "Renner", "Sandoval", "Toivonen",
        "Ulvaeus", "Verhoeven", "Wallin"]
# Surnames spelled several ways by different outlets; NewsGraph's transliteration key joins them.
VARIANT_LAST = [("Dobrovsky", "Dobrovskyy", "Dobrovskiy"), ("Kolomoisky", "Kolomoyskyy"),
                ("Mahdavi", "Mahdawi"), ("Karimov", "Qarimov"), ("Zakharov", "Sakharov"),
                ("Filatov", "Philatov"), ("Yusupova", "Jusupova"), ("Abdullayev", "Abdulayev"),
                ("Gaddami", "Qaddami", "Kadhami")]
# (name, adjective, capital): real countries from the extractor's lexicon.
COUNTRIES = [
    ("Afghanistan", "Afghan", "Kabul"), ("Angola", "Angolan", "Luanda"), ("Albania", "Albanian", "Tirana"),
    ("Andorra", "Andorran", "Andorra la Vella"), ("United Arab Emirates", "Emirati", "Abu Dhabi"),
    ("Argentina", "Argentine", "Buenos Aires"), ("Armenia", "Armenian", "Yerevan"),
    ("Australia", "Australian", "Canberra"), ("Austria", "Austrian", "Vienna"),
    ("Azerbaijan", "Azerbaijani", "Baku"), ("Burundi", "Burundian", "Gitega"), ("Benin", "Beninese", "Porto-Novo"),
    ("Burkina Faso", "Burkinabe", "Ouagadougou"), ("Bangladesh", "Bangladeshi", "Dhaka"),
    ("Bahrain", "Bahraini", "Manama"), ("Bosnia and Herzegovina", "Bosnian", "Sarajevo"),
    ("Belarus", "Belarusian", "Minsk"), ("Bolivia", "Bolivian", "Sucre"), ("Brazil", "Brazilian", "Brasília"),
    ("Bhutan", "Bhutanese", "Thimphu"), ("Botswana", "Botswanan", "Gaborone"),
    ("Canada", "Canadian", "Ottawa"), ("Switzerland", "Swiss", "Bern"), ("Chile", "Chilean", "Santiago"),
    ("China", "Chinese", "Beijing"), ("Cameroon", "Cameroonian", "Yaoundé"), ("Colombia", "Colombian", "Bogotá"),
    ("Costa Rica", "Costa Rican", "San José"), ("Cuba", "Cuban", "Havana"), ("Cyprus", "Cypriot", "Nicosia"),
    ("Czech Republic", "Czech", "Prague"), ("Germany", "German", "Berlin"), ("Denmark", "Danish", "Copenhagen"),
    ("Algeria", "Algerian", "Algiers"), ("Ecuador", "Ecuadorian", "Quito"), ("Egypt", "Egyptian", "Cairo"),
    ("Eritrea", "Eritrean", "Asmara"), ("Spain", "Spanish", "Madrid"), ("Estonia", "Estonian", "Tallinn"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"), ("Finland", "Finnish", "Helsinki"), ("Fiji", "Fijian", "Suva"),
    ("France", "French", "Paris"), ("Gabon", "Gabonese", "Libreville"), ("United Kingdom", "British", "London"),
    ("Georgia", "Georgian", "Tbilisi"), ("Ghana", "Ghanaian", "Accra"), ("Guinea", "Guinean", "Conakry"),
    ("Greece", "Greek", "Athens"), ("Guatemala", "Guatemalan", "Guatemala City"),
    ("Guyana", "Guyanese", "Georgetown"), ("Honduras", "Honduran", "Tegucigalpa"),
    ("Croatia", "Croatian", "Zagreb"), ("Haiti", "Haitian", "Port-au-Prince"), ("Hungary", "Hungarian", "Budapest"),
    ("Indonesia", "Indonesian", "Jakarta"), ("India", "Indian", "New Delhi"), ("Ireland", "Irish", "Dublin"),
    ("Iran", "Iranian", "Tehran"), ("Iraq", "Iraqi", "Baghdad"), ("Iceland", "Icelandic", "Reykjavík"),
    ("Israel", "Israeli", "Jerusalem"), ("Italy", "Italian", "Rome"), ("Jamaica", "Jamaican", "Kingston"),
    ("Jordan", "Jordanian", "Amman"), ("Japan", "Japanese", "Tokyo"), ("Kazakhstan", "Kazakh", "Astana"),
    ("Kenya", "Kenyan", "Nairobi"), ("Kyrgyzstan", "Kyrgyz", "Bishkek"), ("Cambodia", "Cambodian", "Phnom Penh"),
    ("South Korea", "South Korean", "Seoul"), ("Kuwait", "Kuwaiti", "Kuwait City"), ("Laos", "Laotian", "Vientiane"),
    ("Lebanon", "Lebanese", "Beirut"), ("Liberia", "Liberian", "Monrovia"), ("Libya", "Libyan", "Tripoli"),
    ("Sri Lanka", "Sri Lankan", "Colombo"), ("Lithuania", "Lithuanian", "Vilnius"),
    ("Luxembourg", "Luxembourgish", "Luxembourg City"), ("Latvia", "Latvian", "Riga"),
    ("Morocco", "Moroccan", "Rabat"), ("Moldova", "Moldovan", "Chisinau"), ("Madagascar", "Malagasy", "Antananarivo"),
    ("Mexico", "Mexican", "Mexico City"), ("North Macedonia", "Macedonian", "Skopje"), ("Mali", "Malian", "Bamako"),
    ("Malta", "Maltese", "Valletta"), ("Myanmar", "Burmese", "Naypyidaw"), ("Montenegro", "Montenegrin", "Podgorica"),
    ("Mongolia", "Mongolian", "Ulaanbaatar"), ("Mozambique", "Mozambican", "Maputo"),
    ("Mauritania", "Mauritanian", "Nouakchott"), ("Malawi", "Malawian", "Lilongwe"),
    ("Malaysia", "Malaysian", "Kuala Lumpur"), ("Namibia", "Namibian", "Windhoek"), ("Niger", "Nigerien", "Niamey"),
    ("Nigeria", "Nigerian", "Abuja"), ("Nicaragua", "Nicaraguan", "Managua"), ("Netherlands", "Dutch", "Amsterdam"),
    ("Norway", "Norwegian", "Oslo"), ("Nepal", "Nepali", "Kathmandu"), ("New Zealand", "New Zealand", "Wellington"),
    ("Oman", "Omani", "Muscat"), ("Pakistan", "Pakistani", "Islamabad"), ("Panama", "Panamanian", "Panama City"),
    ("Peru", "Peruvian", "Lima"), ("Philippines", "Filipino", "Manila"), ("Poland", "Polish", "Warsaw"),
    ("North Korea", "North Korean", "Pyongyang"), ("Portugal", "Portuguese", "Lisbon"),
    ("Paraguay", "Paraguayan", "Asunción"), ("Qatar", "Qatari", "Doha"), ("Romania", "Romanian", "Bucharest"),
    ("Russia", "Russian", "Moscow"), ("Rwanda", "Rwandan", "Kigali"), ("Saudi Arabia", "Saudi", "Riyadh"),
    ("Sudan", "Sudanese", "Khartoum"), ("Senegal", "Senegalese", "Dakar"), ("Singapore", "Singaporean", "Singapore"),
    ("Sierra Leone", "Sierra Leonean", "Freetown"), ("El Salvador", "Salvadoran", "San Salvador"),
    ("Somalia", "Somali", "Mogadishu"), ("Serbia", "Serbian", "Belgrade"), ("South Sudan", "South Sudanese", "Juba"),
    ("Suriname", "Surinamese", "Paramaribo"), ("Slovakia", "Slovak", "Bratislava"),
    ("Slovenia", "Slovenian", "Ljubljana"), ("Sweden", "Swedish", "Stockholm"), ("Syria", "Syrian", "Damascus"),
    ("Chad", "Chadian", "N'Djamena"), ("Togo", "Togolese", "Lomé"), ("Thailand", "Thai", "Bangkok"),
    ("Tajikistan", "Tajik", "Dushanbe"), ("Turkmenistan", "Turkmen", "Ashgabat"), ("Tunisia", "Tunisian", "Tunis"),
    ("Turkey", "Turkish", "Ankara"), ("Tanzania", "Tanzanian", "Dodoma"), ("Uganda", "Ugandan", "Kampala"),
    ("Ukraine", "Ukrainian", "Kyiv"), ("Uruguay", "Uruguayan", "Montevideo"), ("United States", "American", "Washington"),
    ("Uzbekistan", "Uzbek", "Tashkent"), ("Venezuela", "Venezuelan", "Caracas"), ("Vietnam", "Vietnamese", "Hanoi"),
    ("Yemen", "Yemeni", "Sanaa"), ("South Africa", "South African", "Pretoria"), ("Zambia", "Zambian", "Lusaka"),
    ("Zimbabwe", "Zimbabwean", "Harare"),
]
# ("Eastern/Western/Northern/Southern/Central ..." and "... Authority" are left out: the extractor
# does not take them for organizations after "director of the", see the report.)
ORG_PREFIX = ["Nordic", "Pacific", "Continental", "Andean", "Coastal", "Baltic", "Sahel", "Alpine", "Caspian",
              "Arctic", "Mekong", "Danube", "Highland", "Delta", "Adriatic", "Aegean", "Pampas", "Zambezi",
              "Carpathian", "Balkan"]
ORG_TOPIC = ["Grain", "Energy", "Water", "Fisheries", "Rail", "Shipping", "Health", "Climate", "Trade", "Copper",
             "Refugee", "Monetary", "Security", "Telecom", "Textile", "Forestry", "Mining", "Aviation"]
ORG_SUFFIX = ["Council", "Agency", "Commission", "Forum", "Institute", "Fund", "Federation", "Alliance", "Bank"]
COUNTRY_ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Finance Minister",
                 "Trade Minister", "Energy Minister", "Health Minister", "Interior Minister", "Economy Minister"]
COUNTRY_ROLES_MANY = ["Ambassador", "Special Envoy", "Spokesperson", "Minister"]
ORG_ROLES = ["Director-General", "Secretary-General", "Chairman", "Director", "Spokesperson"]

TOPICS = ["copper exports", "fisheries quotas", "a new rail link", "grain shipments", "border security",
          "the gas pipeline", "climate finance", "debt relief", "vaccine supplies", "port fees",
          "a free trade agreement", "refugee returns", "water rights on the river", "steel tariffs",
          "a ceasefire in the north", "fertilizer prices", "satellite launches", "cross-border power lines",
          "student visas", "a joint naval exercise", "drought relief", "the fishing dispute", "airline routes",
          "lithium mining", "nuclear safety", "food prices", "the election timetable", "customs checks",
          "a currency swap line", "the new dam", "wildfire response", "telecom licences", "cocoa prices"]
QUOTES = ["We want a fair deal for both our peoples", "This is a good day for the region",
          "Nobody wins a trade war", "We are ready to sign as soon as next month",
          "The door to dialogue remains open", "Our farmers cannot wait another season",
          "There will be no agreement at any price", "We have made real progress today",
          "The numbers simply do not add up", "This partnership will outlast all of us",
          "We expect our neighbours to keep their word", "Security comes first",
          "The talks were frank and useful", "We will not be pressured into a bad deal",
          "Clean energy is the future of our economy", "Every child deserves a safe school"]
ACTIONS = ["raise tariffs on imported steel", "expand its embassy", "send more aid", "delay the vote",
           "reopen the border crossing", "cut fuel subsidies", "join the regional pact",
           "review the fishing licences", "release the detained sailors", "build two new power plants",
           "double its grain exports", "freeze the disputed project"]
PROPOSALS = ["joint research fund", "ceasefire", "new customs union", "peace plan", "debt swap",
             "trade corridor", "prisoner exchange", "shared water authority"]
FILLERS = ["Officials said the talks lasted more than two hours.",
           "Markets rose slightly after the announcement.",
           "The meeting took place behind closed doors.",
           "No date was set for a formal signing ceremony.",
           "Analysts expect the negotiations to continue into next year.",
           "Protesters gathered outside the building during the talks.",
           "The statement gave few details about the timetable.",
           "Trade between the two countries reached {n} billion dollars last year."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WHEN = ["next month", "next spring", "in the autumn", "before the end of the year", "next week"]


def zipf_weights(n, s=1.0):
    return [1.0 / (rank + 1) ** s for rank in range(n)]


# Acronyms our pool would make that the extractor's lexicon already gives to a real organization or
# a country (a shared alias joins two organizations, as it should): never used.
TAKEN_ACRONYMS = {"CAF", "CRI", "DTI", "NRA", "PCA", "PRA", "PRI", "SAC", "SAF", "ZAF"}


def org_pool(rng, count):
    names = []
    seen = set()
    while len(names) < count:
        name = f"{rng.choice(ORG_PREFIX)} {rng.choice(ORG_TOPIC)} {rng.choice(ORG_SUFFIX)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    acronyms = {}
    initials = {}
    for name in names:
        initials.setdefault("".join(word[0] for word in name.split()), []).append(name)
    for acronym, owners in initials.items():
        if len(owners) == 1 and rng.random() < 0.5 and acronym not in TAKEN_ACRONYMS:
            acronyms[owners[0]] = acronym
    return names, acronyms


def person_pool(rng, count, n_countries, n_orgs):
    """People: (first, [surname spellings], kind, where, role)."""
    combos = [(first, last) for first in FIRST for last in LAST]
    rng.shuffle(combos)
    chosen = combos[: count - 3 * len(VARIANT_LAST)]
    for group in VARIANT_LAST:
        for first in rng.sample(FIRST, 3):
            chosen.append((first, group))
    rng.shuffle(chosen)
    country_weights = zipf_weights(n_countries, 0.8)
    org_weights = zipf_weights(n_orgs, 0.8)
    roles_given = {}
    people = []
    for first, last in chosen:
        spellings = list(last) if isinstance(last, tuple) else [last]
        if rng.random() < 0.8:
            where = rng.choices(range(n_countries), country_weights)[0]
            taken = roles_given.setdefault(("c", where), 0)
            role = COUNTRY_ROLES[taken] if taken < len(COUNTRY_ROLES) else rng.choice(COUNTRY_ROLES_MANY)
            roles_given[("c", where)] = taken + 1
            people.append((first, spellings, "country", where, role))
        else:
            where = rng.choices(range(n_orgs), org_weights)[0]
            taken = roles_given.setdefault(("o", where), 0)
            role = ORG_ROLES[taken] if taken < len(ORG_ROLES) - 1 else ORG_ROLES[-1]
            roles_given[("o", where)] = taken + 1
            people.append((first, spellings, "org", where, role))
    return people


class Pools:
    def __init__(self, rng, n_people=3000, n_orgs=300):
        # Real countries in a seeded order of prominence (the list itself is alphabetical by code).
        self.countries = list(COUNTRIES)
        rng.shuffle(self.countries)
        self.orgs, self.acronyms = org_pool(rng, n_orgs)
        self.people = person_pool(rng, n_people, len(self.countries), len(self.orgs))
        self.person_cum = cumulative(zipf_weights(len(self.people)))
        self.country_cum = cumulative(zipf_weights(len(self.countries)))
        self.org_cum = cumulative(zipf_weights(len(self.orgs)))


def cumulative(weights):
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def pick(rng, cum, k):
    """k distinct indices by cumulative weights."""
    chosen = []
    while len(chosen) < k:
        index = rng.choices(range(len(cum)), cum_weights=cum)[0]
        if index not in chosen:
            chosen.append(index)
    return chosen


class Article:
    """Builds one article's sentences, introducing each person fully at first mention."""

    def __init__(self, rng, pools):
        self.rng = rng
        self.pools = pools
        self.introduced = set()
        self.spelling = {}
        self.title_only = set()

    def surname(self, p):
        spellings = self.pools.people[p][1]
        if p not in self.spelling:
            self.spelling[p] = spellings[0] if len(spellings) == 1 or self.rng.random() < 0.6 else self.rng.choice(spellings[1:])
        return self.spelling[p]

    def ref(self, p, subject=True):
        """A mention of person p: the full introduction first, then surname or title + surname."""
        rng = self.rng
        first, _, kind, where, role = self.pools.people[p]
        last = self.surname(p)
        if p in self.title_only:
            return f"{role} {last}"
        if p not in self.introduced:
            self.introduced.add(p)
            if kind == "country":
                name, adjective, _ = self.pools.countries[where]
                if rng.random() < 0.75 or not subject:
                    return f"{adjective} {role} {first} {last}"
                return f"{first} {last}, {name}'s {role.lower()},"
            org = self.pools.orgs[where]
            acronym = self.pools.acronyms.get(org)
            org_text = f"the {org} ({acronym})" if acronym and rng.random() < 0.5 else f"the {org}"
            if subject:
                return f"{first} {last}, {role.lower()} of {org_text},"
            return f"{role} {first} {last} of {org_text}"
        return f"{role} {last}" if rng.random() < 0.25 else last

    def country(self, c):
        return self.pools.countries[c][0]

    def org(self, o):
        org = self.pools.orgs[o]
        acronym = self.pools.acronyms.get(org)
        if acronym and o in self.introduced_orgs:
            return f"the {acronym}"
        self.introduced_orgs.add(o)
        return f"the {org} ({acronym})" if acronym else f"the {org}"

    def build(self):
        rng = self.rng
        pools = self.pools
        people = pick(rng, pools.person_cum, rng.choice([2, 2, 3, 3, 3, 4, 4, 5]))
        countries = pick(rng, pools.country_cum, rng.choice([1, 2, 2, 3]))
        orgs = pick(rng, pools.org_cum, rng.choice([0, 0, 1, 1, 2]))
        self.introduced_orgs = set()
        if rng.random() < 0.04:
            self.title_only.add(people[-1])
        # The people's own countries are named too, through their adjectives; add one of them.
        home = [pools.people[p][3] for p in people if pools.people[p][2] == "country"]
        all_countries = countries + [c for c in home[:1] if c not in countries]
        a, b = people[0], people[1]
        capital = pools.countries[rng.choice(all_countries)][2]
        topic = rng.choice(TOPICS)
        title_a = self.country(all_countries[0])
        title_b = self.country(all_countries[1]) if len(all_countries) > 1 else "neighbours"
        headline = f"{title_a} and {title_b} {rng.choice(['discuss', 'agree on', 'clash over', 'talk'])} {topic}"
        if rng.random() < 0.2:
            headline = headline.upper()
        sentences = []
        opener = rng.random()
        if opener < 0.5:
            sentences.append(f"{self.ref(a)} met {self.ref(b, False)} in {capital} on {rng.choice(WEEKDAYS)} to discuss {topic}.")
        elif opener < 0.8:
            sentences.append(f"{self.ref(a)} spoke by phone with {self.ref(b, False)} on {rng.choice(WEEKDAYS)} about {topic}.")
        else:
            sentences.append(f"{self.ref(a)} hosted {self.ref(b, False)} in {capital} for talks on {topic}.")
        target = rng.randint(5, 15)
        while len(sentences) < target:
            x, y = rng.sample(people, 2)
            c = rng.choice(all_countries)
            kind = rng.random()
            if kind < 0.14:
                sentences.append(f"{self.ref(x)} and {self.ref(y)} held talks on {rng.choice(TOPICS)}.")
            elif kind < 0.28:
                sentences.append(f"\"{rng.choice(QUOTES)},\" {self.ref(x)} said.")
            elif kind < 0.36:
                sentences.append(f"{self.ref(x)} told reporters that {self.country(c)} would {rng.choice(ACTIONS)}.")
            elif kind < 0.44:
                sentences.append(f"{self.ref(x)} spoke by phone with {self.ref(y, False)} about {rng.choice(TOPICS)}.")
            elif kind < 0.52:
                sentences.append(f"{self.ref(x)} proposed a {rng.choice(PROPOSALS)} to {self.ref(y, False)}.")
            elif kind < 0.58:
                sentences.append(f"{self.ref(x)} will meet {self.ref(y, False)} in {pools.countries[c][2]} {rng.choice(WHEN)}.")
            elif kind < 0.62:
                sentences.append(f"{self.ref(x)} did not meet {self.ref(y, False)} during the visit.")
            elif kind < 0.68:
                sentences.append(f"{self.ref(x)} criticized {self.country(c)}'s decision to {rng.choice(ACTIONS)}.")
            elif kind < 0.74 and orgs:
                o = rng.choice(orgs)
                sentences.append(f"According to {self.org(o)}, {self.country(c)} agreed to {rng.choice(ACTIONS)}.")
            elif kind < 0.80 and len(all_countries) > 1:
                c1, c2 = rng.sample(all_countries, 2)
                sentences.append(f"{self.country(c1)} offered {self.country(c2)} a {rng.choice(PROPOSALS)}.")
            elif kind < 0.86:
                sentences.append(f"{self.ref(x)} visited {self.country(c)} last {rng.choice(WEEKDAYS)}.")
            elif kind < 0.90 and orgs:
                o = rng.choice(orgs)
                sentences.append(f"{self.ref(x)} said {self.org(o)} would {rng.choice(ACTIONS).replace('its', 'its own')}.")
            else:
                sentences.append(rng.choice(FILLERS).format(n=rng.randint(2, 90)))
            if sentences[-1] in sentences[:-1]:
                sentences.pop()
        return headline, " ".join(sentences) if rng.random() < 0.3 else "\n".join(sentences)


def generate_jsonl(path, count, prefix, rng, pools):
    with open(path, "w", encoding="utf-8") as out:
        for index in range(count):
            headline, body = Article(rng, pools).build()
            day = 1 + index % 28
            month = 1 + (index // 28) % 12
            record = {"id": f"{prefix}{index:06d}", "title": headline, "date": f"2024-{month:02d}-{day:02d}",
                      "text": headline + "\n" + body}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# Running and timing
# ---------------------------------------------------------------------------------------------

def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"merge_bench: failed ({result.returncode}): {' '.join(map(str, cmd))[:300]}\n{result.stderr[-2000:]}")
    return result


def timed(cmd, workdir, stdout=None):
    """Runs cmd under /usr/bin/time; returns (wall s, CPU s = user + sys, peak RSS KiB, stdout text)."""
    timefile = os.path.join(workdir, "time.txt")
    full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timefile] + [str(c) for c in cmd]
    if stdout is not None:
        with open(stdout, "w") as sink:
            result = subprocess.run(full, stdout=sink, stderr=subprocess.PIPE, text=True)
        text = ""
    else:
        result = subprocess.run(full, capture_output=True, text=True)
        text = result.stdout
    if result.returncode != 0:
        sys.exit(f"merge_bench: failed ({result.returncode}): {' '.join(map(str, cmd))[:300]}\n{result.stderr[-2000:]}")
    with open(timefile) as f:
        wall, user, system, rss = f.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss), text


def measure(cmd, workdir, runs, before=None, stdout=None):
    """Median wall and CPU seconds, highest peak RSS (KiB) over runs; before() runs outside the clock."""
    times, cpus, peaks, text = [], [], [], ""
    for _ in range(runs):
        if before:
            before()
        seconds, cpu, rss, text = timed(cmd, workdir, stdout=stdout)
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(rss)
    return {"s": statistics.median(times), "cpu": statistics.median(cpus), "all": times, "rss": max(peaks), "out": text}


def graph_files(folder):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".graphml"))


def folder_bytes(files):
    return sum(os.path.getsize(f) for f in files)


def stats_of(newsgraph, path):
    data = json.loads(run([newsgraph, "stats", "--json", "--top", "0", path]).stdout)
    return data["nodes"], data["edges"]


NODE_LINE = re.compile(r'^(\s*<node id=")')
EDGE_LINE = re.compile(r'^(\s*<edge id=")([^"]*)(" source=")([^"]*)(" target=")([^"]*)(")')


def write_union(files, out_path, workdir):
    """Every input graph side by side in one GraphML file, ids prefixed with the article id.

    Our writer puts every element on its own line with nodes before edges, so a line-based
    rewrite is exact: keys are united (a key id must mean the same everywhere), nodes go to
    one temporary file and edges to another, then header + keys + nodes + edges + footer.
    """
    keys = {}
    key_order = []
    header = None
    graph_open = None
    nodes_tmp = os.path.join(workdir, "union-nodes.tmp")
    edges_tmp = os.path.join(workdir, "union-edges.tmp")
    with open(nodes_tmp, "w", encoding="utf-8") as nodes_out, open(edges_tmp, "w", encoding="utf-8") as edges_out:
        for path in files:
            prefix = os.path.basename(path)[: -len(".graphml")] + "."
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            index = 0
            if header is None:
                header = lines[:2]
            index = 2
            while not lines[index].lstrip().startswith("<graph "):
                start = index
                key_id = re.search(r'<key id="([^"]*)"', lines[index]).group(1)
                if not lines[index].rstrip().endswith("/>"):
                    while lines[index].strip() != "</key>":
                        index += 1
                block = "\n".join(lines[start: index + 1])
                index += 1
                if key_id in keys:
                    if keys[key_id] != block:
                        sys.exit(f"merge_bench: key {key_id} differs between inputs ({path})")
                else:
                    keys[key_id] = block
                    key_order.append(key_id)
            graph_open = lines[index]
            index += 1
            sink = nodes_out
            while index < len(lines):
                line = lines[index]
                stripped = line.lstrip()
                if stripped.startswith("</graph>"):
                    break
                if stripped.startswith("<node "):
                    line = NODE_LINE.sub(lambda m: m.group(1) + prefix, line, count=1)
                    sink = nodes_out
                elif stripped.startswith("<edge "):
                    m = EDGE_LINE.match(line)
                    if not m:
                        sys.exit(f"merge_bench: unexpected edge line in {path}: {line[:120]}")
                    line = (m.group(1) + prefix + m.group(2) + m.group(3) + prefix + m.group(4) + m.group(5)
                            + prefix + m.group(6) + m.group(7) + line[m.end():])
                    sink = edges_out
                sink.write(line + "\n")
                index += 1
    # Keys in the writer's order: node keys before edge keys, as in each input.
    ordered = sorted(key_order, key=lambda k: (not k.startswith("node_"), key_order.index(k)))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("\n".join(header) + "\n")
        for key_id in ordered:
            out.write(keys[key_id] + "\n")
        out.write(graph_open + "\n")
        for tmp in (nodes_tmp, edges_tmp):
            with open(tmp, encoding="utf-8") as f:
                shutil.copyfileobj(f, out, 1 << 20)
        out.write("  </graph>\n</graphml>\n")
    os.remove(nodes_tmp)
    os.remove(edges_tmp)


def link_subset(files, folder):
    if os.path.isdir(folder) and len(graph_files(folder)) == len(files):
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for path in files:
        target = os.path.join(folder, os.path.basename(path))
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


def mb(n):
    return n / 1e6


def mib(kib):
    return kib / 1024


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return float("nan")


PEER_LINE = re.compile(r"(\d+) nodes, (\d+) edges; read\+merge ([\d.]+) s, write ([\d.]+) s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--newsgraph", default=os.path.join(ROOT, ".build-mergebench", "release", "newsgraph"))
    parser.add_argument("--python", default="/tmp/newsgraph-peers/bin/python", help="interpreter with networkx")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--more", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each of our commands (median)")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of the peer (median)")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--workdir", default=os.path.join(os.environ.get("NEWSGRAPH_BENCH_DIR", "/tmp/newsgraph-bench"), "merge"))
    parser.add_argument("--out", default=os.path.join(HERE, "merge-results.md"))
    parser.add_argument("--source", help="what the binary was built from, for the report (default: the git checkout "
                        "that holds the binary, as it stands when the report is written)")
    args = parser.parse_args()

    newsgraph = os.path.abspath(args.newsgraph)
    if not os.access(newsgraph, os.X_OK):
        sys.exit(f"merge_bench: no binary at {newsgraph}; build it: swift build -c release --product newsgraph --scratch-path .build-mergebench")
    for tool in ("/usr/bin/time", shutil.which("xmllint") or "xmllint"):
        if not os.access(tool, os.X_OK):
            sys.exit(f"merge_bench: needs {tool} (apt-get install time libxml2-utils)")
    peer_script = os.path.join(SHARED_BENCH, "merge_peer.py")
    run_peer = not args.skip_peer
    if run_peer and not (os.access(args.python, os.X_OK) and os.path.exists(peer_script)):
        sys.exit(f"merge_bench: peer needs {args.python} (with networkx) and {peer_script}; or --skip-peer")
    work = args.workdir
    os.makedirs(work, exist_ok=True)
    load_start = load_average()

    # 1. Articles and their graphs (cached by parameters).
    graphs_dir = os.path.join(work, "graphs")
    more_dir = os.path.join(work, "more-graphs")
    stamp_path = os.path.join(work, "stamp.json")
    stamp = {"seed": SEED, "version": GENERATOR_VERSION, "articles": args.articles, "more": args.more,
             "newsgraph": newsgraph}
    cached = False
    if not args.regenerate and os.path.exists(stamp_path):
        with open(stamp_path) as f:
            old = json.load(f)
        cached = all(old.get(k) == stamp[k] for k in ("seed", "version", "articles", "more")) and \
            len(graph_files(graphs_dir)) == args.articles and len(graph_files(more_dir)) == args.more
    if not cached:
        print(f"generating {args.articles} + {args.more} articles ...", file=sys.stderr)
        rng = random.Random(SEED)
        pools = Pools(rng)
        articles_path = os.path.join(work, "articles.jsonl")
        more_path = os.path.join(work, "more.jsonl")
        generate_jsonl(articles_path, args.articles, "a", rng, pools)
        generate_jsonl(more_path, args.more, "b", rng, pools)
        for folder, source in ((graphs_dir, articles_path), (more_dir, more_path)):
            shutil.rmtree(folder, ignore_errors=True)
            run([newsgraph, "extract", source, "-o", folder, "-q"])
        for folder, count in ((graphs_dir, args.articles), (more_dir, args.more)):
            if len(graph_files(folder)) != count:
                sys.exit(f"merge_bench: extract wrote {len(graph_files(folder))} graphs to {folder}, expected {count}")
        # Derived files of an earlier generation are stale.
        for name in os.listdir(work):
            if name.startswith(("union-", "merged-", "graphs-first-")):
                path = os.path.join(work, name)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        with open(stamp_path, "w") as f:
            json.dump(stamp, f)
    all_files = graph_files(graphs_dir)
    more_files = graph_files(more_dir)

    # Article graph sizes (a sample), and the runtime's own memory (stats of one small graph).
    sample = all_files[:: max(1, len(all_files) // 500)]
    sample_stats = [stats_of(newsgraph, f) for f in sample]
    sample_bytes = [os.path.getsize(f) for f in sample]
    baseline = measure([newsgraph, "stats", all_files[0], "--top", "0"], work, args.runs)

    sizes = sorted({n for n in (args.articles // 4, args.articles // 2, args.articles) if n > 0})
    rows = []
    for n in sizes:
        files = all_files[:n]
        folder = graphs_dir if n == len(all_files) else os.path.join(work, f"graphs-first-{n}")
        if folder != graphs_dir:
            link_subset(files, folder)
        merged = os.path.join(work, f"merged-{n}.graphml")
        union = os.path.join(work, f"union-{n}.graphml")
        print(f"[{n}] merge ...", file=sys.stderr)
        ours = measure([newsgraph, "merge", folder, "-o", merged, "-q"], work, args.runs)
        nodes, edges = stats_of(newsgraph, merged)
        if not os.path.exists(union):
            write_union(files, union, work)
        print(f"[{n}] floor ...", file=sys.stderr)
        copy = os.path.join(work, "copy.graphml")
        floor = {
            "cat": measure(["sh", "-c", f'cat "{folder}"/*.graphml > /dev/null'], work, args.runs),
            "xmllint_files": measure(["xmllint", "--stream", "--noout"] + files, work, args.runs),
            "xmllint_union": measure(["xmllint", "--stream", "--noout", union], work, args.runs),
            "read_union": measure([newsgraph, "stats", union, "--top", "0"], work, args.runs),
            "read_merged": measure([newsgraph, "stats", merged, "--top", "0"], work, args.runs),
            "convert": measure([newsgraph, "convert", merged, "-o", copy], work, args.runs),
            "union_mb": mb(os.path.getsize(union)),
        }
        os.remove(copy)
        peer = None
        if run_peer:
            print(f"[{n}] networkx ...", file=sys.stderr)
            peer_out = os.path.join(work, f"peer-{n}.graphml")
            peer = measure([args.python, peer_script, folder, peer_out], work, args.peer_runs)
            peer["mb"] = mb(os.path.getsize(peer_out))
            os.remove(peer_out)
        rows.append({"step": f"merge {n:,} graphs", "inputs": n, "input_mb": mb(folder_bytes(files)),
                     "nodes": nodes, "edges": edges, "merged_mb": mb(os.path.getsize(merged)),
                     "ours": ours, "peer": peer, "floor": floor})

    # 2. --into: add the further graphs to a fresh copy of the full merge.
    base = os.path.join(work, f"merged-{len(all_files)}.graphml")
    into = os.path.join(work, "into.graphml")
    more_union = os.path.join(work, "union-more.graphml")
    if not os.path.exists(more_union):
        write_union(more_files, more_union, work)
    print("[into] merge --into ...", file=sys.stderr)
    into_run = measure([newsgraph, "merge", more_dir, "--into", into, "-q"], work, args.runs,
                       before=lambda: shutil.copyfile(base, into))
    nodes, edges = stats_of(newsgraph, into)
    copy = os.path.join(work, "copy.graphml")
    read_more = measure([newsgraph, "stats", more_union, "--top", "0"], work, args.runs)
    read_base = rows[-1]["floor"]["read_merged"]
    floor = {
        "cat": measure(["sh", "-c", f'cat "{base}" "{more_dir}"/*.graphml > /dev/null'], work, args.runs),
        "xmllint_files": measure(["xmllint", "--stream", "--noout", base] + more_files, work, args.runs),
        "xmllint_union": measure(["xmllint", "--stream", "--noout", base, more_union], work, args.runs),
        # Our reader over the previous merged graph and the union of the added graphs.
        "read_union": {"s": read_base["s"] + read_more["s"], "cpu": read_base["cpu"] + read_more["cpu"],
                       "rss": max(read_base["rss"], read_more["rss"])},
        "read_merged": measure([newsgraph, "stats", into, "--top", "0"], work, args.runs),
        "convert": measure([newsgraph, "convert", into, "-o", copy], work, args.runs),
        "union_mb": mb(os.path.getsize(more_union) + os.path.getsize(base)),
    }
    os.remove(copy)
    rows.append({"step": f"merge {len(more_files):,} more --into", "inputs": len(more_files),
                 "input_mb": mb(folder_bytes(more_files) + os.path.getsize(base)),
                 "nodes": nodes, "edges": edges, "merged_mb": mb(os.path.getsize(into)),
                 "ours": into_run, "peer": None, "floor": floor})
    os.remove(into)
    load_end = load_average()

    # The floor: our reader over the union file, plus what libxml2 alone spends more on the
    # separate files than on the union (opening and setting up 10,000 parses, 10,000 key tables),
    # plus our writer on the merged graph (convert minus stats of the same file).
    # Wall seconds ("s") and CPU seconds ("cpu") alike.
    for r in rows:
        f = r["floor"]
        for unit in ("s", "cpu"):
            per_file = max(0.0, f["xmllint_files"][unit] - f["xmllint_union"][unit])
            write = max(0.0, f["convert"][unit] - f["read_merged"][unit])
            f[unit] = {"per_file": per_file, "write": write, "total": f["read_union"][unit] + per_file + write}

    # 3. Report.
    version = run([newsgraph, "--version"]).stdout.strip()
    source_note = "source: unknown (binary outside a git checkout; see --source)"
    probe = subprocess.run(["git", "-C", os.path.dirname(newsgraph), "rev-parse", "--show-toplevel", "--short", "HEAD"],
                           capture_output=True, text=True)
    if probe.returncode == 0 and len(probe.stdout.split()) == 2:
        top, commit = probe.stdout.split()
        changed = subprocess.run(["git", "-C", top, "status", "--porcelain", "Sources"],
                                 capture_output=True, text=True).stdout.split("\n")
        changed = [line.strip() for line in changed if line.strip()]
        source_note = f"source: {top} at commit {commit} when the report was written"
        if changed:
            source_note += (f", with {len(changed)} uncommitted change(s) under Sources/ ("
                            + "; ".join(changed[:6]) + (", ..." if len(changed) > 6 else "") + ")")
    if args.source:
        source_note = f"source: {args.source}"
    peer_version = "skipped"
    if run_peer:
        pv = run([args.python, "-c", "import sys, networkx; print(sys.version.split()[0], networkx.__version__)"]).stdout.split()
        peer_version = f"python {pv[0]}, networkx {pv[1]}"
    xmllint_version = run(["xmllint", "--version"]).stderr.split("\n")[0].replace("xmllint: using ", "")

    L = []
    L.append(f"### Merge benchmark: {args.articles:,} article graphs, then {args.more:,} more with --into")
    L.append("")
    L.append("Seconds are wall-clock (median); CPU is user + system seconds (median), the fairer figure on a shared "
             "machine. Ratios are given as wall / CPU.")
    L.append("")
    L.append("| step | inputs | input MB | merged nodes | merged edges | merged file MB | seconds | CPU s | peak RSS MiB "
             "| networkx s (CPU) | networkx ÷ ours | I/O floor s (CPU) | ours ÷ floor |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        o, p, f = r["ours"], r["peer"], r["floor"]
        peer_cells = (f"{p['s']:.1f} ({p['cpu']:.1f}) | {p['s'] / o['s']:.1f} / {p['cpu'] / o['cpu']:.1f}"
                      if p else "— | —")
        L.append(f"| {r['step']} | {r['inputs']:,} | {r['input_mb']:.1f} | {r['nodes']:,} | {r['edges']:,} "
                 f"| {r['merged_mb']:.1f} | {o['s']:.2f} | {o['cpu']:.2f} | {mib(o['rss']):.0f} | {peer_cells} "
                 f"| {f['s']['total']:.2f} ({f['cpu']['total']:.2f}) "
                 f"| {o['s'] / f['s']['total']:.1f} / {o['cpu'] / f['cpu']['total']:.1f} |")
    L.append("")
    L.append("The I/O floor and its parts (wall seconds, medians; CPU seconds and peak RSS MiB in brackets). "
             "floor = our reader on the union file + libxml2's extra cost of the separate files (xmllint files − "
             "xmllint union) + our writer on the merged graph (convert − stats of the merged graph):")
    L.append("")
    L.append("| step | cat inputs | xmllint --stream, the input files | xmllint --stream, union file | our reader: stats of union file "
             "| stats of merged graph | convert merged graph | floor (wall): read + per-file + write | floor (CPU) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        f = r["floor"]
        w, c = f["s"], f["cpu"]
        L.append(f"| {r['step']} | {f['cat']['s']:.2f} | {f['xmllint_files']['s']:.2f} ({f['xmllint_files']['cpu']:.2f}; "
                 f"{mib(f['xmllint_files']['rss']):.0f}) | {f['xmllint_union']['s']:.2f} ({f['xmllint_union']['cpu']:.2f}) "
                 f"| {f['read_union']['s']:.2f} ({f['read_union']['cpu']:.2f}; {mib(f['read_union']['rss']):.0f}; "
                 f"{f['union_mb']:.1f} MB) | {f['read_merged']['s']:.2f} ({f['read_merged']['cpu']:.2f}; "
                 f"{mib(f['read_merged']['rss']):.0f}) | {f['convert']['s']:.2f} ({f['convert']['cpu']:.2f}; "
                 f"{mib(f['convert']['rss']):.0f}) | {f['read_union']['s']:.2f} + {w['per_file']:.2f} + {w['write']:.2f} "
                 f"= {w['total']:.2f} | {f['read_union']['cpu']:.2f} + {c['per_file']:.2f} + {c['write']:.2f} = {c['total']:.2f} |")
    L.append("")
    peers = [r for r in rows if r["peer"]]
    if peers:
        L.append(f"The peer (`merge_peer.py`, networkx; {args.peer_runs} run(s) each, phase timings as it prints them in its "
                 "last run):")
        L.append("")
        L.append("| inputs | nodes | edges | its file MB | read + merge s | write s | total s (wall, with Python start) | CPU s | peak RSS MiB |")
        L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in peers:
            p = r["peer"]
            m = PEER_LINE.search(p["out"])
            parts = (f"{int(m.group(1)):,} | {int(m.group(2)):,} | {p['mb']:.1f} | {float(m.group(3)):.2f} | {float(m.group(4)):.2f}"
                     if m else f"? | ? | {p['mb']:.1f} | ? | ?")
            L.append(f"| {r['inputs']:,} | {parts} | {p['s']:.2f} | {p['cpu']:.2f} | {mib(p['rss']):.0f} |")
        L.append("")

    # Memory: does the peak follow the number of inputs or the merged graph?
    merges = rows[: len(sizes)]
    first, last = merges[0], merges[-1]
    span = last["inputs"] - first["inputs"]
    base_kib = baseline["rss"]
    L.append("Memory (peak RSS; the runtime alone, `newsgraph stats` of one article graph, takes "
             f"{mib(base_kib):.0f} MiB):")
    L.append("")
    L.append("| inputs | merge peak MiB | minus runtime | reading the merged graph (stats), minus runtime | ratio | merged file MB |")
    L.append("|---:|---:|---:|---:|---:|---:|")
    for r in merges:
        net = r["ours"]["rss"] - base_kib
        net_read = r["floor"]["read_merged"]["rss"] - base_kib
        ratio = f"{net / net_read:.1f}" if net_read >= 2048 else "—"
        L.append(f"| {r['inputs']:,} | {mib(r['ours']['rss']):.0f} | {mib(net):.0f} | {mib(net_read):.0f} | {ratio} "
                 f"| {r['merged_mb']:.1f} |")
    slopes = None
    if span > 0:
        merge_slope = (last["ours"]["rss"] - first["ours"]["rss"]) / span
        read_slope = (last["floor"]["read_merged"]["rss"] - first["floor"]["read_merged"]["rss"]) / span
        file_slope = (last["merged_mb"] - first["merged_mb"]) * 1e6 / 1024 / span
        input_kib = (last["input_mb"] - first["input_mb"]) * 1e6 / 1024 / span
        slopes = (merge_slope, read_slope, file_slope, input_kib)
        L.append("")
        L.append(f"Per added input graph ({first['inputs']:,} → {last['inputs']:,}): the merge's peak grows by "
                 f"{merge_slope:.1f} KiB, reading the merged graph by {read_slope:.1f} KiB, the merged file by "
                 f"{file_slope:.1f} KiB; an input file is {input_kib:.1f} KiB.")
    L.append("")

    L.append("| goal (from the issue) | value (wall / CPU) | goal | met |")
    L.append("|---|---:|---:|:---:|")
    for r in rows:
        o, f = r["ours"], r["floor"]
        wall, cpu = o["s"] / f["s"]["total"], o["cpu"] / f["cpu"]["total"]
        L.append(f"| {r['step']}: seconds ÷ I/O floor | {wall:.1f} / {cpu:.1f} | ≤ 2.0 | {'yes' if max(wall, cpu) <= 2 else 'no'} |")
    if last["peer"]:
        o, p, f = last["ours"], last["peer"], last["floor"]
        wall, cpu = p["s"] / o["s"], p["cpu"] / o["cpu"]
        L.append(f"| {last['step']}: networkx ÷ ours | {wall:.1f} / {cpu:.1f} | ≥ 30 | {'yes' if min(wall, cpu) >= 30 else 'no'} |")
        L.append(f"| (context) networkx ÷ our I/O floor | {p['s'] / f['s']['total']:.1f} / {p['cpu'] / f['cpu']['total']:.1f} | | |")
        L.append(f"| (context) networkx ÷ xmllint --stream over the same files | {p['s'] / f['xmllint_files']['s']:.1f} / "
                 f"{p['cpu'] / f['xmllint_files']['cpu']:.1f} | | |")
    if slopes:
        merge_slope, read_slope, _, _ = slopes
        L.append(f"| memory: peak growth per input ÷ growth of reading the merged graph | {merge_slope / max(read_slope, 0.01):.1f} "
                 f"| ≈ 1 | {'yes' if merge_slope <= 1.5 * max(read_slope, 0.01) else 'no'} |")
    L.append("")
    sizes_nodes = sorted(s[0] for s in sample_stats)
    sizes_edges = sorted(s[1] for s in sample_stats)
    L.append(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; 1-minute load average "
             f"{load_start:.2f} at the start and {load_end:.2f} at the end (other work was running on the same cores: "
             f"treat differences under ±30% as noise). Warm page cache.")
    L.append(f"Binary: `{newsgraph}` ({version}); {source_note}.")
    L.append(f"Inputs: {args.articles:,} + {args.more:,} generated articles (seed {SEED}), extracted with "
             f"`newsgraph extract ARTICLES.jsonl -o DIR -q`. An article graph has {statistics.median(sizes_nodes):.0f} nodes "
             f"and {statistics.median(sizes_edges):.0f} edges (median; {sizes_nodes[0]}-{sizes_nodes[-1]} nodes, "
             f"{sizes_edges[0]}-{sizes_edges[-1]} edges) and {statistics.median(sample_bytes) / 1000:.1f} kB (median; "
             f"sample of {len(sample)}). The smaller rows merge the first graphs of the same folder "
             f"({', '.join(f'{n:,}' for n in sizes[:-1])}).")
    L.append(f"Runs: our commands and the floor's parts {args.runs}× each, the peer {args.peer_runs}× (median seconds, "
             f"highest peak RSS); {peer_version}. libxml2 {xmllint_version.replace('libxml version ', '')}. Peak RSS is /usr/bin/time's "
             "maximum resident set of the whole process.")
    L.append("The peer does less work: it keeps only type, status and weight on edges (no evidence, quotes or article "
             "lists) and joins nodes by folded label only.")
    report = "\n".join(L) + "\n"
    print(report)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(report)
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
