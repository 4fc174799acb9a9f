namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// The one shape nearly every order's paidAt has — <c>yyyy-MM-ddTHH:mm:ss[.fffffff](Z|±hh:mm)</c> —
/// read digit by digit. It answers false for anything else, including valid times of other shapes,
/// which then go to <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider?, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>:
/// what it accepts, that parser accepts with the same value (a test holds the two side by side).
/// </summary>
public static class IsoInstant
{
    public static bool TryParseStrict(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length < 20
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TwoDigits(text, 5, out var month) || !TwoDigits(text, 8, out var day)
            || !TwoDigits(text, 11, out var hour) || !TwoDigits(text, 14, out var minute) || !TwoDigits(text, 17, out var second)
            || !TwoDigits(text, 0, out var century) || !TwoDigits(text, 2, out var yearOfCentury))
        {
            return false;
        }

        var year = (century * 100) + yearOfCentury;
        // The calendar's first and last years are left to the full parser (offsets can leave the range there).
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (++digits > 7)
                {
                    return false;
                }

                fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        var zone = text[position..];
        TimeSpan offset;
        if (zone is ['Z'])
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && TwoDigits(zone, 1, out var offsetHours) && TwoDigits(zone, 4, out var offsetMinutes)
            && offsetMinutes <= 59 && (offsetHours * 60) + offsetMinutes <= 14 * 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        instant = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, int at, out int value)
    {
        var tens = text[at];
        var units = text[at + 1];
        value = ((tens - '0') * 10) + (units - '0');
        return char.IsAsciiDigit(tens) && char.IsAsciiDigit(units);
    }
}
