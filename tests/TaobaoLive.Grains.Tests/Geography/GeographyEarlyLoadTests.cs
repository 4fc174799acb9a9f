using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Geography;

/// <summary>The geography the host starts loading while it is configured is the one the silo gets, unless the options name another.</summary>
public sealed class GeographyEarlyLoadTests
{
    [Fact]
    public void The_early_load_serves_the_geography_the_options_name_and_another_is_loaded_when_they_differ()
    {
        var file = TestGeography.WriteFile();
        var other = TestGeography.WriteFile();
        try
        {
            var early = new GeographyEarlyLoad(file);

            var served = early.For(new TaobaoLiveOptions { Geography = file });

            Assert.Equal(file, served.SourceName);
            Assert.Same(served, early.For(new TaobaoLiveOptions { Geography = file }));
            Assert.False(early.Serves(new TaobaoLiveOptions()));
            var loaded = early.For(new TaobaoLiveOptions { Geography = other });
            Assert.Equal(other, loaded.SourceName);
            Assert.NotSame(served, loaded);
        }
        finally
        {
            File.Delete(file);
            File.Delete(other);
        }
    }
}
