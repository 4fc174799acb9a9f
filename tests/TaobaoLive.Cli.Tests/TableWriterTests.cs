using TaobaoLive.Cli.Output;
using TaobaoLive.Cli.Tests.Infrastructure;

namespace TaobaoLive.Cli.Tests;

public sealed class TableWriterTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("陈店镇", 6)]
    [InlineData("广东省/揭阳市", 13)]
    [InlineData("village-0123456789ab", 20)]
    [InlineData("ＡＢ", 4)]            // fullwidth Latin
    [InlineData("，。", 4)]            // fullwidth and CJK punctuation
    [InlineData("\u3000", 2)]          // ideographic space
    [InlineData("かなカナ", 8)]
    [InlineData("한국", 4)]
    [InlineData("\U00020000村", 4)]    // CJK Extension B: one rune, two UTF-16 units, two columns
    [InlineData("e\u0301", 1)]         // combining acute accent takes no column
    [InlineData("a\u200Bb", 2)]        // zero width space
    [InlineData("¥12", 3)]             // U+00A5 is narrow
    [InlineData("￥12", 4)]            // U+FFE5 is fullwidth
    public void Display_width_counts_wide_characters_as_two_columns(string text, int width) =>
        Assert.Equal(width, TableWriter.DisplayWidth(text));

    [Fact]
    public void Columns_line_up_in_display_columns_with_numbers_on_the_right()
    {
        var table = new TableWriter(new TableColumn("name"), new TableColumn("shops", AlignRight: true), new TableColumn("id"));
        table.AddRow("荷村", "5", "village-a");
        table.AddRow("沙窖南村", "1,200", "village-b");
        table.AddRow("Heyuan", "12", "x");
        using var writer = new StringWriter();

        table.Write(writer);

        Assert.Equal(
            CliRun.Text(
                "name      shops  id",
                "荷村          5  village-a",
                "沙窖南村  1,200  village-b",
                "Heyuan       12  x"),
            writer.ToString());
    }

    [Fact]
    public void Lines_carry_no_trailing_spaces_when_the_last_cell_is_short_or_empty()
    {
        var table = new TableWriter(new TableColumn("path"), new TableColumn("status"));
        table.AddRow("广东省/佛山市", string.Empty);
        table.AddRow("x", "taobao-town");
        using var writer = new StringWriter();

        table.Write(writer);

        Assert.Equal(CliRun.Text("path           status", "广东省/佛山市", "x              taobao-town"), writer.ToString());
    }

    [Fact]
    public void Pairs_align_their_values_after_the_widest_key()
    {
        using var writer = new StringWriter();

        TableWriter.WritePairs(writer, [("id", "town-1"), ("name", "乐从镇"), ("annual turnover", "1.00 yuan")]);

        Assert.Equal(CliRun.Text("id               town-1", "name             乐从镇", "annual turnover  1.00 yuan"), writer.ToString());
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused()
    {
        var table = new TableWriter(new TableColumn("a"), new TableColumn("b"));

        var exception = Assert.Throws<ArgumentException>(() => table.AddRow("only one"));

        Assert.StartsWith("a row of this table has 2 cells, not 1", exception.Message, StringComparison.Ordinal);
    }
}
