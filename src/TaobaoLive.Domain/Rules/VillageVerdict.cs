namespace TaobaoLive.Domain.Rules;

/// <summary>
/// The verdict on a village and how far it is from each threshold (0 when met). The household
/// shortfall is null when households are unknown and the share criterion therefore not applied.
/// </summary>
public sealed record VillageVerdict(
    bool Qualifies,
    bool TurnoverMet,
    bool ShopsMet,
    bool HouseholdShareMet,
    long TurnoverShortfallFen,
    int ShopShortfall,
    int? HouseholdShareShortfall,
    string Reason);
