using System.Text;

namespace TaobaoLive.Grains.Tests.Infrastructure;

/// <summary>
/// A small geography built for the pipeline tests, one province per scenario so scenarios cannot
/// disturb each other's clusters. Villages have 10 households, so one active shop meets the 10%
/// criterion and a village qualifies with a single shop selling RMB 10,000,000.00.
/// </summary>
public static class TestGeography
{
    public const int Households = 10;

    /// <summary>测试省/甲市/一县: towns for single-village and town scenarios (no neighbours: county fallback).</summary>
    public const string Basic = "测试省/甲市/一县";

    /// <summary>集群省/乙市/二县: chain A1..A10, chain B1..B10, bridge X between A10 and B1 (explicit neighbours).</summary>
    public const string Bridge = "集群省/乙市/二县";

    /// <summary>大省/丙市/三县: chain C1..C30 over three towns (explicit neighbours).</summary>
    public const string Large = "大省/丙市/三县";

    /// <summary>时间省/丁市/四县/时间镇: ten villages T1..T10 with no neighbours or coordinates (county fallback).</summary>
    public const string Lapse = "时间省/丁市/四县";

    /// <summary>恢复省/戊市/五县/恢复镇: chain R1..R10 (explicit neighbours), for a cluster grain restored from stale state.</summary>
    public const string Recovery = "恢复省/戊市/五县";

    /// <summary>A county whose ten chained villages make one cluster, for the areas' cluster-count rebuild.</summary>
    public const string Rebuild = "重建省/己市/六县";

    /// <summary>序号省/庚市/七县/序号镇: villages S1..S4 whose town no test reads, for reports a village must not trust.</summary>
    public const string Sequence = "序号省/庚市/七县";

    /// <summary>对账省/辛市/八县/对账镇: chain P1..P10 (explicit neighbours), for a live cluster grain asked to reconcile.</summary>
    public const string Reconcile = "对账省/辛市/八县";

    public static string P(int i) => $"{Reconcile}/对账镇/P{i}村";

    public static string S(int i) => $"{Sequence}/序号镇/S{i}村";

    public static string BasicVillage(string town, string village) => $"{Basic}/{town}/{village}";

    public static string R(int i) => $"{Recovery}/恢复镇/R{i}村";

    public static string A(int i) => $"{Bridge}/甲镇/A{i}村";

    public static string B(int i) => $"{Bridge}/乙镇/B{i}村";

    public static string BridgeVillage => $"{Bridge}/桥镇/X村";

    public static string C(int i) => $"{Large}/{(i - 1) / 10 + 1}镇/C{i}村";

    public static string Q(int i) => $"{Rebuild}/重建镇/Q{i}村";

    public static string T(int i) => $"{Lapse}/时间镇/T{i}村";

    public static string Tsv()
    {
        var text = new StringBuilder();
        text.AppendLine("# TaobaoLive pipeline test geography");
        text.AppendLine("province\tcity\tcounty\ttown\tvillage\thouseholds\tneighbours");
        void Add(string path, params string[] neighbours)
        {
            var parts = path.Split('/');
            text.AppendLine($"{string.Join('\t', parts)}\t{Households}\t{string.Join(';', neighbours)}");
        }

        foreach (var town in new[] { "一镇", "二镇", "三镇", "四镇", "五镇" })
        {
            for (var i = 1; i <= 4; i++)
            {
                Add(BasicVillage(town, $"{town}{i}村"));
            }
        }

        for (var i = 1; i <= 10; i++)
        {
            Add(A(i), i < 10 ? A(i + 1) : BridgeVillage);
            Add(B(i), i < 10 ? B(i + 1) : B(i - 1));
        }

        Add(BridgeVillage, A(10), B(1));
        for (var i = 1; i <= 30; i++)
        {
            Add(C(i), i < 30 ? C(i + 1) : C(i - 1));
        }

        for (var i = 1; i <= 10; i++)
        {
            Add(T(i));
        }

        for (var i = 1; i <= 10; i++)
        {
            Add(R(i), i < 10 ? R(i + 1) : R(i - 1));
        }

        for (var i = 1; i <= 10; i++)
        {
            Add(Q(i), i < 10 ? Q(i + 1) : Q(i - 1));
        }

        for (var i = 1; i <= 4; i++)
        {
            Add(S(i));
        }

        for (var i = 1; i <= 10; i++)
        {
            Add(P(i), i < 10 ? P(i + 1) : P(i - 1));
        }

        return text.ToString();
    }

    public static string WriteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"taobaolive-test-geography-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, Tsv(), new UTF8Encoding(false));
        return path;
    }
}
