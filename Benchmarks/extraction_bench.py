#!/usr/bin/env python3
"""Extraction speed of `newsgraph extract`, measured side by side with the spaCy peer.

    python3 Benchmarks/extraction_bench.py [--newsgraph PATH] [--python PEER_PY] [--size-mb 20] [--skip-spacy]

Build the binary first, in its own scratch folder:

    swift build -c release --product newsgraph --scratch-path .build-bench

What it does (Python 3 standard library only):

1. Generates a deterministic corpus (random.Random(SEED)) from our own example articles,
   examples/articles/*.txt: each generated article strings together 2-7 of them, with
   person names, countries (and their adjectives and capitals), organizations, news
   outlets, days, months, seasons, numbers and datelines drawn from small lists below,
   and the sentences after each lead shuffled. Written as JSON Lines
   ({"id", "title", "text"} per line) of at least --size-mb MB of article text, plus a
   corpus of half that size (the same articles' first half), and one long article of
   1, 2 and 5 MB (headline + varied paragraphs; the smaller ones are prefixes of the 5 MB one).
   No text from ../shared/corpus is used.
2. Times `newsgraph extract CORPUS.jsonl -o OUTDIR -q` with --jobs 1 and --jobs 2 (median of
   --runs runs) and the half-size corpus with --jobs 1 (does peak memory grow with the corpus?),
   each under `/usr/bin/time -f "%e %U %S %M"` (wall s, user s, sys s, peak RSS KiB). The output
   goes to a new folder per run (deleted at the end, see fresh_output). One more run writes one merged graph
   (-o FILE.graphml) instead of a file per article.
3. Times the 1, 2 and 5 MB single articles (linear time gives a 5 MB / 1 MB ratio near 5).
4. Runs the peer, ../shared/bench/spacy_bench.py --mode full|ner in fresh processes. It cannot
   read our corpus, so it times its own ~200k-word news-style corpus; we also time
   `newsgraph extract` on that same corpus (spacy_bench.py --write-corpus) for a same-text ratio.
5. Prints a Markdown report and writes it to Benchmarks/extraction-results.md (--out).

The machine is shared: before each run the script waits (up to --max-wait s) until other work
leaves the cores the run needs free, and reports how busy it was. Files go to
WORKDIR/run-PID (default /tmp/newsgraph-bench/extraction), removed at the end unless --keep-files.

Words are whitespace-separated tokens (str.split()) of the text newsgraph reads (title line +
text); MB = 10^6 bytes of that UTF-8 text. Words per CPU-second use user + sys time.
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
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED_BENCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
SEED = 20250611

# ---------------------------------------------------------------------------------------------
# Variation lists
# ---------------------------------------------------------------------------------------------

FIRST = ["Maria", "Tomás", "Aiko", "Daniel", "Kenji", "Grace", "Omar", "Farida", "Laura", "Jonas",
         "Amara", "Pedro", "Ingrid", "Hiroshi", "Leila", "Mateo", "Sofia", "Yusuf", "Zoë", "Andrzej",
         "Chiara", "Kwame", "Elena", "Rahul", "Astrid", "Diego", "Nadia", "Émile", "Hana", "Samuel",
         "Ana", "Viktor", "Mei", "Olusegun", "Camille", "Søren", "Fatima", "Lukas", "Isabel", "Arjun"]
LAST = ["Lindqvist", "Herrera", "Tanaka", "Moore", "Sato", "Whitfield", "Haddad", "Rahman", "Bianchi",
        "Okafor", "Novak", "Moreau", "Petrova", "Alvarez", "Kowalski", "Nakamura", "Dubois", "Fischer",
        "Mensah", "Castillo", "Johansson", "Ferreira", "Müller", "Kaya", "Osei", "Romano", "Nguyen",
        "Van der Berg", "O'Neill", "Sharma", "Eriksen", "Costa", "Yamamoto", "Adeyemi", "Lambert",
        "Horvat", "Santos", "Iyer", "Brennan", "Silva"]
# (name, adjective, capital)
COUNTRIES = [
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"), ("Portugal", "Portuguese", "Lisbon"), ("Poland", "Polish", "Warsaw"),
    ("Sweden", "Swedish", "Stockholm"), ("Norway", "Norwegian", "Oslo"), ("Finland", "Finnish", "Helsinki"),
    ("Denmark", "Danish", "Copenhagen"), ("Chile", "Chilean", "Santiago"), ("Argentina", "Argentine", "Buenos Aires"),
    ("Peru", "Peruvian", "Lima"), ("Brazil", "Brazilian", "Brasília"), ("Mexico", "Mexican", "Mexico City"),
    ("Canada", "Canadian", "Ottawa"), ("Japan", "Japanese", "Tokyo"), ("South Korea", "South Korean", "Seoul"),
    ("India", "Indian", "New Delhi"), ("Indonesia", "Indonesian", "Jakarta"), ("Vietnam", "Vietnamese", "Hanoi"),
    ("Australia", "Australian", "Canberra"), ("New Zealand", "New Zealand", "Wellington"),
    ("Bangladesh", "Bangladeshi", "Dhaka"), ("Pakistan", "Pakistani", "Islamabad"), ("Kenya", "Kenyan", "Nairobi"),
    ("Nigeria", "Nigerian", "Abuja"), ("Ghana", "Ghanaian", "Accra"), ("Egypt", "Egyptian", "Cairo"),
    ("Morocco", "Moroccan", "Rabat"), ("Turkey", "Turkish", "Ankara"), ("Ukraine", "Ukrainian", "Kyiv"),
    ("Greece", "Greek", "Athens"), ("Ireland", "Irish", "Dublin"), ("Austria", "Austrian", "Vienna"),
]
# UN agencies: (name, acronym)
AGENCIES = [("World Food Programme", "WFP"), ("World Health Organization", "WHO"),
            ("United Nations Children's Fund", "UNICEF"), ("International Organization for Migration", "IOM"),
            ("Food and Agriculture Organization", "FAO"), ("United Nations Development Programme", "UNDP")]
# donors (one name)
DONORS = ["European Union", "World Bank", "Asian Development Bank", "African Development Bank",
          "Gates Foundation", "International Monetary Fund"]
# bodies with a president, and where they sit
BODIES = [("European Commission", "Brussels"), ("African Union Commission", "Addis Ababa"),
          ("World Bank", "Washington"), ("Asian Development Bank", "Manila"),
          ("Inter-American Development Bank", "Washington"), ("European Investment Bank", "Luxembourg")]
# news outlets that read well after "the"
OUTLETS = ["Sydney Herald", "Financial Times", "Guardian", "Straits Times", "Globe and Mail", "Irish Times",
           "Japan Times", "Washington Post", "Hindu", "Sydney Morning Herald"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SEASONS = ["spring", "summer", "autumn", "winter"]
NUMBER_WORDS = ["two", "three", "four", "five", "six"]

# What the example articles name, and the slot each takes. Longest surfaces are matched first;
# P = person (full name, surname alone), C = country (name, adjective), CAP = capital of country i.
EXAMPLE_SLOTS = {
    "Maria Lindqvist": "P1", "Tomás Herrera": "P2", "Aiko Tanaka": "P1", "Daniel Moore": "P2",
    "Kenji Sato": "P3", "Grace Whitfield": "P4", "Omar Haddad": "P1", "Farida Rahman": "P2",
    "Laura Bianchi": "P3",
    "Sweden": "C1", "Swedish": "C1a", "Chile": "C2", "Chilean": "C2a", "Argentina": "C3", "Peru": "C4",
    "Japan": "C1", "Japanese": "C1a", "Australia": "C2", "Australian": "C2a", "New Zealand": "C3",
    "Bangladesh": "C1", "Bangladeshi": "C1a", "Germany": "C2", "Canada": "C3",
    "Stockholm": "CAP1", "Santiago": "CAP2", "Tokyo": "CAP1", "Canberra": "CAP2", "Dhaka": "CAP1",
    "World Food Programme": "AGENCY", "WFP": "AGENCYa", "European Union": "DONOR",
    "European Commission": "BODY", "Brussels": "BODYseat", "Sydney Herald": "OUTLET",
    "Monday": "DAY", "Tuesday": "DAY", "Wednesday": "DAY", "June": "MONTH", "spring": "SEASON",
    "two hours": "HOURS", "three districts": "DISTRICTS",
}


def surname_slots():
    extra = {}
    for surface, slot in EXAMPLE_SLOTS.items():
        if slot.startswith("P") and " " in surface:
            extra[surface.split()[-1]] = slot + "s"
    return extra


class Template:
    """One example article, its entity mentions replaced by slots."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as fh:
            lines = [ln.strip() for ln in fh.read().split("\n") if ln.strip()]
        slots = dict(EXAMPLE_SLOTS)
        slots.update(surname_slots())
        surfaces = sorted(slots, key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in surfaces) + r")\b", re.IGNORECASE)
        lower = {s.lower(): slots[s] for s in surfaces}
        self.name = os.path.basename(path)
        self.headline = self._parse(lines[0], pattern, lower)
        self.body = [self._parse(ln, pattern, lower) for ln in lines[1:]]
        self.people = sorted({int(p[1][1]) for line in [self.headline] + self.body for p in line
                              if isinstance(p, tuple) and p[1][0] == "P"})
        self.countries = sorted({int(re.sub(r"\D", "", p[1])) for line in [self.headline] + self.body for p in line
                                 if isinstance(p, tuple) and (p[1].startswith("C"))})
        self.money = re.compile(r"\b(\d+) million\b")

    @staticmethod
    def _parse(line, pattern, lower):
        parts, pos = [], 0
        for m in pattern.finditer(line):
            parts.append(line[pos:m.start()])
            word = m.group(1)
            parts.append((word.isupper() and len(word) > 3, lower[word.lower()]))
            pos = m.end()
        parts.append(line[pos:])
        return parts

    def render(self, line, cast, rng):
        out = []
        for part in line:
            if isinstance(part, str):
                out.append(self.money.sub(lambda m: f"{rng.randint(2, 95) * 5} million", part))
                continue
            upper, slot = part
            text = cast.fill(slot, rng)
            out.append(text.upper() if upper else text)
        return "".join(out)


