using System.Globalization;
using TaobaoLive.Host.Api.Ingest;

namespace TaobaoLive.Host.Tests.Api.Ingest;

/// <summary>The ingest's fast paidAt parser accepts only what the full parser accepts, with the same value.</summary>
public sealed class IsoInstantTests
{
    [Theory]
    [InlineData("2026-11-11T00:00:05+08:00")]
    [InlineData("2026-11-11T00:00:05Z")]
    [InlineData("2026-11-10T23:59:59.9999999Z")]
    [InlineData("2026-11-10T23:59:59.5-05:30")]
    [InlineData("2026-02-28T12:00:00.123+14:00")]
    [InlineData("2024-02-29T12:00:00-12:00")]
    [InlineData("2026-11-11T00:00:05-00:00")]
    [InlineData("0002-01-01T00:00:00+00:00")]
    public void Common_shapes_parse_exactly_as_the_full_parser_does(string text)
    {
        Assert.True(IsoInstant.TryParseStrict(text, out var fast));
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var full));
        Assert.Equal(full, fast);
        Assert.Equal(full.Offset, fast.Offset);
        Assert.Equal(full.Ticks, fast.Ticks);
    }

    [Theory]
    [InlineData("2026-11-11T00:00:05")] // no offset
    [InlineData("2026-11-11 00:00:05+08:00")] // space instead of T
    [InlineData("2026-11-11t00:00:05+08:00")]
    [InlineData("2026-11-11T00:00:05z")]
    [InlineData("2026-02-29T00:00:00Z")] // not a leap year
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-31T00:00:00Z")]
    [InlineData("2026-11-11T24:00:00Z")]
    [InlineData("2026-11-11T23:60:00Z")]
    [InlineData("2026-11-11T23:59:60Z")]
    [InlineData("2026-11-11T00:00:05.Z")]
    [InlineData("2026-11-11T00:00:05.12345678Z")] // eight fraction digits
    [InlineData("2026-11-11T00:00:05+15:00")]
    [InlineData("2026-11-11T00:00:05+08:60")]
    [InlineData("2026-11-11T00:00:05+0800")]
    [InlineData("2026-11-11T00:00:05+08:00 ")]
    [InlineData("9999-12-31T23:59:59-14:00")] // out of range in UTC: the full parser decides
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("２026-11-11T00:00:05Z")] // a full-width digit
    [InlineData("20a6-11-11T00:00:05Z")]
    public void Other_shapes_are_left_to_the_full_parser(string text)
    {
        Assert.False(IsoInstant.TryParseStrict(text, out _));
    }

    [Fact]
    public void The_ingest_answers_the_same_for_every_shape_either_way()
    {
        string[] texts =
        [
            "2026-11-11T00:00:05+08:00", "2026-11-11T00:00:05.25Z", "2026-11-11T00:00:05", "2026-11-11T00:00:05z",
            "2026-02-29T00:00:00Z", "2026-11-11T00:00:05.12345678Z", "2026-11-11T00:00:05+15:00", "9999-12-31T23:59:59-14:00",
            "2026-11-11T24:00:00Z", "2026-11-11T00:00:05+0800",
        ];
        foreach (var text in texts)
        {
            var expected = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var full);
            var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text[^6] is '+' or '-' && text[^3] == ':');
            Assert.Equal(expected && hasOffset, OrderBatchReader.TryParseInstant(text, out var parsed));
            if (expected && hasOffset)
            {
                Assert.Equal(full, parsed);
                Assert.Equal(full.Offset, parsed.Offset);
            }
        }
    }
}
