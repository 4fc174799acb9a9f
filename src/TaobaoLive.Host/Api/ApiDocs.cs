using Microsoft.OpenApi;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>): every API operation with a summary, its request
/// body, its answer and the errors it gives, all as schemas. The Orleans dashboard's routes are its
/// own, not the API, and are left out.
/// </summary>
internal static class ApiDocs
{
    /// <summary>What the shared query and route parameters mean, written once.</summary>
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["q"] = "a name prefix (东风), a code prefix (4452) or a path ending in a name prefix (广东省/揭阳市/普宁市/新寮), percent-encoded",
        ["id"] = "a region id (a division code such as 445281 or 445281102201, or village-1a2b3c4d5e6f) or path: plain segments (广东省/揭阳市/普宁市) or one segment with %2F",
        ["path"] = "a region path, percent-encoded (广东省/揭阳市/普宁市)",
        ["of"] = "the parent region: id or path, percent-encoded",
        ["within"] = "only inside this region: id or path, percent-encoded (default: the whole country)",
        ["level"] = "country, province, city, county, town or village",
        ["status"] = "villages: taobao-village or none; towns: taobao-town or none",
        ["limit"] = "how many to return: a whole number, at most the maximum given in the summary",
        ["offset"] = "how many to skip: a whole number, 0 or more",
        ["since"] = "only changes at or after this ISO 8601 time",
        ["by"] = "today (default) or annual turnover",
        ["board"] = "villages, towns, counties, cities, provinces or clusters",
        ["shopId"] = "the shop's id as registered",
    };

    public static IServiceCollection AddTaobaoLiveOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path
                && !path.StartsWith("dashboard", StringComparison.OrdinalIgnoreCase);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "TaobaoLive";
                document.Info.Description = "Live classification of Taobao villages, towns and clusters from shop orders. "
                    + "Money is yuan with at most two decimals; errors are { errors: [ { index, field, message } ] }.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is OpenApiParameter { Name: { } name } concrete && Parameters.TryGetValue(name, out var meaning))
                    {
                        concrete.Description ??= meaning;
                        if (name is "limit" or "offset")
                        {
                            // Bound as text so that a bad value gets a reasoned 400 (Paging); the contract is a whole number.
                            concrete.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
                        }
                    }
                }

                // Any call can meet a change of the cluster (ClusterFaults): 503 with Retry-After.
                operation.Responses ??= [];
                if (!operation.Responses.ContainsKey("503"))
                {
                    operation.Responses["503"] = new OpenApiResponse
                    {
                        Description = "a silo was lost mid-call or the platform is at capacity: retry after Retry-After seconds",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ApiErrors), null, cancellationToken) },
                        },
                    };
                }
            });
        });

    /// <summary>
    /// A summary and the error codes, with the API's error schema. The answer on success is documented
    /// by the handler's own return type (<c>Results&lt;Ok&lt;T&gt;, …&gt;</c>).
    /// </summary>
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder, string summary, params int[] errors) =>
        builder.WithSummary(summary).ProducesErrors(errors);

    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] errors)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in errors)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiErrors), ["application/json"]));
        }

        return builder;
    }

    /// <summary>
    /// The request body of an endpoint that reads its body by hand (so that a wrong content type gets
    /// a reason, not routing's empty 415): documented here instead of through Accepts metadata.
    /// </summary>
    public static TBuilder DocumentsBody<TBuilder>(this TBuilder builder, Type type, string description, params (string ContentType, Type? Item)[] contentTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var content = new Dictionary<string, OpenApiMediaType>();
            foreach (var (contentType, item) in contentTypes)
            {
                content[contentType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(item ?? type, null, cancellationToken) };
            }

            operation.RequestBody = new OpenApiRequestBody { Required = true, Description = description, Content = content };
        });

    public static TBuilder DocumentsHeader<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            return Task.CompletedTask;
        });

    /// <summary>A 200 that is one of two shapes (<c>GET /api/regions</c>: one region by path, or a list).</summary>
    public static TBuilder ProducesOneOf<TBuilder>(this TBuilder builder, string description, params Type[] types)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schemas = new List<IOpenApiSchema>();
            foreach (var type in types)
            {
                schemas.Add(await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
            }

            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { OneOf = schemas } } },
            };
        });
}
