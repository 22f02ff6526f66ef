"""Predicates and their arguments, read off the dependency parse of one sentence.

A frame is one event-denoting word (a verb such as 'condemned', or a noun such as
'talks') with its CAMEO code and the phrases that may name its two sides: the subject
(or the agent of a passive, the possessor of a noun) and, in order of preference, the
phrases that may name the target (a preposition the pattern marks, the indirect and
direct object, prepositional objects). Which country each phrase names is decided
later, from the mentions; this module only reads the grammar and the lexicon.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from dyadscope.extract.lexicon import (
    EventCode,
    Lexicon,
    NounSense,
    Pattern,
    VerbSense,
    load_lexicon,
    word_forms,
)
from dyadscope.knowledge import load_json_data

# Dependents that open a clause of their own: their words are not part of a phrase.
CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "punct", "cc",
           "mark", "npadvmod"}
OBJECTS = ("dative", "dobj", "attr", "oprd")
RELATIVE = {"who", "which", "that", "whom"}
FUTURE = {"will", "shall", "'ll", "wo"}
PLANNING = {"plan", "plans", "planned", "planning", "expect", "expects", "expected",
            "intend", "intends", "intended", "schedule", "scheduled", "set", "due", "going",
            "prepare", "prepares", "prepared", "preparing", "poised", "slated"}
# A noun event named as the time or occasion of the clause: 'during the talks'.
OCCASIONS = {"during", "after", "following", "before", "amid", "at", "ahead", "since",
             "upon", "throughout", "until", "despite", "for"}
HAPPEN = {"take", "took", "taken", "takes", "taking", "hold", "held", "holds", "begin",
          "began", "begun", "begins", "start", "started", "end", "ended", "continue",
          "continued", "conclude", "concluded", "open", "opened", "come", "came", "follow",
          "followed", "resume", "resumed", "occur", "occurred", "happen", "happened", "mark",
          "marked", "be", "is", "was", "were", "are", "been"}
# The words that decide how a frame reads (negators, called-off acts, control verbs, time
# and meeting nouns ...): lexicons/event_words.json "frame_words".
FRAME_WORDS = load_json_data("lexicons/event_words.json")["frame_words"]
CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"}
READY = {"ready", "willing", "prepared", "eager", "keen", "determined", "open"}
NEGATORS = frozenset(FRAME_WORDS["negators"])
# 'the visit was postponed', 'called off the talks': the noun's act did not take place
CALLED_OFF = frozenset(FRAME_WORDS["called_off"])
TRANSPARENT = frozenset(FRAME_WORDS["transparent"])
DESIRE = frozenset(FRAME_WORDS["desire"])
SPEECH = {"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"}
GOVERNED_CODES = {"AGREE": "030", "THREATEN": "130", "REQUEST": "020", "REJECT": "120"}


@dataclass(frozen=True, slots=True)
class Arg:
    role: str  # subject, agent, object, dative, possessor, modifier, prep:<word>
    head: int
    tokens: tuple[int, ...]  # nearest the head first


@dataclass(slots=True)
class Frame:
    head: int
    kind: str  # "verb" or "noun"
    code: EventCode
    subjects: list[Arg]
    targets: list[Arg]
    reverse: bool = False
    passive: bool = False
    negated: bool = False
    planned: bool = False
    pattern: bool = False  # a pattern of the lexicon (not only the bare verb) matched
    suppressed: bool = False
    inherited: bool = False  # the subject is borrowed from a governing clause
    consumed: set[int] = field(default_factory=set)  # nouns this frame read as its object
    # prepositions whose object is the target even when it is a place ('arrived in Serbia')
    marked: frozenset[str] = frozenset()
    intent: bool = False  # an intent, request or refusal made of the act it governs
    bare: bool = False  # coded only by a CAMEO verb's default: its sides must be named
    ours: bool = False  # coded by our own lexicon, not CAMEO's
    occasion: str | None = None  # the preposition naming a noun event as an occasion
    reporter: list[Arg] = field(default_factory=list)  # who said it, when it is reported
    standing: bool = False  # a standing relation ('Russia is Vietnam's main supplier')
    mediation: bool = False  # the act or its content is mediating between two others


@dataclass(frozen=True)
class Parsed:
    """One parsed sentence and what its mentions say of its words: `marks` gives the
    class of a token that is part of a name ('%person', '%weapon', '%country')."""

    doc: Any
    marks: dict[int, str]


def phrase(token: Any) -> tuple[int, ...]:
    """The token's phrase without the clauses hanging from it, nearest words first."""
    order: list[int] = []
    queue = deque([token])
    while queue:
        current = queue.popleft()
        order.append(current.i)
        for child in current.children:
            reduced = child.dep_ == "acl" and child.tag_ == "VBN"  # 'camps located in X'
            if child.dep_ == "agent" and _reduced(current):
                continue  # 'a ceasefire mediated by Egypt': Egypt acts, it is not the truce
            if (child.dep_ in CLAUSES and not reduced) or (
                    child.dep_ == "conj" and child.tag_.startswith("VB")):
                continue
            queue.append(child)
    return tuple(order)