class Cast:
    """Who and what one block of text names: its slots mapped to list entries."""

    def __init__(self, rng, people, countries):
        self.people = people          # list of (first, last)
        self.countries = countries    # list of (name, adj, capital)
        self.agency = rng.choice(AGENCIES)
        self.donor = rng.choice(DONORS)
        self.body = rng.choice(BODIES)
        self.outlet = rng.choice(OUTLETS)

    def fill(self, slot, rng):
        if slot[0] == "P":
            first, last = self.people[int(slot[1]) - 1]
            return last if slot.endswith("s") else f"{first} {last}"
        if slot.startswith("CAP"):
            return self.countries[int(slot[3:]) - 1][2]
        if slot[0] == "C":
            name, adj, _ = self.countries[int(slot[1]) - 1]
            return adj if slot.endswith("a") else name
        if slot == "AGENCY":
            return self.agency[0]
        if slot == "AGENCYa":
            return self.agency[1]
        if slot == "DONOR":
            return self.donor
        if slot == "BODY":
            return self.body[0]
        if slot == "BODYseat":
            return self.body[1]
        if slot == "OUTLET":
            return self.outlet
        if slot == "DAY":
            return rng.choice(DAYS)
        if slot == "MONTH":
            return rng.choice(MONTHS)
        if slot == "SEASON":
            return rng.choice(SEASONS)
        if slot == "HOURS":
            return rng.choice(NUMBER_WORDS) + " hours"
        if slot == "DISTRICTS":
            return rng.choice(NUMBER_WORDS) + " districts"
        raise KeyError(slot)


