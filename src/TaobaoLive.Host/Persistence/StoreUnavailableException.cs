namespace TaobaoLive.Host.Persistence;

/// <summary>
/// The configured PostgreSQL cannot be used (unreachable, wrong database or credentials, schema
/// cannot be applied). Stops the host at start with a message that says which database and why.
/// </summary>
public sealed class StoreUnavailableException(string message) : Exception(message);
