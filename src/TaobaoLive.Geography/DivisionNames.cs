namespace TaobaoLive.Geography;

/// <summary>
/// Short display names for village-level committees: 东风村村委会 → 东风村, 大王庄村民委员会 →
/// 大王庄村, 花园社区居民委员会 → 花园社区, 城关居民委员会 → 城关居委会. Other names (生活区,
/// 嘎查, 管理区, and every level above the village) are already short and stay as they are.
/// </summary>
public static class DivisionNames
{
    public static string Short(string fullName)
    {
        if (TryStrip(fullName, "村民委员会", out var stem) || TryStrip(fullName, "村委会", out stem))
        {
            return stem.EndsWith('村') ? stem : stem + "村";
        }

        if (TryStrip(fullName, "社区居民委员会", out stem) || TryStrip(fullName, "社区居委会", out stem))
        {
            return stem + "社区";
        }

        return TryStrip(fullName, "居民委员会", out stem) ? stem + "居委会" : fullName;
    }

    private static bool TryStrip(string name, string suffix, out string stem)
    {
        if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
        {
            stem = name[..^suffix.Length];
            return true;
        }

        stem = name;
        return false;
    }
}
