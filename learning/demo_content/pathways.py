"""Learning pathways: routes through guides, case studies and evidence, with questions for reflection."""

PATHWAYS = []
