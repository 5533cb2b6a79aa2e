"""Closing balance per month as an accessible inline SVG bar chart (no JavaScript needed)."""

from decimal import Decimal

WIDTH, HEIGHT, MARGIN = 640, 240, 40


def balance_chart(result):
    months = result.months
    if not months:
        return {"bars": [], "zero_y": 0, "width": WIDTH, "height": HEIGHT}
    values = [month.closing_balance for month in months]
    top, bottom = max(max(values), Decimal(0)), min(min(values), Decimal(0))
    span = (top - bottom) or Decimal(1)
    plot_height = HEIGHT - 2 * MARGIN
    step = (WIDTH - 2 * MARGIN) / len(months)

    def y(value):
        return MARGIN + float((top - value) / span) * plot_height

    zero_y = y(Decimal(0))
    bars = []
    for index, month in enumerate(months):
        value_y = y(month.closing_balance)
        bars.append(
            {
                "x": MARGIN + index * step + step * 0.15,
                "width": step * 0.7,
                "y": min(value_y, zero_y),
                "height": max(abs(zero_y - value_y), 1),
                "negative": month.closing_balance < 0,
                "label": month.label,
                "value": month.closing_balance,
                "label_x": MARGIN + index * step + step / 2,
            }
        )
    return {"bars": bars, "zero_y": zero_y, "width": WIDTH, "height": HEIGHT}
