"""StreamField blocks shared by every content type, defined once."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class PractitionerQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    name = blocks.CharBlock(required=False, help_text="Leave empty to quote anonymously.")
    role = blocks.CharBlock(required=False, help_text="For example: housing support worker")
    organisation = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/practitioner_quote.html"


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Key points")
    points = blocks.ListBlock(blocks.CharBlock(label="Point"))

    class Meta:
        icon = "list-ul"
        template = "blocks/key_points.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(help_text="What the image shows, for people who cannot see it.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "blocks/figure.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Defaults to the document's own title.")
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    body = blocks.RichTextBlock(features=RICH_FEATURES)

    class Meta:
        icon = "list-ol"
        template = "blocks/step.html"


def body_blocks():
    """The blocks every narrative field offers, in the order editors reach for them."""
    return [
        ("text", blocks.RichTextBlock(features=RICH_FEATURES, template="blocks/text.html")),
        ("quote", PractitionerQuoteBlock()),
        ("key_points", KeyPointsBlock()),
        ("figure", FigureBlock()),
        ("embed", EmbedBlock(template="blocks/embed.html")),
        ("document", DocumentBlock()),
    ]


def step_blocks():
    return [("step", StepBlock())]


def document_blocks():
    return [("document", DocumentBlock())]


class PathwayStepBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type=["casestudies.CaseStudyPage", "learning.EvidenceSummaryPage", "learning.PracticeGuidePage"],
        help_text="The case study, evidence summary or guide this step asks the learner to work through.",
    )
    why = blocks.TextBlock(help_text="Why this step matters on the pathway.")
    reflection_prompt = blocks.TextBlock(help_text="A question for the learner's reflection.")

    class Meta:
        icon = "list-ol"
        template = "blocks/pathway_step.html"
