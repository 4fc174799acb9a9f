using TaobaoLive.Domain.Money;

namespace TaobaoLive.Domain.Tests.Money;

public sealed class YuanTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 100)]
    [InlineData("1.5", 150)]
    [InlineData("1.50", 150)]
    [InlineData("0.01", 1)]
    [InlineData("0.1", 10)]
    [InlineData("12.34", 1234)]
    [InlineData("007.50", 750)]
    [InlineData("-5.25", -525)]
    [InlineData("10000000.00", 1_000_000_000)]
    [InlineData("100000000.00", 10_000_000_000)]
    [InlineData("000000000000100000000", 10_000_000_000)]
    public void Accepts_yuan_with_at_most_two_decimals(string text, long fen)
    {
        Assert.True(Yuan.TryParse(text, out var parsed, out var error));
        Assert.Equal(fen, parsed);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "amount is empty")]
    [InlineData("", "amount is empty")]
    [InlineData("   ", "amount is empty")]
    [InlineData("1.234", "amount '1.234' has more than two decimals")]
    [InlineData("1.230", "amount '1.230' has more than two decimals")]
    [InlineData("1e3", "amount '1e3' is not a number with at most two decimals")]
    [InlineData("+1", "amount '+1' is not a number with at most two decimals")]
    [InlineData("1,000", "amount '1,000' is not a number with at most two decimals")]
    [InlineData(" 1", "amount ' 1' is not a number with at most two decimals")]
    [InlineData("1 ", "amount '1 ' is not a number with at most two decimals")]
    [InlineData("NaN", "amount 'NaN' is not a number with at most two decimals")]
    [InlineData("Infinity", "amount 'Infinity' is not a number with at most two decimals")]
    [InlineData(".", "amount '.' is not a number with at most two decimals")]
    [InlineData("-", "amount '-' is not a number with at most two decimals")]
    [InlineData("1.", "amount '1.' is not a number with at most two decimals")]
    [InlineData(".5", "amount '.5' is not a number with at most two decimals")]
    [InlineData("--1", "amount '--1' is not a number with at most two decimals")]
    [InlineData("１２", "amount '１２' is not a number with at most two decimals")]
    [InlineData("100000000.01", "amount '100000000.01' is too large (at most 100000000.00)")]
    [InlineData("-100000000.01", "amount '-100000000.01' is too large (at most 100000000.00)")]
    [InlineData("99999999999999999999999", "amount '99999999999999999999999' is too large (at most 100000000.00)")]
    public void Refuses_everything_else_with_a_precise_reason(string? text, string message)
    {
        Assert.False(Yuan.TryParse(text, out var fen, out var error));
        Assert.Equal(0, fen);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(1234, "12.34")]
    [InlineData(5, "0.05")]
    [InlineData(-5, "-0.05")]
    [InlineData(0, "0.00")]
    [InlineData(1_000_000_000, "10000000.00")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void Formats_with_exactly_two_decimals(long fen, string text) => Assert.Equal(text, Yuan.Format(fen));

    [Theory]
    [InlineData(1_000_000_000, "RMB 10,000,000.00")]
    [InlineData(1, "RMB 0.01")]
    [InlineData(-123_456, "-RMB 1,234.56")]
    public void Formats_for_people_with_grouping(long fen, string text) => Assert.Equal(text, Yuan.FormatGrouped(fen));
}
