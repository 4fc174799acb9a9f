namespace TaobaoLive.Domain.Rules;

public sealed record TownVerdict(bool Qualifies, bool VillageCountMet, bool AlternativeMet, int VillageShortfall, string Reason);
