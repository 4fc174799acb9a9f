namespace TaobaoLive.Abstractions.Rankings;

[GenerateSerializer]
[Alias("TaobaoLive.RankingOrder")]
public enum RankingOrder
{
    Today = 0,
    Annual = 1,
}
