"""Horizontal bar charts drawn on the server as SVG (no JavaScript). Each chart is shown with its data table,
which is the accessible form: the SVG is a picture of the table."""

WIDTH = 640
LABEL_WIDTH = 230
NUMBER_WIDTH = 70
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_CHARACTERS = 30


def bar_chart(rows):
    """rows: [(label, count or None)]. Returns the SVG's size and one bar per row (None: a suppressed count, no bar)."""
    peak = max((count for _label, count in rows if count), default=0)
    room = WIDTH - LABEL_WIDTH - NUMBER_WIDTH
    bars = []
    for position, (label, count) in enumerate(rows):
        text = str(label)
        if len(text) > LABEL_CHARACTERS:
            text = text[: LABEL_CHARACTERS - 1] + "…"
        length = round(room * count / peak) if count and peak else 0
        top = position * ROW_HEIGHT
        bars.append(
            {
                "label": text,
                "count": count,
                "y": top + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                "text_y": top + ROW_HEIGHT // 2 + 5,
                "width": length,
                "number_x": LABEL_WIDTH + length + 6,
            }
        )
    return {
        "width": WIDTH,
        "height": max(ROW_HEIGHT, ROW_HEIGHT * len(rows)),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
