using System.Globalization;

namespace TaobaoLive.Cli.Output;

/// <summary>How numbers and times read on the command line: invariant, grouped, China Standard Time.</summary>
internal static class Format
{
    /// <summary>Business days are China Standard Time (UTC+8, no daylight saving), so times print in it.</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The wire's yuan are decimals with two places: 30000000.00 → "30,000,000.00".</summary>
    public static string Yuan(decimal yuan) => yuan.ToString("N2", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) =>
        time.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Mebibytes(long bytes) => $"{(bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture)} MiB";

    /// <summary>"1 shop", "2 shops", "1,000 batches".</summary>
    public static string Plural(long count, string singular, string? plural = null) =>
        $"{Count(count)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
