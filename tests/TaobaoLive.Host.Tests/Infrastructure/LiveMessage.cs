namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>A message the live hub sent: method, topic, payload, and when it arrived (Stopwatch ticks).</summary>
public sealed record LiveMessage(string Method, string Topic, object Payload, long ReceivedAt);
