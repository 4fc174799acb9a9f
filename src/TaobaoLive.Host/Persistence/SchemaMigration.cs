namespace TaobaoLive.Host.Persistence;

/// <summary>One versioned script of deploy/sql, named <c>NNN_description.sql</c>.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