def article_cast(rng, n_people=8, n_countries=8):
    lasts = rng.sample(LAST, n_people)
    people = [(rng.choice(FIRST), last) for last in lasts]
    return people, rng.sample(COUNTRIES, n_countries)


def render_block(template, rng, people, countries, lead_dateline=False):
    """The block's headline and paragraphs, with a cast drawn from the article's people and countries."""
    cast = Cast(rng, rng.sample(people, max(template.people or [1])),
                rng.sample(countries, max(template.countries or [1])))
    headline = template.render(template.headline, cast, rng)
    lines = [template.render(ln, cast, rng) for ln in template.body]
    lead, rest = lines[0], lines[1:]
    rng.shuffle(rest)
    if lead_dateline:
        city = cast.countries[0][2].upper()
        lead = f"{city}, {rng.choice(MONTHS)} {rng.randint(1, 28)} \u2014 {lead}"
    lines = [lead] + rest
    paragraphs, i = [], 0
    while i < len(lines):
        k = rng.choice((1, 1, 2, 3))
        paragraphs.append(" ".join(lines[i:i + k]))
        i += k
    return headline, paragraphs


def load_templates(folder):
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".txt"))
    if not paths:
        sys.exit(f"no example articles in {folder}")
    return [Template(p) for p in paths]


def generate_articles(templates, rng):
    """Endless stream of (title, text) articles."""
    while True:
        people, countries = article_cast(rng)
        blocks = [rng.choice(templates) for _ in range(rng.randint(2, 7))]
        title, paragraphs = None, []
        for i, t in enumerate(blocks):
            headline, paras = render_block(t, rng, people, countries, lead_dateline=(i == 0 and rng.random() < 0.5))
            if title is None:
                title = headline
            paragraphs += paras
        yield title, "\n".join(paragraphs) + "\n"


def article_stats(title, text):
    full = title + "\n" + text if title else text
    return len(full.split()), len(full.encode("utf-8"))


def write_corpus(path, templates, target_bytes, seed):
    """Writes articles until their text reaches target_bytes; returns (articles, words, bytes)."""
    rng = random.Random(seed)
    n = words = nbytes = 0
    with open(path, "w", encoding="utf-8") as fh:
        for title, text in generate_articles(templates, rng):
            if nbytes >= target_bytes:
                break
            n += 1
            fh.write(json.dumps({"id": f"a{n:06d}", "title": title, "text": text}, ensure_ascii=False) + "\n")
            w, b = article_stats(title, text)
            words += w
            nbytes += b
    return n, words, nbytes


