using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// A numbering producer's delivered records (see <see cref="IProducerGrain"/>). Calls are serial, so
/// two requests cannot both take one number: the second is told Busy while the first holds it.
/// </summary>
[GrainType(GrainTypeNames.Producer)]
public sealed class ProducerGrain(
    [PersistentState("producer", StorageNames.Grains)] IPersistentState<ProducerState> state,
    IProducerRanges durable,
    BusinessClock clock) : Grain, IProducerGrain
{
    /// <summary>A claim neither confirmed nor released (its request's host died) is dropped after this.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(1);

    private readonly SequenceSet _delivered = new();
    private readonly Dictionary<Guid, (long[] Seqs, DateTimeOffset Expires)> _claims = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (durable.Enabled)
        {
            foreach (var (first, last) in await durable.Load(this.GetPrimaryKeyString()))
            {
                _delivered.Add(first, last);
            }
        }
        else
        {
            for (var i = 0; i < state.State.Firsts.Count; i++)
            {
                _delivered.Add(state.State.Firsts[i], state.State.Lasts[i]);
            }
        }
    }

    public Task<ProducerClaim> Claim(long[] seqs)
    {
        var now = clock.WallNow;
        foreach (var expired in _claims.Where(c => c.Value.Expires <= now).Select(c => c.Key).ToList())
        {
            _claims.Remove(expired);
        }

        var duplicate = new bool[seqs.Length];
        var fresh = new List<long>(seqs.Length);
        for (var i = 0; i < seqs.Length; i++)
        {
            if (_delivered.Contains(seqs[i]))
            {
                duplicate[i] = true;
            }
            else
            {
                fresh.Add(seqs[i]);
            }
        }

        foreach (var (held, _) in _claims.Values)
        {
            if (fresh.Any(held.Contains))
            {
                return Task.FromResult(new ProducerClaim(Guid.Empty, duplicate, Busy: true));
            }
        }

        var id = Guid.NewGuid();
        _claims[id] = (fresh.ToArray(), now + ClaimTimeout);
        return Task.FromResult(new ProducerClaim(id, duplicate, Busy: false));
    }

    public async Task Confirm(Guid claimId)
    {
        if (!_claims.Remove(claimId, out var claim))
        {
            return;
        }

        foreach (var (first, last) in SequenceSet.RangesOf(claim.Seqs))
        {
            _delivered.Add(first, last);
        }

        if (!durable.Enabled)
        {
            state.State.Firsts = _delivered.Ranges.Select(r => r.First).ToList();
            state.State.Lasts = _delivered.Ranges.Select(r => r.Last).ToList();
            await state.WriteStateAsync();
        }
    }

    public Task Release(Guid claimId)
    {
        _claims.Remove(claimId);
        return Task.CompletedTask;
    }
}
