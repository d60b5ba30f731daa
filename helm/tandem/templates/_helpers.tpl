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

{{/* Labels selecting every pod of the release (app, migration, test). */}}
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
Non-secret settings as a YAML map of environment variables. The Deployment reads them from the
ConfigMap; the migration Job (a pre-install hook, which runs before the ConfigMap exists) gets the
same map inline.
*/}}
{{- define "tandem.configEnv" -}}
{{- $env := dict
  "QUARKUS_DATASOURCE_JDBC_URL" (include "tandem.jdbcUrl" .)
  "QUARKUS_FLYWAY_MIGRATE_AT_START" "false"
  "TANDEM_EMBEDDED" "false"
  "TANDEM_BASE_URL" .Values.publicBaseUrl
  "TANDEM_LANDING_LIST_PUBLIC_TENANTS" (toString .Values.landingListPublicTenants)
  "TANDEM_TENANTS_DIR" "/config/tenants"
  "TANDEM_KEYCLOAK_URL" .Values.keycloak.url
  "TANDEM_KEYCLOAK_ADMIN_CLIENT_ID" .Values.keycloak.admin.clientId
  "QUARKUS_MAILER_HOST" .Values.smtp.host
  "QUARKUS_MAILER_PORT" (toString .Values.smtp.port)
  "TANDEM_MAIL_FROM" .Values.smtp.from
  "QUARKUS_MAILER_START_TLS" .Values.smtp.startTls
  "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING" "true"
  "QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST" "true"
  "QUARKUS_SHUTDOWN_TIMEOUT" (printf "%ds" (int .Values.shutdownTimeoutSeconds))
}}
{{- with .Values.javaToolOptions }}
{{- $_ := set $env "JAVA_TOOL_OPTIONS" . }}
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

{{/* Credentials of the application, always by reference to existing Secrets. */}}
{{- define "tandem.secretEnv" -}}
- name: QUARKUS_DATASOURCE_USERNAME
  {{- include "tandem.secretRef" (dict "secret" .Values.postgresql.app.existingSecret "key" .Values.postgresql.app.usernameKey) | nindent 2 }}
- name: QUARKUS_DATASOURCE_PASSWORD
  {{- include "tandem.secretRef" (dict "secret" .Values.postgresql.app.existingSecret "key" .Values.postgresql.app.passwordKey) | nindent 2 }}
- name: TANDEM_KEYCLOAK_ADMIN_CLIENT_SECRET
  {{- include "tandem.secretRef" (dict "secret" .Values.keycloak.admin.existingSecret "key" .Values.keycloak.admin.clientSecretKey) | nindent 2 }}
- name: QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET
  {{- include "tandem.secretRef" (dict "secret" .Values.session.existingSecret "key" .Values.session.encryptionSecretKey) | nindent 2 }}
{{- if .Values.smtp.existingSecret }}
- name: QUARKUS_MAILER_USERNAME
  {{- include "tandem.secretRef" (dict "secret" .Values.smtp.existingSecret "key" .Values.smtp.usernameKey) | nindent 2 }}
- name: QUARKUS_MAILER_PASSWORD
  {{- include "tandem.secretRef" (dict "secret" .Values.smtp.existingSecret "key" .Values.smtp.passwordKey) | nindent 2 }}
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

{{/* Pod-level security context shared by the app, migration and test pods. */}}
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

{{/* Tenant files: ConfigMap keys cannot contain "/", so each key is mapped to <id>/<file>. */}}
{{- define "tandem.tenantsVolume" -}}
- name: tenants
  configMap:
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
{{- end }}
