namespace TaobaoLive.Geography;

/// <summary>How one village of the 2015 list was matched to the division codes.</summary>
public enum ListMatchOutcome
{
    /// <summary>Every level found under its 2015 name.</summary>
    Exact = 0,

    /// <summary>Found, with renames or moves on the way (given in the reason).</summary>
    Renamed = 1,

    /// <summary>No village found: kept under its 2015 path, marked as such.</summary>
    Unmatched = 2,
}
