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
   * (the migration Job and the test pod). To inspect hooks, a copy of the chart is rendered with
   * the `helm.sh/hook` annotation keys renamed to this prefix, which makes Helm keep them in the
   * manifest; everything else in the templates is unchanged.
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

  // ---------------------------------------------------------------------------------------------
  // Deployment

  @Test
  void probesPointAtRealHealthEndpoints() {
    Rendered rendered = renderWithHooks(Map.of());
    Container app = appContainer(rendered.deployment());

    assertEquals(
        8080,
        app.getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElseThrow()
            .getContainerPort());
    assertHttpProbe(app.getStartupProbe(), "/q/health/started");
    assertHttpProbe(app.getLivenessProbe(), "/q/health/live");
    assertHttpProbe(app.getReadinessProbe(), "/q/health/ready");
    assertEquals(36, app.getStartupProbe().getFailureThreshold());

    Service service = rendered.one("Service", Service.class);
    assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());

    Pod testPod = rendered.one("Pod", Pod.class);
    assertEquals("test", testPod.getMetadata().getAnnotations().get(HOOK_ANNOTATION_STANDIN));
    assertTrue(
        testPod
            .getSpec()
            .getContainers()
            .get(0)
            .getCommand()
            .contains("http://tandem:80/q/health/ready"),
        () -> "helm test pod command: " + testPod.getSpec().getContainers().get(0).getCommand());
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
        30L, deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
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

    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    Volume volume = volume(pod, "tenants");
    assertEquals("tandem-tenants", volume.getConfigMap().getName());
    Map<String, String> paths =
        volume.getConfigMap().getItems().stream()
            .collect(Collectors.toMap(KeyToPath::getKey, KeyToPath::getPath));
    assertEquals(
        Map.of(
            "nimbus.tenant.yaml", "nimbus/tenant.yaml",
            "nimbus.realm.json", "nimbus/realm.json",
            "blue-harbor.tenant.yaml", "blue-harbor/tenant.yaml",
            "blue-harbor.realm.json", "blue-harbor/realm.json"),
        paths);
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
    Map<String, String> paths =
        volume(rendered.deployment().getSpec().getTemplate().getSpec(), "tenants")
            .getConfigMap()
            .getItems()
            .stream()
            .collect(Collectors.toMap(KeyToPath::getKey, KeyToPath::getPath));
    assertEquals("nimbus/logo.svg", paths.get("nimbus.logo"));
    assertFalse(paths.containsKey("helio.logo"));
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
    Volume volume = volume(rendered.deployment().getSpec().getTemplate().getSpec(), "tenants");
    assertEquals("tenants-from-git", volume.getConfigMap().getName());
    assertEquals(2, volume.getConfigMap().getItems().size());
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
    containers.addAll(rendered.job().getSpec().getTemplate().getSpec().getContainers());
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
        "tandem-session/encryption-secret",
        secretRefs.get("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET"));
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
    for (Container c : rendered.job().getSpec().getTemplate().getSpec().getContainers()) {
      assertFalse(
          secretRefs(c).containsKey("TANDEM_SIGNING_MASTER_KEY"),
          "the migration Job needs no signing key");
    }
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
    pods.put("migration job", rendered.job().getSpec().getTemplate().getSpec());
    pods.put("test pod", rendered.one("Pod", Pod.class).getSpec());

    pods.forEach(
        (what, pod) -> {
          assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), what);
          assertEquals(
              "RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), what);
          assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), what);
          for (Container container : pod.getContainers()) {
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

    for (String what : List.of("deployment", "migration job")) {
      PodSpec pod = pods.get(what);
      assertEquals(185L, pod.getSecurityContext().getRunAsUser(), what);
      assertNotNull(volume(pod, "tmp").getEmptyDir(), what + ": /tmp must be an emptyDir");
      assertTrue(
          pod.getContainers().get(0).getVolumeMounts().stream()
              .anyMatch(m -> "tmp".equals(m.getName()) && "/tmp".equals(m.getMountPath())),
          what);
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
  void migrationsRunOnceAsHookJobNotInDeployment() {
    // With the real annotation, Helm treats the Job as a hook: it is not part of the manifest.
    assertTrue(render(Map.of()).all("Job", Job.class).isEmpty());

    Rendered rendered = renderWithHooks(Map.of());
    Job job = rendered.job();
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    assertEquals("pre-install,pre-upgrade", annotations.get(HOOK_ANNOTATION_STANDIN));
    assertEquals(
        "before-hook-creation", annotations.get(HOOK_ANNOTATION_STANDIN + "-delete-policy"));

    PodSpec jobPod = job.getSpec().getTemplate().getSpec();
    Container migrate = jobPod.getContainers().get(0);
    assertEquals("Never", jobPod.getRestartPolicy());
    assertEquals(appContainer(rendered.deployment()).getImage(), migrate.getImage());
    Map<String, String> jobEnv = plainEnv(migrate);
    assertEquals("true", jobEnv.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
    assertEquals("true", jobEnv.get("QUARKUS_INIT_AND_EXIT"));
    Map<String, String> jobSecrets = secretRefs(migrate);
    assertEquals("tandem-db-owner/username", jobSecrets.get("QUARKUS_FLYWAY_USERNAME"));
    assertEquals("tandem-db-owner/password", jobSecrets.get("QUARKUS_FLYWAY_PASSWORD"));

    Deployment deployment = rendered.deployment();
    Container app = appContainer(deployment);
    assertTrue(app.getEnv().stream().noneMatch(e -> e.getName().startsWith("QUARKUS_FLYWAY")));
    assertFalse(
        toJson(deployment).contains("tandem-db-owner"),
        "the Deployment must not reference the schema owner's Secret");
    Map<String, String> config = rendered.configMap("tandem-config").getData();
    assertEquals("false", config.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
    assertFalse(config.containsKey("QUARKUS_INIT_AND_EXIT"));
    assertFalse(config.containsKey("QUARKUS_FLYWAY_USERNAME"));
  }

  @Test
  void inChartDatabaseIsCreatedBeforeTheFirstMigration() {
    Map<String, Object> values = Map.of("postgresql", Map.of("cnpg", Map.of("enabled", true)));
    Rendered rendered = renderWithHooks(values);

    // The CloudNativePG cluster only exists once the release is installed.
    assertEquals(
        "post-install,pre-upgrade",
        rendered.job().getMetadata().getAnnotations().get(HOOK_ANNOTATION_STANDIN));
    GenericKubernetesResource cluster = rendered.one("Cluster", GenericKubernetesResource.class);
    assertEquals("postgresql.cnpg.io/v1", cluster.getApiVersion());
    assertEquals("tandem-db", cluster.getMetadata().getName());
    Map<String, Object> spec = map(cluster.getAdditionalProperties().get("spec"));
    Map<String, Object> initdb = map(map(spec.get("bootstrap")).get("initdb"));
    assertEquals("tandem_owner", initdb.get("owner"));
    assertEquals("tandem-db-owner", map(initdb.get("secret")).get("name"));
    Map<String, Object> appRole = map(list(map(spec.get("managed")).get("roles")).get(0));
    assertEquals("tandem_app", appRole.get("name"));
    assertEquals(Boolean.FALSE, appRole.get("bypassrls"));
    assertEquals(Boolean.FALSE, appRole.get("superuser"));
    assertEquals(
        "jdbc:postgresql://tandem-db-rw:5432/tandem",
        rendered.configMap("tandem-config").getData().get("QUARKUS_DATASOURCE_JDBC_URL"));
  }

  // ---------------------------------------------------------------------------------------------
  // Network

  @Test
  void networkPolicyLimitsEgress() {
    Rendered rendered = renderWithHooks(Map.of());
    NetworkPolicy policy = rendered.one("NetworkPolicy", NetworkPolicy.class);

    assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()));
    Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
    assertSelects(
        selector,
        rendered.deployment().getSpec().getTemplate().getMetadata().getLabels(),
        "application pods");
    assertSelects(
        selector,
        rendered.job().getSpec().getTemplate().getMetadata().getLabels(),
        "migration pods");

    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    for (NetworkPolicyEgressRule rule : egress) {
      assertFalse(
          rule.getPorts() == null || rule.getPorts().isEmpty(),
          "an egress rule without ports allows everything: " + rule);
    }
    assertEquals(
        Set.of("53/UDP", "53/TCP", "5432/TCP", "443/TCP", "587/TCP", "8080/TCP"),
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

    List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
    for (NetworkPolicyIngressRule rule : ingress) {
      assertFalse(
          rule.getFrom() == null || rule.getFrom().isEmpty(),
          "an ingress rule without sources allows everyone: " + rule);
      assertEquals(List.of("8080/TCP"), rule.getPorts().stream().map(HelmChartTest::port).toList());
    }
    NetworkPolicyPeer controller = ingress.get(0).getFrom().get(0);
    assertEquals(
        "ingress-nginx",
        controller.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
    assertEquals(2, ingress.size(), "ingress controller and helm test pod only");

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
    assertTrue(
        prod.getSpec().getIngress().stream()
            .flatMap(r -> r.getFrom().stream())
            .anyMatch(
                p ->
                    p.getNamespaceSelector() != null
                        && "monitoring"
                            .equals(
                                p.getNamespaceSelector()
                                    .getMatchLabels()
                                    .get("kubernetes.io/metadata.name"))));
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
    assertEquals("http", endpoint.get("port"));
    assertSelects(
        map(map(spec.get("selector")).get("matchLabels")).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))),
        rendered.one("Service", Service.class).getMetadata().getLabels(),
        "the Service");
  }

  @Test
  void keycloakOperatorResourceIsOptional() {
    assertTrue(render(Map.of()).all("Keycloak", GenericKubernetesResource.class).isEmpty());

    Rendered rendered = render(Map.of("keycloak", Map.of("operator", Map.of("enabled", true))));
    GenericKubernetesResource keycloak = rendered.one("Keycloak", GenericKubernetesResource.class);
    assertEquals("k8s.keycloak.org/v2alpha1", keycloak.getApiVersion());
    Map<String, Object> db = map(map(keycloak.getAdditionalProperties().get("spec")).get("db"));
    assertEquals("keycloak-db", map(db.get("passwordSecret")).get("name"));
    assertTrue(
        rendered.one("NetworkPolicy", NetworkPolicy.class).getSpec().getEgress().stream()
            .anyMatch(
                r ->
                    r.getTo() != null
                        && r.getTo().stream()
                            .anyMatch(
                                p ->
                                    p.getPodSelector() != null
                                        && "tandem-keycloak"
                                            .equals(
                                                p.getPodSelector()
                                                    .getMatchLabels()
                                                    .get("app.kubernetes.io/instance")))));
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

    Job job() {
      return one("Job", Job.class);
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
    assertEquals("http", probe.getHttpGet().getPort().getStrVal());
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
