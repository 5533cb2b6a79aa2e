"""Choropleth maps of France drawn on the server as SVG, and the same figures as a table.

`choropleth(level, values, link=..., label=...)` colours each department or region after its
value (5 classes) and makes it a link to the list behind the figure; `figures_table(...)` gives
the rows of `territories/_map_table.html`; `map_context(...)` both, for `territories/_map.html`.
Outlines are precomputed SVG paths (`data/geo/`, built by `manage.py build_map_outlines`), read
once per process: rendering is string joining.
"""

import json
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe

from aidess.core.formats import amount

GEO = Path(__file__).resolve().parent / "data" / "geo"
FILES = {"department": "departements.json", "region": "regions.json"}
LEVEL_NAMES = {"department": "département", "region": "région"}

# DSFR blue-france tokens, light to dark: 925, 925-active, main-525, sun-113-625-active, sun-113.
PALETTE = ("#e3e3fd", "#adadf9", "#6a6af4", "#2323ff", "#000091")
NO_VALUE = "#eeeeee"  # grey-950: an area without a figure
DARK_OUTLINE, LIGHT_OUTLINE = "#3a3a3a", "#ffffff"


@cache
def outlines(level):
    """{"viewBox", "areas": {code: {"name", "d"}}, "insets": [{"code", "box"}]} of a level."""
    if level not in FILES:
        raise ValueError(f"Unknown map level: {level!r}")
    return json.loads((GEO / FILES[level]).read_text(encoding="utf-8"))


def area_name(level, code):
    return outlines(level)["areas"][code]["name"]


def luminance(colour):
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@cache
def outline_for(fill):
    """The outline that stands out most from a fill: dark on light fills, white on dark ones."""
    return max((DARK_OUTLINE, LIGHT_OUTLINE), key=lambda outline: contrast(fill, outline))


@dataclass(frozen=True)
class Scale:
    """Classes of values: class i holds values above breaks[i-1] and at most breaks[i]."""

    breaks: tuple  # upper bounds of every class but the last
    colours: tuple

    @classmethod
    def of(cls, values, breaks=None):
        """Given `breaks` (up to 4 increasing bounds), or the quintiles of the values."""
        if breaks is None:
            breaks = quintiles(sorted(values))
        breaks = tuple(sorted(set(breaks)))[: len(PALETTE) - 1]
        count = len(breaks) + 1
        step = (len(PALETTE) - 1) / (count - 1) if count > 1 else 0
        return cls(breaks, tuple(PALETTE[round(i * step)] for i in range(count)))

    def colour(self, value):
        return self.colours[bisect_left(self.breaks, value)]

    def legend(self, compact=False):
        """[(colour, French label)] from the lightest class to the darkest; `compact` labels
        (« ≤ 10 », « 10 – 20 », « > 40 ») fit beside the mainland in the SVG."""
        bounds = [number(b) for b in self.breaks]
        if not bounds:
            return [(self.colours[0], "toutes les valeurs")]
        first, middle, last = (
            ("≤ {}", "{} – {}", "> {}")
            if compact
            else ("jusqu'à {}", "plus de {} à {}", "plus de {}")
        )
        labels = [first.format(bounds[0])]
        labels += [middle.format(low, high) for low, high in zip(bounds, bounds[1:], strict=False)]
        labels.append(last.format(bounds[-1]))
        return list(zip(self.colours, labels, strict=True))


