using TaobaoLive.Host.Persistence;

namespace TaobaoLive.Persistence.Tests;

public sealed class StoreOptionsTests
{
    private const string Valid = "Host=db.example;Port=5432;Database=taobaolive;Username=taobaolive;Password=secret";

    [Fact]
    public void Memory_is_the_default_and_needs_nothing_else()
    {
        var options = new StoreOptions();
        Assert.Equal(StoreKind.Memory, options.Kind);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("PostgreSql", Valid, null)]
    [InlineData("postgresql", Valid, null)]
    [InlineData("Postgres", Valid, "TaobaoLive:Store 'Postgres' must be Memory or PostgreSql.")]
    [InlineData("1", Valid, "TaobaoLive:Store '1' must be Memory or PostgreSql.")]
    [InlineData("PostgreSql", null, "ConnectionStrings:TaobaoLive is required when TaobaoLive:Store is PostgreSql.")]
    [InlineData("PostgreSql", " ", "ConnectionStrings:TaobaoLive is required when TaobaoLive:Store is PostgreSql.")]
    public void The_store_switch_is_checked(string store, string? connectionString, string? problem)
    {
        var problems = new StoreOptions { Store = store, ConnectionString = connectionString }.Validate();
        Assert.Equal(problem is null ? [] : [problem], problems);
    }

    [Fact]
    public void A_malformed_connection_string_is_named_without_its_secrets()
    {
        var problem = Assert.Single(new StoreOptions { Store = "PostgreSql", ConnectionString = "Host=db;Pasword=secret" }.Validate());
        Assert.StartsWith("ConnectionStrings:TaobaoLive is not a valid Npgsql connection string: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Valid, 20)]
    [InlineData(Valid + ";Maximum Pool Size=7", 7)]
    [InlineData(Valid + ";MaxPoolSize=9", 9)]
    public void The_pool_is_bounded_unless_the_connection_string_bounds_it(string connectionString, int expected)
    {
        var pooled = new Npgsql.NpgsqlConnectionStringBuilder(new StoreOptions { Store = "PostgreSql", ConnectionString = connectionString }.PooledConnectionString());
        Assert.Equal(expected, pooled.MaxPoolSize);
    }

    [Fact]
    public void Membership_timing_and_address_are_bounded()
    {
        var problems = new StoreOptions
        {
            Store = "PostgreSql",
            ConnectionString = Valid,
            MembershipProbeTimeout = TimeSpan.FromMilliseconds(100),
            MembershipMissedProbesLimit = 0,
            AdvertisedAddress = "silo-1",
            MaxPoolSize = 1,
        }.Validate();
        Assert.Equal(
            [
                "TaobaoLive:MaxPoolSize 1 must be between 2 and 1000.",
                "TaobaoLive:MembershipProbeTimeout 00:00:00.1000000 must be between 1 second and 5 minutes.",
                "TaobaoLive:MembershipMissedProbesLimit 0 must be between 1 and 20.",
                "TaobaoLive:AdvertisedAddress 'silo-1' must be an IP address.",
            ],
            problems);
    }
}
