namespace TaobaoLive.Geography;

/// <summary>Where a region of the loaded geography comes from.</summary>
public enum RegionOrigin
{
    /// <summary>A geography file (TaobaoLive:Geography) or the 2015 list loaded on its own: ids derived from the path.</summary>
    File = 0,

    /// <summary>China's statistical division codes (the built-in national geography): the id is the official code.</summary>
    Division = 1,

    /// <summary>A place on AliResearch's 2015 list that matches no division code: kept under its 2015 name, id derived from its 2015 path.</summary>
    AliResearch2015 = 2,
}
