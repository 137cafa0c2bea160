"""Where a person belongs in the family network picture, read from the relationship words a coordinator typed.

A relationship ("Grandmother (Nain)", "Mum’s cousin", "Great-aunt by marriage", "Friend from chapel") gives:

* whether it is family or someone from outside the family (a friend, neighbour, godparent, advocate…);
* for family, the generation relative to the child: 2 for grandparents and above (great-aunts are their
  generation too), 1 for parents, aunts and uncles, 0 for the child's own (brothers, sisters, cousins),
  below 0 for the child's children;
* a side of the family when the words say so ("maternal", "Mum’s", "Father", "Dad’s cousin").

Words are matched whole, in English and Welsh (and the grandparent names the demo families use), without case
or accents. "Great"/"hen" add a generation ("great-nephew" is two below); "X’s Y" counts Y from X ("Mum’s
cousin" is a parent's generation). Anything unrecognised gives no answer, and the picture falls back on the
person's recorded roles. The tables hold lower-case words only: they are not words a person reads.
"""

import re
import unicodedata
from dataclasses import dataclass

# Generation above (+) or below (-) the person the word is counted from.
KIN = {
    **dict.fromkeys((
        "grandmother", "grandfather", "grandparent", "grandparents", "grandma", "grandmum", "grandmom", "grandad",
        "granddad", "grandpa", "granny", "grannie", "gran", "nan", "nana", "nanna", "nanny", "gramps", "grampa",
        "nain", "taid", "mamgu", "mam-gu", "tadcu", "tad-cu", "nanw", "babcia", "dziadek", "teta", "jiddo", "jaddah",
        "sitti", "savta", "saba", "bubbe", "zayde", "oma", "opa", "nonna", "nonno", "abuela", "abuelo", "avo",
        "mamie", "papy", "granda", "grandaunt", "granduncle"), 2),
    **dict.fromkeys((
        "mother", "father", "parent", "parents", "mum", "mam", "mom", "mummy", "mommy", "mama", "mamma", "mami",
        "mammy", "dad", "daddy", "papa", "tad", "dada", "stepmother", "stepfather", "stepmum", "stepmom", "stepdad",
        "stepparent", "aunt", "auntie", "aunty", "uncle", "modryb", "ewythr", "yncl", "anti", "guardian"), 1),
    **dict.fromkeys((
        "sister", "brother", "sibling", "siblings", "cousin", "cousins", "stepsister", "stepbrother", "twin",
        "partner", "wife", "husband", "spouse", "boyfriend", "girlfriend", "fiance", "fiancee", "chwaer", "brawd",
        "cefnder", "cyfnither", "cyfyrder", "sis", "bro", "sister-in-law", "brother-in-law"), 0),
    **dict.fromkeys(("son", "daughter", "child", "nephew", "niece", "stepson", "stepdaughter", "mab", "merch",
                     "nai", "nith"), -1),
    **dict.fromkeys(("grandson", "granddaughter", "grandchild", "wyr", "wyres"), -2),
}
# Words that make the next family word a generation further away: "great-aunt", "hen nain" (Welsh), "grand-aunt".
FURTHER = ("great", "hen", "grand")
# Someone from outside the family.
OUTSIDE = frozenset((
    "friend", "friends", "neighbour", "neighbor", "neighbours", "godmother", "godfather", "godparent", "godparents",
    "goddaughter", "godson", "advocate", "interpreter", "teacher", "minister", "vicar", "priest", "pastor", "imam",
    "rabbi", "mentor", "coach", "childminder", "babysitter", "colleague", "volunteer", "befriender", "chaplain",
    "worker", "ffrind", "cymydog", "cymdoges", "mam-bedydd", "tad-bedydd", "carer", "carers", "supporter"))
MOTHER = frozenset(("mother", "mum", "mam", "mom", "mummy", "mommy", "mama", "mamma", "mami", "mammy"))
FATHER = frozenset(("father", "dad", "tad", "daddy", "papa", "dada"))
STEP = frozenset(("step", "foster", "adoptive", "god"))
MATERNAL, PATERNAL = frozenset(("maternal", "matrilineal")), frozenset(("paternal", "patrilineal"))


@dataclass(frozen=True)
class Kin:
    family: bool | None  # True for family, False for someone outside it, None when the words do not say
    generation: int | None = None
    side: str | None = None  # "maternal", "paternal" or None


def _words(text):
    """Lower-case words without accents, each with whether it ends in a possessive ’s."""
    folded = unicodedata.normalize("NFKD", str(text or "").casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    found = []
    for match in re.finditer(r"[^\W\d_]+(?:-(?:[^\W\d_]+))*(?:['’]s\b)?", folded):
        word = match.group()
        possessive = bool(re.search(r"['’]s$", word))
        word = re.sub(r"['’]s$", "", word)
        parts = [word] if word in KIN or word in OUTSIDE else word.split("-")
        found.extend((part, possessive and number == len(parts) - 1) for number, part in enumerate(parts))
    return found


def _side(words):
    """"maternal", "Mum’s…" and "Mother" say the mother's side; "paternal", "Dad’s…" and "Father" the father's;
    a step-parent, or words for both sides, say neither."""
    sides = set()
    for word, possessive in words:
        if word in MATERNAL or (possessive and word in MOTHER):
            sides.add("maternal")
        elif word in PATERNAL or (possessive and word in FATHER):
            sides.add("paternal")
    if not sides:
        parents = [word for (word, _possessive), (before, _) in zip(words, [("", False), *words]) if before not in STEP]
        sides = {"maternal" for word in parents if word in MOTHER} | {"paternal" for word in parents if word in FATHER}
    return sides.pop() if len(sides) == 1 else None


def read(relationship):
    """What the relationship words say: a :class:`Kin`."""
    words = _words(relationship)
    side = _side(words)
    base, further, counted = 0, 0, False
    for word, possessive in words:
        if word in FURTHER:
            further += 1
        elif word in KIN:
            step = KIN[word]
            step += further * (-1 if step < 0 else 1)
            further = 0
            if not possessive:
                return Kin(True, base + step, side)
            base, counted = base + step, True
        elif word in OUTSIDE and not possessive:
            return Kin(False, None, side)
    return Kin(True, base, side) if counted else Kin(None, None, side)
