"""Geometry for the follow-up chart: participants reached per period, as inline SVG bars."""

WIDTH, HEIGHT, PAD, LABEL = 640, 220, 24, 40


def follow_up_chart(follow_ups) -> dict | None:
    """Bars for each follow-up period, scaled to the largest; None when there is nothing to draw."""
    if not follow_ups:
        return None
    values = [follow_up.participants for follow_up in follow_ups]
    top = max(values) or 1
    slot = (WIDTH - 2 * PAD) / len(follow_ups)
    bar_width = min(slot * 0.6, 60)
    plot_height = HEIGHT - PAD - LABEL
    bars = []
    for index, (follow_up, value) in enumerate(zip(follow_ups, values, strict=True)):
        height = plot_height * value / top
        x = PAD + index * slot + (slot - bar_width) / 2
        bars.append(
            {
                "x": round(x, 1),
                "y": round(PAD + plot_height - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "value": value,
                "label_x": round(x + bar_width / 2, 1),
                "follow_up": follow_up,
            }
        )
    return {"width": WIDTH, "height": HEIGHT, "baseline": PAD + plot_height, "bars": bars}
