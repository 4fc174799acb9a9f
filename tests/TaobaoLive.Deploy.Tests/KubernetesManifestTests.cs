using k8s;
using k8s.Models;

namespace TaobaoLive.Deploy.Tests;

/// <summary>
/// deploy/kubernetes loaded strictly into the Kubernetes API's typed models (an unknown or misspelt
/// field, a wrong type or kind fails here; no cluster or kubectl is needed, and no server-side
/// dry run is done), then checked against Orleans' deployment guidance and the host's own probes.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly IReadOnlyList<object> Objects = Load();

    [Fact]
    public void Every_resource_of_the_kustomization_loads_strictly_as_its_kind()
    {
        Assert.Equal(
            ["ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget"],
            Objects.Select(o => ((IKubernetesObject)o).Kind));
        Assert.IsType<V1Deployment>(Objects[2]);
        Assert.IsType<V1PodDisruptionBudget>(Objects[4]);
    }

    [Fact]
    public void Silos_advertise_the_pod_IP_under_the_pod_name_and_take_secrets_from_the_secret()
    {
        var container = Single<V1Deployment>().Spec.Template.Spec.Containers.Single();
        var env = container.Env.ToDictionary(e => e.Name, e => e.ValueFrom?.FieldRef?.FieldPath);

        Assert.Equal("status.podIP", env["TaobaoLive__AdvertisedAddress"]);
        Assert.Equal("metadata.name", env["TaobaoLive__SiloName"]);
        Assert.Equal(["taobaolive", "taobaolive"], container.EnvFrom.Select(e => e.ConfigMapRef?.Name ?? e.SecretRef?.Name));
        Assert.Contains("ConnectionStrings__TaobaoLive", Single<V1Secret>().StringData.Keys);
        Assert.DoesNotContain(Single<V1ConfigMap>().Data.Keys, k => k.StartsWith("ConnectionStrings", StringComparison.Ordinal) || k.Contains("Sha256", StringComparison.Ordinal));
        Assert.Equal("PostgreSql", Single<V1ConfigMap>().Data["TaobaoLive__Store"]);
    }

    [Fact]
    public void Probes_are_the_hosts_and_the_grace_period_outlasts_drain_and_shutdown()
    {
        var spec = Single<V1Deployment>().Spec.Template.Spec;
        var container = spec.Containers.Single();
        var config = Single<V1ConfigMap>().Data;

        Assert.Equal("/health/startup", container.StartupProbe.HttpGet.Path);
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
        var drain = TimeSpan.Parse(config["TaobaoLive__ShutdownDrainDelay"], System.Globalization.CultureInfo.InvariantCulture);
        var shutdown = TimeSpan.FromSeconds(int.Parse(config["DOTNET_shutdownTimeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(TimeSpan.FromSeconds(spec.TerminationGracePeriodSeconds!.Value) > drain + shutdown);
        Assert.True(spec.SecurityContext.RunAsNonRoot);
        Assert.Equal(1654, spec.SecurityContext.RunAsUser);
    }

    [Fact]
    public void A_rolling_update_and_a_drain_keep_a_quorum()
    {
        var deployment = Single<V1Deployment>();
        var budget = Single<V1PodDisruptionBudget>();

        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal("2", budget.Spec.MinAvailable.Value);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, Single<V1Service>().Spec.Selector);
    }

    private static T Single<T>() => Objects.OfType<T>().Single();

    private static List<object> Load()
    {
        var kustomization = Repository.Read("deploy", "kubernetes", "kustomization.yaml");
        var files = kustomization.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]);
        return files.SelectMany(file => KubernetesYaml.LoadAllFromString(Repository.Read("deploy", "kubernetes", file), strict: true)).ToList();
    }
}
