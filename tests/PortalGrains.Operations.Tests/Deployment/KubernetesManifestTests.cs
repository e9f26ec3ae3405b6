using PortalGrains.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Deployment;

public sealed class KubernetesManifestTests(ITestOutputHelper output)
{
    private static readonly string[] ExpectedObjects =
    [
        "apps/v1 Deployment/portalgrains", "v1 Service/portalgrains", "policy/v1 PodDisruptionBudget/portalgrains",
        "autoscaling/v2 HorizontalPodAutoscaler/portalgrains", "v1 ConfigMap/portalgrains-config", "v1 Secret/portalgrains-secrets",
        "v1 ServiceAccount/portalgrains", "rbac.authorization.k8s.io/v1 Role/portalgrains-orleans-hosting",
        "rbac.authorization.k8s.io/v1 RoleBinding/portalgrains-orleans-hosting",
    ];

    [Fact]
    public async Task Every_manifest_in_deploy_k8s_validates_against_the_Kubernetes_schemas()
    {
        var result = await DeployTools.NodeAsync("deploy/k8s/validate.js");
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.All(ExpectedObjects, o => Assert.Contains("ok   ", result.StandardOutput.Split('\n').Single(l => l.EndsWith(o, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_validator_rejects_a_manifest_that_breaks_the_schema()
    {
        var broken = DeployTools.WriteScratchFile("broken.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: three
              selector: {}
              template:
                spec:
                  containers:
                    - name: silo
                      ports:
                        - containerPort: http
            """);
        try
        {
            var result = await DeployTools.NodeAsync("deploy/k8s/validate.js", broken);
            output.WriteLine(result.ToString());
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("/spec/replicas must be integer", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_deployment_uses_Orleans_Kubernetes_hosting_with_probes_and_the_RBAC_it_needs()
    {
        var deployment = await DeployTools.NodeAsync("deploy/tools/yaml-to-json.js", "deploy/k8s/deployment.yaml");
        var configMap = await DeployTools.NodeAsync("deploy/tools/yaml-to-json.js", "deploy/k8s/configmap.yaml");
        var rbac = await File.ReadAllTextAsync(Path.Combine(CommandRunner.RepositoryRoot, "deploy", "k8s", "rbac.yaml"));
        using var json = System.Text.Json.JsonDocument.Parse(deployment.EnsureSuccess().StandardOutput);
        var pod = json.RootElement.GetProperty("spec").GetProperty("template");
        var container = pod.GetProperty("spec").GetProperty("containers")[0];
        var env = container.GetProperty("env").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet();

        Assert.Contains("\"Orleans__KubernetesHosting\": \"true\"", configMap.EnsureSuccess().StandardOutput, StringComparison.Ordinal);
        Assert.Superset(new HashSet<string?> { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" }, env);
        Assert.Equal("portal", pod.GetProperty("metadata").GetProperty("labels").GetProperty("orleans/serviceId").GetString());
        Assert.Equal("/healthz", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/healthz", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("portalgrains", pod.GetProperty("spec").GetProperty("serviceAccountName").GetString());
        Assert.Contains("verbs: [\"get\", \"list\", \"watch\", \"patch\", \"delete\"]", rbac, StringComparison.Ordinal);
    }
}
