"""What changed between two texts, word by word, for showing the difference between two versions of a plan.

A text is split into words and the spaces between them; a word keeps its punctuation ("friends." is one
word). A text mostly rewritten is shown as taken out and replaced whole. The result is a list of
``(change, text)`` segments, ``change`` one of SAME, ADDED or REMOVED: the text kept, added or taken out,
in reading order, with what was taken out just before what replaced it.
Joining the segments that are not REMOVED gives the new text exactly; joining those that are not ADDED
gives the old one, perhaps spaced differently, because a change of spacing alone is no change.

The segments are plain text, as typed: the page escapes them.
"""

import difflib
import re

SAME, ADDED, REMOVED = "same", "added", "removed"
# Below this share of words in common (difflib's ratio over the words), a text counts as rewritten whole.
REWRITTEN = 0.5
_TOKENS = re.compile(r"\s+|\S+")


def _tokens(text):
    return _TOKENS.findall(text or "")


def _key(token):
    """What a token is compared as: every run of spaces and line breaks is the same as any other."""
    return " " if token.isspace() else token


def _likeness(old, new):
    """The share of words two texts have in common, in the same order, from 0 to 1 (spaces not counted)."""
    return difflib.SequenceMatcher(None, [t for t in old if not t.isspace()], [t for t in new if not t.isspace()],
                                   autojunk=False).ratio()


def _chunks(old, new):
    """(same, old tokens, new tokens) runs, where a run of spaces between two changes joins them into one. A text
    mostly rewritten is one change: words that happen to be in both ("in", "the") would only break it up."""
    if old and new and _likeness(old, new) < REWRITTEN:
        return [(False, old, new)]
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in old], [_key(t) for t in new], autojunk=False)
    runs = [(tag == "equal", old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    joined = []
    for index, (same, before, after) in enumerate(runs):
        between = 0 < index < len(runs) - 1 and not runs[index - 1][0] and not runs[index + 1][0]
        if same and between and all(token.isspace() for token in after):
            same = False
        if joined and not same and not joined[-1][0]:
            joined[-1] = (False, joined[-1][1] + before, joined[-1][2] + after)
        else:
            joined.append((same, before, after))
    return joined


def _trimmed(tokens):
    """(leading spaces, the words, trailing spaces) of a run of tokens."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].isspace():
        start += 1
    while end > start and tokens[end - 1].isspace():
        end -= 1
    return "".join(tokens[:start]), "".join(tokens[start:end]), "".join(tokens[end:])


def _merged(segments):
    merged = []
    for change, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == change:
            merged[-1] = (change, merged[-1][1] + text)
        else:
            merged.append((change, text))
    return merged


def words(old, new):
    """The segments that turn ``old`` into ``new`` (see the module docstring). None counts as empty."""
    segments = []
    for same, before, after in _chunks(_tokens(old), _tokens(new)):
        if same:
            segments.append((SAME, "".join(after)))
        elif not after:
            # Taken out with the space after it, so the words either side are not run together.
            segments.append((REMOVED, "".join(before)))
        else:
            # The spaces around what was added or changed belong to the words either side.
            lead, text, trail = _trimmed(after)
            segments += [(SAME, lead), (REMOVED, "".join(before).strip()), (ADDED, text), (SAME, trail)]
    return _merged(segments)


def items(old, new):
    """Two lists compared item by item: ``[(change, item)]``, in the new list's order, each removed item just
    before what took its place. Items are compared whole (names, references, dates), never split."""
    matcher = difflib.SequenceMatcher(None, list(old or []), list(new or []), autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [(SAME, item) for item in new[j1:j2]]
        else:
            changes += [(REMOVED, item) for item in old[i1:i2]] + [(ADDED, item) for item in new[j1:j2]]
    return changes
