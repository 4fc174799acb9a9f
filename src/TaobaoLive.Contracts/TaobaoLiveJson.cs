using System.Text.Encodings.Web;
using System.Text.Json;

namespace TaobaoLive.Contracts;

/// <summary>The wire's JSON settings: camelCase, as the host writes them.</summary>
public static class TaobaoLiveJson
{
    /// <summary>
    /// Chinese place names and quotes are written as they are, not as \u escapes: the API is read
    /// by people (and responses are never embedded in HTML unencoded).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
