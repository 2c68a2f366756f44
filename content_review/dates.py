"""Date arithmetic for review intervals (whole calendar months)."""

import calendar
import datetime

from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def today() -> datetime.date:
    """Today in the site's time zone (a review at 00:30 BST is today's, not yesterday's)."""
    return timezone.localdate()
