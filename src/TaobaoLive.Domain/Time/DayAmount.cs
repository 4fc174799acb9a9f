namespace TaobaoLive.Domain.Time;

/// <summary>An amount in fen on one business day.</summary>
public readonly record struct DayAmount(int Day, long Fen);
