using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Live;

/// <summary>A host's observer that records one test's status changes (other tests' real ones pass through the same stream).</summary>
internal sealed class StatusRecorder(int expected, string prefix) : ILiveFeedObserver
{
    private readonly List<string> _ids = [];
    private readonly TaskCompletionSource<IReadOnlyList<string>> _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<string>> All => _all.Task.WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>What it has recorded so far.</summary>
    public IReadOnlyList<string> Recorded
    {
        get
        {
            lock (_ids)
            {
                return [.. _ids];
            }
        }
    }

    /// <summary>A village of <paramref name="villageId"/> becoming a Taobao village.</summary>
    public static StatusChanged Change(string villageId) => new(
        villageId, SubjectKind.Village, villageId, "测试省/甲市/一县/一镇/" + villageId, StatusChangeKind.Qualified,
        StatusNames.None, StatusNames.TaobaoVillage, PipelineFixture.Start, "test", []);

    public Task OnStatusChanged(IReadOnlyList<StatusChanged> changes)
    {
        lock (_ids)
        {
            _ids.AddRange(changes.Select(c => c.SubjectId).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
            if (_ids.Count >= expected)
            {
                _all.TrySetResult(_ids.ToList());
            }
        }

        return Task.CompletedTask;
    }
}
