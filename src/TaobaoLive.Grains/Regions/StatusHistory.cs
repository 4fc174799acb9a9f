using TaobaoLive.Abstractions.Events;

namespace TaobaoLive.Grains.Regions;

internal static class StatusHistory
{
    /// <summary>Appends, dropping the oldest beyond <paramref name="capacity"/>.</summary>
    public static void Append(List<StatusChanged> history, StatusChanged change, int capacity)
    {
        history.Add(change);
        if (history.Count > capacity)
        {
            history.RemoveRange(0, history.Count - capacity);
        }
    }
}
