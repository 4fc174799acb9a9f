using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Clock;

namespace TaobaoLive.Host.Api;

public static class TimelineEndpoints
{
    /// <summary>
    /// <c>GET /api/timeline</c>: the country's turnover per minute today and the day before. Maps under
    /// the <c>/api</c> group it is given.
    /// </summary>
    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/timeline", async Task<Ok<TimelineView>> (GeographyModel geography, IGrainFactory grains, BusinessClock clock) =>
            {
                var minutes = await RegionGrains.Area(grains, geography.Country.Id).GetMinutes();
                var today = clock.Today;
                var current = minutes.Day == today;
                var minute = MinuteSeries.MinuteOf(clock.Now);
                var since = minutes.Since is { } first ? (Day: BusinessCalendar.DayOf(first), Minute: MinuteSeries.MinuteOf(first)) : (Day: int.MaxValue, Minute: 0);
                var yesterday = current ? minutes.Yesterday : minutes.Day == today - 1 ? minutes.Today : [];
                return TypedResults.Ok(new TimelineView(
                    BusinessCalendar.DateOf(today),
                    minute,
                    current ? minutes.Today.Take(minute + 1).Select(Money.Yuan).ToList() : [],
                    yesterday.Select(Money.Yuan).ToList(),
                    // No reading yet today: nothing happened since the grain's last reading (or it has none).
                    since.Day < today ? 0 : since.Day == today ? since.Minute : null,
                    yesterday.Count == 0 || since.Day > today - 1 ? null : since.Day == today - 1 ? since.Minute : 0,
                    new DayStartCounts(minutes.DayStart.TaobaoVillages, minutes.DayStart.TaobaoTowns, minutes.DayStart.Clusters)));
            })
            .WithSummary("The country's turnover per minute today (up to now) and the day before")
            .WithTags("regions");
        return api;
    }
}
