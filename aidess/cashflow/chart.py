"""Closing balance per month as an inline SVG bar chart with its amount axis (no JavaScript).

Two SVGs side by side: the amount axis at a fixed width, the bars across the rest, placed in
percentages of its width. Heights are pixels and no viewBox scales the drawing, so the axis values
and month names keep their size on a phone as on a desktop screen.
"""

from decimal import Decimal

from aidess.core.formats import euros, short_month

HEIGHT = 240  # px
TOP, BOTTOM = 12, 46  # room for the highest axis value, and for two lines of month names
AXIS_WIDTH = 104  # px: "-1 000 000 €" at 13 px
CROWDED = 4  # beyond, every other month name is left out on narrow screens (forms.css)


def axis_values(low, high, wanted=4):
    """About `wanted` round steps (1, 2 or 5 × 10ⁿ €) from below `low` to above `high`, 0 included."""
    low, high = min(low, Decimal(0)), max(high, Decimal(0))
    if low == high:
        high = low + 1000
    rough = (high - low) / wanted
    magnitude = Decimal(10) ** rough.adjusted()
    step = next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= rough)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    count = int((last - first) / step)
    return [first + index * step for index in range(count + 1)]


def balance_chart(result):
    months = result.months
    values = [month.closing_balance for month in months] or [Decimal(0)]
    ticks = axis_values(min(values), max(values))
    bottom, top = ticks[0], ticks[-1]
    plot_height = HEIGHT - TOP - BOTTOM

    def y(value):
        return round(TOP + float((top - value) / (top - bottom)) * plot_height, 2)

    zero_y = y(Decimal(0))
    slot = 100 / max(len(months), 1)  # % of the plot's width
    bars = []
    for index, month in enumerate(months):
        value_y = y(month.closing_balance)
        bars.append(
            {
                "x": round((index + 0.15) * slot, 2),
                "width": round(0.7 * slot, 2),
                "y": min(value_y, zero_y),
                "height": max(round(abs(zero_y - value_y), 2), 1),
                "negative": month.closing_balance < 0,
                "label": month.label,
                "month": short_month(month.label),
                # The year under the first month and under each January.
                "year": month.label[:4] if index == 0 or month.label.endswith("-01") else "",
                "minor": len(months) > CROWDED and index % 2 == 1,
                "value": month.closing_balance,
                "label_x": round((index + 0.5) * slot, 2),
            }
        )
    return {
        "bars": bars,
        "ticks": [{"y": y(value), "label": euros(value)} for value in ticks],
        "zero_y": zero_y,
        "height": HEIGHT,
        "axis_width": AXIS_WIDTH,
        "month_y": HEIGHT - BOTTOM + 18,
        "year_y": HEIGHT - BOTTOM + 38,
    }
