namespace TaobaoLive.Cli.Output;

/// <summary>A column of a <see cref="TableWriter"/>; numbers read best right-aligned.</summary>
public sealed record TableColumn(string Header, bool AlignRight = false);
