package dev.tandem.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders and lints the Helm chart in helm/tandem with the real Helm engine (helm-java, no CLI, no
 * cluster) and checks the rendered manifests against the application's deployment contract.
 */
class HelmChartTest {

  private static final Path PROJECT_DIR =
      Paths.get(System.getProperty("tandem.project.dir", ".")).toAbsolutePath().normalize();
  private static final Path CHART = PROJECT_DIR.resolve("helm/tandem");
  private static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
  private static final String RELEASE = "tandem";
  private static final String NAMESPACE = "tandem";

  /**
   * helm-java's template returns only the release manifest, while `helm template` also prints hooks
   * (the test pod). To inspect hooks, a copy of the chart is rendered with the `helm.sh/hook`
   * annotation keys renamed to this prefix, which makes Helm keep them in the manifest; everything
   * else in the templates is unchanged.
   */
  private static final String HOOK_ANNOTATION_STANDIN = "tandem.test/hook";

  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @TempDir Path tmp;

  // ---------------------------------------------------------------------------------------------
  // Lint

  @Test
  void lintPassesWithDefaultValues() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
    assertNoLintWarnings(result);
  }

  @Test
  void lintPassesWithProductionValues() {
    // helm-java's lint takes no values file, so lint a copy whose values.yaml is the chart's
    // defaults merged with the production file, the way Helm merges `-f` files.
    Path chart = copyChart(false);
    Map<String, Object> merged = deepMerge(readYaml(CHART.resolve("values.yaml")), production());
    writeYaml(chart.resolve("values.yaml"), merged);

    LintResult result = new Helm(chart).lint().strict().call();

    assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
    assertNoLintWarnings(result);
    Rendered rendered = render(production());
    assertEquals(
        3,
        rendered
            .one("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class)
            .getSpec()
            .getMinReplicas());
    assertEquals(1, rendered.all("ServiceMonitor", GenericKubernetesResource.class).size());
    assertEquals(
        "tandem-tls",
        rendered.one("Ingress", Ingress.class).getSpec().getTls().get(0).getSecretName());
  }

  @Test
  void kindValuesOfTheInstallScriptLintAndRender() {
    // helm/kind-install.sh installs with these values (plus the demo tenants and realm files).
    Map<String, Object> kind = readYaml(CHART.resolve("ci/kind-values.yaml"));
    Path chart = copyChart(false);
    writeYaml(
        chart.resolve("values.yaml"), deepMerge(readYaml(CHART.resolve("values.yaml")), kind));
    LintResult result = new Helm(chart).lint().strict().call();
    assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());

    Map<String, Object> values =
        deepMerge(
            kind,
            Map.of(
                "platform",
                Map.of(
                    "realmJson", readText(PROJECT_DIR.resolve("tenants/_platform/realm.json")),
                    "clientSecret",
                        Map.of("existingSecret", "tandem-platform", "key", "client-secret"))));
    Rendered rendered = render(values);
    Map<String, Object> spec =
        map(
            rendered
                .one("Keycloak", GenericKubernetesResource.class)
                .getAdditionalProperties()
                .get("spec"));
    assertEquals(Map.of("httpEnabled", true), spec.get("http"));
    assertEquals(Map.of("enabled", false), spec.get("ingress"));
    assertTrue(rendered.all("Ingress", Ingress.class).isEmpty());
    // Egress to any address only for Keycloak's Service port (from keycloak.url) and SMTP.
    assertEquals(
        Set.of("8080/TCP", "25/TCP"),
        rendered.one("NetworkPolicy", NetworkPolicy.class).getSpec().getEgress().stream()
            .filter(r -> r.getTo() == null || r.getTo().isEmpty())
            .flatMap(r -> r.getPorts().stream())
            .map(HelmChartTest::port)
            .collect(Collectors.toSet()));
    Map<String, Object> platform =
        map(
            rendered
                .one("KeycloakRealmImport", GenericKubernetesResource.class)
                .getAdditionalProperties()
                .get("spec"));
    Map<String, Object> client = map(list(map(platform.get("realm")).get("clients")).get(0));
    assertEquals("${TANDEM_CLIENT_SECRET}", client.get("secret"), "the demo secret is replaced");
    // Without TLS and without HTTP Keycloak could not serve at all.
    assertRejected(
        deepMerge(kind, Map.of("keycloak", Map.of("operator", Map.of("httpEnabled", false)))),
        "tlsSecret");
  }

  // ---------------------------------------------------------------------------------------------
  // Deployment

  @Test
  void probesPointAtRealHealthEndpoints() {
    Rendered rendered = renderWithHooks(Map.of());
    Container app = appContainer(rendered.deployment());

    assertEquals(8080, containerPort(app, "http"));
    assertEquals(9000, containerPort(app, "management"));
    // Health is served by the management interface only: probes on the public port would 404.
    assertHttpProbe(app.getStartupProbe(), "/q/health/started");
    assertHttpProbe(app.getLivenessProbe(), "/q/health/live");
    assertHttpProbe(app.getReadinessProbe(), "/q/health/ready");
    assertEquals(36, app.getStartupProbe().getFailureThreshold());
    Map<String, String> config = rendered.configMap("tandem-config").getData();
    assertEquals("9000", config.get("QUARKUS_MANAGEMENT_PORT"));

    Service service = rendered.one("Service", Service.class);
    Map<String, String> servicePorts =
        service.getSpec().getPorts().stream()
            .collect(
                Collectors.toMap(
                    io.fabric8.kubernetes.api.model.ServicePort::getName,
                    p -> p.getPort() + "->" + p.getTargetPort().getStrVal()));
    assertEquals(Map.of("http", "80->http", "management", "9000->management"), servicePorts);
    Ingress ingress = rendered.one("Ingress", Ingress.class);
    ingress
        .getSpec()
        .getRules()
        .forEach(
            r ->
                r.getHttp()
                    .getPaths()
                    .forEach(
                        path ->
                            assertEquals(
                                "http", path.getBackend().getService().getPort().getName())));

    Pod testPod = rendered.one("Pod", Pod.class);
    assertEquals("test", testPod.getMetadata().getAnnotations().get(HOOK_ANNOTATION_STANDIN));
    String script = String.join(" ", testPod.getSpec().getContainers().get(0).getArgs());
    assertTrue(script.contains("\"http://tandem:9000\"/q/health/ready"), script);
    assertTrue(script.contains("\"http://tandem:9000\"/q/health/group/keycloak"), script);
    assertTrue(script.contains("\"http://tandem:80\"/"), script);
    assertTrue(script.contains("for path in /q/health/ready /q/metrics /q/openapi"), script);
  }

  @Test
  void probeTimingsAreTypedNumbers() {
    assertRejected(
        Map.of("probes", Map.of("liveness", Map.of("periodSeconds", "10s"))), "periodSeconds");

    Rendered rendered = render(Map.of("probes", Map.of("readiness", Map.of("periodSeconds", 7))));
    assertEquals(7, appContainer(rendered.deployment()).getReadinessProbe().getPeriodSeconds());
  }

  @Test
  void deploymentCarriesTheApplicationContract() {
    Rendered rendered = render(production());
    Map<String, String> config = rendered.configMap("tandem-config").getData();

    assertEquals("false", config.get("TANDEM_EMBEDDED"));
    assertEquals("/config/tenants", config.get("TANDEM_TENANTS_DIR"));
    assertEquals("https://tandem.example.com", config.get("TANDEM_BASE_URL"));
    assertEquals("Tandem <no-reply@tandem.example.com>", config.get("TANDEM_MAIL_FROM"));
    assertEquals("true", config.get("TANDEM_LANDING_LIST_PUBLIC_TENANTS"));
    assertEquals("https://id.example.com", config.get("TANDEM_KEYCLOAK_URL"));
    assertEquals("tandem-provisioner", config.get("TANDEM_KEYCLOAK_ADMIN_CLIENT_ID"));
    assertEquals(
        "jdbc:postgresql://pg.db.example.internal:5432/tandem?sslmode=verify-full",
        config.get("QUARKUS_DATASOURCE_JDBC_URL"));
    assertEquals("smtp.example.com", config.get("QUARKUS_MAILER_HOST"));
    assertEquals("587", config.get("QUARKUS_MAILER_PORT"));
    assertEquals("REQUIRED", config.get("QUARKUS_MAILER_START_TLS"));
    assertEquals("true", config.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
    assertEquals("true", config.get("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST"));
    assertEquals("true", config.get("QUARKUS_LOG_CONSOLE_JSON"));

    Deployment deployment = rendered.deployment();
    Container app = appContainer(deployment);
    assertEquals("registry.example.com/tandem/tandem:0.1.0", app.getImage());
    assertEquals("tandem-config", app.getEnvFrom().get(0).getConfigMapRef().getName());
    assertEquals(
        0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
    assertEquals(
        40L, deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    assertFalse(
        deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().isEmpty());
    assertNotNull(app.getResources().getRequests().get("cpu"));
    assertNotNull(app.getResources().getRequests().get("memory"));
    assertNotNull(app.getResources().getLimits().get("cpu"));
    assertNotNull(app.getResources().getLimits().get("memory"));
  }

  @Test
  void everyTandemVariableTheChartSetsIsOneTheApplicationReads() throws Exception {
    // A renamed setting must not silently fall back to its default in production (e-mails once
    // linked to localhost because the chart set a name nobody read).
    String sources;
    try (var files = Files.walk(Path.of("src/main"))) {
      StringBuilder all = new StringBuilder();
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties"))
              .toList()) {
        all.append(Files.readString(f));
      }
      sources = all.toString();
    }
    Map<String, String> config = render(production()).configMap("tandem-config").getData();
    for (String name : config.keySet()) {
      if (name.startsWith("TANDEM_")) {
        // Read by name (${TANDEM_…} or System.getenv) or as its property, e.g. tandem.tenants-dir.
        Pattern property = Pattern.compile(name.toLowerCase().replace("_", "[.-]"));
        assertTrue(
            sources.contains(name) || property.matcher(sources).find(),
            name + " is set by the chart but read nowhere in src/main");
      }
    }
  }

  @Test
  void imageDefaultsToChartAppVersion() {
    assertEquals("tandem:0.1.0", appContainer(render(Map.of()).deployment()).getImage());
    String digest = "sha256:" + "a".repeat(64);
    assertEquals(
        "tandem@" + digest,
        appContainer(render(Map.of("image", Map.of("digest", digest))).deployment()).getImage());
  }

  @Test
  void tenantFilesAreMountedAsOneDirectoryPerTenant() {
    Rendered rendered = render(production());
    ConfigMap tenants = rendered.configMap("tandem-tenants");
    assertTrue(tenants.getData().get("nimbus.tenant.yaml").contains("Nimbus Cloud"));
    assertTrue(tenants.getData().get("blue-harbor.realm.json").contains("\"blue-harbor\""));

    assertEquals(
        Map.of(
            "tandem-tenants:nimbus.tenant.yaml", "nimbus/tenant.yaml",
            "tandem-tenants:nimbus.realm.json", "nimbus/realm.json",
            "tandem-tenants:blue-harbor.tenant.yaml", "blue-harbor/tenant.yaml",
            "tandem-tenants:blue-harbor.realm.json", "blue-harbor/realm.json",
            "tandem-platform:realm.json", "_platform/realm.json"),
        tenantPaths(rendered.deployment()));
    assertTrue(
        appContainer(rendered.deployment()).getVolumeMounts().stream()
            .anyMatch(
                m ->
                    "tenants".equals(m.getName())
                        && "/config/tenants".equals(m.getMountPath())
                        && Boolean.TRUE.equals(m.getReadOnly())));
  }

  @Test
  void aTenantLogoIsMountedBesideItsTenantYamlUnderItsFileName() {
    String svg = java.util.Base64.getEncoder().encodeToString("<svg/>".getBytes());
    Rendered rendered =
        render(
            Map.of(
                "tenants",
                Map.of(
                    "nimbus",
                    Map.of(
                        "tenantYaml",
                        "id: nimbus",
                        "realmJson",
                        "{}",
                        "logo",
                        Map.of("fileName", "logo.svg", "base64", svg)),
                    "helio",
                    Map.of("tenantYaml", "id: helio", "realmJson", "{}"))));
    ConfigMap tenants = rendered.configMap("tandem-tenants");
    assertEquals(Map.of("nimbus.logo", svg), tenants.getBinaryData());
    Map<String, String> paths = tenantPaths(rendered.deployment());
    assertEquals("nimbus/logo.svg", paths.get("tandem-tenants:nimbus.logo"));
    assertFalse(paths.containsKey("tandem-tenants:helio.logo"));
  }

  @Test
  void existingTenantsConfigMapIsMountedInsteadOfRenderedOne() {
    Map<String, Object> values =
        Map.of(
            "existingTenantsConfigMap", "tenants-from-git", "tenants", Map.of("nimbus", Map.of()));
    Rendered rendered = render(values);

    assertTrue(
        rendered.all("ConfigMap", ConfigMap.class).stream()
            .noneMatch(c -> c.getMetadata().getName().equals("tandem-tenants")));
    assertEquals(List.of("tenants-from-git"), projectedConfigMaps(rendered.deployment()));
    assertEquals(2, tenantPaths(rendered.deployment()).size());
    // Without tenant ids the keys could not be mapped to directories.
    assertRejected(Map.of("existingTenantsConfigMap", "tenants-from-git"), "tenants");
  }

  // ---------------------------------------------------------------------------------------------
  // Secrets

  @Test
  void noSecretValueIsRenderedInline() {
    Map<String, Object> values =
        deepMerge(
            production(),
            Map.of(
                "extraSecretEnv",
                List.of(
                    Map.of(
                        "name", "TANDEM_WEBHOOK_TOKEN",
                        "existingSecret", "tandem-webhook",
                        "key", "token"))));
    Rendered rendered = renderWithHooks(values);

    assertTrue(rendered.all("Secret", Map.class).isEmpty(), "the chart must not create Secrets");
    for (ConfigMap configMap : rendered.all("ConfigMap", ConfigMap.class)) {
      for (String key : configMap.getData().keySet()) {
        assertFalse(CREDENTIAL_NAME.matcher(key).find(), "credential in ConfigMap: " + key);
      }
    }
    List<Container> containers = new ArrayList<>();
    containers.addAll(rendered.deployment().getSpec().getTemplate().getSpec().getContainers());
    containers.addAll(rendered.deployment().getSpec().getTemplate().getSpec().getInitContainers());
    for (Container container : containers) {
      for (EnvVar env : container.getEnv()) {
        if (CREDENTIAL_NAME.matcher(env.getName()).find()) {
          assertNull(env.getValue(), "inline value for " + env.getName());
          assertNotNull(env.getValueFrom().getSecretKeyRef(), env.getName());
        }
      }
    }

    Map<String, String> secretRefs = secretRefs(appContainer(rendered.deployment()));
    assertEquals("tandem-db-app/password", secretRefs.get("QUARKUS_DATASOURCE_PASSWORD"));
    assertEquals("tandem-db-app/username", secretRefs.get("QUARKUS_DATASOURCE_USERNAME"));
    assertEquals(
        "tandem-keycloak-admin/client-secret",
        secretRefs.get("TANDEM_KEYCLOAK_ADMIN_CLIENT_SECRET"));
    assertEquals(
        "tandem-platform/client-secret", secretRefs.get("TANDEM_TENANT_PLATFORM_CLIENT_SECRET"));
    assertEquals("tandem-smtp/password", secretRefs.get("QUARKUS_MAILER_PASSWORD"));
    assertEquals("tandem-smtp/username", secretRefs.get("QUARKUS_MAILER_USERNAME"));
    assertEquals(
        "tandem-tenant-nimbus/client-secret", secretRefs.get("TANDEM_TENANT_NIMBUS_CLIENT_SECRET"));
    assertEquals(
        "tandem-tenant-blue-harbor/client-secret",
        secretRefs.get("TANDEM_TENANT_BLUE_HARBOR_CLIENT_SECRET"));
    assertEquals("tandem-webhook/token", secretRefs.get("TANDEM_WEBHOOK_TOKEN"));
  }

  @Test
  void signingMasterKeyComesFromItsSecretAndOnlyTheApplicationGetsIt() {
    Rendered rendered =
        renderWithHooks(
            deepMerge(
                production(),
                Map.of("signing", Map.of("existingSecret", "sig", "masterKeyKey", "mk"))));
    assertEquals(
        "sig/mk", secretRefs(appContainer(rendered.deployment())).get("TANDEM_SIGNING_MASTER_KEY"));
    assertFalse(
        secretRefs(initContainer(rendered.deployment(), "migrate"))
            .containsKey("TANDEM_SIGNING_MASTER_KEY"),
        "the migrate init container needs no signing key");
    assertEquals(
        "tandem-signing/master-key",
        secretRefs(appContainer(render(Map.of()).deployment())).get("TANDEM_SIGNING_MASTER_KEY"));
  }

  @Test
  void smtpCredentialsAreOmittedWhenTheRelayNeedsNoLogin() {
    Map<String, String> refs = secretRefs(appContainer(render(Map.of()).deployment()));
    assertFalse(refs.containsKey("QUARKUS_MAILER_PASSWORD"));
    assertFalse(refs.containsKey("QUARKUS_MAILER_USERNAME"));
  }

  @Test
  void extraConfigCannotOverrideChartManagedSettings() {
    assertRejected(Map.of("extraConfig", Map.of("TANDEM_EMBEDDED", "true")), "TANDEM_EMBEDDED");
    assertRejected(
        Map.of("extraConfig", Map.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "true")),
        "QUARKUS_FLYWAY_MIGRATE_AT_START");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("replica count as text", Map.of("replicaCount", "two"), "replicaCount"),
        Arguments.of(
            "inline database password",
            Map.of("postgresql", Map.of("app", Map.of("password", "hunter2"))),
            "password"),
        Arguments.of(
            "inline Keycloak client secret",
            Map.of("keycloak", Map.of("admin", Map.of("clientSecret", "hunter2"))),
            "clientSecret"),
        Arguments.of(
            "inline SMTP password", Map.of("smtp", Map.of("password", "hunter2")), "password"),
        Arguments.of(
            "credential smuggled as plain config",
            Map.of("extraConfig", Map.of("QUARKUS_DATASOURCE_PASSWORD", "hunter2")),
            "QUARKUS_DATASOURCE_PASSWORD"),
        Arguments.of(
            "inline tenant client secret",
            Map.of(
                "tenants",
                Map.of(
                    "nimbus",
                    Map.of(
                        "tenantYaml", "id: nimbus", "realmJson", "{}", "clientSecret", "hunter2"))),
            "clientSecret"),
        Arguments.of(
            "unknown STARTTLS mode", Map.of("smtp", Map.of("startTls", "YES")), "startTls"),
        Arguments.of(
            "tenant id that is not a DNS label",
            Map.of(
                "tenants", Map.of("Nimbus_Corp", Map.of("tenantYaml", "id: x", "realmJson", "{}"))),
            "Nimbus_Corp"),
        Arguments.of(
            "tenant without its files",
            Map.of("tenants", Map.of("nimbus", Map.of("tenantYaml", "id: nimbus"))),
            "realmJson"),
        Arguments.of(
            "tenant logo outside the tenant's folder",
            Map.of(
                "tenants",
                Map.of(
                    "nimbus",
                    Map.of(
                        "tenantYaml",
                        "id: nimbus",
                        "realmJson",
                        "{}",
                        "logo",
                        Map.of("fileName", "../logo.svg", "base64", "PHN2Zz4=")))),
            "fileName"),
        Arguments.of("root user", Map.of("securityContext", Map.of("runAsUser", 0)), "runAsUser"),
        Arguments.of("unknown top-level key", Map.of("replicas", 3), "replicas"),
        Arguments.of(
            "tenant named like the platform realm's secret",
            Map.of("tenants", Map.of("platform", Map.of("tenantYaml", "id: x", "realmJson", "{}"))),
            "platform"),
        Arguments.of(
            "management interface on the public port",
            Map.of("management", Map.of("port", 8080)),
            "port"),
        Arguments.of(
            "inline platform client secret",
            Map.of("platform", Map.of("clientSecret", "hunter2")),
            "clientSecret"),
        Arguments.of(
            "non-JDBC database URL",
            Map.of("postgresql", Map.of("jdbcUrl", "postgres://db:5432/tandem")),
            "jdbcUrl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void schemaRejectsBadValues(String description, Map<String, Object> values, String key) {
    assertRejected(values, key);
  }

  // ---------------------------------------------------------------------------------------------
  // Security

  @Test
  void podsRunAsNonRootWithReadOnlyRootFilesystem() {
    Rendered rendered = renderWithHooks(production());
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    pods.put("deployment", rendered.deployment().getSpec().getTemplate().getSpec());
    pods.put("test pod", rendered.one("Pod", Pod.class).getSpec());

    pods.forEach(
        (what, pod) -> {
          assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), what);
          assertEquals(
              "RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), what);
          assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), what);
          List<Container> containers = new ArrayList<>(pod.getContainers());
          if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
          }
          for (Container container : containers) {
            SecurityContext sc = container.getSecurityContext();
            assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), what);
            assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), what);
            assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), what);
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), what);
            assertTrue(
                sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(),
                what);
            assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), what);
          }
        });

    PodSpec app = pods.get("deployment");
    assertEquals(185L, app.getSecurityContext().getRunAsUser());
    assertNotNull(volume(app, "tmp").getEmptyDir(), "/tmp must be an emptyDir");
    for (Container container :
        List.of(app.getContainers().get(0), initContainer(rendered.deployment(), "migrate"))) {
      assertTrue(
          container.getVolumeMounts().stream()
              .anyMatch(m -> "tmp".equals(m.getName()) && "/tmp".equals(m.getMountPath())),
          container.getName());
    }
    assertEquals(
        Boolean.FALSE,
        rendered.one("ServiceAccount", ServiceAccount.class).getAutomountServiceAccountToken());

    Rendered otherUser = render(Map.of("securityContext", Map.of("runAsUser", 1001)));
    assertEquals(
        1001L,
        otherUser
            .deployment()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getSecurityContext()
            .getRunAsUser());
  }

  // ---------------------------------------------------------------------------------------------
  // Rollout

  @Test
  void configChangeRollsPods() {
    String base = checksum(render(Map.of()));
    assertNotNull(base, "the pod template must carry checksum/config");

    assertEquals(base, checksum(render(Map.of())), "rendering must be deterministic");
    assertEquals(
        base, checksum(render(Map.of("replicaCount", 4))), "scaling is not a config change");
    assertNotEquals(base, checksum(render(Map.of("smtp", Map.of("host", "relay.example.org")))));
    String withTenant = checksum(render(production()));
    Map<String, Object> realmChanged =
        deepMerge(
            production(),
            Map.of("tenants", Map.of("nimbus", Map.of("realmJson", "{\"realm\": \"nimbus2\"}"))));
    assertNotEquals(withTenant, checksum(render(realmChanged)), "a tenant file changed");
  }

  @Test
  void firstInstallNeedsNoHelmHookMigrationsRunInAnInitContainer() {
    // A hook Job cannot work: pre-install runs before an in-chart database exists, post-install
    // only after the pods are ready, which they cannot be before the schema exists (--wait, Flux
    // and Argo CD deadlock). The migrations run in the pod, before the application container.
    for (Map<String, Object> values :
        List.<Map<String, Object>>of(
            Map.of(),
            production(),
            Map.of("postgresql", Map.of("cnpg", Map.of("enabled", true))))) {
      Rendered rendered = renderWithHooks(values);
      assertTrue(rendered.all("Job", Job.class).isEmpty(), "no migration Job");
      for (Map<String, Object> document : rendered.documents()) {
        Map<String, Object> annotations =
            map(map(document.get("metadata")).getOrDefault("annotations", Map.of()));
        if (annotations.containsKey(HOOK_ANNOTATION_STANDIN)) {
          assertEquals("Pod", document.get("kind"), "only the helm test pod is a hook");
          assertEquals("test", annotations.get(HOOK_ANNOTATION_STANDIN));
        }
      }
    }

    Rendered rendered = render(Map.of());
    Deployment deployment = rendered.deployment();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals(
        List.of("migrate"), pod.getInitContainers().stream().map(Container::getName).toList());
    Container migrate = initContainer(deployment, "migrate");
    Container app = appContainer(deployment);
    assertEquals(app.getImage(), migrate.getImage());
    assertEquals("tandem-config", migrate.getEnvFrom().get(0).getConfigMapRef().getName());
    Map<String, String> env = plainEnv(migrate);
    assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
    assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT"));
    Map<String, String> secrets = secretRefs(migrate);
    assertEquals("tandem-db-owner/username", secrets.get("QUARKUS_FLYWAY_USERNAME"));
    assertEquals("tandem-db-owner/password", secrets.get("QUARKUS_FLYWAY_PASSWORD"));
    assertEquals("tandem-db-app/username", secrets.get("QUARKUS_DATASOURCE_USERNAME"));
    // Only the datasource and the owner: the migration needs no Keycloak or tenant secret.
    assertEquals(4, secrets.size(), secrets::toString);

    // The application container never migrates and never sees the owner's credentials.
    assertEquals(
        "false",
        rendered.configMap("tandem-config").getData().get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
    assertTrue(app.getEnv().stream().noneMatch(e -> e.getName().startsWith("QUARKUS_FLYWAY")));
    assertTrue(app.getEnv().stream().noneMatch(e -> e.getName().equals("QUARKUS_INIT_AND_EXIT")));
    assertFalse(toJson(app).contains("tandem-db-owner"), "the application container saw the owner");
    Map<String, String> config = rendered.configMap("tandem-config").getData();
    assertFalse(config.containsKey("QUARKUS_INIT_AND_EXIT"));
    assertFalse(config.containsKey("QUARKUS_FLYWAY_USERNAME"));
  }

  @Test
  void migrationWaitsForTheDatabaseAndTheAppRole() {
    // CloudNativePG creates managed roles only after its bootstrap, and the first migration grants
    // its tables to the app role: the migration waits for the role instead of failing.
    Map<String, Object> values =
        Map.of(
            "postgresql",
            Map.of("appRole", "tandem_rt", "cnpg", Map.of("enabled", true)),
            "migration",
            Map.of("roleWaitSeconds", 120, "connectRetries", 12));
    Container migrate = initContainer(render(values).deployment(), "migrate");
    Map<String, String> env = plainEnv(migrate);
    assertEquals("12", env.get("QUARKUS_FLYWAY_CONNECT_RETRIES"));
    String initSql = env.get("QUARKUS_FLYWAY_INIT_SQL");
    assertNotNull(initSql, "no wait for the app role");
    assertTrue(initSql.contains("FOR i IN 1..120 LOOP"), initSql);
    assertTrue(initSql.contains("rolname = 'tandem_rt'"), initSql);
    assertTrue(initSql.contains("RAISE EXCEPTION"), initSql);
    // No "${" in it: SmallRye Config would try to expand it.
    assertFalse(initSql.contains("${"), initSql);
  }

  @Test
  void appRoleNameReachesTheMigrationsAndTheDatabase() {
    Map<String, Object> values =
        Map.of("postgresql", Map.of("appRole", "tandem_rt", "cnpg", Map.of("enabled", true)));
    Rendered rendered = render(values);
    // The migrations grant to ${appRole} = TANDEM_DB_APP_ROLE (application.properties).
    assertEquals(
        "tandem_rt", rendered.configMap("tandem-config").getData().get("TANDEM_DB_APP_ROLE"));
    GenericKubernetesResource cluster = cluster(rendered, "tandem-db");
    Map<String, Object> role =
        map(
            list(map(map(cluster.getAdditionalProperties().get("spec")).get("managed"))
                    .get("roles"))
                .get(0));
    assertEquals("tandem_rt", role.get("name"));
    assertEquals(
        "tandem_app",
        render(Map.of()).configMap("tandem-config").getData().get("TANDEM_DB_APP_ROLE"));
  }

  @Test
  void inChartDatabaseIsCreatedWithTheRuntimeRole() {
    Map<String, Object> values = Map.of("postgresql", Map.of("cnpg", Map.of("enabled", true)));
    Rendered rendered = render(values);

    GenericKubernetesResource cluster = cluster(rendered, "tandem-db");
    assertEquals("postgresql.cnpg.io/v1", cluster.getApiVersion());
    Map<String, Object> spec = map(cluster.getAdditionalProperties().get("spec"));
    Map<String, Object> initdb = map(map(spec.get("bootstrap")).get("initdb"));
    assertEquals("tandem_owner", initdb.get("owner"));
    assertEquals("tandem-db-owner", map(initdb.get("secret")).get("name"));
    Map<String, Object> appRole = map(list(map(spec.get("managed")).get("roles")).get(0));
    assertEquals("tandem_app", appRole.get("name"));
    assertEquals(Boolean.FALSE, appRole.get("bypassrls"));
    assertEquals(Boolean.FALSE, appRole.get("superuser"));
    assertEquals("tandem-db-app", map(appRole.get("passwordSecret")).get("name"));
    assertEquals(
        "jdbc:postgresql://tandem-db-rw:5432/tandem",
        rendered.configMap("tandem-config").getData().get("QUARKUS_DATASOURCE_JDBC_URL"));
  }

  // ---------------------------------------------------------------------------------------------
  // Network

  @Test
  void networkPolicyAdmitsOnlyWhatItDocuments() {
    Rendered rendered = renderWithHooks(Map.of());
    NetworkPolicy policy = rendered.one("NetworkPolicy", NetworkPolicy.class);

    assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()));
    Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
    assertSelects(
        selector,
        rendered.deployment().getSpec().getTemplate().getMetadata().getLabels(),
        "application pods");
    assertSelects(
        selector, rendered.one("Pod", Pod.class).getMetadata().getLabels(), "the helm test pod");

    // Ingress, as docs/operations.md lists it: the ingress controller to the public port, the
    // test pod to both ports; nobody else to the management port.
    assertEquals(
        Map.of("ingress-controller", List.of("8080/TCP"), "test", List.of("8080/TCP", "9000/TCP")),
        ingressBySource(policy));
    NetworkPolicyPeer controller = policy.getSpec().getIngress().get(0).getFrom().get(0);
    assertEquals(
        "ingress-nginx",
        controller.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));

    // With the ServiceMonitor, Prometheus reaches the management port only.
    assertEquals(
        Map.of(
            "ingress-controller", List.of("8080/TCP"),
            "monitoring", List.of("9000/TCP"),
            "test", List.of("8080/TCP", "9000/TCP")),
        ingressBySource(
            render(Map.of("serviceMonitor", Map.of("enabled", true)))
                .one("NetworkPolicy", NetworkPolicy.class)));

    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    for (NetworkPolicyEgressRule rule : egress) {
      assertFalse(
          rule.getPorts() == null || rule.getPorts().isEmpty(),
          "an egress rule without ports allows everything: " + rule);
    }
    assertEquals(
        Set.of("53/UDP", "53/TCP", "5432/TCP", "443/TCP", "587/TCP", "8080/TCP", "9000/TCP"),
        egress.stream()
            .flatMap(r -> r.getPorts().stream())
            .map(HelmChartTest::port)
            .collect(Collectors.toSet()));
    NetworkPolicyEgressRule dns =
        egress.stream()
            .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 53))
            .findFirst()
            .orElseThrow();
    assertEquals("kube-dns", dns.getTo().get(0).getPodSelector().getMatchLabels().get("k8s-app"));
    NetworkPolicyEgressRule toApp =
        egress.stream()
            .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 8080))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "app",
        toApp.getTo().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));

    // Production: destinations narrowed to CIDRs and Prometheus allowed to scrape.
    NetworkPolicy prod = render(production()).one("NetworkPolicy", NetworkPolicy.class);
    Set<String> cidrs =
        prod.getSpec().getEgress().stream()
            .filter(r -> r.getTo() != null)
            .flatMap(r -> r.getTo().stream())
            .filter(p -> p.getIpBlock() != null)
            .map(p -> p.getIpBlock().getCidr())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("10.20.0.0/24", "203.0.113.10/32", "198.51.100.25/32"), cidrs);
    assertTrue(ingressBySource(prod).containsKey("monitoring"));
  }

  @Test
  void egressPortsFollowTheConfiguredUrls() {
    Map<String, Object> values =
        Map.of(
            "postgresql",
            Map.of(
                "jdbcUrl", "jdbc:postgresql://pg-a:6432,pg-b:6433/tandem?targetServerType=primary"),
            "keycloak",
            Map.of("url", "https://id.example.com:8443/"),
            "smtp",
            Map.of("port", 2525));
    Set<String> ports = egressPorts(render(values));
    assertTrue(
        ports.containsAll(Set.of("6432/TCP", "6433/TCP", "8443/TCP", "2525/TCP")), ports::toString);
    assertFalse(ports.contains("5432/TCP"), ports::toString);
    assertFalse(ports.contains("443/TCP"), ports::toString);
    assertFalse(ports.contains("587/TCP"), ports::toString);

    Set<String> plain =
        egressPorts(
            render(
                Map.of(
                    "keycloak",
                    Map.of("url", "http://keycloak.identity.svc"),
                    "postgresql",
                    Map.of("jdbcUrl", "jdbc:postgresql://db/tandem"))));
    assertTrue(plain.containsAll(Set.of("80/TCP", "5432/TCP")), plain::toString);

    // Explicit ports still win.
    Set<String> explicit =
        egressPorts(
            render(
                Map.of(
                    "networkPolicy",
                    Map.of(
                        "egress",
                        Map.of("keycloak", Map.of("ports", List.of(7443), "to", List.of()))))));
    assertTrue(explicit.contains("7443/TCP"), explicit::toString);
    assertFalse(explicit.contains("443/TCP"), explicit::toString);
  }

  @Test
  void ingressServesEveryHostOverTlsAtRoot() {
    Ingress ingress =
        render(Map.of("ingress", Map.of("hosts", List.of("a.example.com", "b.example.com"))))
            .one("Ingress", Ingress.class);

    assertEquals("nginx", ingress.getSpec().getIngressClassName());
    assertEquals(
        List.of("a.example.com", "b.example.com"), ingress.getSpec().getTls().get(0).getHosts());
    assertEquals(2, ingress.getSpec().getRules().size());
    ingress
        .getSpec()
        .getRules()
        .forEach(
            rule -> {
              var path = rule.getHttp().getPaths().get(0);
              assertEquals("/", path.getPath());
              assertEquals("tandem", path.getBackend().getService().getName());
              assertEquals("http", path.getBackend().getService().getPort().getName());
            });
  }

  @Test
  void serviceMonitorScrapesQuarkusMetricsOnlyWhenEnabled() {
    assertTrue(render(Map.of()).all("ServiceMonitor", GenericKubernetesResource.class).isEmpty());

    Rendered rendered = render(production());
    GenericKubernetesResource monitor =
        rendered.one("ServiceMonitor", GenericKubernetesResource.class);
    assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
    Map<String, Object> spec = map(monitor.getAdditionalProperties().get("spec"));
    Map<String, Object> endpoint = map(list(spec.get("endpoints")).get(0));
    assertEquals("/q/metrics", endpoint.get("path"));
    assertEquals("management", endpoint.get("port"), "metrics are on the management port only");
    assertSelects(
        map(map(spec.get("selector")).get("matchLabels")).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))),
        rendered.one("Service", Service.class).getMetadata().getLabels(),
        "the Service");
  }

  @Test
  void keycloakOperatorResourceIsOptional() {
    Rendered external = render(Map.of());
    assertTrue(external.all("Keycloak", GenericKubernetesResource.class).isEmpty());
    assertTrue(external.all("KeycloakRealmImport", GenericKubernetesResource.class).isEmpty());
    // With an external Keycloak, Tandem creates missing realms with its admin client.
    Container app = appContainer(external.deployment());
    assertEquals(
        "tandem-keycloak-admin/client-secret",
        secretRefs(app).get("TANDEM_KEYCLOAK_ADMIN_CLIENT_SECRET"));
    assertEquals(
        "tandem-provisioner",
        external.configMap("tandem-config").getData().get("TANDEM_KEYCLOAK_ADMIN_CLIENT_ID"));
  }

  @Test
  void inChartKeycloakHasTlsItsOwnDatabaseAndItsRealms() {
    Rendered rendered = render(inChartKeycloak(Map.of()));

    GenericKubernetesResource keycloak = rendered.one("Keycloak", GenericKubernetesResource.class);
    // v2alpha1 is deprecated since Keycloak 26.6 (keycloak/keycloak#45840, #51314).
    assertEquals("k8s.keycloak.org/v2beta1", keycloak.getApiVersion());
    Map<String, Object> spec = map(keycloak.getAdditionalProperties().get("spec"));
    // The operator adds spec.tls to its Ingress only when ingress.tlsSecret is set.
    Map<String, Object> ingress = map(spec.get("ingress"));
    assertEquals(Boolean.TRUE, ingress.get("enabled"));
    assertEquals("keycloak-tls", ingress.get("tlsSecret"));
    assertEquals(
        "16k",
        map(ingress.get("annotations")).get("nginx.ingress.kubernetes.io/proxy-buffer-size"));
    assertEquals("keycloak-tls", map(spec.get("http")).get("tlsSecret"));
    assertEquals("id.example.com", map(spec.get("hostname")).get("hostname"));

    // Keycloak's database exists: a CloudNativePG cluster of its own.
    Map<String, Object> db = map(spec.get("db"));
    assertEquals("tandem-keycloak-db-rw", db.get("host"));
    assertEquals("keycloak", db.get("database"));
    assertEquals("keycloak-db", map(db.get("passwordSecret")).get("name"));
    GenericKubernetesResource kcDb = cluster(rendered, "tandem-keycloak-db");
    Map<String, Object> initdb =
        map(map(map(kcDb.getAdditionalProperties().get("spec")).get("bootstrap")).get("initdb"));
    assertEquals("keycloak", initdb.get("database"));
    assertEquals("keycloak", initdb.get("owner"));
    assertEquals("keycloak-db", map(initdb.get("secret")).get("name"));

    // Every realm of the values is imported by the operator, whatever the start order, with the
    // client secret Tandem reads; Tandem itself holds no Keycloak admin credential.
    Map<String, GenericKubernetesResource> imports =
        rendered.all("KeycloakRealmImport", GenericKubernetesResource.class).stream()
            .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
    assertEquals(
        Set.of("tandem-keycloak-realm-platform", "tandem-keycloak-realm-nimbus"), imports.keySet());
    for (GenericKubernetesResource realmImport : imports.values()) {
      assertEquals("k8s.keycloak.org/v2beta1", realmImport.getApiVersion());
    }
    Map<String, Object> nimbus =
        map(imports.get("tandem-keycloak-realm-nimbus").getAdditionalProperties().get("spec"));
    assertEquals("tandem-keycloak", nimbus.get("keycloakCRName"));
    Map<String, Object> realm = map(nimbus.get("realm"));
    assertEquals("tandem-nimbus", realm.get("realm"));
    Map<String, Object> portal = map(list(realm.get("clients")).get(0));
    assertEquals("${TANDEM_CLIENT_SECRET}", portal.get("secret"));
    assertEquals(
        Map.of("name", "tandem-tenant-nimbus", "key", "client-secret"),
        map(map(map(nimbus.get("placeholders")).get("TANDEM_CLIENT_SECRET")).get("secret")));
    Map<String, Object> platform =
        map(imports.get("tandem-keycloak-realm-platform").getAdditionalProperties().get("spec"));
    assertEquals("tandem-platform", map(platform.get("realm")).get("realm"));
    assertEquals(
        "tandem-platform",
        map(map(map(platform.get("placeholders")).get("TANDEM_CLIENT_SECRET")).get("secret"))
            .get("name"));

    Container app = appContainer(rendered.deployment());
    assertFalse(secretRefs(app).containsKey("TANDEM_KEYCLOAK_ADMIN_CLIENT_SECRET"));
    assertFalse(
        rendered
            .configMap("tandem-config")
            .getData()
            .containsKey("TANDEM_KEYCLOAK_ADMIN_CLIENT_ID"));

    // Pods the operators create from these resources are never selected by the release's policy.
    Map<String, String> policySelector =
        rendered
            .one("NetworkPolicy", NetworkPolicy.class)
            .getSpec()
            .getPodSelector()
            .getMatchLabels();
    for (GenericKubernetesResource resource :
        List.of(keycloak, kcDb, imports.get("tandem-keycloak-realm-nimbus"))) {
      Map<String, String> labels = resource.getMetadata().getLabels();
      assertFalse(
          policySelector.entrySet().stream()
              .allMatch(e -> e.getValue().equals(labels.get(e.getKey()))),
          resource.getKind() + " carries the policy's selector labels");
    }
  }

  @Test
  void inChartKeycloakCanCreateTheProvisioningServiceAccount() {
    // Without realm imports (e.g. tenants from an existing ConfigMap) Tandem creates the realms,
    // with the service account the operator's bootstrap creates from the same Secret.
    Map<String, Object> values =
        inChartKeycloak(
            Map.of(
                "keycloak",
                Map.of(
                    "operator",
                    Map.of(
                        "realmImports", false, "bootstrapAdminSecret", "tandem-keycloak-admin"))));
    Rendered rendered = render(values);
    Map<String, Object> spec =
        map(
            rendered
                .one("Keycloak", GenericKubernetesResource.class)
                .getAdditionalProperties()
                .get("spec"));
    assertEquals(
        Map.of("service", Map.of("secret", "tandem-keycloak-admin")), spec.get("bootstrapAdmin"));
    assertTrue(rendered.all("KeycloakRealmImport", GenericKubernetesResource.class).isEmpty());
    assertEquals(
        "tandem-keycloak-admin/client-secret",
        secretRefs(appContainer(rendered.deployment())).get("TANDEM_KEYCLOAK_ADMIN_CLIENT_SECRET"));
    // Keycloak's issuer is its hostname: a keycloak.url elsewhere would never validate a token.
    assertRejected(
        deepMerge(
            inChartKeycloak(Map.of()),
            Map.of("keycloak", Map.of("url", "https://sso.example.org"))),
        "keycloak.operator.hostname");
  }

  @Test
  void platformRealmIsProvisionableFromValues() {
    // Tandem creates the platform realm from tenants/_platform/realm.json; a tenant id cannot
    // start with "_", so the chart mounts it from a value of its own.
    String realmJson = "{\"realm\": \"tandem-platform\", \"enabled\": true}";
    Map<String, Object> values =
        Map.of(
            "platform",
            Map.of(
                "realmJson",
                realmJson,
                "clientSecret",
                Map.of("existingSecret", "tandem-platform", "key", "client-secret")),
            "existingTenantsConfigMap",
            "tenants-from-git",
            "tenants",
            Map.of("nimbus", Map.of()));
    Rendered rendered = render(values);
    assertEquals(realmJson, rendered.configMap("tandem-platform").getData().get("realm.json"));
    Map<String, String> paths = tenantPaths(rendered.deployment());
    assertEquals("_platform/realm.json", paths.get("tandem-platform:realm.json"));
    assertEquals("nimbus/realm.json", paths.get("tenants-from-git:nimbus.realm.json"));
    assertEquals(
        "tandem-platform/client-secret",
        secretRefs(appContainer(rendered.deployment()))
            .get("TANDEM_TENANT_PLATFORM_CLIENT_SECRET"));
    // A change of the platform realm rolls the pods like any tenant file.
    assertNotEquals(
        checksum(rendered),
        checksum(
            render(
                deepMerge(
                    values,
                    Map.of("platform", Map.of("realmJson", "{\"realm\": \"tandem-platform\"}"))))));
    // Without it nothing is mounted there.
    assertFalse(tenantPaths(render(Map.of()).deployment()).containsValue("_platform/realm.json"));
  }

  // ---------------------------------------------------------------------------------------------
  // Resources and shutdown

  @Test
  void jvmHeapIsAShareOfTheMemoryLimit() {
    Rendered rendered = render(Map.of());
    Map<String, String> config = rendered.configMap("tandem-config").getData();
    // The image's run-java.sh takes JAVA_MAX_MEM_RATIO (its default, 80, leaves ~150Mi of 768Mi
    // for everything but the heap); -XX:MaxRAMPercentage covers other base images.
    assertEquals("25", config.get("JAVA_MAX_MEM_RATIO"));
    assertTrue(config.get("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=25"));
    assertTrue(config.get("JAVA_TOOL_OPTIONS").contains("-XX:+ExitOnOutOfMemoryError"));
    // The footprint settings the read-path benchmark measured (bench/README.md).
    assertTrue(config.get("JAVA_TOOL_OPTIONS").contains("-XX:+UseSerialGC"));
    assertTrue(config.get("JAVA_TOOL_OPTIONS").contains("-XX:InitialRAMPercentage=12"));
    assertTrue(config.get("JAVA_TOOL_OPTIONS").contains("-XX:TrimNativeHeapInterval=5000"));
    assertEquals("2", config.get("MALLOC_ARENA_MAX"));

    Container app = appContainer(rendered.deployment());
    long limit = app.getResources().getLimits().get("memory").getNumericalAmount().longValue();
    long request = app.getResources().getRequests().get("memory").getNumericalAmount().longValue();
    assertEquals(limit, request, "memory request = limit: never killed for a neighbour's use");
    long nonHeap = limit - limit * 25 / 100;
    assertTrue(
        nonHeap >= 384L * 1024 * 1024,
        () -> "only " + nonHeap / 1024 / 1024 + "Mi outside the heap");

    Map<String, String> extra =
        render(
                Map.of(
                    "javaToolOptions",
                    "-Xss512k",
                    "jvm",
                    Map.of("maxRamPercentage", 50, "options", "-XX:+UseSerialGC")))
            .configMap("tandem-config")
            .getData();
    assertEquals("50", extra.get("JAVA_MAX_MEM_RATIO"));
    assertEquals(
        "-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss512k",
        extra.get("JAVA_TOOL_OPTIONS"));
    assertRejected(Map.of("jvm", Map.of("maxRamPercentage", 90)), "maxRamPercentage");
  }

  @Test
  void ingressBuffersHoldTheLoginCallbacksSessionCookies() {
    Ingress ingress = render(Map.of()).one("Ingress", Ingress.class);
    assertEquals(
        "16k",
        ingress
            .getMetadata()
            .getAnnotations()
            .get("nginx.ingress.kubernetes.io/proxy-buffer-size"));
    Ingress overridden =
        render(
                Map.of(
                    "ingress",
                    Map.of(
                        "annotations",
                        Map.of("nginx.ingress.kubernetes.io/proxy-buffer-size", "32k"))))
            .one("Ingress", Ingress.class);
    assertEquals(
        "32k",
        overridden
            .getMetadata()
            .getAnnotations()
            .get("nginx.ingress.kubernetes.io/proxy-buffer-size"));
  }

  @Test
  void noSessionSecretThatOnlyTheDisabledDefaultTenantWouldRead() {
    // QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET configures the default OIDC tenant, which
    // is disabled; each tenant's session cookie is encrypted with its own client secret.
    Rendered rendered = renderWithHooks(production());
    List<Container> containers =
        new ArrayList<>(rendered.deployment().getSpec().getTemplate().getSpec().getContainers());
    containers.addAll(rendered.deployment().getSpec().getTemplate().getSpec().getInitContainers());
    for (Container container : containers) {
      assertFalse(toJson(container).contains("TOKEN_STATE_MANAGER"), container.getName());
    }
    assertRejected(
        Map.of("session", Map.of("existingSecret", "tandem-session", "encryptionSecretKey", "k")),
        "session");
  }

  @Test
  void connectionBudgetIsCheckedAgainstPostgresql() {
    // (20 connections + 1 for the change feed) x (10 pods + 1 surge) = 231 > 100 - 10.
    assertRejected(
        Map.of(
            "postgresql", Map.of("poolMaxSize", 20),
            "autoscaling", Map.of("enabled", true, "minReplicas", 2, "maxReplicas", 10)),
        "connection budget exceeded");
    Map<String, Object> fits =
        Map.of(
            "postgresql",
            Map.of(
                "poolMaxSize", 20,
                "maxConnections", 300,
                "cnpg", Map.of("enabled", true, "parameters", Map.of("shared_buffers", "512MB"))),
            "autoscaling",
            Map.of("enabled", true, "minReplicas", 2, "maxReplicas", 10));
    Rendered rendered = render(fits);
    assertEquals(
        "20",
        rendered.configMap("tandem-config").getData().get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"));
    Map<String, Object> spec =
        map(cluster(rendered, "tandem-db").getAdditionalProperties().get("spec"));
    assertEquals(
        Map.of("max_connections", "300", "shared_buffers", "512MB"),
        map(map(spec.get("postgresql")).get("parameters")));
    // The database enforces the same budget on the runtime role.
    assertEquals(
        231, map(list(map(spec.get("managed")).get("roles")).get(0)).get("connectionLimit"));
    assertRejected(
        Map.of(
            "postgresql", Map.of("cnpg", Map.of("parameters", Map.of("max_connections", "500")))),
        "max_connections");
    // The defaults fit with the HPA on.
    assertNotNull(render(Map.of("autoscaling", Map.of("enabled", true))).deployment());
  }

  @Test
  void podsDrainBeforeTheyStop() {
    Rendered rendered = render(Map.of());
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    Container app = appContainer(rendered.deployment());
    assertEquals(List.of("sleep", "10"), app.getLifecycle().getPreStop().getExec().getCommand());
    assertEquals(
        "20s", rendered.configMap("tandem-config").getData().get("QUARKUS_SHUTDOWN_TIMEOUT"));
    assertTrue(pod.getTerminationGracePeriodSeconds() >= 10 + 20);
    assertRejected(Map.of("terminationGracePeriodSeconds", 25), "terminationGracePeriodSeconds");
  }

  @Test
  void topologySpreadCountsOnlyTheCurrentReplicaSet() {
    PodSpec pod = render(Map.of()).deployment().getSpec().getTemplate().getSpec();
    assertEquals(2, pod.getTopologySpreadConstraints().size());
    pod.getTopologySpreadConstraints()
        .forEach(c -> assertEquals(List.of("pod-template-hash"), c.getMatchLabelKeys()));
  }

  @Test
  void disruptionBudgetLeavesAPodEvictable() {
    assertRejected(
        Map.of("podDisruptionBudget", Map.of("minAvailable", 2)),
        "podDisruptionBudget.minAvailable");
    assertRejected(
        Map.of(
            "autoscaling", Map.of("enabled", true, "minReplicas", 3),
            "podDisruptionBudget", Map.of("minAvailable", 3)),
        "podDisruptionBudget.minAvailable");
    assertEquals(
        2,
        render(Map.of("replicaCount", 3, "podDisruptionBudget", Map.of("minAvailable", 2)))
            .one("PodDisruptionBudget", PodDisruptionBudget.class)
            .getSpec()
            .getMinAvailable()
            .getIntVal());
  }

  /** The in-chart Keycloak with a tenant and the platform realm, on top of the given values. */
  private static Map<String, Object> inChartKeycloak(Map<String, Object> more) {
    Map<String, Object> values =
        Map.of(
            "keycloak",
            Map.of("operator", Map.of("enabled", true)),
            "platform",
            Map.of(
                "realmJson",
                "{\"realm\": \"tandem-platform\", \"clients\": [{\"clientId\": \"tandem-platform\"}]}",
                "clientSecret",
                Map.of("existingSecret", "tandem-platform", "key", "client-secret")),
            "tenants",
            Map.of(
                "nimbus",
                Map.of(
                    "tenantYaml",
                        "id: nimbus\nidentity:\n  realm: tandem-nimbus\n  clientId: tandem-portal\n",
                    "realmJson",
                        "{\"realm\": \"tandem-nimbus\", \"accessTokenLifespan\": 300, \"clients\": [{\"clientId\": \"tandem-portal\", \"secret\": \"demo\"}]}",
                    "clientSecret",
                        Map.of("existingSecret", "tandem-tenant-nimbus", "key", "client-secret"))));
    return deepMerge(values, more);
  }

  // ---------------------------------------------------------------------------------------------
  // Availability

  @Test
  void hpaAndPdbKeepAtLeastTwoReplicas() {
    Rendered defaults = render(Map.of());
    Deployment deployment = defaults.deployment();
    assertTrue(deployment.getSpec().getReplicas() >= 2);
    assertTrue(defaults.all("HorizontalPodAutoscaler", Map.class).isEmpty());
    PodDisruptionBudget pdb = defaults.one("PodDisruptionBudget", PodDisruptionBudget.class);
    assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
    assertSelects(
        pdb.getSpec().getSelector().getMatchLabels(),
        deployment.getSpec().getTemplate().getMetadata().getLabels(),
        "application pods");

    Rendered scaled = render(Map.of("autoscaling", Map.of("enabled", true)));
    HorizontalPodAutoscaler hpa =
        scaled.one("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    assertEquals("autoscaling/v2", hpa.getApiVersion());
    assertTrue(hpa.getSpec().getMinReplicas() >= 2);
    assertEquals("tandem", hpa.getSpec().getScaleTargetRef().getName());
    assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
    assertEquals(
        70, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
    assertNull(scaled.deployment().getSpec().getReplicas(), "the HPA owns the replica count");

    assertRejected(Map.of("replicaCount", 1), "replicaCount");
    assertRejected(Map.of("autoscaling", Map.of("enabled", true, "minReplicas", 1)), "minReplicas");
    assertRejected(Map.of("podDisruptionBudget", Map.of("minAvailable", 0)), "minAvailable");
    assertRejected(
        Map.of("autoscaling", Map.of("enabled", true, "minReplicas", 4, "maxReplicas", 3)),
        "maxReplicas");
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering helpers

  private record Rendered(List<Map<String, Object>> documents) {

    <T> List<T> all(String kind, Class<T> type) {
      return documents.stream()
          .filter(d -> kind.equals(d.get("kind")))
          .map(d -> JSON.convertValue(d, type))
          .toList();
    }

    <T> T one(String kind, Class<T> type) {
      List<T> found = all(kind, type);
      assertEquals(1, found.size(), () -> "expected exactly one " + kind);
      return found.get(0);
    }

    Deployment deployment() {
      return one("Deployment", Deployment.class);
    }

    ConfigMap configMap(String name) {
      return all("ConfigMap", ConfigMap.class).stream()
          .filter(c -> name.equals(c.getMetadata().getName()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }
  }

  private Rendered render(Map<String, Object> values) {
    return render(CHART, values);
  }

  private Rendered renderWithHooks(Map<String, Object> values) {
    return render(copyChart(true), values);
  }

  private Rendered render(Path chart, Map<String, Object> values) {
    String manifest = template(chart, values).call();
    try (MappingIterator<Map<String, Object>> docs =
        YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(manifest)) {
      List<Map<String, Object>> documents = new ArrayList<>();
      while (docs.hasNext()) {
        Map<String, Object> doc = docs.next();
        if (doc != null && !doc.isEmpty()) {
          documents.add(doc);
        }
      }
      return new Rendered(documents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TemplateCommand template(Path chart, Map<String, Object> values) {
    Path valuesFile = tempFile("values-", ".yaml");
    writeYaml(valuesFile, values);
    return new Helm(chart)
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withValuesFile(valuesFile);
  }

  private void assertRejected(Map<String, Object> values, String expectedInMessage) {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> template(CHART, values).call(),
            () -> "the chart accepted " + values);
    assertTrue(
        error.getMessage().contains(expectedInMessage),
        () -> "error should name " + expectedInMessage + ": " + error.getMessage());
  }

  /** Copies the chart; optionally renames the hook annotations so hooks stay in the manifest. */
  private Path copyChart(boolean keepHooksInManifest) {
    Path target = tmp.resolve("chart-" + System.nanoTime()).resolve("tandem");
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path source : files.toList()) {
        Path destination = target.resolve(CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else if (keepHooksInManifest
            && source.toString().endsWith(".yaml")
            && source.startsWith(CHART.resolve("templates"))) {
          Files.writeString(
              destination,
              Files.readString(source).replace("helm.sh/hook", HOOK_ANNOTATION_STANDIN));
        } else {
          Files.copy(source, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private Path tempFile(String prefix, String suffix) {
    try {
      return Files.createTempFile(tmp, prefix, suffix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> production() {
    return readYaml(PRODUCTION_VALUES);
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> readYaml(Path file) {
    try {
      return YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeYaml(Path file, Map<String, Object> values) {
    try {
      YAML.writeValue(file.toFile(), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Merges like Helm merges values files: maps recursively, everything else replaced. */
  private static Map<String, Object> deepMerge(
      Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    override.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> overrideMap
              && merged.get(key) instanceof Map<?, ?> baseMap) {
            merged.put(key, deepMerge(map(baseMap), map(overrideMap)));
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }

  // ---------------------------------------------------------------------------------------------
  // Assertion helpers

  private static void assertNoLintWarnings(LintResult result) {
    List<String> problems =
        result.getMessages().stream()
            .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]"))
            .toList();
    assertTrue(problems.isEmpty(), () -> "lint problems: " + problems);
  }

  private static void assertHttpProbe(Probe probe, String path) {
    assertNotNull(probe, path);
    assertEquals(path, probe.getHttpGet().getPath());
    assertEquals("management", probe.getHttpGet().getPort().getStrVal());
    assertTrue(probe.getPeriodSeconds() > 0, path);
    assertTrue(probe.getTimeoutSeconds() > 0, path);
    assertTrue(probe.getFailureThreshold() > 0, path);
  }

  private static void assertSelects(
      Map<String, String> selector, Map<String, String> labels, String what) {
    assertFalse(selector.isEmpty());
    selector.forEach(
        (key, value) ->
            assertEquals(value, labels.get(key), () -> "selector does not match " + what));
  }

  private static Container appContainer(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static GenericKubernetesResource cluster(Rendered rendered, String name) {
    return rendered.all("Cluster", GenericKubernetesResource.class).stream()
        .filter(c -> name.equals(c.getMetadata().getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Cluster " + name));
  }

  private static int containerPort(Container container, String name) {
    return container.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + name))
        .getContainerPort();
  }

  private static Container initContainer(Deployment deployment, String name) {
    List<Container> init = deployment.getSpec().getTemplate().getSpec().getInitContainers();
    return (init == null ? List.<Container>of() : init)
        .stream()
            .filter(c -> name.equals(c.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no init container " + name));
  }

  /** The key -> path items of every ConfigMap projected into the tenants volume. */
  private static Map<String, String> tenantPaths(Deployment deployment) {
    Volume volume = volume(deployment.getSpec().getTemplate().getSpec(), "tenants");
    Map<String, String> paths = new LinkedHashMap<>();
    for (var source : volume.getProjected().getSources()) {
      if (source.getConfigMap() != null && source.getConfigMap().getItems() != null) {
        for (KeyToPath item : source.getConfigMap().getItems()) {
          paths.put(source.getConfigMap().getName() + ":" + item.getKey(), item.getPath());
        }
      }
    }
    return paths;
  }

  private static List<String> projectedConfigMaps(Deployment deployment) {
    return volume(deployment.getSpec().getTemplate().getSpec(), "tenants")
        .getProjected()
        .getSources()
        .stream()
        .filter(s -> s.getConfigMap() != null)
        .map(s -> s.getConfigMap().getName())
        .toList();
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> name.equals(v.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static Map<String, String> secretRefs(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .collect(
            Collectors.toMap(
                EnvVar::getName,
                e ->
                    e.getValueFrom().getSecretKeyRef().getName()
                        + "/"
                        + e.getValueFrom().getSecretKeyRef().getKey()));
  }

  private static Map<String, String> plainEnv(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValueFrom() == null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static String checksum(Rendered rendered) {
    return rendered
        .deployment()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get("checksum/config");
  }

  /** Ingress rules keyed by who they admit: ingress-controller, monitoring or test. */
  private static Map<String, List<String>> ingressBySource(NetworkPolicy policy) {
    Map<String, List<String>> rules = new java.util.TreeMap<>();
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      assertFalse(
          rule.getFrom() == null || rule.getFrom().isEmpty(),
          "an ingress rule without sources allows everyone: " + rule);
      NetworkPolicyPeer peer = rule.getFrom().get(0);
      String source;
      if (peer.getNamespaceSelector() == null) {
        source = peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
      } else {
        String namespace =
            peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        source = "ingress-nginx".equals(namespace) ? "ingress-controller" : namespace;
      }
      assertNull(
          rules.put(source, rule.getPorts().stream().map(HelmChartTest::port).sorted().toList()),
          "two rules for " + source);
    }
    return rules;
  }

  private static Set<String> egressPorts(Rendered rendered) {
    return rendered.one("NetworkPolicy", NetworkPolicy.class).getSpec().getEgress().stream()
        .flatMap(r -> r.getPorts().stream())
        .map(HelmChartTest::port)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String port(NetworkPolicyPort port) {
    return port.getPort().getIntVal() + "/" + port.getProtocol();
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
