"""Turn GeoJSON outlines of departments and regions into compact SVG path data (build step).

Run once by `manage.py build_map_outlines`; the application then reads only the JSON it writes
(`data/geo/*.json`), never GeoJSON. Pure Python, no Django: projection, Douglas–Peucker
simplification and path writing.

Metropolitan France is drawn in a Lambert conformal conic projection on the sphere with Lambert-93's
parameters (standard parallels 44° N and 49° N, origin 46.5° N 3° E), so shapes look as on IGN maps.
Each overseas department is an inset with its own equirectangular projection (longitudes scaled by
cos(latitude) at its centre), scaled to fill its box: insets are not at the mainland's scale.
"""

import math

# Drawing frame (SVG user units): mainland on top, a row of five insets below it.
WIDTH = 1000
MAINLAND_HEIGHT = 960
MARGIN = 10
INSET_SIZE = 176
INSET_GAP = (WIDTH - 2 * MARGIN - 5 * INSET_SIZE) / 4
INSET_TOP = MAINLAND_HEIGHT + 24
HEIGHT = INSET_TOP + INSET_SIZE + MARGIN

# Overseas departments in inset order, and the region each one is.
OVERSEAS = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}

_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(v) for v in (44, 49, 46.5, 3))
_N = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(
    math.tan(math.pi / 4 + _PHI2 / 2) / math.tan(math.pi / 4 + _PHI1 / 2)
)
_F = math.cos(_PHI1) * math.tan(math.pi / 4 + _PHI1 / 2) ** _N / _N
_RHO0 = _F / math.tan(math.pi / 4 + _PHI0 / 2) ** _N


def lambert(lon, lat):
    """Lambert conformal conic (unit sphere): x east, y north."""
    rho = _F / math.tan(math.pi / 4 + math.radians(lat) / 2) ** _N
    theta = _N * (math.radians(lon) - _LAMBDA0)
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


def equirectangular(center_lat):
    cos_lat = math.cos(math.radians(center_lat))
    return lambda lon, lat: (lon * cos_lat, lat)


def simplify(points, tolerance):
    """Douglas–Peucker: keep the points farther than `tolerance` from the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def polygons_of(geometry):
    """A GeoJSON Polygon or MultiPolygon as a list of polygons (lists of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def rings_of(geometry):
    return [ring for polygon in polygons_of(geometry) for ring in polygon]


class Frame:
    """Maps projected coordinates into a box of the drawing, y pointing down."""

    def __init__(self, project, rings, box):
        points = [project(lon, lat) for ring in rings for lon, lat in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        left, top, width, height = box
        self.project = project
        self.scale = min(width / (max(xs) - min(xs)), height / (max(ys) - min(ys)))
        self.x0 = left + (width - (max(xs) - min(xs)) * self.scale) / 2 - min(xs) * self.scale
        self.y0 = top + (height - (max(ys) - min(ys)) * self.scale) / 2 + max(ys) * self.scale

    def __call__(self, lon, lat):
        x, y = self.project(lon, lat)
        return self.x0 + x * self.scale, self.y0 - y * self.scale


def path_data(rings, frame, tolerance):
    """SVG path data of rings: absolute start, then relative moves rounded to 0.1 unit.

    Rounding is cumulative (each step is taken from the rounded position), so no drift builds up.
    Rings smaller than a unit once simplified are dropped (islets invisible at this scale)."""
    parts = []
    for ring in rings:
        points = simplify([frame(lon, lat) for lon, lat in ring], tolerance)
        points = [(round(x, 1), round(y, 1)) for x, y in points]
        if len(points) < 4 or _area(points) < 1:
            continue
        x, y = points[0]
        steps = []
        for px, py in points[1:-1]:
            dx, dy = round(px - x, 1), round(py - y, 1)
            if dx or dy:
                steps.append(f"{_num(dx)} {_num(dy)}")
                x, y = round(x + dx, 1), round(y + dy, 1)
        parts.append(f"M{_num(points[0][0])} {_num(points[0][1])}l{' '.join(steps)}z")
    return "".join(parts)


def _num(value):
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _area(points):
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)))
        / 2
    )


def inset_boxes():
    """Box (left, top, width, height) of each overseas department's inset, in OVERSEAS order."""
    return {
        code: (MARGIN + i * (INSET_SIZE + INSET_GAP), INSET_TOP, INSET_SIZE, INSET_SIZE)
        for i, code in enumerate(OVERSEAS)
    }


def build(mainland, overseas, names, *, tolerance=0.6):
    """The drawing of one level.

    `mainland`: {code: geometry} of metropolitan areas; `overseas`: {department code: geometry};
    `names`: {code: name}. Overseas areas are keyed by `names`' code: the department's, or for
    regions the region each overseas department is (OVERSEAS)."""
    frame = Frame(
        lambert,
        [ring for geometry in mainland.values() for ring in rings_of(geometry)],
        (MARGIN, MARGIN, WIDTH - 2 * MARGIN, MAINLAND_HEIGHT - 2 * MARGIN),
    )
    areas = {
        code: {"name": names[code], "d": path_data(rings_of(geometry), frame, tolerance)}
        for code, geometry in sorted(mainland.items())
    }
    insets = []
    for department, box in inset_boxes().items():
        geometry = overseas[department]
        rings = rings_of(geometry)
        lats = [lat for ring in rings for _lon, lat in ring]
        padded = (box[0] + 8, box[1] + 8, box[2] - 16, box[3] - 30)
        inset_frame = Frame(equirectangular((min(lats) + max(lats)) / 2), rings, padded)
        code = department if department in names else OVERSEAS[department]
        outer = [polygon[0] for polygon in polygons_of(geometry)]  # no holes at this size
        areas[code] = {"name": names[code], "d": path_data(outer, inset_frame, tolerance)}
        insets.append({"code": code, "box": [round(v, 1) for v in box]})
    return {"viewBox": f"0 0 {WIDTH} {round(HEIGHT)}", "areas": areas, "insets": insets}
