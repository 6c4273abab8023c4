"""Community and discussion pages: thin HTTP adapters over forums.services, one module per thing served.

- communities.py: the list, a community's page, joining, invitations and join requests;
- threads.py: a forum thread's page, starting one, and its facilitators' and author's buttons;
- posts.py: the forms every discussion posts to (answers, comments under pages, edits, deletion, helpful).

Every form is a plain POST that redirects back to what it changed (PRG), so everything works
without JavaScript; the page scripts use the JSON API (/api/v1, forums/api.py) instead. A refusal is
the services' DomainError (cop_site/errors.py), shown in an error summary above the typed text and
answered with its status, never saving anything.
"""
