namespace TaobaoLive.Abstractions.Streaming;

/// <summary>A change of turnover, in fen, on one business day (days since 1970-01-01, China Standard Time).</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.DayTurnover")]
public readonly record struct DayTurnover([property: Id(0)] int Day, [property: Id(1)] long Fen);
