namespace TaobaoLive.Contracts;

/// <summary>
/// How far a village is from each Taobao-village threshold under the running rule set, from the
/// numbers its grain holds now. Shortfalls are 0 when met; the household criterion is null when the
/// village's households are unknown (it is then not applied).
/// </summary>
public sealed record VillageThresholdsView(
    string Id,
    string Path,
    string RuleSet,
    bool Qualifies,
    string Reason,
    ThresholdView Turnover,
    ThresholdView ActiveShops,
    ThresholdView? HouseholdShare);

/// <summary>One criterion: what is required, what the village has, what is missing, whether it is met.</summary>
public sealed record ThresholdView(decimal Required, decimal Actual, decimal Shortfall, bool Met);
