namespace TaobaoLive.Geography;

/// <summary>A geography file that cannot be loaded, with where and why.</summary>
public sealed class GeographyFormatException : FormatException
{
    public GeographyFormatException(string sourceName, int lineNumber, string? column, string message)
        : base(lineNumber > 0 ? $"{sourceName}: line {lineNumber}: {message}" : $"{sourceName}: {message}")
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        Column = column;
        Reason = message;
    }

    public string SourceName { get; }

    /// <summary>1-based; 0 when the problem is not on one line (a missing file).</summary>
    public int LineNumber { get; }

    public string? Column { get; }

    /// <summary>The message without the file and line prefix.</summary>
    public string Reason { get; }
}
