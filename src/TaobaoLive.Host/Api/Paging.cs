using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

/// <summary>
/// <c>limit</c> and <c>offset</c> as the list endpoints take them. They are read as text so that a
/// bad value ("abc", "-5", "1e3", a number past int) gets a 400 naming the parameter instead of the
/// framework's empty 400, and an out-of-range value is refused rather than quietly clamped.
/// </summary>
internal readonly record struct Paging(int Limit, int Offset)
{
    public static bool TryParse(string? limit, string? offset, int defaultLimit, int maxLimit, out Paging paging, out JsonHttpResult<ApiErrors>? error)
    {
        paging = default;
        error = null;
        var take = defaultLimit;
        if (limit is not null && (!TryInteger(limit, out take) || take < 1 || take > maxLimit))
        {
            error = ApiResults.BadRequest($"limit must be a whole number from 1 to {maxLimit} (got '{limit}')", "limit");
            return false;
        }

        var skip = 0;
        if (offset is not null && (!TryInteger(offset, out skip) || skip < 0))
        {
            error = ApiResults.BadRequest($"offset must be a whole number from 0 to {int.MaxValue} (got '{offset}')", "offset");
            return false;
        }

        paging = new Paging(take, skip);
        return true;
    }

    /// <summary>Plain decimal digits only: no sign, exponent, spaces or thousands separators.</summary>
    private static bool TryInteger(string text, out int value)
    {
        value = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
