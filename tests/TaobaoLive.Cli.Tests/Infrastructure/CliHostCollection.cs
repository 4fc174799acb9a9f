namespace TaobaoLive.Cli.Tests.Infrastructure;

/// <summary>One host for every test that needs one: tests use their own shops and regions.</summary>
[CollectionDefinition(Name)]
public sealed class CliHostCollection : ICollectionFixture<CliHost>
{
    public const string Name = "cli host";
}