def words(parsed: Parsed, indices: list[int] | tuple[int, ...]) -> list[str]:
    return [parsed.marks.get(i, parsed.doc[i].lower_) for i in sorted(indices)]


def _children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _conjuncts(token: Any) -> list[Any]:
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and not child.tag_.startswith("VB"):
            found += _conjuncts(child)
    return found


def _reduced(token: Any) -> bool:
    return token.dep_ == "acl" and token.tag_ == "VBN"


def is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def subjects(verb: Any, depth: int = 0) -> tuple[list[Arg], bool]:
    """The phrases naming who acts, and whether they were borrowed from another clause."""
    if is_passive(verb) or _reduced(verb):
        agents = [p for a in _children(verb, "agent") for p in _children(a, "pobj")]
        if agents or not _reduced(verb):
            return [Arg("agent", p.i, phrase(p)) for p in agents], False
    for subject in _children(verb, "nsubj", "csubj"):
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            return [Arg("subject", verb.head.i, phrase(verb.head))], True
        return [Arg("subject", subject.i, phrase(subject))], False
    head = verb.head
    if head == verb or depth > 3:
        return [], False
    if verb.dep_ == "xcomp" and head.dep_ == "acomp":  # 'is ready to cooperate'
        return subjects(head.head, depth + 1)[0], True
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and head.tag_.startswith(("VB", "JJ")):
        if verb.dep_ == "xcomp" and _children(head, "dobj") and not is_passive(head) and (
                _object_control(head)):
            obj = _children(head, "dobj")[0]  # 'urged Cambodia to stop': Cambodia stops
            return [Arg("subject", obj.i, phrase(obj))], True
        if verb.dep_ == "xcomp" and (passive := _children(head, "nsubjpass")):
            return [Arg("subject", passive[0].i, phrase(passive[0]))], True  # 'is due to fly'
        found, _ = subjects(head, depth + 1)
        return found, True
    if verb.dep_ == "acl" and _infinitive(verb) and head.head != head:
        # 'signed a deal to purchase tanks': who signs purchases
        governor = head.head
        if governor.tag_.startswith("VB"):
            return subjects(governor, depth + 1)[0], True
        if head.dep_ == "pobj" and governor.head.tag_.startswith("VB"):
            return subjects(governor.head, depth + 1)[0], True
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        return [Arg("subject", head.i, phrase(head))], True
    return [], False


# Verbs whose object does what their infinitive says ('helped Kenya to build', 'forced
# Mali to expel'), besides the verbs of asking; with others the subject does it
# ('summoned the envoy to protest': Poland protests).
OBJECT_CONTROL = frozenset(FRAME_WORDS["object_control"])


def _object_control(verb: Any) -> bool:
    word = verb.lower_
    return word in OBJECT_CONTROL or word in load_lexicon().request_verbs


def objects(verb: Any) -> list[Arg]:
    args = []
    for dep in OBJECTS:
        for child in _children(verb, dep):
            for part in _conjuncts(child):
                args.append(Arg("dative" if dep == "dative" else "object", part.i, phrase(part)))
    if is_passive(verb):
        for child in _children(verb, "nsubjpass"):
            for part in _conjuncts(child):
                args.append(Arg("object", part.i, phrase(part)))
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # 'troops stationed in Niger'
        args.append(Arg("object", verb.head.i, phrase(verb.head)))
    if not any(a.role == "object" for a in args):
        for sibling in _children(verb, "conj"):  # 'detained and handed over X': X for both
            if sibling.tag_.startswith("VB"):
                args += [Arg("object", c.i, phrase(c)) for c in _children(sibling, "dobj")]
    if verb.dep_ == "relcl" and not args and not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE for c in verb.children):
        args.append(Arg("object", verb.head.i, phrase(verb.head)))  # 'a contract Poland signed'
    return args


def prepositions(token: Any) -> list[Arg]:
    args = []
    for prep in _children(token, "prep", "agent"):
        word = prep.lower_
        if word == "according":
            continue  # 'according to the news service' names who tells, not a side
        for pobj in _children(prep, "pobj", "pcomp"):
            for part in _conjuncts(pobj):
                args.append(Arg(f"prep:{word}", part.i, phrase(part)))
        for inner in _children(prep, "prep"):  # 'ahead of', 'because of'
            for pobj in _children(inner, "pobj"):
                args.append(Arg(f"prep:{inner.lower_}", pobj.i, phrase(pobj)))
    for particle in _children(token, "prt"):  # 'hand over X to'
        args += prepositions(particle)
    return args


def _negated(token: Any) -> bool:
    current = token
    for _ in range(3):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if current.dep_ not in ("xcomp", "conj") or current.head == current:
            return False
        current = current.head
    return False


def _planned(token: Any) -> bool:
    current = token
    for _ in range(3):
        auxes = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE for a in auxes):
            return True
        if any(a.lower_ == "would" for a in auxes) and current.lower_ not in {
                "like", "love", "prefer", "welcome"}:
            return True
        if current.dep_ == "xcomp" and current.head.lower_ in PLANNING:
            return True
        if current.dep_ not in ("xcomp", "conj") or current.head == current:
            return False
        current = current.head
    return False


