namespace AudioPortal.Core.Billing;

/// <summary>A half-open billing period <c>[Start, End)</c> in UTC.</summary>
public readonly record struct BillingPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The calendar month (UTC) that holds <paramref name="instant"/>: the period of free accounts.</summary>
    public static BillingPeriod CalendarMonth(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BillingPeriod(start, start.AddMonths(1));
    }

    /// <summary>
    /// The monthly period, counted from <paramref name="anchor"/>, that holds <paramref name="instant"/>. Months are
    /// always added to the anchor (not chained), so a period anchored on the 31st ends on the last day of short months
    /// and returns to the 31st afterwards.
    /// </summary>
    public static BillingPeriod MonthlyFrom(DateTimeOffset anchor, DateTimeOffset instant)
    {
        var months = (instant.Year - anchor.Year) * 12 + instant.Month - anchor.Month;
        if (anchor.AddMonths(months) > instant)
        {
            months--;
        }

        while (anchor.AddMonths(months + 1) <= instant)
        {
            months++;
        }

        return new BillingPeriod(anchor.AddMonths(months), anchor.AddMonths(months + 1));
    }

    /// <summary>Parses <c>YYYY-MM</c> as a calendar month.</summary>
    public static bool TryParseMonth(string text, out BillingPeriod period)
    {
        period = default;
        if (text.Length != 7 || text[4] != '-' || !int.TryParse(text[..4], out var year) || !int.TryParse(text[5..], out var month)
            || year is < 2000 or > 9999 || month is < 1 or > 12)
        {
            return false;
        }

        period = CalendarMonth(new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero));
        return true;
    }
}
