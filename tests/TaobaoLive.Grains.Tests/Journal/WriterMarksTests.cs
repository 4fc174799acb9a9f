using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Grains.Tests.Journal;

/// <summary>The rule by which a shop applies each committed journal entry once, live, retried or replayed.</summary>
public sealed class WriterMarksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_entry_is_taken_once_whatever_the_order_it_arrives_in()
    {
        var marks = new List<WriterMark>();
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(7, 2, 0), Now));
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(7, 1, 0), Now));
        Assert.False(WriterMarks.TryTake(marks, new JournalPosition(7, 2, 0), Now));
        Assert.False(WriterMarks.TryTake(marks, new JournalPosition(7, 1, 0), Now));
        // Kept in ascending order whatever the arrival order (truncation then drops a prefix).
        Assert.Equal([1L, 2L], Assert.Single(marks).Applied);
    }

    [Fact]
    public void A_state_stored_in_arrival_order_is_sorted_and_then_deduplicates_and_truncates_as_a_sorted_one()
    {
        var marks = new List<WriterMark> { new() { Writer = 7, Applied = [9, 4, 6] } };
        WriterMarks.Sort(marks);
        Assert.Equal([4L, 6L, 9L], marks[0].Applied);
        Assert.False(WriterMarks.TryTake(marks, new JournalPosition(7, 6, 0), Now));
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(7, 10, 5), Now));
        Assert.Equal([6L, 9L, 10L], marks[0].Applied);
        Assert.False(WriterMarks.TryTake(marks, new JournalPosition(7, 4, 5), Now));
    }

    [Fact]
    public void Writers_are_told_apart()
    {
        var marks = new List<WriterMark>();
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(7, 1, 0), Now));
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(8, 1, 0), Now));
        Assert.Equal(2, marks.Count);
    }

    [Fact]
    public void Truncation_forgets_applied_entries_up_to_it_and_refuses_anything_at_or_below_it()
    {
        var marks = new List<WriterMark>();
        WriterMarks.TryTake(marks, new JournalPosition(7, 3, 0), Now);
        WriterMarks.TryTake(marks, new JournalPosition(7, 5, 0), Now);
        // Entry 6 arrives when the writer's journal is truncated up to 4: entry 3 can never come again.
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(7, 6, 4), Now));
        var mark = Assert.Single(marks);
        Assert.Equal(4, mark.Floor);
        Assert.Equal([5L, 6L], mark.Applied);
        Assert.False(WriterMarks.TryTake(marks, new JournalPosition(7, 4, 0), Now));
        Assert.False(WriterMarks.TryTake(marks, new JournalPosition(7, 5, 0), Now));
        // A replay position carries no truncation (0): the floor stays.
        Assert.True(WriterMarks.TryTake(marks, new JournalPosition(7, 7, 0), Now));
        Assert.Equal(4, mark.Floor);
    }

    [Fact]
    public void A_writer_silent_for_a_day_is_forgotten()
    {
        var marks = new List<WriterMark>();
        WriterMarks.TryTake(marks, new JournalPosition(7, 1, 0), Now);
        WriterMarks.TryTake(marks, new JournalPosition(8, 1, 0), Now + TimeSpan.FromHours(23));
        Assert.Equal(2, marks.Count);
        WriterMarks.TryTake(marks, new JournalPosition(8, 2, 0), Now + WriterMarks.ForgetAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(8, Assert.Single(marks).Writer);
    }
}
