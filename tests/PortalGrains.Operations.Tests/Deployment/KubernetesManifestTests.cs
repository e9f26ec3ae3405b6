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
        "rbac.authorization.k8s.io/v1 RoleBinding/portalgrains-orleans-hosting", "networking.k8s.io/v1 NetworkPolicy/portalgrains",
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

    [Fact]
    public async Task The_network_policy_admits_silo_and_gateway_ports_only_from_the_portals_own_pods()
    {
        using var policy = await JsonManifestAsync("networkpolicy.yaml");
        using var deployment = await JsonManifestAsync("deployment.yaml");
        var spec = policy.RootElement.GetProperty("spec");
        var podLabels = Labels(deployment.RootElement.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels"));
        var containerPorts = ContainerPorts(deployment.RootElement);
        var rules = spec.GetProperty("ingress").EnumerateArray().ToList();

        // The policy selects the silo pods, and restricts what comes in.
        Assert.All(Labels(spec.GetProperty("podSelector").GetProperty("matchLabels")), label => Assert.Contains(label, podLabels));
        Assert.Contains("Ingress", spec.GetProperty("policyTypes").EnumerateArray().Select(t => t.GetString()));
        // Every port a rule names is one the pod declares.
        Assert.All(rules.SelectMany(RulePorts), port => Assert.Contains(port, containerPorts.Keys));

        foreach (var port in new[] { "silo", "gateway" })
        {
            var admitting = rules.Where(r => RulePorts(r).Contains(port)).ToList();
            Assert.NotEmpty(admitting);
            Assert.All(admitting, rule =>
            {
                var from = Assert.Single(rule.GetProperty("from").EnumerateArray());
                Assert.False(from.TryGetProperty("namespaceSelector", out _), $"{port}: a namespace selector admits other namespaces' pods");
                Assert.False(from.TryGetProperty("ipBlock", out _), $"{port}: an ipBlock admits addresses outside the portal");
                var selected = Labels(from.GetProperty("podSelector").GetProperty("matchLabels"));
                Assert.NotEmpty(selected);
                Assert.All(selected, label => Assert.Contains(label, podLabels));
            });
        }

        // A rule without ports admits every port, the silo and gateway ports too.
        Assert.DoesNotContain(rules, r => !r.TryGetProperty("ports", out _));

        var http = Assert.Single(rules, r => RulePorts(r).Contains("http"));
        Assert.False(http.TryGetProperty("from", out _), "the HTTP port is for every client");
    }

    [Fact]
    public async Task Metrics_are_on_a_pod_port_that_the_service_does_not_expose_and_the_annotations_name()
    {
        using var deployment = await JsonManifestAsync("deployment.yaml");
        using var service = await JsonManifestAsync("service.yaml");
        using var configMap = await JsonManifestAsync("configmap.yaml");
        var containerPorts = ContainerPorts(deployment.RootElement);
        var annotations = deployment.RootElement.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("annotations");
        var data = configMap.RootElement.GetProperty("data");
        var servicePorts = service.RootElement.GetProperty("spec").GetProperty("ports").EnumerateArray()
            .Select(p => p.GetProperty("targetPort").ToString()).ToList();

        var metrics = containerPorts["metrics"];
        Assert.Equal(metrics.ToString(System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("Telemetry__MetricsPort").GetString());
        Assert.Equal(metrics.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations.GetProperty("prometheus.io/port").GetString());
        Assert.Equal(["http"], servicePorts);
        Assert.Equal("Production", data.GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.False(string.IsNullOrWhiteSpace(data.GetProperty("Portal__Auth__Audience").GetString()), "Production refuses to start without Portal:Auth:Audience");
    }

    private static async Task<System.Text.Json.JsonDocument> JsonManifestAsync(string file)
    {
        var result = await DeployTools.NodeAsync("deploy/tools/yaml-to-json.js", Path.Combine("deploy", "k8s", file));
        return System.Text.Json.JsonDocument.Parse(result.EnsureSuccess().StandardOutput);
    }

    private static Dictionary<string, int> ContainerPorts(System.Text.Json.JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0]
            .GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("containerPort").GetInt32());

    private static IEnumerable<string> RulePorts(System.Text.Json.JsonElement rule) =>
        rule.TryGetProperty("ports", out var ports) ? ports.EnumerateArray().Select(p => p.GetProperty("port").ToString()) : [];

    private static List<KeyValuePair<string, string?>> Labels(System.Text.Json.JsonElement labels) =>
        [.. labels.EnumerateObject().Select(l => new KeyValuePair<string, string?>(l.Name, l.Value.GetString()))];
}
