"""Case studies: illustrative Scottish partnerships, what they tried, what changed and what they learned."""

CASE_STUDIES = []