def write_long_articles(folder, templates, sizes_mb, seed):
    """One long article per size; each is a prefix (by paragraphs) of the largest. Returns {mb: (path, words, bytes)}."""
    rng = random.Random(seed + 1)
    largest = max(sizes_mb) * 1_000_000
    title = "LONG REPORT: TALKS, TRADE AND RELIEF ACROSS THE REGIONS"
    paragraphs, nbytes = [], len(title.encode("utf-8")) + 1
    while nbytes < largest:
        people, countries = article_cast(rng)  # a new cast every block: the entity count grows with size
        _, paras = render_block(rng.choice(templates), rng, people, countries, lead_dateline=rng.random() < 0.3)
        for p in paras:
            paragraphs.append(p)
            nbytes += len(p.encode("utf-8")) + 1
    result = {}
    for mb in sorted(sizes_mb):
        body, size = [], len(title.encode("utf-8")) + 1
        for p in paragraphs:
            if size >= mb * 1_000_000:
                break
            body.append(p)
            size += len(p.encode("utf-8")) + 1
        text = title + "\n" + "\n".join(body) + "\n"
        path = os.path.join(folder, f"long-{mb}mb.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        result[mb] = (path, len(text.split()), len(text.encode("utf-8")))
    return result


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------

QUIET = {"max_others": 0.3, "max_wait": 120.0, "waited": 0.0, "others": []}


def other_runnable(samples=10, interval=0.2):
    """Mean number of runnable tasks other than this sampler (from /proc/loadavg), over samples * interval s."""
    counts = []
    for _ in range(samples):
        try:
            with open("/proc/loadavg") as fh:
                counts.append(int(fh.read().split()[3].split("/")[0]) - 1)
        except (OSError, ValueError, IndexError):
            return 0.0
        time.sleep(interval)
    return sum(counts) / len(counts)


def wait_quiet(cores_needed=1):
    """Waits (up to QUIET["max_wait"] s) until other work leaves `cores_needed` cores free (at most
    cpu_count - cores_needed + max_others other runnable tasks); returns the other load seen."""
    start = time.perf_counter()
    limit = max(0.0, (os.cpu_count() or 1) - cores_needed) + QUIET["max_others"]
    while True:
        others = other_runnable()
        if others <= limit or time.perf_counter() - start >= QUIET["max_wait"]:
            QUIET["waited"] += time.perf_counter() - start
            QUIET["others"].append(others)
            return others
        time.sleep(3)


def timed(cmd, timeout=None, cwd=None, cores=1):
    """Runs cmd under /usr/bin/time; returns dict(wall, user, sys, cpu, rss_kib, rc) or raises."""
    tf = "/tmp/.extraction_bench_time.%d" % os.getpid()
    full = ["/usr/bin/time", "-o", tf, "-f", "%e %U %S %M"] + cmd
    others = wait_quiet(cores) if QUIET["max_wait"] > 0 else None
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(full, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        return {"timeout": True, "wall": time.perf_counter() - t0, "loadavg": load}
    with open(tf) as fh:
        last = [ln for ln in fh.read().splitlines() if ln.strip()][-1]
    os.unlink(tf)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    wall, user, sys_, rss = last.split()
    return {"wall": float(wall), "user": float(user), "sys": float(sys_), "cpu": float(user) + float(sys_),
            "rss_kib": int(rss), "loadavg": load, "others": others, "stderr": proc.stderr}


def median_run(runs):
    """Median wall and CPU seconds of the runs (each taken on its own), and the largest peak RSS."""
    ok = [r for r in runs if not r.get("timeout")]
    if not ok:
        return runs[0]
    return {"wall": statistics.median(r["wall"] for r in ok), "cpu": statistics.median(r["cpu"] for r in ok),
            "user": statistics.median(r["user"] for r in ok), "sys": statistics.median(r["sys"] for r in ok),
            "rss_kib": max(r["rss_kib"] for r in ok), "walls": [r["wall"] for r in runs],
            "cpus": [r["cpu"] for r in ok], "loadavg": statistics.median(r["loadavg"] for r in ok), "runs": len(ok)}


OUTPUTS = {"base": None, "count": 0}


def fresh_output(suffix=""):
    """A new output path for each run. Outputs are only deleted at the end of the script: on ext4 without a
    journal (this machine), creating files right after deleting thousands makes the kernel skip every recently
    deleted inode (find_inode_bit/recently_deleted), which tripled the system time of a run."""
    OUTPUTS["count"] += 1
    return os.path.join(OUTPUTS["base"], f"out-{OUTPUTS['count']}{suffix}")


def run_extract(newsgraph, inp, jobs, lexicon, runs, timeout, label, merged=False):
    """Times `newsgraph extract INP -o OUT` into a new folder (or, merged, a new .graphml file) per run."""
    results = []
    for i in range(runs):
        out = fresh_output(".graphml" if merged else "")
        cmd = [newsgraph, "extract", inp, "-o", out, "-q", "--jobs", str(jobs)]
        if lexicon:
            cmd += ["--lexicon", lexicon]
        r = timed(cmd, timeout=timeout, cores=min(jobs, os.cpu_count() or 1))
        results.append(r)
        if r.get("timeout"):
            print(f"  {label} run {i + 1}: TIMEOUT after {r['wall']:.0f} s", flush=True)
            break
        print(f"  {label} run {i + 1}: {r['wall']:.2f} s wall, {r['user']:.2f} user, {r['sys']:.2f} sys, "
              f"{r['rss_kib'] / 1024:.1f} MiB peak (load {r['loadavg']:.2f}, other runnable tasks "
              f"{r['others'] if r['others'] is not None else float('nan'):.1f})", flush=True)
    return median_run(results)


def count_outputs(newsgraph, inp, lexicon):
    outdir = fresh_output()
    cmd = [newsgraph, "extract", inp, "-o", outdir]
    if lexicon:
        cmd += ["--lexicon", lexicon]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    n = len(os.listdir(outdir))
    return n, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def run_peer(py, mode, runs):
    results = []
    for i in range(runs):
        if QUIET["max_wait"] > 0:
            wait_quiet()
        out = subprocess.run([py, os.path.join(SHARED_BENCH, "spacy_bench.py"), "--mode", mode],
                             capture_output=True, text=True, check=True, cwd=SHARED_BENCH)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"  spaCy {mode} run {i + 1}: {r['seconds']:.1f} s, {r['words_per_cpu_s']:.0f} words/CPU-s, "
              f"{r['words_per_s']:.0f} words/s, {r['peak_rss_mb']:.0f} MB peak", flush=True)
    keys = ("seconds", "words_per_s", "mb_per_s", "cpu_s", "words_per_cpu_s", "peak_rss_mb", "load_s", "import_s")
    med = {k: statistics.median(r[k] for r in results) for k in keys}
    med.update(words=results[0]["words"], mb=results[0]["mb"], docs=results[0]["docs"],
               runs=[r["words_per_cpu_s"] for r in results])
    return med


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def fmt_int(x):
    return f"{x:,.0f}"


def machine_note(load_start, load_end):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            for ln in fh:
                if ln.startswith("model name"):
                    cpu = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kib = int(fh.readline().split()[1])
            mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    others = QUIET["others"]
    gate = ""
    if others:
        gate = (f" Before each run the script waited (up to {QUIET['max_wait']:.0f} s) until other work left the "
                f"cores the run needs free ({QUIET['waited']:.0f} s waited in all); other runnable tasks at the "
                f"start of the runs: median {statistics.median(others):.1f}, largest {max(others):.1f}.")
    return (f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}; a shared machine, "
            f"where other engineers' builds and tests run at any time (1-min load average {load_start:.2f} at the start, "
            f"{load_end:.2f} at the end), so treat figures as ±30%, wall times more than CPU times.{gate}")


