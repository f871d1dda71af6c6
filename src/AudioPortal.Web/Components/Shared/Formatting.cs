using System.Globalization;

namespace AudioPortal.Web.Components.Shared;

/// <summary>Integer cents as a price: 1900 usd → "$19.00".</summary>
public static class Money
{
    public static string Format(long cents, string currency)
    {
        var amount = (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);
        return currency.Equals("usd", StringComparison.OrdinalIgnoreCase) ? "$" + amount : $"{amount} {currency.ToUpperInvariant()}";
    }
}

/// <summary>Bytes for people: 104857600 → "100 MiB".</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString(value >= 100 || value % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}

/// <summary>Seconds as m:ss or h:mm:ss.</summary>
public static class Duration
{
    public static string Format(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds, 1));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}" + (t.Milliseconds > 0 && t.TotalSeconds < 60 ? $".{t.Milliseconds / 100}" : "");
    }
}
