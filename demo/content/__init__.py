"""The demo site's content as plain data, one module per page type.

Written fresh for this platform from the facts in the shared seed and from common Scottish
public-service practice. The projects and most organisations are invented to illustrate; real
names appear only as places (council areas) and as the well-known programmes evidence summaries
describe. `demo.site` turns this data into published pages.
"""
