namespace TaobaoLive.Grains.Tests.Infrastructure;

/// <summary>A silo on the built-in 2015 AliResearch geography (no geography file configured).</summary>
public sealed class BuiltInGeographyFixture : PipelineFixture
{
    public BuiltInGeographyFixture()
        : base(geographyFile: null)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class BuiltInGeographyCollection : ICollectionFixture<BuiltInGeographyFixture>
{
    public const string Name = "built-in geography";
}
