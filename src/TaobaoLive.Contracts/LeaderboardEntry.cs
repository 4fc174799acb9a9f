namespace TaobaoLive.Contracts;

public sealed record LeaderboardEntry(int Rank, string Id, string Name, string Path, string? Status, decimal AnnualTurnover, decimal TodayTurnover);