@dataclass(frozen=True, slots=True)
class Coding:
    code: str | None
    reverse: str | None
    pattern: Pattern | None
    bare: bool = False
    finite: bool = False  # the sense makes an event only as a clause's own verb
    ours: bool = False


def _adjacent(doc: Any, verb: Any, sense: VerbSense) -> bool:
    after = [t.lower_ for t in doc[verb.i + 1 : verb.i + 1 + len(sense.after)]]
    before = [t.lower_ for t in doc[max(0, verb.i - len(sense.before)) : verb.i]]
    if sense.after and after != list(sense.after):
        particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "dobj")]
        if not set(sense.after) <= set(particles):
            return False
    return not sense.before or before == list(sense.before)


def _pattern_fits(lexicon: Lexicon, pattern: Pattern, regions: dict[str, Any]) -> bool:
    """Subject words anywhere in the subject; object phrases ending at the head of an
    object (or a particle); prepositional phrases ending at the head of their object."""
    subject, heads, loose, preps = (regions["subject"], regions["heads"], regions["loose"],
                                    regions["preps"])
    for terms in pattern.objects:  # fast rejection on the last words first
        if not lexicon.last_words(terms) & regions["ends"]:
            return False
    for wanted in pattern.preps:
        if not wanted.preps & regions["prep_words"]:
            return False
    if any(not lexicon.phrase_in((term,), subject) for term in pattern.subject):
        return False
    for terms in pattern.objects:
        if not (any(lexicon.phrase_ends(terms, np) for np in heads)
                or lexicon.phrase_in(terms, loose if len(terms) == 1 else regions["right"])):
            return False
    for wanted in pattern.preps:
        if not any(p in wanted.preps and (not wanted.terms or any(
                lexicon.phrase_ends(wanted.terms, np) for np in nps)) for p, nps in preps):
            return False
    return True


def _best_pattern(lexicon: Lexicon, senses: list[VerbSense],
                  regions: dict[str, Any]) -> Coding | None:
    best: tuple[int, Pattern, VerbSense] | None = None
    for sense in senses:
        for pattern in sense.patterns:
            if (best is None or pattern.size > best[0]) and _pattern_fits(
                    lexicon, pattern, regions):
                best = (pattern.size, pattern, sense)
    if best is None:
        return None
    return Coding(best[1].code, best[1].reverse, best[1],
                  finite=best[2].block in lexicon.finite,
                  ours=best[2].block.startswith("dyadscope:"))


def code_verb(lexicon: Lexicon, parsed: Parsed, verb: Any) -> Coding | None:
    """Our patterns, then CAMEO's, then our default code, then CAMEO's ('---' in ours
    drops CAMEO's default, '+' keeps it; a blocked sense keeps its patterns, not its
    default)."""
    senses = [s for s in lexicon.verbs.get(verb.lower_, ()) if _adjacent(parsed.doc, verb, s)]
    if not senses:
        return None
    senses.sort(key=lambda s: -(len(s.after) + len(s.before)))
    regions = _regions(parsed, verb)
    ours = [s for s in senses if s.block.startswith("dyadscope:")]
    theirs = [s for s in senses if not s.block.startswith("dyadscope:")]
    for group in (ours, theirs):
        found = _best_pattern(lexicon, group, regions)
        if found is not None:
            return found
        if group is ours and any(s.block in lexicon.overriding for s in ours):
            break
    for sense in ours:
        if sense.code == "+":
            break  # our patterns only: CAMEO's default stands
        if sense.code == "---" and not sense.reverse:
            return None
        return Coding(sense.code, sense.reverse, None, finite=sense.block in lexicon.finite,
                      ours=True)
    for sense in theirs:
        if f"{sense.block}:{sense.lemma}" not in lexicon.blocked:
            return Coding(sense.code, sense.reverse, None, bare=sense.generic)
    return None


# 'a series of strikes', 'the second batch of tanks': the noun after 'of' is the head.
QUANTITY = {"series", "number", "batch", "wave", "round", "rounds", "set", "couple", "lot",
            "range", "total", "pair", "group", "kind", "type", "string", "barrage", "volley",
            "spate", "package", "dozens", "hundreds", "thousands", "sale", "sales", "delivery",
            "deliveries", "supply", "shipment", "purchase", "worth", "fleet", "squadron"}


def content_heads(token: Any) -> list[Any]:
    """The noun itself, and for a quantity noun the noun it counts."""
    heads = [token]
    if token.lower_ in QUANTITY:
        for prep in _children(token, "prep"):
            if prep.lower_ == "of":
                for pobj in _children(prep, "pobj"):
                    heads += content_heads(pobj)
    return heads


def head_words(parsed: Parsed, token: Any) -> list[list[str]]:
    """The words of a noun phrase up to its head ('two Su-30 fighter jets'), and up to
    each noun before it: the parser may take 'a protocol confirming intentions' as one
    phrase headed by 'intentions'."""
    start = token.left_edge.i
    found = [words(parsed, list(range(start, token.i + 1)))]
    for inner in parsed.doc[start : token.i]:
        if inner.tag_ in ("NN", "NNS") and inner.dep_ in ("nmod", "compound", "npadvmod"):
            found.append(words(parsed, list(range(start, inner.i + 1))))
    if any(parsed.marks.get(i) == "%weapon" for i in range(start, token.i)):
        found.append(["%weapon"])  # 'S-125 Pechora complexes' are weapons whatever the head
    return found


