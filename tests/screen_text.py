"""What a person sees on the terminal, as plain text: the lines of the screen on top, as Textual draws them."""

from __future__ import annotations


def screen_lines(app) -> list[str]:
    """Every line of the current screen, as drawn (colours dropped): what a monochrome terminal would show."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def words_on_screen(app) -> str:
    """The screen's text with every run of spaces and line breaks made one space: a name wrapped over two lines of a
    table cell reads as one phrase."""
    return " ".join(screen_text(app).split())


def column_text(app, header: str, next_header: str) -> str:
    """The text of one column of the table on screen, read top to bottom: the characters between the x where `header`
    starts and the x where `next_header` starts, on every line below the header, joined by spaces. A name wrapped over
    two lines of its cell reads whole; a name cut at the column's edge reads cut."""
    lines = screen_lines(app)
    row = next(i for i, line in enumerate(lines) if header in line and next_header in line)
    start, end = lines[row].index(header), lines[row].index(next_header)
    return " ".join(" ".join(line[start:end].strip() for line in lines[row + 1:]).split())


def fully_in_view(app, widget) -> bool:
    """Whether every line of `widget` is on screen, not scrolled out of its container nor cut by it."""
    from textual.errors import NoWidget

    try:
        geometry = app.screen.find_widget(widget)
    except NoWidget:
        return False
    region = geometry.region
    return region.area > 0 and region.intersection(geometry.clip) == region and region.bottom <= app.size.height
