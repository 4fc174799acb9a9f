namespace TaobaoLive.Grains.Streaming;

/// <summary>One parent's buffer in the silo's <see cref="UpwardOutbox"/>, held by a child that posts to it often.</summary>
internal sealed class UpwardInbox<T>(UpwardOutbox outbox, OutboxBuffer<T> buffer)
    where T : class
{
    public void Post(T item) => outbox.Post(buffer, item);
}
