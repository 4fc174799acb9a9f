using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Api;

/// <summary>
/// <c>/openapi/v1.json</c> against the endpoints the host really maps: every API operation and no
/// other, each with a summary, its parameters explained, a request body where it takes one, and its
/// answers (success and errors) as schemas; the Orleans dashboard's routes are not in it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiDocumentTests(HostFixture host)
{
    [Fact]
    public async Task The_document_lists_exactly_the_API_endpoints()
    {
        using var document = JsonDocument.Parse(await host.Http.GetStringAsync("/openapi/v1.json"));

        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal).ToList();

        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw == "/healthz"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(mapped, documented);
        Assert.Equal(16, documented.Count);
        Assert.DoesNotContain(document.RootElement.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_explained_parameters_and_schemas_for_every_answer()
    {
        using var document = JsonDocument.Parse(await host.Http.GetStringAsync("/openapi/v1.json"));

        foreach (var (method, path, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10, $"{name} has no summary");
            foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                Assert.True(parameter.TryGetProperty("description", out _), $"{name}: parameter {parameter.GetProperty("name")} is not explained");
            }

            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            Assert.True(responses.ContainsKey("200"), $"{name} has no 200");
            Assert.Contains("503", responses.Keys);
            foreach (var (status, response) in responses)
            {
                var schema = Schema(document, response, $"{name} {status}");
                if (status.StartsWith('4') || (status == "503" && path != "/healthz"))
                {
                    Assert.True(schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("errors", out _), $"{name} {status} is not the API's error shape");
                }
            }

            if (method == "POST")
            {
                var body = operation.GetProperty("requestBody");
                Assert.Equal("array", Resolve(document, body.GetProperty("content").GetProperty("application/json").GetProperty("schema")).GetProperty("type").GetString());
                Assert.Contains("400", responses.Keys);
                Assert.Contains("415", responses.Keys);
                Assert.Contains("422", responses.Keys);
            }
        }
    }

    [Fact]
    public async Task The_order_body_is_documented_for_both_content_types_with_the_idempotency_header()
    {
        using var document = JsonDocument.Parse(await host.Http.GetStringAsync("/openapi/v1.json"));
        var post = document.RootElement.GetProperty("paths").GetProperty("/api/orders").GetProperty("post");

        var content = post.GetProperty("requestBody").GetProperty("content");
        var line = Resolve(document, content.GetProperty("application/x-ndjson").GetProperty("schema"));
        var array = Resolve(document, content.GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(["amount", "orderId", "paidAt", "shopId"], line.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
        Assert.True(JsonElement.DeepEquals(line, Resolve(document, array.GetProperty("items"))), "an NDJSON line is one element of the JSON array");
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    /// <summary>"/api/regions/{**id}" and "/api/regions/" as the document writes them.</summary>
    private static string Normalize(string pattern)
    {
        var path = pattern.Replace("{**", "{", StringComparison.Ordinal).TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    private static JsonElement Schema(JsonDocument document, JsonElement response, string what)
    {
        Assert.True(response.TryGetProperty("content", out var content), $"{what} has no content");
        Assert.True(content.TryGetProperty("application/json", out var json), $"{what} is not JSON");
        Assert.True(json.TryGetProperty("schema", out var schema), $"{what} has no schema");
        return Resolve(document, schema);
    }

    private static JsonElement Resolve(JsonDocument document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;
}
