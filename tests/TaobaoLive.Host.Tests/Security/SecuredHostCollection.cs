using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

[CollectionDefinition(Name)]
public sealed class SecuredHostCollection : ICollectionFixture<SecuredHostFixture>
{
    public const string Name = "secured host";
}
