"""English words, from pyspellchecker's frequency list (offline, in the package): which words are
English, and how common. Spelling corrections never replace one (search.spelling); query analysis
asks it which words a derivation makes and which unknown words are everyday ones (search.text)."""

from functools import lru_cache

MIN_ENGLISH_FREQUENCY = 20  # rarer entries of the word list include misspellings


@lru_cache(maxsize=1)
def _frequencies():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


def is_english_word(word, minimum=MIN_ENGLISH_FREQUENCY):
    """Whether the word is in the list at least `minimum` times (American spellings: "neighbor")."""
    return _frequencies()[word] >= minimum
