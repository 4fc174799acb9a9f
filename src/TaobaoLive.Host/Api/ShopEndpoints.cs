using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Api.Ingest;
using TaobaoLive.Host.Security;

namespace TaobaoLive.Host.Api;

public static class ShopEndpoints
{
    private const int MaxIdLength = 128;

    /// <summary>Maps under the <c>/api</c> group it is given.</summary>
    public static IEndpointRouteBuilder MapShopEndpoints(this IEndpointRouteBuilder api)
    {
        var shops = api.MapGroup("/shops").WithTags("shops");
        // The body is read by hand (no Accepts metadata): routing would answer a wrong content type
        // with an empty 415, and every refusal here carries its reason.
        shops.MapPost("/", Register)
            .RequireIngest()
            .RequireUtf8()
            .WithSummary("Register shops to villages, all or nothing")
            .Produces<IngestResult>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity)
            .DocumentsBody(typeof(List<ShopRecord>), "shops to register; village is a village id or path", ("application/json", null));
        shops.MapGet("/{shopId}", async Task<Results<Ok<ShopView>, JsonHttpResult<ApiErrors>>> (string shopId, IGrainFactory grains, GeographyModel geography, ShopRegistrations registrations) =>
        {
            if (ShopIds.Problem(shopId) is { } notAnId)
            {
                return ApiResults.BadRequest(notAnId, "shopId");
            }

            // Asked of the directory first: an unknown id must not activate a grain.
            if (await registrations.VillageOf(shopId) is null)
            {
                return ApiResults.NotFound($"shop '{shopId}' is not registered", "shopId");
            }

            var state = await ShopGrains.Get(grains, shopId).GetState();
            if (!state.Registered)
            {
                return ApiResults.NotFound($"shop '{shopId}' is not registered", "shopId");
            }

            return TypedResults.Ok(new ShopView(
                state.ShopId,
                state.Name,
                state.VillageId!,
                geography.FindById(state.VillageId!)?.Path ?? state.VillageId!,
                Money.Yuan(state.AnnualTurnoverFen),
                Money.Yuan(state.TodayTurnoverFen),
                state.Active,
                state.LastPaidAt,
                state.Orders,
                state.Refunds,
                state.AsOf));
        })
        .Documented("One shop: its village, turnover, active flag and counters", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// <c>POST /api/shops</c>: an array of <c>{ shopId, village, name? }</c>. Every record is checked
    /// (village exists, shop not registered elsewhere, no duplicates) before any is registered.
    /// </summary>
    private static async Task<IResult> Register(HttpContext context, IGrainFactory grains, GeographyModel geography, ShopRegistrations registrations, CancellationToken cancellationToken)
    {
        if (RequestBody.MediaType(context.Request, RequestBody.Json) is null)
        {
            return RequestBody.UnsupportedType(context.Request, RequestBody.Json);
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(context, cancellationToken);
        if (body is null)
        {
            return tooLarge!;
        }

        if (StrictText.Utf8Problem(body.Span) is { } notUtf8)
        {
            body.Dispose();
            return ApiResults.BadRequest(notUtf8);
        }

        JsonDocument document;
        try
        {
            using (body)
            {
                // JsonDocument keeps its own copy of what it needs, so the pooled buffer goes back at once.
                document = JsonDocument.Parse(body.Span.ToArray());
            }
        }
        catch (JsonException exception)
        {
            return ApiResults.BadRequest($"malformed JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ApiResults.BadRequest("the body must be a JSON array of shops");
            }

            var errors = new List<ApiError>();
            var shops = new List<(string ShopId, Region Village, string? Name)>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = -1;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new ApiError(index, null, "each shop must be a JSON object"));
                    continue;
                }

                var shopId = Text(element, "shopId", index, errors, required: true);
                var village = Text(element, "village", index, errors, required: true);
                var name = Text(element, "name", index, errors, required: false);
                if (shopId is null || village is null)
                {
                    continue;
                }

                if (!seen.TryAdd(shopId, index))
                {
                    errors.Add(new ApiError(index, "shopId", $"shopId '{shopId}' appears twice in this batch (first at index {seen[shopId]})"));
                    continue;
                }

                if (!geography.TryResolve(village, out var region) || region.Level != RegionLevel.Village)
                {
                    errors.Add(new ApiError(index, "village", $"'{village}' is not a village id or path"));
                    continue;
                }

                shops.Add((shopId, region, name));
            }

            if (index < 0)
            {
                return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "the batch has no shops");
            }

            if (errors.Count == 0)
            {
                var existing = await registrations.VillagesOf(shops.ConvertAll(s => s.ShopId));
                for (var i = 0; i < shops.Count; i++)
                {
                    if (existing[i] is { } current && current != shops[i].Village.Id)
                    {
                        errors.Add(new ApiError(seen[shops[i].ShopId], "shopId", $"shop '{shops[i].ShopId}' is already registered to village {geography.FindById(current)?.Path ?? current}"));
                    }
                }
            }

            if (errors.Count > 0)
            {
                return ApiResults.Errors(StatusCodes.Status422UnprocessableEntity, errors);
            }

            var results = await Task.WhenAll(shops.Select(s => ShopGrains.Get(grains, s.ShopId).Register(s.Village.Id, s.Name)));
            for (var i = 0; i < shops.Count; i++)
            {
                if (results[i].Registered)
                {
                    registrations.Remember(shops[i].ShopId, shops[i].Village.Id);
                }
            }

            var failed = results.Select((r, i) => (r, i)).Where(x => !x.r.Registered).ToList();
            context.Items[AuditLog.RecordsItem] = shops.Count - failed.Count;
            return failed.Count == 0
                ? TypedResults.Ok(new IngestResult(shops.Count, DateTimeOffset.UtcNow))
                : ApiResults.Errors(StatusCodes.Status409Conflict, failed.Select(f => new ApiError(seen[shops[f.i].ShopId], "shopId", f.r.Error ?? "not registered")).ToList());
        }
    }

    private static string? Text(JsonElement element, string field, int index, List<ApiError> errors, bool required)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new ApiError(index, field, $"{field} is required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ApiError(index, field, $"{field} must be a string"));
            return null;
        }

        var text = field == "name" ? value.GetString()!.Trim() : value.GetString()!;
        if (field == "shopId" && ShopIds.Problem(text) is { } problem)
        {
            errors.Add(new ApiError(index, field, problem));
            return null;
        }

        if (required && text.Length == 0)
        {
            errors.Add(new ApiError(index, field, $"{field} is required"));
            return null;
        }

        if (text.Length > MaxIdLength && field != "village")
        {
            errors.Add(new ApiError(index, field, $"{field} is longer than {MaxIdLength} characters"));
            return null;
        }

        return text;
    }
}