def _regions(parsed: Parsed, verb: Any) -> dict[str, Any]:
    subject_tokens = [i for a in subjects(verb)[0] for i in a.tokens]
    subject_tokens += [c.i for c in verb.children if c.dep_ in ("aux", "neg")]
    doc = parsed.doc
    heads = [np for a in objects(verb) for h in content_heads(doc[a.head])
             for np in head_words(parsed, h)]
    loose = [parsed.marks.get(c.i, c.lower_) for c in verb.children
             if c.dep_ in ("prt", "acomp", "advmod", "oprd")]
    preps = [(a.role.split(":", 1)[1],
              [np for h in content_heads(doc[a.head]) for np in head_words(parsed, h)])
             for a in prepositions(verb) if not _temporal(doc[a.head])]
    for arg in objects(verb):
        preps += [(a.role.split(":", 1)[1], head_words(parsed, doc[a.head]))
                  for a in prepositions(doc[arg.head])]
    right = words(parsed, [t.i for t in verb.subtree if t.i > verb.i])
    ends = {np[-1] for np in heads} | set(loose) | set(right)
    return {"subject": words(parsed, subject_tokens), "heads": heads, "loose": loose,
            "preps": preps, "right": right, "ends": ends,
            "prep_words": {word for word, _ in preps}}


TIME_WORDS = frozenset(FRAME_WORDS["time_words"])


def _temporal(token: Any) -> bool:
    """'called his counterpart on Friday': a time is no argument a pattern can read."""
    return token.lower_ in TIME_WORDS or token.like_num


def verb_frame(lexicon: Lexicon, parsed: Parsed, verb: Any) -> Frame | None:
    coding = code_verb(lexicon, parsed, verb)
    if coding is None:
        return None
    reverse = coding.code is None and coding.reverse is not None
    code = lexicon.event_code(coding.code or coding.reverse)
    if code is None or (coding.finite and not _finite(verb)):
        return None
    frame = _verb_frame(verb, code, coding.pattern, reverse)
    frame.bare, frame.ours = coding.bare, coding.ours
    return frame


