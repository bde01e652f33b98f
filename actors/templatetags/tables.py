"""Tables that may be wider than a phone: each scrolls inside its own labelled region."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_block_tag(takes_context=True)
def scroll_table(context, content, caption, table_class="table", caption_class=""):
    """A table whose rows are `content`, captioned, in a region that scrolls sideways on its own
    when the table is wider than the page, so the page itself never does.

    The region is named by the caption and takes keyboard focus, so it can be scrolled with the
    arrow keys; static/js/tables.js shows a hint above it while it overflows.
    """
    request = context.get("request")
    number = getattr(request, "_scroll_tables", 0) + 1
    if request is not None:
        # The ids only have to differ within one page.
        request._scroll_tables = number
    return render_to_string(
        "partials/_scroll_table.html",
        {
            "caption": caption,
            "caption_id": f"table-{number}-caption",
            "table_class": table_class,
            "caption_class": caption_class,
            "rows": content,
        },
    )
