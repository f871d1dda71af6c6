using AudioPortal.Core.Billing;

namespace AudioPortal.Core.Tests.Billing;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.4, 1)]
    [InlineData(60, 1)]
    [InlineData(60.01, 2)]
    [InlineData(1380.5, 24)]
    public void Billable_minutes_are_the_source_length_rounded_up_to_whole_minutes(double seconds, int minutes) =>
        Assert.Equal(minutes, Money.Minutes(seconds));

    [Fact]
    public void Proration_is_rounded_once_half_away_from_zero()
    {
        // 3000 × 1/8 = 375 exactly; 100 × 1/8 = 12.5 → 13; −100 × 1/8 = −12.5 → −13.
        var whole = TimeSpan.FromDays(8);
        Assert.Equal(375, Money.Prorate(3000, TimeSpan.FromDays(1), whole));
        Assert.Equal(13, Money.Prorate(100, TimeSpan.FromDays(1), whole));
        Assert.Equal(-13, Money.Prorate(-100, TimeSpan.FromDays(1), whole));
        Assert.Equal(3000, Money.Prorate(3000, TimeSpan.FromDays(9), whole));
    }

    [Fact]
    public void Monthly_periods_count_from_the_anchor_so_short_months_do_not_shift_the_day()
    {
        var anchor = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
        var march = BillingPeriod.MonthlyFrom(anchor, new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero), march.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero), march.End);
        Assert.Equal(anchor, BillingPeriod.MonthlyFrom(anchor, anchor).Start);
    }

    [Theory]
    [InlineData("2026-02", true)]
    [InlineData("2026-13", false)]
    [InlineData("26-02", false)]
    [InlineData("2026/02", false)]
    public void Months_are_parsed_only_as_YYYY_MM(string text, bool valid) =>
        Assert.Equal(valid, BillingPeriod.TryParseMonth(text, out _));
}
