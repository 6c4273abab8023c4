"""`{% fragment spec %}...{% endfragment %}`: the contents rendered once per spec (cop_site/fragments.py).

`spec` is a `cop_site.fragments.Fragment` the view or page built (its name, scopes, audience and
parts); `None` (or a missing variable) renders the contents every time, as if the tag were not there (a
page type that marks a part personal keeps its forms working). Inside a cached fragment `{% csrf_token %}`
renders nothing, so a member's form can never be shared: forms belong outside a fragment.
"""

from django import template

from cop_site.fragments import CSRF_OUTSIDE, frame

register = template.Library()


@register.simple_tag
def frame_fragment(name):
    """`{% frame_fragment "site-footer" as spec %}`: a part of the frame the same for everyone (fragments.frame)."""
    return frame(name)


class FragmentNode(template.Node):
    def __init__(self, spec, nodelist):
        self.spec = spec
        self.nodelist = nodelist

    def render(self, context):
        spec = self.spec.resolve(context)

        def work():
            with context.push(csrf_token=CSRF_OUTSIDE):
                return self.nodelist.render(context)

        return spec.render(work) if spec else self.nodelist.render(context)


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment spec %} takes one argument, a cop_site.fragments.Fragment")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)
