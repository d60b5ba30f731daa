#!/usr/bin/env bash
# Installs Tandem on a Kubernetes cluster with the CloudNativePG and Keycloak operators, then runs
# `helm test`. By default it creates a kind cluster named "tandem"; with KIND=0 it uses the current
# kubectl context instead (any cluster: then push the image to a registry the cluster can pull
# from and pass IMAGE=registry/tandem:tag).
#
# Needs: kubectl, helm 3.13+, and for kind: kind and docker (or podman). Network access to the
# operators' release manifests and charts, and to the container images they use.
#
#   helm/kind-install.sh                    # kind cluster, image built with Jib into docker
#   IMAGE=tandem:0.1.0 BUILD=0 helm/kind-install.sh   # image already in the local docker daemon
#   KIND=0 IMAGE=registry.example.com/tandem:0.1.0 helm/kind-install.sh
#
# See docs/operations.md ("Trying it on kind") for what it shows and what it does not.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER="${CLUSTER:-tandem}"
NS="${NS:-tandem}"
RELEASE="${RELEASE:-tandem}"
KIND="${KIND:-1}"
BUILD="${BUILD:-1}"
IMAGE="${IMAGE:-tandem:0.1.0}"
CNPG_CHART_VERSION="${CNPG_CHART_VERSION:-}"          # empty: the chart repository's latest
KEYCLOAK_OPERATOR_VERSION="${KEYCLOAK_OPERATOR_VERSION:-26.7.3}"
TIMEOUT="${TIMEOUT:-15m}"

log() { printf '\n[tandem] %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing: $1" >&2; exit 1; }; }
need kubectl; need helm; need openssl
[ "$KIND" = 1 ] && need kind

if [ "$KIND" = 1 ]; then
  if ! kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
    log "creating kind cluster $CLUSTER"
    kind create cluster --name "$CLUSTER" --wait 120s
  fi
  kubectl config use-context "kind-$CLUSTER" >/dev/null
fi

if [ "$BUILD" = 1 ]; then
  log "building the image $IMAGE with Jib (into the local docker daemon)"
  ./mvnw -B -q package -DskipTests \
    -Dquarkus.container-image.build=true \
    -Dquarkus.container-image.image="$IMAGE"
fi
if [ "$KIND" = 1 ]; then
  log "loading $IMAGE into the kind nodes"
  kind load docker-image "$IMAGE" --name "$CLUSTER"
fi

log "installing the CloudNativePG operator"
helm upgrade --install cnpg cloudnative-pg \
  --repo https://cloudnative-pg.github.io/charts ${CNPG_CHART_VERSION:+--version "$CNPG_CHART_VERSION"} \
  --namespace cnpg-system --create-namespace --wait --timeout "$TIMEOUT"

log "installing the Keycloak Operator $KEYCLOAK_OPERATOR_VERSION into namespace $NS"
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f -
base="https://raw.githubusercontent.com/keycloak/keycloak-k8s-resources/$KEYCLOAK_OPERATOR_VERSION/kubernetes"
kubectl apply -f "$base/keycloaks.k8s.keycloak.org-v1.yml"
kubectl apply -f "$base/keycloakrealmimports.k8s.keycloak.org-v1.yml"
# The operator watches its own namespace; its ClusterRoleBinding names the namespace it runs in.
kubectl -n "$NS" apply -f "$base/kubernetes.yml"
kubectl get clusterrolebinding -o name | while read -r binding; do
  if kubectl get "$binding" -o jsonpath='{.subjects[*].name}' | grep -qw keycloak-operator; then
    kubectl patch "$binding" --type=json \
      -p "[{\"op\":\"add\",\"path\":\"/subjects/0/namespace\",\"value\":\"$NS\"}]" >/dev/null
  fi
done
kubectl -n "$NS" rollout status deployment/keycloak-operator --timeout="$TIMEOUT"

log "creating the Secrets (random values; kept if they exist)"
secret() { # name, then --from-literal arguments
  local name="$1"; shift
  kubectl -n "$NS" get secret "$name" >/dev/null 2>&1 || kubectl -n "$NS" create secret generic "$name" "$@"
}
random() { openssl rand -hex 24; }
secret tandem-db-owner --type=kubernetes.io/basic-auth \
  --from-literal=username=tandem_owner --from-literal=password="$(random)"
secret tandem-db-app --type=kubernetes.io/basic-auth \
  --from-literal=username=tandem_app --from-literal=password="$(random)"
secret keycloak-db --type=kubernetes.io/basic-auth \
  --from-literal=username=keycloak --from-literal=password="$(random)"
secret tandem-platform --from-literal=client-secret="$(random)"
secret tandem-signing --from-literal=master-key="$(openssl rand -base64 32)"
for tenant in nimbus helio; do
  secret "tandem-tenant-$tenant" --from-literal=client-secret="$(random)"
done

log "installing Tandem (release $RELEASE; first install waits for the databases, Keycloak and the migrations)"
args=()
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for tenant in nimbus helio; do
  base64 -w0 "tenants/$tenant/logo.svg" >"$work/$tenant.logo.b64"
  args+=(--set-file "tenants.$tenant.tenantYaml=tenants/$tenant/tenant.yaml"
         --set-file "tenants.$tenant.realmJson=tenants/$tenant/realm.json"
         --set "tenants.$tenant.logo.fileName=logo.svg"
         --set-file "tenants.$tenant.logo.base64=$work/$tenant.logo.b64"
         --set "tenants.$tenant.clientSecret.existingSecret=tandem-tenant-$tenant"
         --set "tenants.$tenant.clientSecret.key=client-secret")
done
helm upgrade --install "$RELEASE" helm/tandem --namespace "$NS" \
  -f helm/tandem/ci/kind-values.yaml \
  --set image.repository="${IMAGE%:*}" --set image.tag="${IMAGE##*:}" \
  $([ "$KIND" = 1 ] || echo --set image.pullPolicy=IfNotPresent) \
  --set-file platform.realmJson=tenants/_platform/realm.json \
  --set platform.clientSecret.existingSecret=tandem-platform \
  --set platform.clientSecret.key=client-secret \
  "${args[@]}" \
  --wait --timeout "$TIMEOUT"

log "helm test: readiness, Keycloak and the platform realm, public port"
helm test "$RELEASE" --namespace "$NS" --logs --timeout "$TIMEOUT"

log "done. Try: kubectl -n $NS port-forward svc/$RELEASE 8080:80   (portal on http://localhost:8080/)"
