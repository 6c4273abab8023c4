"""The evidence scales, with the written criteria readers see beside every rating.

In the manner of the EEF toolkit's padlocks: a number alone says little, so each level carries the
criteria an editor applied, and pages show the whole scale so the reader can judge for themselves.
"""

from django.db import models

STRENGTH_MAX = 5


class EvidenceStrength(models.IntegerChoices):
    NONE = 0, "0 - no evidence"
    VERY_LIMITED = 1, "1 - very limited"
    LIMITED = 2, "2 - limited"
    MODERATE = 3, "3 - moderate"
    EXTENSIVE = 4, "4 - extensive"
    VERY_EXTENSIVE = 5, "5 - very extensive"


STRENGTH_CRITERIA = {
    0: "No studies of sufficient quality: practice experience and opinion only.",
    1: "A single study or practice evaluation, without a comparison group or with serious risks of bias.",
    2: "A few studies, mostly small or qualitative, with findings that point the same way but are not tested.",
    3: "Several studies, including at least one with a comparison group, mostly consistent.",
    4: "Many studies, including well-conducted trials or quasi-experiments, with consistent findings.",
    5: "A systematic review of consistent, high-quality studies, including in settings like Scotland's.",
}


class Impact(models.TextChoices):
    UNKNOWN = "unknown", "Not known"
    NEGATIVE = "negative", "Negative"
    NONE = "none", "No clear effect"
    SMALL = "small", "Small positive"
    MODERATE = "moderate", "Moderate positive"
    LARGE = "large", "Large positive"


IMPACT_CRITERIA = {
    "unknown": "The studies do not measure outcomes in a way that allows a judgement.",
    "negative": "Outcomes got worse for the people the approach was meant to help.",
    "none": "No difference that the studies could detect.",
    "small": "A positive difference, but small, or found in only some places or groups.",
    "moderate": "A clear positive difference in the outcomes that matter, in most places studied.",
    "large": "A large and lasting positive difference, found consistently.",
}


class Cost(models.TextChoices):
    UNKNOWN = "unknown", "Not known"
    VERY_LOW = "very_low", "Very low"
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


COST_CRITERIA = {
    "unknown": "The sources do not report what it costs to deliver.",
    "very_low": "Fits within existing roles and budgets; a few hours of staff time.",
    "low": "Some protected staff time or a small budget, for example for venues or facilitation.",
    "moderate": "Dedicated staff time over months, external facilitation or training.",
    "high": "New posts or a programme budget over a year or more.",
    "very_high": "Large, multi-year investment across several organisations.",
}


def scale(choices, criteria):
    """Every level of a scale with its criteria, for templates that explain the rating."""
    return [{"value": value, "label": label, "criteria": criteria[value]} for value, label in choices.choices]
