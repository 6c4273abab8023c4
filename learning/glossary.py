"""The glossary the platform starts with: Scottish public-service abbreviations and their synonyms.

Editors extend it in /admin/ (Snippets > Glossary). Search treats each entry's names as
interchangeable, and pages explain the abbreviations where they appear.
"""

GLOSSARY = [
    (
        "CAR",
        "collaborative action research",
        "",
        "Practitioners and researchers investigating a shared problem together, in cycles of planning, acting, "
        "observing and reflecting.",
    ),
    (
        "SDS",
        "self-directed support",
        "",
        "Social care in which the person chooses how their support is arranged and who provides it, under the "
        "Social Care (Self-directed Support) (Scotland) Act 2013.",
    ),
    (
        "PB",
        "participatory budgeting",
        "community choices",
        "Residents deciding directly how part of a public budget is spent.",
    ),
    (
        "CPP",
        "community planning partnership",
        "",
        "The partnership of a council, NHS board, police, fire, enterprise bodies and the third sector that plans "
        "services together for a council area.",
    ),
    (
        "HSCP",
        "health and social care partnership",
        "",
        "The joint body through which a council and NHS board deliver integrated health and social care.",
    ),
    (
        "IJB",
        "integration joint board",
        "",
        "The board that plans and directs integrated health and social care in a council area.",
    ),
    (
        "LOIP",
        "local outcomes improvement plan",
        "",
        "A community planning partnership's plan of the outcomes it will improve, required by the Community "
        "Empowerment (Scotland) Act 2015.",
    ),
    (
        "CLD",
        "community learning and development",
        "",
        "Learning and development work with communities, from youth work to adult learning and capacity building.",
    ),
    (
        "third sector",
        "voluntary sector",
        "charities\nnot-for-profit sector",
        "Voluntary organisations, charities and social enterprises.",
    ),
    (
        "CLAP",
        "community-led action planning",
        "",
        "A community agreeing its own priorities and plan, and the actions it and public bodies will take.",
    ),
    ("NHS", "National Health Service", "", "Scotland's publicly funded health service, run by 14 regional boards."),
]