def git_state():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources"], capture_output=True,
                               text=True, check=True).stdout.strip().splitlines()
        return head + (f" (+ uncommitted changes in {len(dirty)} file(s) under Sources/)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--newsgraph", default=os.path.join(ROOT, ".build-bench", "release", "newsgraph"),
                    help="the release binary (default: .build-bench/release/newsgraph)")
    ap.add_argument("--python", default="/tmp/newsgraph-peers/bin/python", help="the peers' Python (with spaCy)")
    ap.add_argument("--size-mb", type=float, default=20.0, help="corpus size, MB of article text (default 20)")
    ap.add_argument("--long-mb", default="1,2,5", help="sizes of the single long articles (default 1,2,5)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement, median reported (default 3)")
    ap.add_argument("--peer-runs", type=int, default=3, help="runs per spaCy mode (default 3)")
    ap.add_argument("--skip-spacy", action="store_true", help="do not run the spaCy peer")
    ap.add_argument("--lexicon", help="pass --lexicon to newsgraph (only if it cannot find its bundled lexicon)")
    ap.add_argument("--workdir", default=os.environ.get("NEWSGRAPH_BENCH_DIR", "/tmp/newsgraph-bench/extraction"),
                    help="files go to WORKDIR/run-PID (removed at the end unless --keep-files), so that runs "
                         "started at the same time do not collide; results to WORKDIR/results-PID.json")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before one newsgraph run counts as a blowup")
    ap.add_argument("--max-wait", type=float, default=120,
                    help="before each run, wait up to this many seconds for other work to leave the cores the run "
                         "needs free (other runnable tasks <= cores - needed + --max-others); 0 = never wait "
                         "(default 120)")
    ap.add_argument("--max-others", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", default=os.path.join(HERE, "extraction-results.md"))
    ap.add_argument("--keep-files", action="store_true")
    args = ap.parse_args()

    QUIET["max_wait"], QUIET["max_others"] = args.max_wait, args.max_others
    newsgraph = os.path.abspath(args.newsgraph)
    if not os.access(newsgraph, os.X_OK):
        sys.exit(f"no newsgraph binary at {newsgraph}; build it with\n"
                 f"  swift build -c release --product newsgraph --scratch-path .build-bench")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("needs /usr/bin/time (apt-get install time)")
    os.makedirs(args.workdir, exist_ok=True)
    results_json = os.path.join(args.workdir, f"results-{os.getpid()}.json")
    args.workdir = os.path.join(args.workdir, f"run-{os.getpid()}")
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    OUTPUTS["base"] = os.path.join(args.workdir, "outputs")
    os.makedirs(OUTPUTS["base"])
    load_start = os.getloadavg()[0]

    # 1. corpora
    templates = load_templates(os.path.join(ROOT, "examples", "articles"))
    t0 = time.perf_counter()
    full_path = os.path.join(args.workdir, "corpus.jsonl")
    half_path = os.path.join(args.workdir, "corpus-half.jsonl")
    full = write_corpus(full_path, templates, int(args.size_mb * 1_000_000), args.seed)
    half = write_corpus(half_path, templates, int(args.size_mb * 500_000), args.seed)
    long_sizes = [int(x) for x in args.long_mb.split(",")]
    longs = write_long_articles(args.workdir, templates, long_sizes, args.seed)
    print(f"corpus: {full[0]} articles, {full[1]:,} words, {full[2] / 1e6:.2f} MB of text "
          f"({os.path.getsize(full_path) / 1e6:.2f} MB JSONL); half: {half[0]} articles, {half[2] / 1e6:.2f} MB; "
          f"long articles {', '.join(f'{mb} MB' for mb in long_sizes)} ({time.perf_counter() - t0:.1f} s)", flush=True)

    # start-up: a one-line article
    tiny = os.path.join(args.workdir, "tiny.jsonl")
    with open(tiny, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "t", "title": "Talks", "text": "Maria Lindqvist met Tomás Herrera."}) + "\n")
    print("start-up (one tiny article):", flush=True)
    startup = run_extract(newsgraph, tiny, 1, args.lexicon, args.runs, args.timeout, "tiny")
    n_graphs, summary = count_outputs(newsgraph, os.path.join(ROOT, "examples", "articles"), args.lexicon)
    if n_graphs == 0:
        sys.exit("newsgraph wrote no graphs for the example articles (lexicon not found? try --lexicon)")
    print(f"sanity: example articles -> {n_graphs} graphs; {summary}", flush=True)

    # 2. corpus runs
    print("corpus, --jobs 1:", flush=True)
    j1 = run_extract(newsgraph, full_path, 1, args.lexicon, args.runs, args.timeout, "jobs 1")
    print("corpus, --jobs 2:", flush=True)
    j2 = run_extract(newsgraph, full_path, 2, args.lexicon, args.runs, args.timeout, "jobs 2")
    print("half corpus, --jobs 1:", flush=True)
    h1 = run_extract(newsgraph, half_path, 1, args.lexicon, args.runs, args.timeout, "half, jobs 1")
    print("corpus, --jobs 1, one merged graph (-o FILE.graphml: no per-article files, not streaming):", flush=True)
    c1 = run_extract(newsgraph, full_path, 1, args.lexicon, 1, args.timeout, "merged, jobs 1", merged=True)

    # 3. long single articles
    long_runs = {}
    for mb in long_sizes:
        path = longs[mb][0]
        print(f"single article, {mb} MB:", flush=True)
        long_runs[mb] = run_extract(newsgraph, path, 1, args.lexicon, args.runs, args.timeout, f"{mb} MB")

    # 4. peer
    peer = {}
    ours_on_peer = ours_on_peer_combined = None
    if not args.skip_spacy:
        if not os.access(args.python, os.X_OK):
            sys.exit(f"no peer Python at {args.python}; make it with ../shared/bench/setup.sh or pass --skip-spacy")
        peer_corpus = os.path.join(args.workdir, "peer-corpus")
        shutil.rmtree(peer_corpus, ignore_errors=True)
        subprocess.run([args.python, os.path.join(SHARED_BENCH, "spacy_bench.py"), "--write-corpus", peer_corpus],
                       check=True, cwd=SHARED_BENCH, capture_output=True)
        pw = pb = 0
        files = sorted(os.listdir(peer_corpus))
        for f in files:
            with open(os.path.join(peer_corpus, f), encoding="utf-8") as fh:
                t = fh.read()
            pw += len(t.split())
            pb += len(t.encode("utf-8"))
        print(f"newsgraph on the peer's corpus ({len(files)} files, {pw:,} words), one graph per article:", flush=True)
        ours_on_peer = run_extract(newsgraph, peer_corpus, 1, args.lexicon, args.runs, args.timeout,
                                   "peer corpus, jobs 1")
        ours_on_peer.update(words=pw, bytes=pb, files=len(files))
        print("newsgraph on the peer's corpus, one merged graph:", flush=True)
        ours_on_peer_combined = run_extract(newsgraph, peer_corpus, 1, args.lexicon, args.runs, args.timeout,
                                            "peer corpus, merged", merged=True)
        ours_on_peer_combined.update(words=pw, bytes=pb, files=len(files))
        for mode in ("full", "ner"):
            print(f"spaCy peer, mode {mode}:", flush=True)
            peer[mode] = run_peer(args.python, mode, args.peer_runs)
    load_end = os.getloadavg()[0]

    # 5. report
    report = make_report(args, newsgraph, load_start, load_end, full, half, longs, long_sizes, startup,
                         j1, j2, h1, c1, long_runs, peer, ours_on_peer, ours_on_peer_combined)
    print()
    print(report)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(report)
    raw = {"corpus": full, "half": half, "longs": longs, "jobs1": j1, "jobs2": j2, "half_jobs1": h1,
           "combined_jobs1": c1, "long_runs": long_runs, "startup": startup, "peer": peer,
           "ours_on_peer": ours_on_peer, "ours_on_peer_combined": ours_on_peer_combined}
    with open(results_json, "w", encoding="utf-8") as fh:
        json.dump(raw, fh, indent=1, default=str)
    shutil.rmtree(OUTPUTS["base"], ignore_errors=True)
    if args.keep_files:
        print(f"inputs kept in {args.workdir}; raw results in {results_json}")
    else:
        shutil.rmtree(args.workdir, ignore_errors=True)
        print(f"raw results in {results_json}")
    return 0