def quintiles(ordered):
    """Upper bounds of the first four fifths of sorted values, without repeats or the maximum."""
    if not ordered:
        return ()
    cuts = {ordered[min(len(ordered) - 1, (len(ordered) * k) // 5)] for k in range(1, 5)}
    return tuple(sorted(cut for cut in cuts if cut < ordered[-1]))


def number(value):
    """« 1 250 », « 12,5 »: figures as the table and tooltips show them."""
    return amount(value) if value is not None else ""


def default_label(name, value):
    if value is None:
        return f"{name} : aucune donnée"
    return f"{name} : {number(value)}"


def choropleth(level, values, *, link=None, label=None, scale=None, title=None, html_id=None):
    """The SVG map of `level` ("department" or "region") coloured after `values` ({code: number}).

    `link(code)` is the URL an area with a value links to; `label(code, value)` the French text
    of its <title> (tooltip and the link's accessible name); `scale` a `Scale` or a sequence of
    class bounds (quintiles of the values by default). Areas without a value are light grey,
    without link. The SVG is a labelled group (not role="img", which would hide its links from
    assistive technologies); its legend repeats the HTML legend and is hidden from them."""
    drawing = outlines(level)
    values = {code: v for code, v in values.items() if v is not None}
    scale = scale if isinstance(scale, Scale) else Scale.of(values.values(), scale)
    html_id = html_id or f"carte-{level}"
    title = title or f"Carte par {LEVEL_NAMES[level]}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{drawing["viewBox"]}" '
        f'class="aidess-map" role="group" aria-labelledby="{html_id}-titre" '
        'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{html_id}-titre">{escape(title)}</title>'
    ]
    parts += _insets(drawing)
    for code, area in drawing["areas"].items():
        value = values.get(code)
        text = label(code, value) if label and value is not None else None
        text = escape(text or default_label(area["name"], value))
        fill = NO_VALUE if value is None else scale.colour(value)
        shape = (
            f'<path d="{area["d"]}" fill="{fill}" stroke="{outline_for(fill)}" '
            f'stroke-width="0.8" data-code="{code}"/>'
        )
        if value is not None and link is not None:
            parts.append(
                f'<a href="{escape(link(code))}" class="aidess-map__area">'
                f"<title>{text}</title>{shape}</a>"
            )
        else:
            parts.append(f'<g class="aidess-map__area--empty"><title>{text}</title>{shape}</g>')
    parts += _svg_legend(scale)
    parts.append(
        '<path class="aidess-map__highlight" d="" fill="none" stroke="#161616" '
        'stroke-width="5" pointer-events="none" aria-hidden="true"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text and URL above is escaped


def _insets(drawing):
    names = drawing["areas"]
    parts = ['<g aria-hidden="true">']
    for inset in drawing["insets"]:
        left, top, width, height = inset["box"]
        parts.append(
            f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" '
            f'stroke="#929292" stroke-width="1" class="aidess-map__inset"/>'
            f'<text x="{left + width / 2:.1f}" y="{top + height - 8}" text-anchor="middle" '
            f'font-size="17" fill="#3a3a3a">{escape(names[inset["code"]]["name"])}</text>'
        )
    parts.append("</g>")
    return parts


def _svg_legend(scale):
    """Bottom-left of the mainland, over the Bay of Biscay."""
    rows = [*scale.legend(compact=True), (NO_VALUE, "aucune donnée")]
    top = 944 - 24 * len(rows)
    parts = ['<g aria-hidden="true" font-size="17" fill="#161616">']
    for i, (colour, text) in enumerate(rows):
        y = top + 24 * i
        parts.append(
            f'<rect x="14" y="{y}" width="26" height="18" fill="{colour}" '
            f'stroke="{DARK_OUTLINE}" stroke-width="1"/>'
            f'<text x="48" y="{y + 15}">{escape(text)}</text>'
        )
    parts.append("</g>")
    return parts


def figures_table(level, values, link=None, *, value_label="Valeur", caption=None, scale=None):
    """Context of `territories/_map_table.html`: every area of the level, with its figure and
    the same link and colour class as the map."""
    drawing = outlines(level)
    values = {code: v for code, v in values.items() if v is not None}
    scale = scale if isinstance(scale, Scale) else Scale.of(values.values(), scale)
    rows = []
    for code, area in sorted(drawing["areas"].items()):
        value = values.get(code)
        rows.append(
            {
                "code": code,
                "name": area["name"],
                "value": value,
                "display": number(value) if value is not None else "aucune donnée",
                "url": link(code) if link is not None and value is not None else None,
            }
        )
    return {
        "caption": caption or f"Chiffres par {LEVEL_NAMES[level]}",
        "level_name": LEVEL_NAMES[level].capitalize(),
        "value_label": value_label,
        "rows": rows,
    }


def map_context(
    level, values, *, link=None, label=None, scale=None, title, value_label, html_id=None
):
    """Context of `territories/_map.html`: the SVG, its HTML legend and the table. Two maps of
    the same level on one page need distinct `html_id`s."""
    clean = {code: v for code, v in values.items() if v is not None}
    scale = scale if isinstance(scale, Scale) else Scale.of(clean.values(), scale)
    html_id = html_id or f"carte-{level}"
    return {
        "map_id": html_id,
        "title": title,
        "svg": choropleth(
            level, values, link=link, label=label, scale=scale, title=title, html_id=html_id
        ),
        "legend": [*scale.legend(), (NO_VALUE, "aucune donnée")],
        "table": figures_table(
            level, values, link, value_label=value_label, caption=title, scale=scale
        ),
    }
