{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "tandem.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name used as the prefix of every resource. */}}
{{- define "tandem.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tandem.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels shared by every resource. */}}
{{- define "tandem.labels" -}}
helm.sh/chart: {{ include "tandem.chart" . }}
{{ include "tandem.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tandem
{{- end }}

{{/*
Labels of the operators' custom resources (Cluster, Keycloak, KeycloakRealmImport). They carry no
selector label, so that pods an operator creates (and may copy these labels to) are never selected
by the release's NetworkPolicy or Service.
*/}}
{{- define "tandem.resourceLabels" -}}
helm.sh/chart: {{ include "tandem.chart" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tandem
{{- end }}

{{/* Labels selecting every pod of the release (application and test). */}}
{{- define "tandem.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tandem.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels selecting the application pods only. */}}
{{- define "tandem.appSelectorLabels" -}}
{{ include "tandem.selectorLabels" . }}
app.kubernetes.io/component: app
{{- end }}

{{- define "tandem.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tandem.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "tandem.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "tandem.configMapName" -}}
{{- printf "%s-config" (include "tandem.fullname" .) }}
{{- end }}

{{- define "tandem.tenantsConfigMapName" -}}
{{- default (printf "%s-tenants" (include "tandem.fullname" .)) .Values.existingTenantsConfigMap }}
{{- end }}

{{- define "tandem.cnpgClusterName" -}}
{{- printf "%s-db" (include "tandem.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "tandem.keycloakName" -}}
{{- printf "%s-keycloak" (include "tandem.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "tandem.keycloakDbClusterName" -}}
{{- printf "%s-db" (include "tandem.keycloakName" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "tandem.jdbcUrl" -}}
{{- if .Values.postgresql.cnpg.enabled }}
{{- printf "jdbc:postgresql://%s-rw:5432/%s" (include "tandem.cnpgClusterName" .) .Values.postgresql.cnpg.database }}
{{- else }}
{{- .Values.postgresql.jdbcUrl }}
{{- end }}
{{- end }}

{{/* Environment variable holding a tenant's OIDC client secret: TANDEM_TENANT_<ID>_CLIENT_SECRET. */}}
{{- define "tandem.tenantSecretEnvName" -}}
{{- printf "TANDEM_TENANT_%s_CLIENT_SECRET" (. | upper | replace "-" "_") }}
{{- end }}

{{/*
Whether Tandem itself creates missing realms through Keycloak's admin API. With the in-chart
Keycloak and realm imports the operator creates them, and Tandem holds no Keycloak admin credential.
*/}}
{{- define "tandem.provisionsRealms" -}}
{{- if and .Values.keycloak.admin.existingSecret (not (and .Values.keycloak.operator.enabled .Values.keycloak.operator.realmImports)) }}true{{ end }}
{{- end }}

{{/*
Most pods that can run at once: the replica ceiling plus the surge of a rolling update. The
connection budget and the app role's connection limit are computed from it.
*/}}
{{- define "tandem.maxPods" -}}
{{- $replicas := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- add (int $replicas) (int .Values.maxSurge) }}
{{- end }}

{{/* Checks of values that depend on each other (a JSON schema cannot compare two numbers). */}}
{{- define "tandem.validate" -}}
{{- $pg := .Values.postgresql }}
{{- $maxPods := int (include "tandem.maxPods" .) }}
{{- /* + 1 per pod: the read caches' change feed listens on a connection of its own */}}
{{- $budget := mul (add1 (int $pg.poolMaxSize)) $maxPods }}
{{- $allowed := sub (int $pg.maxConnections) (int $pg.reservedConnections) }}
{{- if gt $budget $allowed }}
{{- fail (printf "connection budget exceeded: (postgresql.poolMaxSize (%d) + 1 for the change feed) x %d pods (replica ceiling + maxSurge) = %d connections, but PostgreSQL allows %d (postgresql.maxConnections %d - postgresql.reservedConnections %d). Lower the pool or the replicas, or raise maxConnections." (int $pg.poolMaxSize) $maxPods $budget $allowed (int $pg.maxConnections) (int $pg.reservedConnections)) }}
{{- end }}
{{- if hasKey $pg.cnpg.parameters "max_connections" }}
{{- fail "postgresql.cnpg.parameters.max_connections: set postgresql.maxConnections instead (the chart checks the connection budget against it)" }}
{{- end }}
{{- if .Values.podDisruptionBudget.enabled }}
{{- $floor := ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- if ge (int .Values.podDisruptionBudget.minAvailable) (int $floor) }}
{{- fail (printf "podDisruptionBudget.minAvailable (%d) must be below the replica count (%d): otherwise no pod may ever be evicted and node drains hang" (int .Values.podDisruptionBudget.minAvailable) (int $floor)) }}
{{- end }}
{{- end }}
{{- $stop := add (int .Values.shutdownDelaySeconds) (int .Values.shutdownTimeoutSeconds) 5 }}
{{- if lt (int .Values.terminationGracePeriodSeconds) (int $stop) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be at least shutdownDelaySeconds + shutdownTimeoutSeconds + 5 (%d), or Kubernetes kills pods while they still finish requests" (int .Values.terminationGracePeriodSeconds) (int $stop)) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- fail "autoscaling.maxReplicas must not be below autoscaling.minReplicas" }}
{{- end }}
{{- if .Values.keycloak.operator.enabled }}
{{- if not (or .Values.keycloak.operator.tlsSecret .Values.keycloak.operator.httpEnabled) }}
{{- fail "keycloak.operator: give tlsSecret (HTTPS) or set httpEnabled" }}
{{- end }}
{{- $host := regexReplaceAll "^https?://([^/:]+).*$" .Values.keycloak.url "${1}" }}
{{- if ne $host .Values.keycloak.operator.hostname }}
{{- fail (printf "keycloak.url (%s) must point at keycloak.operator.hostname (%s): tokens carry that issuer" .Values.keycloak.url .Values.keycloak.operator.hostname) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
TCP ports of a URL: its explicit port, else the scheme's default. Input: dict "url" "default".
Prints the port numbers separated by spaces (a JDBC URL may list several hosts).
*/}}
{{- define "tandem.urlPorts" -}}
{{- $authority := regexReplaceAll "^[a-z:]*//([^/?]*).*$" .url "${1}" }}
{{- $ports := list }}
{{- range splitList "," $authority }}
{{- $port := regexFind ":[0-9]+$" . | trimPrefix ":" }}
{{- $ports = append $ports (default (toString $.default) $port) }}
{{- end }}
{{- join " " (uniq $ports) }}
{{- end }}

{{/* Egress ports of a destination: the ports given in values, else those derived from its URL. */}}
{{- define "tandem.egressPorts" -}}
{{- $np := .Values.networkPolicy.egress }}
{{- $pg := $np.postgresql.ports }}
{{- if not $pg }}{{ $pg = splitList " " (include "tandem.urlPorts" (dict "url" (include "tandem.jdbcUrl" .) "default" 5432)) }}{{ end }}
{{- $kc := $np.keycloak.ports }}
{{- if not $kc }}{{ $kc = splitList " " (include "tandem.urlPorts" (dict "url" .Values.keycloak.url "default" (ternary 443 80 (hasPrefix "https:" .Values.keycloak.url)))) }}{{ end }}
{{- $smtp := $np.smtp.ports }}
{{- if not $smtp }}{{ $smtp = list .Values.smtp.port }}{{ end }}
{{- toYaml (dict "postgresql" $pg "keycloak" $kc "smtp" $smtp) }}
{{- end }}

{{/*
Non-secret settings as a YAML map of environment variables. The Deployment's containers (the
migration init container and the application) read them from the ConfigMap.
*/}}
{{- define "tandem.configEnv" -}}
{{- $heap := int .Values.jvm.maxRamPercentage }}
{{- $env := dict
  "QUARKUS_DATASOURCE_JDBC_URL" (include "tandem.jdbcUrl" .)
  "QUARKUS_DATASOURCE_JDBC_MAX_SIZE" (toString .Values.postgresql.poolMaxSize)
  "QUARKUS_FLYWAY_MIGRATE_AT_START" "false"
  "QUARKUS_MANAGEMENT_PORT" (toString .Values.management.port)
  "TANDEM_DB_APP_ROLE" .Values.postgresql.appRole
  "TANDEM_EMBEDDED" "false"
  "TANDEM_BASE_URL" .Values.publicBaseUrl
  "TANDEM_LANDING_LIST_PUBLIC_TENANTS" (toString .Values.landingListPublicTenants)
  "TANDEM_TENANTS_DIR" "/config/tenants"
  "TANDEM_KEYCLOAK_URL" .Values.keycloak.url
  "QUARKUS_MAILER_HOST" .Values.smtp.host
  "QUARKUS_MAILER_PORT" (toString .Values.smtp.port)
  "TANDEM_MAIL_FROM" .Values.smtp.from
  "QUARKUS_MAILER_START_TLS" .Values.smtp.startTls
  "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING" "true"
  "QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST" "true"
  "QUARKUS_SHUTDOWN_TIMEOUT" (printf "%ds" (int .Values.shutdownTimeoutSeconds))
  "JAVA_MAX_MEM_RATIO" (toString $heap)
  "JAVA_TOOL_OPTIONS" (printf "-XX:MaxRAMPercentage=%d %s -XX:+ExitOnOutOfMemoryError %s" $heap (.Values.jvm.options | default "") .Values.javaToolOptions | replace "  " " " | trim)
  "MALLOC_ARENA_MAX" (toString (.Values.jvm.mallocArenas | default 2))
}}
{{- if include "tandem.provisionsRealms" . }}
{{- $_ := set $env "TANDEM_KEYCLOAK_ADMIN_CLIENT_ID" .Values.keycloak.admin.clientId }}
{{- end }}
{{- range $name, $value := .Values.extraConfig }}
{{- if hasKey $env $name }}
{{- fail (printf "extraConfig.%s is set by the chart; use the dedicated value instead" $name) }}
{{- end }}
{{- $_ := set $env $name (toString $value) }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{- define "tandem.secretRef" -}}
valueFrom:
  secretKeyRef:
    name: {{ .secret | quote }}
    key: {{ .key | quote }}
{{- end }}

{{/* The runtime role's database credentials (both containers of the pod need them). */}}
{{- define "tandem.datasourceEnv" -}}
- name: QUARKUS_DATASOURCE_USERNAME
  {{- include "tandem.secretRef" (dict "secret" .Values.postgresql.app.existingSecret "key" .Values.postgresql.app.usernameKey) | nindent 2 }}
- name: QUARKUS_DATASOURCE_PASSWORD
  {{- include "tandem.secretRef" (dict "secret" .Values.postgresql.app.existingSecret "key" .Values.postgresql.app.passwordKey) | nindent 2 }}
{{- end }}

{{/* Credentials of the application, always by reference to existing Secrets. */}}
{{- define "tandem.secretEnv" -}}
{{ include "tandem.datasourceEnv" . }}
{{- if include "tandem.provisionsRealms" . }}
- name: TANDEM_KEYCLOAK_ADMIN_CLIENT_SECRET
  {{- include "tandem.secretRef" (dict "secret" .Values.keycloak.admin.existingSecret "key" .Values.keycloak.admin.clientSecretKey) | nindent 2 }}
{{- end }}
{{- if .Values.smtp.existingSecret }}
- name: QUARKUS_MAILER_USERNAME
  {{- include "tandem.secretRef" (dict "secret" .Values.smtp.existingSecret "key" .Values.smtp.usernameKey) | nindent 2 }}
- name: QUARKUS_MAILER_PASSWORD
  {{- include "tandem.secretRef" (dict "secret" .Values.smtp.existingSecret "key" .Values.smtp.passwordKey) | nindent 2 }}
{{- end }}
{{- with .Values.platform.clientSecret }}
- name: {{ include "tandem.tenantSecretEnvName" "platform" }}
  {{- include "tandem.secretRef" (dict "secret" .existingSecret "key" .key) | nindent 2 }}
{{- end }}
{{- range $id, $tenant := .Values.tenants }}
{{- with $tenant.clientSecret }}
- name: {{ include "tandem.tenantSecretEnvName" $id }}
  {{- include "tandem.secretRef" (dict "secret" .existingSecret "key" .key) | nindent 2 }}
{{- end }}
{{- end }}
{{- range .Values.extraSecretEnv }}
- name: {{ .name }}
  {{- include "tandem.secretRef" (dict "secret" .existingSecret "key" .key) | nindent 2 }}
{{- end }}
{{- end }}

{{/*
SQL run on each connection the migration opens (quarkus.flyway.init-sql): waits until the runtime
role exists, since the migrations grant their tables to it and CloudNativePG creates managed roles
only after the cluster's bootstrap. Fails after migration.roleWaitSeconds; the kubelet then
restarts the init container.
*/}}
{{- define "tandem.waitForAppRoleSql" -}}
{{- $role := .Values.postgresql.appRole }}
{{- $seconds := int .Values.migration.roleWaitSeconds }}
{{- printf "DO $wait$ BEGIN FOR i IN 1..%d LOOP EXIT WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s'); PERFORM pg_sleep(1); END LOOP; IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN RAISE EXCEPTION 'role %s does not exist after %d s'; END IF; END $wait$" $seconds $role $role $role $seconds }}
{{- end }}

{{/* Pod-level security context shared by the app and test pods. */}}
{{- define "tandem.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "tandem.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "tandem.platformConfigMapName" -}}
{{- printf "%s-platform" (include "tandem.fullname" .) }}
{{- end }}

{{/*
Tenant files: ConfigMap keys cannot contain "/", so each key is mapped to <id>/<file>. The platform
operators' realm comes from a ConfigMap of its own (also with existingTenantsConfigMap) and is
projected to _platform/realm.json, where Tandem looks for it.
*/}}
{{- define "tandem.tenantsVolume" -}}
- name: tenants
  projected:
    sources:
      - configMap:
          name: {{ include "tandem.tenantsConfigMapName" . }}
          {{- if .Values.tenants }}
          items:
            {{- range $id, $tenant := .Values.tenants }}
            - key: {{ printf "%s.tenant.yaml" $id }}
              path: {{ printf "%s/tenant.yaml" $id }}
            - key: {{ printf "%s.realm.json" $id }}
              path: {{ printf "%s/realm.json" $id }}
            {{- with $tenant.logo }}
            - key: {{ printf "%s.logo" $id }}
              path: {{ printf "%s/%s" $id .fileName }}
            {{- end }}
            {{- end }}
          {{- end }}
      {{- if .Values.platform.realmJson }}
      - configMap:
          name: {{ include "tandem.platformConfigMapName" . }}
          items:
            - key: realm.json
              path: _platform/realm.json
      {{- end }}
{{- end }}