def _finite(verb: Any) -> bool:
    """A clause's own verb: 'the sides deepened ties', 'will deepen', not 'ways to deepen',
    'for promoting'; an intent governing it makes it content anyway."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a != "to" for a in auxes):
        return True
    return verb.dep_ in ("xcomp", "conj")


def _verb_frame(verb: Any, code: EventCode, pattern: Pattern | None, reverse: bool) -> Frame:
    found_subjects, inherited = subjects(verb)
    marked = pattern.target if pattern and pattern.target else frozenset()
    if pattern is not None and pattern.source and "object" in pattern.source:
        # 'France withdrew its troops', 'the French troops were withdrawn': the owner of
        # what is withdrawn acts
        found_subjects = [a for a in objects(verb) if a.role == "object"] + found_subjects
    return Frame(
        head=verb.i, kind="verb", code=code, subjects=found_subjects,
        targets=_target_order(verb, pattern), reverse=reverse, passive=is_passive(verb),
        negated=_negated(verb), planned=_planned(verb), pattern=pattern is not None,
        inherited=inherited, marked=marked - {"object"},
    )


PREP_ORDER = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon",
              "for", "from", "between", "among", "over", "of", "by", "in", "about")


def _target_order(verb: Any, pattern: Pattern | None) -> list[Arg]:
    """Phrases that may name the target, most likely first: what the pattern marks, the
    indirect and direct objects, prepositional objects, then those of the object."""
    own = objects(verb)
    preps = prepositions(verb)
    inner = [a for o in own for a in prepositions(verb.doc[o.head])]
    marked = pattern.target if pattern and pattern.target else frozenset()
    first = [a for a in preps + inner if a.role.split(":", 1)[-1] in marked]
    if "object" in marked:
        first += [a for a in own if a.role == "object"]
    ranked = sorted(preps, key=lambda a: _prep_rank(a.role))
    inner_ranked = sorted(inner, key=lambda a: _prep_rank(a.role))
    datives = [a for a in own if a.role == "dative"]
    direct = [a for a in own if a.role == "object"]
    # 'alleged that the Cambodian forces used civilians as shields': whom it is about
    clauses = [a for c in verb.children if c.dep_ in ("ccomp", "parataxis")
               for a in subjects(c)[0] if a.role == "subject"]
    if verb.dep_ in ("parataxis", "ccomp") and verb.head != verb and not _children(
            verb, "ccomp"):  # 'X used civilians as shields, the Thai army alleged'
        clauses += [a for a in subjects(verb.head)[0] if a.role == "subject"]
    return _unique(first + datives + direct + ranked + inner_ranked + clauses)


def _unique(args: list[Arg]) -> list[Arg]:
    seen: set[tuple[str, int]] = set()
    unique = []
    for arg in args:
        if (arg.role, arg.head) not in seen:
            seen.add((arg.role, arg.head))
            unique.append(arg)
    return unique


def _prep_rank(role: str) -> int:
    word = role.split(":", 1)[-1]
    return PREP_ORDER.index(word) if word in PREP_ORDER else len(PREP_ORDER)


def noun_sense(lexicon: Lexicon, doc: Any, noun: Any) -> tuple[NounSense, int] | None:
    """The noun's sense and the index of the phrase's first word ('air' of 'air strike')."""
    for sense in lexicon.nouns.get(noun.lower_, ()):
        size = len(sense.phrase) - 1
        before = [t.lower_ for t in doc[max(0, noun.i - size) : noun.i]]
        if size == 0 or (len(before) == size and all(
                b in word_forms(w) for b, w in zip(before, sense.phrase, strict=False))):
            return sense, noun.i - size
    return None


def noun_args(noun: Any, sense: NounSense, first: int,
              marks: dict[int, str]) -> tuple[list[Arg], list[Arg]]:
    """'Russia's invasion of Ukraine', 'Thai air strikes on Cambodia', 'a meeting between
    X and Y', 'talks with Z': who acts and at whom, from the noun's own dependents."""
    sources: list[Arg] = []
    targets: list[Arg] = []
    for child in noun.children:
        if child.dep_ == "poss":
            sources.append(Arg("possessor", child.i, phrase(child)))
        elif child.dep_ in ("amod", "compound", "nmod") and child.i < first and (
                child.i in marks or child.tag_ in ("NNP", "NNPS")):
            sources.append(Arg("modifier", child.i, phrase(child)))
    preps = prepositions(noun)
    pair = [a for a in preps if a.role in ("prep:between", "prep:among")]
    for arg in preps:
        word = arg.role.split(":", 1)[1]
        if arg in pair:
            continue
        if word in sense.source_preps or (word in ("by", "from") and not sense.source_preps
                                          and word not in sense.target_preps):
            sources.insert(0, arg)  # 'condemnation from China', 'a vow ... from Sharif'
        elif word in sense.target_preps:
            targets.insert(0, arg)
        else:
            targets.append(arg)
    if pair and not sources:
        sources, targets = pair[:1], pair[1:] + targets
    elif pair:
        targets = pair + targets
    return sources, targets


def noun_frame(lexicon: Lexicon, parsed: Parsed, noun: Any,
               frames: dict[int, Frame]) -> Frame | None:
    """A noun event stands alone when it names its own sides, when it is the occasion
    of the clause ('during the talks') or the subject of 'took place'; as the object of
    a light verb ('held talks') it gives that verb its meaning; as the object of another
    event ('condemned the strikes') it is only the topic."""
    found = noun_sense(lexicon, parsed.doc, noun)
    if found is None:
        return None
    sense, first = found
    code = lexicon.event_code(sense.code)
    if code is None:
        return None
    sources, targets = noun_args(noun, sense, first, parsed.marks)
    purposed = frames.get(noun.head.head.i) if noun.dep_ == "pobj" and noun.head.lower_ == "for" \
        else None
    if purposed is not None:  # 'will visit X for talks', 'recalled its envoy for consultations'
        if purposed.code.type == code.type:
            purposed.targets = _unique(purposed.targets + targets)
            purposed.consumed.add(noun.i)
        return None
    if code.type == "SUPPORT" and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        code = lexicon.event_code("070") or code  # 'made a drone with the support of Belarus'
    if sense.agent:
        return _agent_frame(noun, code, sources + targets)
    consumed: set[int] = set()
    if sense.intent and not any(c.dep_ in ("acl", "relcl", "ccomp", "prep")
                                for c in noun.children):
        return None  # 'China's security interests': an intent must name what is intended
    if sense.intent:
        code, targets, sources = _intent(lexicon, parsed, noun, frames, code, targets, sources,
                                         consumed)
    place = _counted(noun)
    head, dep = place.head, place.dep_
    if dep in ("dobj", "nsubjpass") and head.lower_ in CALLED_OFF:
        return None
    if (dep in ("dobj", "nsubjpass", "attr", "oprd") and head.tag_.startswith("VB")
            and head.lower_ in lexicon.light_verbs):
        _lend(head, noun, code, frames, targets, sources)
        return None
    if _topic(place, frames):
        return None  # the topic of another act: 'condemned the strikes'
    occasion = dep == "pobj" and head.lower_ in OCCASIONS
    happening = dep in ("nsubj", "nsubjpass") and head.lower_ in HAPPEN
    if not (sources or targets or occasion or happening):
        return None
    if not sources and occasion:
        clause = clause_verb(noun)
        if clause is not None:
            sources, _ = subjects(clause)
            targets = targets + objects(clause) + prepositions(clause)
    return Frame(head=noun.i, kind="noun", code=code, subjects=sources, targets=targets,
                 planned=_noun_planned(noun), marked=sense.target_preps,
                 occasion=head.lower_ if occasion else None, consumed=consumed)


def between_elsewhere(noun: Any) -> list[Arg]:
    """The 'between A and B' of the noun's sentence, when there is one only."""
    found = [t for t in noun.sent if t.lower_ == "between" and t.dep_ == "prep"]
    if len(found) != 1:
        return []
    return [Arg("prep:between", part.i, phrase(part))
            for pobj in _children(found[0], "pobj") for part in _conjuncts(pobj)]


