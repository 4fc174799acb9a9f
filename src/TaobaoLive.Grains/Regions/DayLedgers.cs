using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;

namespace TaobaoLive.Grains.Regions;

/// <summary>Converts between the domain's ledger and its persisted, wire-stable form.</summary>
internal static class DayLedgers
{
    public static DayLedger FromState(IEnumerable<DayTurnover> days) =>
        new(days.Select(d => new DayAmount(d.Day, d.Fen)));

    public static List<DayTurnover> ToState(DayLedger ledger) =>
        ledger.Entries.Select(e => new DayTurnover(e.Day, e.Fen)).ToList();
}
