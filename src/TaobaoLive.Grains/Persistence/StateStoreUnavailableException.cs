namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// The durable store could not take a write or a read now (database down, slow or refusing). The
/// store logs it once per interval with a count; a grain's timed write keeps its change and tries
/// again instead of logging a stack trace per grain.
/// </summary>
public sealed class StateStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
