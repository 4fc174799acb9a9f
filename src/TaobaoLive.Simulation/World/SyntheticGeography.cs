using System.Globalization;
using System.Text;

namespace TaobaoLive.Simulation.World;

/// <summary>
/// Writes a synthetic geography file of any size in the loader's format: 省/市/县/镇/村 names, households,
/// and coordinates, with villages of a town within a few kilometres of each other (so clusters form
/// by distance) and towns scattered across their county.
/// </summary>
public static class SyntheticGeography
{
    public static string Tsv(int villages, int seed, int villagesPerTown = 12, int townsPerCounty = 8, int countiesPerCity = 6, int citiesPerProvince = 8)
    {
        var random = new Random(seed);
        var text = new StringBuilder("province\tcity\tcounty\ttown\tvillage\thouseholds\tlatitude\tlongitude\n");
        double townLat = 0, townLon = 0;
        for (var v = 0; v < villages; v++)
        {
            var town = v / villagesPerTown;
            var county = town / townsPerCounty;
            var city = county / countiesPerCity;
            var province = city / citiesPerProvince;
            if (v % villagesPerTown == 0)
            {
                townLat = 22 + ((province % 10) * 2) + (random.NextDouble() * 1.5);
                townLon = 105 + ((province / 10) * 3) + ((city % 8) * 0.3) + (random.NextDouble() * 0.25);
            }

            var lat = townLat + ((random.NextDouble() - 0.5) * 0.05);
            var lon = townLon + ((random.NextDouble() - 0.5) * 0.05);
            text.Append(CultureInfo.InvariantCulture, $"模拟{province + 1}省\t{city + 1}市\t{county + 1}县\t{town + 1}镇\t{v + 1}村\t{random.Next(300, 3001)}\t{lat:F5}\t{lon:F5}\n");
        }

        return text.ToString();
    }
}
