namespace TaobaoLive.Contracts;

public sealed record ClusterMember(string Id, string Path);
