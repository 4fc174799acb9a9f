namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>One PostgreSQL server per run, shared by every persistence test.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
