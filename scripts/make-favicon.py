#!/usr/bin/env python3
"""Draw the Family Group Conferences icon (not the GOV.UK crown).

The mark: three people (white dots) seated around a round table (white ring)
on a GOV.UK-blue (#1d70b8) rounded square. One geometry, written out as:

  static/images/favicon.svg   vector favicon (rounded square, transparent corners)
  static/images/favicon.ico   16, 32 and 48 px (declared as sizes="48x48")
  static/images/icon-180.png  apple-touch-icon: full-bleed square, no
                              transparency (iOS rounds the corners itself)

Deterministic: the same Pillow version gives byte-identical files, so running it
again does not change anything. Needs Pillow (in the project's .venv).

Usage: make-favicon.py [OUTPUT_DIR]   (default: <repo>/static/images)
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = "#1d70b8"  # GOV.UK brand blue ($govuk-brand-colour)
WHITE = "#ffffff"

# Geometry in a 100 x 100 box.
CORNER_RADIUS = 20
RING_CENTRE = (50.0, 53.0)
RING_RADIUS = 25.0
RING_WIDTH = 6.0
DOT_RADIUS = 11.5
DOT_GAP = 3.5  # blue halo between each dot and the ring
DOT_ANGLES = (-90.0, 30.0, 150.0)  # degrees; one at the top, two below

SUPERSAMPLE = 8  # draw big, then downscale for anti-aliasing


def dot_centres(scale: float = 1.0, offset: float = 0.0) -> list[tuple[float, float]]:
    cx, cy = RING_CENTRE
    return [
        (
            offset + scale * (cx + RING_RADIUS * math.cos(math.radians(a))),
            offset + scale * (cy + RING_RADIUS * math.sin(math.radians(a))),
        )
        for a in DOT_ANGLES
    ]


def fmt(n: float) -> str:
    return f"{n:.2f}".rstrip("0").rstrip(".")


def svg() -> str:
    cx, cy = RING_CENTRE
    dots = "\n".join(
        f'  <circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(DOT_RADIUS)}" fill="{WHITE}" '
        f'stroke="{BLUE}" stroke-width="{fmt(DOT_GAP * 2)}" paint-order="stroke"/>'
        for x, y in dot_centres()
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" '
        'width="100" height="100">\n'
        "  <title>Family Group Conferences</title>\n"
        f'  <rect width="100" height="100" rx="{CORNER_RADIUS}" fill="{BLUE}"/>\n'
        f'  <circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(RING_RADIUS)}" fill="none" '
        f'stroke="{WHITE}" stroke-width="{fmt(RING_WIDTH)}"/>\n'
        f"{dots}\n"
        "</svg>\n"
    )


def raster(size: int, *, rounded: bool, mark_scale: float = 1.0) -> Image.Image:
    """Render the icon at `size` px. `mark_scale` < 1 shrinks the mark (not the
    background) towards the centre, to leave room for masks."""
    big = size * SUPERSAMPLE
    unit = big / 100.0
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    if rounded:
        draw.rounded_rectangle(
            (0, 0, big - 1, big - 1), radius=CORNER_RADIUS * unit, fill=BLUE
        )
    else:
        draw.rectangle((0, 0, big - 1, big - 1), fill=BLUE)

    s = unit * mark_scale
    off = (big - 100 * s) / 2  # keep the mark centred when scaled

    def circle(cx: float, cy: float, r: float, **kw) -> None:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), **kw)

    cx, cy = RING_CENTRE
    cx, cy = off + cx * s, off + cy * s
    circle(cx, cy, (RING_RADIUS + RING_WIDTH / 2) * s, fill=WHITE)
    circle(cx, cy, (RING_RADIUS - RING_WIDTH / 2) * s, fill=BLUE)
    for x, y in dot_centres(scale=s, offset=off):
        circle(x, y, (DOT_RADIUS + DOT_GAP) * s, fill=BLUE)
        circle(x, y, DOT_RADIUS * s, fill=WHITE)

    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "static" / "images"
    out.mkdir(parents=True, exist_ok=True)

    (out / "favicon.svg").write_text(svg(), encoding="utf-8")

    # ICO: Pillow downsizes the 48 px image for the 16/32 px entries; draw
    # each size itself instead so the small ones stay crisp.
    ico = raster(48, rounded=True)
    ico.save(
        out / "favicon.ico",
        format="ICO",
        sizes=[(16, 16), (32, 32), (48, 48)],
        append_images=[raster(16, rounded=True), raster(32, rounded=True)],
    )

    # Apple touch icon: opaque, full-bleed; iOS applies its own corner mask.
    raster(180, rounded=False, mark_scale=0.86).convert("RGB").save(
        out / "icon-180.png", format="PNG", optimize=True
    )

    for name in ("favicon.svg", "favicon.ico", "icon-180.png"):
        p = out / name
        print(f"wrote {p.relative_to(repo) if p.is_relative_to(repo) else p} "
              f"({p.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
