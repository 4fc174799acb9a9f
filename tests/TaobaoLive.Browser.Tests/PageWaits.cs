using System.Globalization;
using Microsoft.Playwright;

namespace TaobaoLive.Browser.Tests;

/// <summary>What the browser tests wait for on a page, and how the pages write yuan.</summary>
public static class PageWaits
{
    /// <summary>The longest a pushed change may take to show (milliseconds).</summary>
    public const float Timeout = 20_000;

    /// <summary>Waits until <paramref name="condition"/> (a JavaScript function) returns true in the page.</summary>
    public static Task WaitFor(this IPage page, string condition) =>
        page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = Timeout });

    /// <summary>An amount as the village page shows it: ¥ and grouped digits with two decimals.</summary>
    public static string Yuan(decimal value) => "¥" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// A condition: the big screen's headline holds exactly <paramref name="value"/> (it shows
    /// 亿/万 with two decimals and keeps the exact amount in data-yuan).
    /// </summary>
    public static string TodayTurnoverIs(decimal value) =>
        $"() => Number(document.getElementById('today-turnover').dataset.yuan) === {value.ToString(CultureInfo.InvariantCulture)}";
}
