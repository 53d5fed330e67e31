"""Draws the Teams app icons ``color.png`` and ``outline.png`` next to this file.

Run once by hand when the design changes (``python manifest/make_icons.py``);
the PNGs are committed, so neither the bot nor the tests need Pillow. Pillow is
imported here only, as a development tool.

The mark is an agenda: three lines, the first two ticked off, the third with an
open box, the saksliste the bot keeps. Teams' rules shape the two files:

- color.png, 192x192: a full-bleed solid background (Teams rounds the corners
  itself) with the symbol inside the central 96x96 area (48 px safe padding).
- outline.png, 32x32: only white pixels on a transparent background; Teams
  tints it, so any other colour would show as noise.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
BACKGROUND = (31, 78, 121)  # deep blue, also the manifest's accentColor #1F4E79
WHITE = (255, 255, 255)
SUPERSAMPLE = 8  # drawn large and scaled down, which gives smooth edges


def draw_agenda_mark(draw: ImageDraw.ImageDraw, left: float, top: float, size: float) -> None:
    """Draws the mark in white (255) onto a greyscale mask, inside a size x size square."""
    row_height = size / 3
    stroke = max(1, round(size * 0.09))
    for row in range(3):
        centre_y = top + row_height * (row + 0.5)
        _draw_row_marker(draw, left, centre_y, size, stroke, ticked=row < 2)
        _draw_row_line(draw, left + size * 0.40, centre_y, left + size, stroke)


def _draw_row_marker(
    draw: ImageDraw.ImageDraw, left: float, centre_y: float, size: float, stroke: int, ticked: bool
) -> None:
    box = size * 0.26
    if ticked:
        points = [
            (left + box * 0.05, centre_y),
            (left + box * 0.40, centre_y + box * 0.38),
            (left + box * 1.05, centre_y - box * 0.45),
        ]
        draw.line(points, fill=255, width=stroke, joint="curve")
    else:
        draw.rounded_rectangle(
            (left, centre_y - box * 0.5, left + box, centre_y + box * 0.5),
            radius=stroke * 0.5,
            outline=255,
            width=max(1, round(stroke * 0.6)),
        )


def _draw_row_line(draw: ImageDraw.ImageDraw, left: float, centre_y: float, right: float, stroke: int) -> None:
    half = stroke / 2
    draw.rounded_rectangle((left, centre_y - half, right, centre_y + half), radius=half, fill=255)


def render_mask(pixels: int, symbol_left: float, symbol_size: float) -> Image.Image:
    """The mark as an anti-aliased greyscale mask of pixels x pixels."""
    big = pixels * SUPERSAMPLE
    mask = Image.new("L", (big, big), 0)
    draw_agenda_mark(
        ImageDraw.Draw(mask), symbol_left * SUPERSAMPLE, symbol_left * SUPERSAMPLE, symbol_size * SUPERSAMPLE
    )
    return mask.resize((pixels, pixels), Image.Resampling.LANCZOS)


def make_color_icon() -> Image.Image:
    mask = render_mask(192, symbol_left=48, symbol_size=96)
    icon = Image.new("RGB", (192, 192), BACKGROUND)
    icon.paste(Image.new("RGB", (192, 192), WHITE), (0, 0), mask)
    return icon


def make_outline_icon() -> Image.Image:
    # White everywhere, shape carried by alpha alone: no off-white edge pixels.
    mask = render_mask(32, symbol_left=3, symbol_size=26)
    icon = Image.new("RGBA", (32, 32), WHITE + (0,))
    icon.putalpha(mask)
    return icon


def main() -> None:
    make_color_icon().save(HERE / "color.png", optimize=True)
    make_outline_icon().save(HERE / "outline.png", optimize=True)


if __name__ == "__main__":
    main()