def make_report(args, newsgraph, load_start, load_end, full, half, longs, long_sizes, startup,
                j1, j2, h1, c1, long_runs, peer, ours_on_peer, ours_on_peer_combined):
    words, nbytes = full[1], full[2]
    lines = []
    add = lines.append
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(newsgraph)))
    add("# Extraction speed: `newsgraph extract` and the spaCy peer")
    add("")
    add(f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} by `python3 Benchmarks/extraction_bench.py` "
        f"(`{os.path.relpath(newsgraph, ROOT) if newsgraph.startswith(ROOT) else newsgraph}`, release build of "
        f"{built}; repository at {git_state()}; corpus seed {args.seed}). Each figure is the median of "
        f"{args.runs} runs (1 for the merged-graph run on the corpus), each run a fresh process under "
        f"`/usr/bin/time -f \"%e %U %S %M\"`; peak RSS is the largest of the runs.")
    add("")
    add("**Machine:** " + machine_note(load_start, load_end))
    add("")
    add(f"**Corpus:** {full[0]:,} articles generated from our 3 example articles (`examples/articles/`: person "
        f"names, countries with their adjectives and capitals, organizations, outlets, days, months, numbers, "
        f"datelines and sentence order varied; 2-7 example stories per article), {words:,} words, "
        f"{nbytes / 1e6:.2f} MB of text, one JSON Lines file streamed to one GraphML file per article. "
        f"Words = whitespace-separated tokens of title + text; MB = 10^6 bytes.")
    add("")
    add("| run | articles | words | MB | wall s | CPU s (user+sys) | words/s | words/CPU-s | MB/s | peak RSS |")
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def row(label, r, n, w, b):
        if r.get("timeout"):
            add(f"| {label} | {n} | {fmt_int(w)} | {b / 1e6:.2f} | > {r['wall']:.0f} (timeout) | | | | | |")
            return
        add(f"| {label} | {fmt_int(n)} | {fmt_int(w)} | {b / 1e6:.2f} | {r['wall']:.2f} | "
            f"{r['cpu']:.2f} ({r['user']:.2f}+{r['sys']:.2f}) | {fmt_int(w / max(r['wall'], 1e-9))} | "
            f"{fmt_int(w / max(r['cpu'], 1e-9))} | {b / 1e6 / max(r['wall'], 1e-9):.2f} | "
            f"{r['rss_kib'] / 1024:.1f} MiB |")

    row("corpus, `--jobs 1`", j1, full[0], words, nbytes)
    row("corpus, `--jobs 2`", j2, full[0], words, nbytes)
    row("half corpus, `--jobs 1`", h1, half[0], half[1], half[2])
    row("corpus, `--jobs 1`, one merged graph (`-o FILE.graphml`; not streaming)", c1, full[0], words, nbytes)
    for mb in long_sizes:
        _, w, b = longs[mb]
        row(f"one {mb} MB article", long_runs[mb], 1, w, b)
    if ours_on_peer:
        row("peer's corpus (`spacy_bench.py --write-corpus`), one graph per article", ours_on_peer,
            ours_on_peer["files"], ours_on_peer["words"], ours_on_peer["bytes"])
        row("peer's corpus, one merged graph", ours_on_peer_combined,
            ours_on_peer["files"], ours_on_peer["words"], ours_on_peer["bytes"])
    if not startup.get("timeout"):
        add(f"| start-up: one 5-word article | 1 | 5 | 0.00 | {startup['wall']:.3f} | {startup['cpu']:.3f} | | | | "
            f"{startup['rss_kib'] / 1024:.1f} MiB |")
    if peer:
        for mode, label in (("full", "**spaCy 3.8 sm, full pipeline + relation rules**"),
                            ("ner", "spaCy 3.8 sm, NER only")):
            f = peer[mode]
            add(f"| {label} (its own corpus; model load not counted) | {f['docs']} | {fmt_int(f['words'])} | "
                f"{f['mb']:.2f} | {f['seconds']:.2f} | {f['cpu_s']:.2f} | {fmt_int(f['words_per_s'])} | "
                f"{fmt_int(f['words_per_cpu_s'])} | {f['mb_per_s']:.3f} | {f['peak_rss_mb']:.0f} MB |")
    add("")

    add("| figure | value |")
    add("|---|---|")
    ok = lambda *rs: all(not r.get("timeout") for r in rs)  # noqa: E731
    if peer and ok(j1):
        f, n = peer["full"], peer["ner"]
        ours_cpu = words / j1["cpu"]
        add(f"| **ours / spaCy full, words per CPU-second** (our corpus, `--jobs 1`, per-article files, start-up "
            f"included) | **{ours_cpu / f['words_per_cpu_s']:,.0f}x** ({fmt_int(ours_cpu)} vs "
            f"{fmt_int(f['words_per_cpu_s'])}; goal >= 100x) |")
        if ours_on_peer and ok(ours_on_peer, ours_on_peer_combined):
            a = ours_on_peer["words"] / ours_on_peer["cpu"]
            b = ours_on_peer["words"] / ours_on_peer_combined["cpu"]
            add(f"| ours / spaCy full on the identical text (peer's corpus): per-article files / one merged graph | "
                f"{a / f['words_per_cpu_s']:,.0f}x / {b / f['words_per_cpu_s']:,.0f}x |")
        add(f"| ours / spaCy NER only, words per CPU-second | {ours_cpu / n['words_per_cpu_s']:,.0f}x |")
        if ok(j2):
            add(f"| ours / spaCy full, words per wall-second | {words / j1['wall'] / f['words_per_s']:,.0f}x "
                f"(`--jobs 1`), {words / j2['wall'] / f['words_per_s']:,.0f}x (`--jobs 2`) |")
        add(f"| peak memory, ours (`--jobs 1`) / spaCy full | {j1['rss_kib'] / 1024:.0f} MiB / "
            f"{f['peak_rss_mb']:.0f} MB |")
    elif not peer:
        add("| spaCy peer | not run (`--skip-spacy`) |")
    if ok(j1, j2):
        add(f"| `--jobs 2` speed-up, wall (runs: {', '.join(f'{x:.1f}' for x in j2['walls'])} s vs "
            f"{', '.join(f'{x:.1f}' for x in j1['walls'])} s) | {j1['wall'] / j2['wall']:.2f}x, "
            f"{j2['cpu'] / j2['wall']:.2f} cores busy |")
    if ok(j1, h1):
        add(f"| peak RSS, full / half corpus (x{nbytes / half[2]:.2f} the text) | {j1['rss_kib'] / 1024:.1f} / "
            f"{h1['rss_kib'] / 1024:.1f} MiB (x{j1['rss_kib'] / h1['rss_kib']:.2f}); CPU x{j1['cpu'] / h1['cpu']:.2f} |")
    if ok(startup):
        add(f"| start-up (one 5-word article: lexicon load, exit) | {startup['wall']:.3f} s wall, "
            f"{startup['cpu']:.3f} CPU s, {startup['rss_kib'] / 1024:.1f} MiB |")
    big, small = max(long_sizes), min(long_sizes)
    if ok(long_runs[big], long_runs[small]):
        per_mb = ", ".join(f"{mb} MB {long_runs[mb]['cpu'] / (longs[mb][2] / 1e6):.2f}" for mb in long_sizes)
        linear = longs[big][2] / longs[small][2]
        ratio = long_runs[big]["cpu"] / long_runs[small]["cpu"]
        verdict = "linear" if ratio < 1.15 * linear else "**superlinear**"
        add(f"| one article, {big} MB / {small} MB time (linear = x{linear:.2f}) | x{ratio:.2f} CPU, "
            f"x{long_runs[big]['wall'] / long_runs[small]['wall']:.2f} wall: {verdict} (CPU s per MB: {per_mb}) |")
    elif long_runs[big].get("timeout"):
        add(f"| one {big} MB article | did not finish in {args.timeout:.0f} s: superlinear |")
    add("")
    add("Notes: wall and CPU time include creating, writing and renaming one GraphML file per article (each "
        "run writes to a new folder; all are deleted at the end); CPU time is user + sys of the whole process, start-up "
        "included. spaCy's figures come from `../shared/bench/spacy_bench.py --mode full` and `--mode ner` "
        f"(median of {args.peer_runs} fresh processes; model load and import excluded; GraphML serialised to a "
        "string, not written). That script cannot take another corpus, so it times its own ~200k-word "
        "news-style corpus, and the same-text rows time `newsgraph extract` on that corpus as "
        "`spacy_bench.py --write-corpus` writes it (one .txt file per article). The long single articles are "
        "one headline and varied paragraphs with a new cast of names every few paragraphs, so the number of "
        "entities grows with the size; the smaller ones are prefixes of the largest.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