def _content(clause: Any, frames: dict[int, Frame]) -> Frame | None:
    """The first act inside a governed clause ('hope that the sides will continue to
    cooperate': cooperate); every act in it is content, no event of its own. A clause
    inside it with its own subject ('as Putin made a visit') tells its own news."""
    inside = [frames[i] for i in _clause_tokens(clause) if i in frames]
    for frame in inside:
        frame.suppressed = True
    return inside[0] if inside else None


def _clause_tokens(token: Any) -> list[int]:
    found = [token.i]
    for child in token.children:
        own = child.dep_ in ("advcl", "relcl", "parataxis", "ccomp") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if not own:
            found += _clause_tokens(child)
    return sorted(found)


def _topic(noun: Any, frames: dict[int, Frame]) -> bool:
    """Inside an argument of another act ('condemned the strikes', 'called for a review
    of UN sanctions'), a noun event is what that act is about; named as its occasion
    ('after talks', 'following a meeting') it is a happening of its own."""
    current = noun
    for step in range(6):
        head = current.head
        if head == current or (step == 0 and current.dep_ == "pobj"
                               and head.lower_ in OCCASIONS and not _content_of_noun(head)):
            return False
        if current.dep_ in CLAUSES or head.tag_.startswith("VB"):
            governing = frames.get(head.i)
            return (governing is not None and not governing.bare
                    and current.dep_ not in CLAUSES | {"nsubj", "csubj"})
        current = head
    return False


CAUSE_NOUNS = frozenset(FRAME_WORDS["cause_nouns"])


def _content_of_noun(prep: Any) -> bool:
    """'a proposal for talks', 'calls for a ceasefire': 'for' on a noun names its content,
    not an occasion ('arrived for talks'), unless the noun answers a cause ('in
    retaliation for the expulsion')."""
    return (prep.lower_ == "for" and prep.head.tag_.startswith("NN")
            and prep.head.lower_ not in CAUSE_NOUNS)


def _counted(noun: Any) -> Any:
    """'a series of strikes' stands where 'series' stands in the clause."""
    current = noun
    while (current.dep_ == "pobj" and current.head.lower_ == "of"
           and current.head.head.lower_ in QUANTITY and current.head.head != current):
        current = current.head.head
    return current


def _agent_frame(noun: Any, code: EventCode, args: list[Arg]) -> Frame | None:
    """'Russia has been Vietnam's main arms supplier': the subject of the copula is the
    agent of the noun, the noun's possessor or object its partner; a standing relation."""
    head = noun.head
    if noun.dep_ not in ("attr", "appos") or not head.tag_.startswith("VB"):
        return None
    found, _ = subjects(head)
    if not found:
        return None
    return Frame(head=noun.i, kind="noun", code=code, subjects=found, targets=args,
                 standing=True)


def _intent(lexicon: Lexicon, parsed: Parsed, noun: Any, frames: dict[int, Frame],
            code: EventCode, targets: list[Arg], sources: list[Arg],
            consumed: set[int]) -> tuple[EventCode, list[Arg], list[Arg]]:
    """'willingness to mediate', 'a vow of retaliation from Sharif': an intent noun takes
    the sides of the act it names (which is no event of its own), and an intent to attack
    is a threat."""
    doc = parsed.doc
    intended: list[Any] = [c for c in noun.children if c.dep_ in ("acl", "relcl", "ccomp")]
    intended += [p for c in _children(noun, "prep") if c.lower_ == "of"
                 for p in _children(c, "pobj", "pcomp")]
    for act in intended:
        inner = _content(act, frames)
        kind = inner.code.type if inner else None
        if kind is None and (found := noun_sense(lexicon, doc, act)) is not None:
            consumed.add(act.i)
            event = lexicon.event_code(found[0].code)
            kind = event.type if event else None
            act_sources, act_targets = noun_args(act, found[0], found[1], parsed.marks)
            sources, targets = sources or act_sources, targets + act_targets
        if inner is not None:
            targets = targets + inner.targets
        elif act.tag_.startswith("VB"):
            targets = targets + _target_order(act, None)
        if kind in CONFLICT:
            threat = lexicon.event_code("130")
            return (threat or code), targets, sources
    return code, targets, sources


def clause_verb(token: Any) -> Any | None:
    """The verb of the clause a word stands in."""
    current = token
    for _ in range(6):
        if current.head == current:
            return None
        current = current.head
        if current.tag_.startswith("VB"):
            return current
    return None


def _noun_planned(noun: Any) -> bool:
    upcoming = {"upcoming", "planned", "forthcoming", "next", "proposed", "future",
                "scheduled", "expected", "possible", "potential"}
    if any(c.lower_ in upcoming for c in noun.children):
        return True
    verb = clause_verb(noun)
    return verb is not None and _planned(verb)


