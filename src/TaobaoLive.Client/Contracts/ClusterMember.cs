namespace TaobaoLive.Client.Contracts;

public sealed record ClusterMember(string Id, string Path);
