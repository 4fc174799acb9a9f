using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Cli.Output;
using TaobaoLive.Geography;

namespace TaobaoLive.Cli.Commands;

/// <summary>
/// <c>check-geography</c>: loads a geography file here, with the loader the host uses, so a bad file
/// is found before a host refuses to start on it.
/// </summary>
internal static class GeographyCommand
{
    public static Task<int> Check(CommandContext context)
    {
        var path = context.Argument(0);
        GeographyModel model;
        try
        {
            model = GeographyLoader.LoadFile(path);
        }
        catch (GeographyFormatException exception)
        {
            throw new CommandFailedException(Describe(exception), exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot read {path}: {exception.Message}", exception);
        }

        var villages = model.Villages;
        var summary = new GeographySummary(
            path,
            model.Count(RegionLevel.Province),
            model.Count(RegionLevel.City),
            model.Count(RegionLevel.County),
            model.Count(RegionLevel.Town),
            model.Count(RegionLevel.Village),
            villages.Count(v => v.Households is not null),
            villages.Count(v => v.Latitude is not null),
            villages.Count(v => v.NeighbourIds.Count > 0));
        if (context.Json)
        {
            context.WriteJson(summary);
            return Task.FromResult(ExitCodes.Ok);
        }

        TableWriter.WritePairs(context.Output,
        [
            ("file", path),
            ("provinces", Format.Count(summary.Provinces)),
            ("cities", Format.Count(summary.Cities)),
            ("counties", Format.Count(summary.Counties)),
            ("towns", Format.Count(summary.Towns)),
            ("villages", Format.Count(summary.Villages)),
            ("with households", Format.Plural(summary.VillagesWithHouseholds, "village")),
            ("with coordinates", Format.Plural(summary.VillagesWithCoordinates, "village")),
            ("with neighbours", Format.Plural(summary.VillagesWithNeighbours, "village")),
        ]);
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>"geo.tsv: line 3, column 'households': …"; the column when the loader names one.</summary>
    private static string Describe(GeographyFormatException exception) =>
        exception.LineNumber == 0 ? $"{exception.SourceName}: {exception.Reason}"
        : exception.Column is null ? $"{exception.SourceName}: line {exception.LineNumber}: {exception.Reason}"
        : $"{exception.SourceName}: line {exception.LineNumber}, column '{exception.Column}': {exception.Reason}";
}