def _lend(verb: Any, noun: Any, code: EventCode, frames: dict[int, Frame],
          targets: list[Arg], sources: list[Arg]) -> None:
    """'held talks with X', 'carried out strikes on Y': the light verb takes the noun's
    event (unless a pattern of its own fits), its subject, and the noun's prepositions."""
    existing = frames.get(verb.i)
    if existing is not None and (existing.pattern or existing.ours):
        existing.targets = _unique(targets + existing.targets)
        existing.consumed.add(noun.i)
        if not existing.ours and existing.code.type != code.type:
            existing.code = code  # 'made a state visit': a visit (CAMEO: an intent to meet)
        return
    frame = _verb_frame(verb, code, None, False)
    frame.targets = _unique(targets + frame.targets)
    if not frame.subjects and sources:
        frame.subjects = sources
    frame.consumed.add(noun.i)
    frames[verb.i] = frame


def _governed(token: Any) -> list[Any]:
    """The acts a word governs: its clausal complements and the acts joined to them
    ('agreed to restore ties and reopen embassies')."""
    found = []
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and child.tag_.startswith("VB"):
            found += [child] + [c for c in child.children
                                if c.dep_ == "conj" and c.tag_.startswith("VB")]
    return found


def _governing_kind(lexicon: Lexicon, token: Any, governed: Any) -> str | None:
    word = token.lower_
    clausal = governed.dep_ == "ccomp" or (
        governed.dep_ == "conj" and governed.head.dep_ == "ccomp")
    if word in lexicon.intent_verbs or (word in READY and token.tag_.startswith("JJ")):
        return "AGREE"
    if clausal:  # 'demanded that X withdraw', not 'told reporters that'
        return "REQUEST" if word in lexicon.clausal_requests else None
    if word in lexicon.request_verbs:
        return "REQUEST"  # 'urged X to', 'told X to leave'
    if word in lexicon.refusal_verbs:
        return "REJECT"
    return None


def _combine(lexicon: Lexicon, doc: Any, frames: dict[int, Frame]) -> None:
    """Intent, request and refusal words take the act they govern as their content:
    'agreed to restore ties' is one AGREE, 'pledged to retaliate' one THREATEN,
    'urged Cambodia to stop' one REQUEST, 'is ready to help' one AGREE; the governed act
    is no event of its own (its sides are the intent's targets). A meeting agreed on is
    the meeting, planned ('agreed to hold talks': CONSULT, as gold annotates it)."""
    for token in doc:
        for governed in _governed(token):
            if token.lower_ in NEGATORS:
                _content(governed, frames)  # 'avoided taking sides': nothing was taken
                continue
            if token.lower_ in TRANSPARENT and governed.dep_ in ("xcomp", "advcl"):
                if token.i in frames:  # 'voted to condemn', 'continued to supply'
                    frames[token.i].suppressed = True
                continue
            kind = _governing_kind(lexicon, token, governed)
            if kind is None:
                continue
            if kind == "AGREE" and token.lower_ in DESIRE | {"expect", "expects", "expected"} \
                    and governed.dep_ == "ccomp" and _children(governed, "nsubj"):
                kind = "REQUEST"  # 'Minsk hopes that Vietnam would lobby': asking Vietnam
            if kind == "REQUEST" and governed.dep_ == "xcomp" and not _addressee(token):
                if token.i in frames:  # 'asked to convey his congratulations': he conveys
                    frames[token.i].suppressed = True
                continue
            inner = frames.get(governed.i)
            if (kind == "AGREE" and token.lower_ in DESIRE and inner is not None
                    and inner.code.type in SPEECH):
                continue  # 'would like to ask Uganda': the asking is the act
            if kind == "AGREE" and inner is not None and inner.code.type == "CONSULT" and (
                    not doc[inner.head].lower_.startswith(MEDIATION)):  # an offer to mediate
                inner.planned = True
                if not inner.subjects:
                    inner.subjects, inner.inherited = subjects(token)[0], True
                continue
            if inner is None:
                inner = _content(governed, frames)
            else:
                _content(governed, frames)
            if kind == "AGREE" and (inner is not None and inner.code.type in CONFLICT
                                    or token.lower_.startswith("threaten")):
                kind = "THREATEN"  # 'threatened to respond': a threat, whatever the act
            if governed.dep_ != "xcomp" and inner is None:
                continue  # a that-clause with no act in it ('insisted it was legal')
            code = lexicon.event_code(GOVERNED_CODES[kind])
            assert code is not None
            outer = frames.get(token.i)
            if outer is not None and outer.ours and outer.pattern and not outer.suppressed:
                continue  # 'ordered a diplomat to leave': the expulsion our lexicon names
            if outer is None or outer.code.type != kind:
                outer = _verb_frame(token, code, None, False)
                if token.tag_.startswith("JJ"):
                    outer.subjects, outer.inherited = subjects(token.head)[0], True
                frames[token.i] = outer
            outer.intent = True
            outer.bare = False  # 'pledged to deepen ties': the act it governs says what
            inner_targets = inner.targets if inner else _target_order(governed, None)
            outer.targets = _unique(outer.targets + inner_targets)


