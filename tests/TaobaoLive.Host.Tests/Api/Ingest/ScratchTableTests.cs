using TaobaoLive.Host.Api.Ingest;

namespace TaobaoLive.Host.Tests.Api.Ingest;

public sealed class ScratchTableTests
{
    [Fact]
    public void A_returned_table_comes_back_empty_to_the_next_borrower_on_the_thread()
    {
        Dictionary<string, int> first;
        using (var lease = ScratchTable<string, int>.Borrow(4, StringComparer.Ordinal))
        {
            first = lease.Table;
            first["a"] = 1;
            first["b"] = 2;
        }

        using var again = ScratchTable<string, int>.Borrow(4, StringComparer.Ordinal);

        Assert.Same(first, again.Table);
        Assert.Empty(again.Table);
    }

    [Fact]
    public void A_table_is_not_shared_between_two_leases_at_once_nor_across_comparers()
    {
        using (var outer = ScratchTable<string, int>.Borrow(4, StringComparer.Ordinal))
        using (var inner = ScratchTable<string, int>.Borrow(4, StringComparer.Ordinal))
        {
            Assert.NotSame(outer.Table, inner.Table);
        }

        using var other = ScratchTable<string, int>.Borrow(4, StringComparer.OrdinalIgnoreCase);

        Assert.Same(StringComparer.OrdinalIgnoreCase, other.Table.Comparer);
    }

    [Fact]
    public void A_table_grown_by_an_unusually_large_batch_is_let_go()
    {
        Dictionary<int, int> large;
        using (var lease = ScratchTable<int, int>.Borrow(20_000, EqualityComparer<int>.Default))
        {
            large = lease.Table;
            for (var i = 0; i < 20_000; i++)
            {
                large[i] = i;
            }
        }

        using var next = ScratchTable<int, int>.Borrow(4, EqualityComparer<int>.Default);

        Assert.NotSame(large, next.Table);
    }
}
