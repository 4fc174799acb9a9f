namespace TaobaoLive.Contracts;

/// <summary>
/// One search result: the region's id, level, short and full names, full path and 12-digit division
/// code (null for regions without one), and whether it is a village of AliResearch's 2015 list.
/// </summary>
public sealed record RegionHit(string Id, string Level, string Name, string FullName, string Path, string? Code, bool Listed2015);
