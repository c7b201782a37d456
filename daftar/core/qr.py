"""QR codes as inline SVG (no images on disk, nothing from outside)."""

import segno


def qr_svg(data: str, *, scale: int = 4) -> str:
    return segno.make(data, error="m").svg_inline(scale=scale, dark="#111", light="#fff")