def _absorb_objects(frames: dict[int, Frame], doc: Any) -> None:
    """'expressed its will to join the project', 'voiced hope that the sides will
    cooperate': the clause on an intent's object is its content, no act of its own."""
    for index, frame in list(frames.items()):
        if frame.kind != "verb" or frame.code.type != "AGREE" or frame.suppressed:
            continue
        for obj in _children(doc[index], "dobj"):
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp", "relcl") and clause.tag_.startswith("VB"):
                    inner = _content(clause, frames)
                    frame.targets = _unique(frame.targets + (
                        inner.targets if inner else _target_order(clause, None)))


def _reporters(lexicon: Lexicon, doc: Any, frames: dict[int, Frame]) -> None:
    """'The ministry said it had lodged a protest', 'a delegation would visit Uganda, the
    minister said': the subject of the reporting verb above (or beside) a reported act."""
    for index, frame in frames.items():
        current = doc[index]
        for _ in range(4):
            head = current.head
            if head == current or current.dep_ not in ("ccomp", "conj", "xcomp", "parataxis"):
                break
            if current.dep_ in ("ccomp", "parataxis") and head.lower_ in lexicon.reporting_verbs:
                frame.reporter = subjects(head)[0]
                break
            current = head
        if not frame.reporter:
            said = [c for c in current.children if c.dep_ in ("parataxis", "ccomp")
                    and c.lower_ in lexicon.reporting_verbs]
            if said:  # 'X did Y, officials said'
                frame.reporter = subjects(said[0])[0]
        reporters = {arg.head for arg in frame.reporter}  # who tells is not whom it is done to
        frame.targets = [arg for arg in frame.targets if arg.head not in reporters]


def _addressee(token: Any) -> bool:
    """Whom a request is made of: 'urged Cambodia', 'called on the UN', 'appealed to X'."""
    return bool(_children(token, "dobj", "dative")) or any(
        p.lower_ in ("on", "upon", "to") and _children(p, "pobj")
        for p in _children(token, "prep"))


MEETINGS = frozenset(FRAME_WORDS["meetings"])


def _purpose(token: Any) -> bool:
    """'went to Hanoi to discuss trade', 'held talks to resolve their differences': an
    infinitive of purpose is no act (unlike 'a deal to purchase tanks', the deal's content)."""
    return _infinitive(token) and (token.dep_ == "advcl" or (
        token.dep_ == "acl" and token.head.lower_ in MEETINGS))


def _topic_of_noun(lexicon: Lexicon, verb: Any) -> bool:
    """'suspended talks on buying F-35 jets': what talks, a deal or a ban are about has
    not happened."""
    prep = verb.head
    return (verb.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep"
            and prep.head.lower_ in lexicon.nouns)


def _hypothetical(token: Any) -> bool:
    """'if attacked', 'unless Iran complies': a condition is not a happening."""
    current = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether", "lest"}
               for c in current.children):
            return True
        if current.dep_ not in ("advcl", "conj") or current.head == current:
            return False
        current = current.head
    return False


def sentence_frames(lexicon: Lexicon, parsed: Parsed) -> list[Frame]:
    doc = parsed.doc
    frames: dict[int, Frame] = {}
    for token in doc:
        if (token.tag_.startswith("VB") and token.lower_ in lexicon.verbs
                and token.lower_ not in lexicon.not_verbs):
            frame = verb_frame(lexicon, parsed, token)
            if frame is not None:
                frame.suppressed = (_purpose(token) or _hypothetical(token)
                                    or _topic_of_noun(lexicon, token))
                frames[token.i] = frame
    _combine(lexicon, doc, frames)
    _absorb_objects(frames, doc)
    for token in doc:
        if token.tag_.startswith("NN") and token.lower_ in lexicon.nouns:
            if any(token.i in f.consumed for f in frames.values()):
                continue
            frame = noun_frame(lexicon, parsed, token, frames)
            if frame is not None:
                frame.suppressed = frame.suppressed or _hypothetical(token)
                frames[token.i] = frame
    _mediators(doc, frames)
    _reporters(lexicon, doc, frames)
    for index, frame in frames.items():
        frame.mediation = any(doc[i].lower_.startswith(MEDIATION) for i in _own_words(doc[index]))
    return [f for _, f in sorted(frames.items())]


MEDIATION = tuple(FRAME_WORDS["mediation_stems"])


def _own_words(token: Any) -> list[int]:
    """The words of a frame's own clause and of what it governs, without the clauses
    joined to it that have subjects of their own ('X urged calm and Y offered to mediate')."""
    found = [token.i]
    for child in token.children:
        if _reduced(child) or child.dep_ in ("conj", "advcl", "relcl", "parataxis") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            continue  # nor a participle's act ('agreed to a truce mediated by Egypt')
        found += _own_words(child)
    return found


def _mediators(doc: Any, frames: dict[int, Frame]) -> None:
    """'agreed to a ceasefire mediated by Egypt', 'after talks brokered by the US': the
    one named in the participle acts toward the parties of the talks or the truce."""
    for frame in frames.values():
        token = doc[frame.head]
        if frame.kind != "verb" or not _reduced(token) or not any(
                a.role == "agent" for a in frame.subjects):
            continue
        noun = token.head
        parties = frames[noun.i].subjects if noun.i in frames else []
        clause = clause_verb(noun)
        if not parties and clause is not None:
            parties = subjects(clause)[0]
        frame.targets = _unique(parties + frame.targets)
