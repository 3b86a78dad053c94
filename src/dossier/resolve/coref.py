"""Within one report: which mentions name the same actor or place.

Rules, in order:

1. Mentions with the same name form (normalised; a kind-of-place word such
   as "province" dropped) are one cluster; countries cluster by ISO code, so
   "the US", "United States" and "the Americans" are one.
2. An acronym joins its expansion, whether defined in brackets before or
   after its use, or never defined but spelt by the initials of a name in
   the report.
3. A partial person name joins a full name it stands for: a surname ("Nazari"
   -> "Ali Nazari") or a first name. Where several full names share it, the
   one the report mentions most wins (then the one introduced first), so
   "Massoud" is the son who dominates a report about him and "Ahmad Shah
   Massoud" stays apart; a surname matches only a name's last part, so "Khan"
   is "Ismail Khan", never "Amir Khan Muttaqi".
4. "X, also known as Y": Y joins X.
5. A cluster keeps one type, decided by the strongest evidence: word lists
   and structure over the statistical tagger; a full person name over its
   surname's stray tags; the gazetteer for names it knows in a country the
   report names.

Limits: no pronouns or common-noun phrases ("the front") yet; two different
people with one surname in a report, each only named by surname after
their first mention, go to the more frequent one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc

from dossier.extract.lexicon import lexicon
from dossier.extract.mentions import (
    CONNECTORS,
    COUNTRY,
    GROUP,
    LEXICON,
    ORG,
    PERSON,
    PLACE,
    STRUCTURE,
    Candidate,
)
from dossier.extract.repeats import Repeat, in_repeat
from dossier.model.entity import EntityType, Mention, ReportEntity
from dossier.resolve.countries import countries
from dossier.resolve.gazetteer import (
    GEO_SUFFIXES,
    LARGE_CITY,
    Place,
    gazetteer,
    strip_geo_suffix,
)
from dossier.resolve.names import display_form, is_acronym, name_parts, normalise_name


class Cluster:
    """Mentions believed to name one entity."""

    __slots__ = ("candidates", "country", "group", "parent")

    def __init__(self, candidate: Candidate) -> None:
        self.candidates: list[Candidate] = [candidate]
        self.country = candidate.country
        self.group = candidate.group
        self.parent: Cluster | None = None

    def root(self) -> Cluster:
        cluster = self
        while cluster.parent is not None:
            cluster = cluster.parent
        return cluster


def _union(child: Cluster, parent: Cluster) -> None:
    child, parent = child.root(), parent.root()
    if child is parent:
        return
    parent.candidates.extend(child.candidates)
    parent.country = parent.country or child.country
    parent.group = parent.group or child.group
    child.candidates = []
    child.parent = parent


class ReportResolver:
    """Turns one report's candidates into resolved entities."""

    def __init__(self, doc: Doc, candidates: list[Candidate], repeats: list[Repeat]) -> None:
        self.doc = doc
        self.candidates = candidates
        self.repeats = repeats
        self.countries = countries()
        self.words = lexicon()
        # Per token range: a candidate's words and name form, asked for many times
        # (candidates change their labels while resolving, never their tokens).
        self._texts: dict[tuple[int, int], str] = {}
        self._forms: dict[tuple[int, int], str] = {}
        self._lowers: list[str] | None = None

    def text(self, candidate: Candidate) -> str:
        key = (candidate.start, candidate.end)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = candidate.span(self.doc).text
        return text

    def form(self, candidate: Candidate) -> str:
        key = (candidate.start, candidate.end)
        form = self._forms.get(key)
        if form is None:
            form = self._forms[key] = display_form(self.text(candidate))
        return form

    def lowers(self) -> list[str]:
        """Every token's lower-case form, read from the Doc once per report."""
        if self._lowers is None:
            self._lowers = [token.lower_ for token in self.doc]
        return self._lowers

    def repeated(self, candidate: Candidate) -> bool:
        span = candidate.span(self.doc)
        return in_repeat(span.start_char, span.end_char, self.repeats)

    # -- the steps

    def resolve(self) -> list[ReportEntity]:
        clusters = self.by_form()
        self.join_acronyms(clusters)
        self.join_aliases(clusters)
        self.join_partial_names(clusters)
        roots = {id(c.root()): c.root() for c in clusters.values()}
        country_counts = self.country_counts(roots.values())
        entities = [self.entity(cluster, country_counts) for cluster in roots.values()]
        return sorted(
            (e for e in entities if e is not None), key=lambda e: (e.mentions[0].start, e.name)
        )

    def key(self, candidate: Candidate) -> str:
        if candidate.label == COUNTRY and candidate.country:
            return f"country:{candidate.country}"
        if candidate.label == GROUP and candidate.group:
            return f"group:{normalise_name(candidate.group)}"
        if candidate.acronym_of is not None:
            return normalise_name(self.form(candidate))
        form = self.form(candidate)
        return strip_geo_suffix(form) or normalise_name(form)

    def by_form(self) -> dict[str, Cluster]:
        clusters: dict[str, Cluster] = {}
        for candidate in self.candidates:
            key = self.key(candidate)
            if not key:
                continue
            if key in clusters:
                root = clusters[key].root()
                root.candidates.append(candidate)
                root.country = root.country or candidate.country
            else:
                clusters[key] = Cluster(candidate)
        return clusters

    def join_acronyms(self, clusters: dict[str, Cluster]) -> None:
        defined: dict[str, str] = {}
        for candidate in self.candidates:
            if candidate.acronym_of is not None:
                long_form = self.doc[candidate.acronym_of[0] : candidate.acronym_of[1]].text
                defined[normalise_name(self.form(candidate))] = strip_geo_suffix(
                    long_form
                ) or normalise_name(long_form)
        initials: dict[str, list[str]] = defaultdict(list)
        for key, cluster in clusters.items():
            if cluster.root().candidates and len(key.split()) > 1:
                letters = "".join(w[0] for w in key.split() if w not in CONNECTORS)
                initials[letters].append(key)
        for key, cluster in list(clusters.items()):
            forms = [self.form(c) for c in cluster.candidates]
            if not forms or not all(is_acronym(f) for f in forms):
                continue
            target = defined.get(key)
            if target is None:
                spelt = initials.get(key.replace(" ", ""), [])
                target = spelt[0] if len(spelt) == 1 else None
            if (
                target is not None
                and target in clusters
                and clusters[target].root() is not cluster.root()
            ):
                if cluster.root().country and not clusters[target].root().country:
                    continue  # "US" is a country whatever else spells it
                _union(cluster, clusters[target])

    def join_aliases(self, clusters: dict[str, Cluster]) -> None:
        """ "X, also known as Y": Y joins X."""
        ends = {c.end: c for c in self.candidates}
        lowers = self.lowers()
        for candidate in self.candidates:
            position = candidate.start
            if position > 0 and lowers[position - 1] == "the":
                position -= 1
            for cue in self.words.alias_cues:
                words = tuple(lowers[max(0, position - len(cue)) : position])
                if words != cue:
                    continue
                before = position - len(cue)
                while before > 0 and self.doc[before - 1].is_punct:
                    before -= 1
                named = ends.get(before)
                if named is None or len(name_parts(self.form(named))) < 2:
                    break  # only a full name takes a second one: "the elder X, known as …"
                alias_cluster = clusters.get(self.key(candidate))
                named_cluster = clusters.get(self.key(named)) if named is not None else None
                if alias_cluster and named_cluster:
                    candidate.rule = "alias"
                    candidate.label = named.label
                    candidate.strength = max(candidate.strength, named.strength)
                    _union(alias_cluster, named_cluster)
                break

    def join_partial_names(self, clusters: dict[str, Cluster]) -> None:
        full_names: list[tuple[list[str], Cluster]] = []
        for key, cluster in clusters.items():
            root = cluster.root()
            person = any(c.label == PERSON and c.rule == "tagger" for c in root.candidates)
            personal = all(
                w[:1].isupper() or w in NAME_PARTICLES
                for c in root.candidates
                if normalise_name(self.form(c)) == key
                for w in self.form(c).split()
            )
            if person and personal and len(key.split()) > 1 and not root.country and not root.group:
                full_names.append((name_parts(key), cluster))
        for key, cluster in clusters.items():
            root = cluster.root()
            if root.country or root.group or not root.candidates:
                continue
            parts = name_parts(key)
            if not parts or len(parts) > 2:
                continue
            if any(c.label == COUNTRY or c.strength >= LEXICON for c in root.candidates):
                continue
            if any(c.label == PLACE and c.strength >= STRUCTURE for c in root.candidates):
                continue
            if any(c.rule == "office" for c in root.candidates):
                continue
            surname = [
                c
                for p, c in full_names
                if len(p) > len(parts) and p[-len(parts) :] == parts and c.root() is not root
            ]
            chosen = self.likeliest(surname)
            if chosen is None:
                given = [
                    c
                    for p, c in full_names
                    if len(p) > len(parts) and p[: len(parts)] == parts and c.root() is not root
                ]
                chosen = self.likeliest(given)
            if chosen is not None:
                for candidate in root.candidates:
                    if candidate.label != PERSON and candidate.strength < STRUCTURE:
                        candidate.label = PERSON
                _union(root, chosen)

    def likeliest(self, options: list[Cluster]) -> Cluster | None:
        """The full name a partial one most likely stands for."""
        roots = list({id(c.root()): c.root() for c in options}.values())
        if not roots:
            return None
        return max(
            roots,
            key=lambda r: (
                sum(1 for c in r.candidates if not self.repeated(c)),
                -min(c.start for c in r.candidates),
            ),
        )

    # -- turning clusters into entities

    def country_counts(self, roots: Iterable[Cluster]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for root in roots:
            if root.country:
                counts[root.country] += len(root.candidates)
        return counts

    def entity_type(self, cluster: Cluster, place_found: Place | None) -> str:
        candidates = cluster.candidates
        if cluster.country:
            return COUNTRY
        if cluster.group:
            return GROUP
        strongest = max(c.strength for c in candidates)
        votes = Counter(c.label for c in candidates if c.strength == strongest)
        person_names = any(c.label == PERSON and len(c.span(self.doc)) > 1 for c in candidates)
        if strongest < STRUCTURE and person_names:
            return PERSON
        if (
            strongest < STRUCTURE
            and place_found is not None
            and place_found.population >= LARGE_CITY
            and not person_names
        ):
            return PLACE  # "Dushanbe" tagged as an organization is still the city
        if strongest < STRUCTURE and place_found and not person_names:
            # The gazetteer knows the name in a country the report names.
            if votes[PLACE] or votes[ORG] <= 1 or votes[ORG] <= votes[PLACE] + 1:
                return PLACE
        label, _ = max(votes.items(), key=lambda item: (item[1], LABEL_ORDER.index(item[0])))
        return label

    def entity(self, cluster: Cluster, country_counts: Counter[str]) -> ReportEntity | None:
        candidates = sorted(cluster.candidates, key=lambda c: c.start)
        if not candidates:
            return None
        name_forms = [self.form(c) for c in candidates if c.acronym_of is None]
        place = None
        if not cluster.country and not cluster.group:
            place = self.place_for(candidates, country_counts)
        label = self.entity_type(cluster, place)
        entity = ReportEntity(type=EntityType(label), name=self.name(label, cluster, name_forms))
        for candidate in candidates:
            span = candidate.span(self.doc)
            entity.mentions.append(
                Mention(
                    span.start_char,
                    span.end_char,
                    self.text(candidate),
                    in_repeat(span.start_char, span.end_char, self.repeats),
                )
            )
        if label == COUNTRY and cluster.country:
            country = self.countries.by_code.get(cluster.country)
            entity.country = cluster.country
            if country is not None:
                entity.latitude, entity.longitude = country.latitude, country.longitude
        elif label == PLACE and place is not None:
            entity.country = place.country
            entity.latitude, entity.longitude = place.latitude, place.longitude
        return entity

    def place_for(self, candidates: list[Candidate], counts: Counter[str]) -> Place | None:
        if any(c.label == PERSON and len(c.span(self.doc)) > 1 for c in candidates):
            return None
        gazetteer_ = gazetteer()
        tagged_place = any(c.label == PLACE for c in candidates)
        for candidate in candidates:
            if candidate.label in {PLACE, ORG, PERSON}:
                place = gazetteer_.lookup(self.form(candidate), counts)
                # A name the tagger took for a person or organization is a place only
                # in a country the report names ("Nahrin" in a report on Afghanistan);
                # a large city tagged as an organization is the city ("Dushanbe said").
                if place is not None and (
                    tagged_place
                    or counts.get(place.country)
                    or (candidate.label == ORG and place.population >= LARGE_CITY)
                ):
                    return place
        return None

    def name(self, label: str, cluster: Cluster, forms: list[str]) -> str:
        if label == COUNTRY and cluster.country:
            country = self.countries.by_code.get(cluster.country)
            if country is not None:
                return country.name
        if label == GROUP and cluster.group and normalise_name(cluster.group) in self.words.groups:
            return self.words.groups[normalise_name(cluster.group)]
        if not forms:
            forms = [self.form(c) for c in cluster.candidates]
        if label == PLACE:
            bare = [f for f in forms if strip_geo_suffix(f) == normalise_name(f)]
            if bare:
                forms = bare
            else:
                forms = [strip_suffix_words(f) for f in forms]
        counts = Counter(forms)
        if label == PERSON:
            named = [self.form(c) for c in cluster.candidates if c.rule != "alias"]
            counts = Counter(named) or counts
            forms = named or forms
            return max(counts, key=lambda f: (len(name_parts(f)), counts[f], -forms.index(f)))
        return max(counts, key=lambda f: (not is_acronym(f), counts[f], len(f), -forms.index(f)))


def strip_suffix_words(form: str) -> str:
    """ "Andarab valley" -> "Andarab": the name without its kind-of-place words."""
    words = form.split()
    while len(words) > 1 and words[-1].lower() in GEO_SUFFIXES:
        words.pop()
    return " ".join(words)


NAME_PARTICLES = {
    "bin",
    "ibn",
    "al",
    "el",
    "de",
    "van",
    "von",
    "der",
    "da",
    "di",
    "du",
    "la",
    "le",
    "ul",
    "ud",
}
LABEL_ORDER = [PLACE, GROUP, COUNTRY, PERSON, ORG]
