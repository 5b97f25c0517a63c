#!/usr/bin/env bash
# Deploys AiProd to GKE, idempotently: APIs, Artifact Registry, an Autopilot cluster, Firestore and its indexes, the
# assets bucket (versioning, lifecycle), one Google service account per role with only the roles it needs and its
# Workload Identity binding, KEDA with read access to Managed Prometheus, the provider keys Secret, the Pub/Sub
# topology, then k8s/overlays/gke with the placeholders replaced. Every step checks first and changes only what is
# missing, so running it again is safe. Written to the documented gcloud/kubectl interfaces; it was never run from
# the AiProd CI (no cloud there). See docs/deploy-gke.md.
#
#   scripts/deploy-gke.sh --project P --region R --bucket B --host api.example.com [--tag T] [--cluster aiprod]
#                         [--build] [--keda-version 2.17.0]
#     --build   build and push the seven images with docker first (tag: --tag, default the git commit)
# Provider keys are taken from GEMINI_API_KEY, RUNWAYML_API_SECRET and REPLICATE_API_TOKEN when set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="" region="" bucket="" host="" cluster="aiprod" build=false keda_version="2.17.0"
tag="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo latest)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --project) project="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    --bucket) bucket="$2"; shift 2 ;;
    --host) host="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --cluster) cluster="$2"; shift 2 ;;
    --build) build=true; shift ;;
    --keda-version) keda_version="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -n "$project" && -n "$region" && -n "$bucket" && -n "$host" ]] || { echo "--project, --region, --bucket and --host are required (see --help)." >&2; exit 2; }
for tool in gcloud kubectl; do command -v "$tool" >/dev/null || { echo "$tool is needed." >&2; exit 1; }; done

roles=(gateway orchestrator creative-worker financial-worker render-worker qa-worker delivery-worker)
prefix="aiprod-"          # PubSub:NamePrefix of k8s/base/common.env
namespace="aiprod"
registry="$region-docker.pkg.dev/$project/aiprod"
gc() { gcloud --project "$project" --quiet "$@"; }
step() { printf '\n== %s\n' "$*" >&2; }

step "APIs"
gc services enable container.googleapis.com artifactregistry.googleapis.com pubsub.googleapis.com \
  firestore.googleapis.com storage.googleapis.com iamcredentials.googleapis.com monitoring.googleapis.com

step "Artifact Registry repository aiprod"
gc artifacts repositories describe aiprod --location "$region" >/dev/null 2>&1 \
  || gc artifacts repositories create aiprod --location "$region" --repository-format docker

if $build; then
  step "Images $registry/*:$tag"
  gc auth configure-docker "$region-docker.pkg.dev"
  for dockerfile in $(cd "$root" && find src -name Dockerfile | sort); do
    image="$(grep -oE 'docker build -f [^ ]+ -t [^ ]+' "$root/$dockerfile" | awk '{print $NF}')"
    docker build -f "$root/$dockerfile" -t "$registry/$image:$tag" "$root"
    docker push "$registry/$image:$tag"
  done
fi

step "GKE Autopilot cluster $cluster (Workload Identity and Managed Prometheus are on by default)"
gc container clusters describe "$cluster" --region "$region" >/dev/null 2>&1 \
  || gc container clusters create-auto "$cluster" --region "$region"
gc container clusters get-credentials "$cluster" --region "$region"

step "Firestore (Native mode) and the list query's composite indexes"
gc firestore databases describe --database="(default)" >/dev/null 2>&1 \
  || gc firestore databases create --database="(default)" --location "$region" --type firestore-native
ensure_index() { # field-config...
  local args=() field
  for field in "$@"; do args+=(--field-config "$field"); done
  local out
  if ! out="$(gc firestore indexes composite create --collection-group videos --query-scope COLLECTION "${args[@]}" --async 2>&1)"; then
    grep -qi "already exists" <<<"$out" || { echo "$out" >&2; return 1; }
  fi
}
# Newest first (createdAt desc, then document name desc) filtered by state, by owner, and by both (docs/deploy-gke.md).
ensure_index "field-path=currentState,order=ascending" "field-path=createdAt,order=descending"
ensure_index "field-path=owner,order=ascending" "field-path=createdAt,order=descending"
ensure_index "field-path=owner,order=ascending" "field-path=currentState,order=ascending" "field-path=createdAt,order=descending"

step "Bucket gs://$bucket: uniform access, versioning, lifecycle (docs/gcs-lifecycle.json)"
gc storage buckets describe "gs://$bucket" >/dev/null 2>&1 \
  || gc storage buckets create "gs://$bucket" --location "$region" --uniform-bucket-level-access --public-access-prevention
gc storage buckets update "gs://$bucket" --versioning --lifecycle-file "$root/docs/gcs-lifecycle.json"

step "One Google service account per role, with only what that role needs"
ensure_account() { # name, description
  gc iam service-accounts describe "$1@$project.iam.gserviceaccount.com" >/dev/null 2>&1 \
    || gc iam service-accounts create "$1" --display-name "$2"
}
project_role() { # account, role
  gc projects add-iam-policy-binding "$project" --member "serviceAccount:$1@$project.iam.gserviceaccount.com" --role "$2" --condition None >/dev/null
}
bucket_role() { # account, role
  gc storage buckets add-iam-policy-binding "gs://$bucket" --member "serviceAccount:$1@$project.iam.gserviceaccount.com" --role "$2" >/dev/null
}
for role in "${roles[@]}"; do
  account="aiprod-$role"
  ensure_account "$account" "AiProd $role"
  # Pub/Sub: publish and consume; viewer lets the transport check that its topics and subscriptions exist.
  project_role "$account" roles/pubsub.publisher
  project_role "$account" roles/pubsub.subscriber
  project_role "$account" roles/pubsub.viewer
  case "$role" in
    gateway)
      project_role "$account" roles/datastore.user
      # Live events: each gateway replica follows the bus on a temporary subscription of its own, created at start
      # and deleted at stop (random name, so the topology cannot create it beforehand). Live:FollowBus=false avoids it.
      project_role "$account" roles/pubsub.editor
      bucket_role "$account" roles/storage.objectViewer
      # Signed URLs without a key: the gateway signs through IAM signBlob as itself.
      gc iam service-accounts add-iam-policy-binding "$account@$project.iam.gserviceaccount.com" \
        --member "serviceAccount:$account@$project.iam.gserviceaccount.com" --role roles/iam.serviceAccountTokenCreator >/dev/null ;;
    orchestrator) project_role "$account" roles/datastore.user ;;
    render-worker|qa-worker|delivery-worker) bucket_role "$account" roles/storage.objectUser ;;
  esac
  # Workload Identity: the Kubernetes ServiceAccount aiprod/<role> may act as this account.
  gc iam service-accounts add-iam-policy-binding "$account@$project.iam.gserviceaccount.com" \
    --member "serviceAccount:$project.svc.id.goog[$namespace/$role]" --role roles/iam.workloadIdentityUser >/dev/null
done

step "KEDA $keda_version, reading Managed Prometheus as Google service account keda-operator (roles/monitoring.viewer)"
kubectl apply --server-side -f "https://github.com/kedacore/keda/releases/download/v$keda_version/keda-$keda_version.yaml" >/dev/null
ensure_account keda-operator "KEDA operator (reads Pub/Sub backlog metrics)"
project_role keda-operator roles/monitoring.viewer
gc iam service-accounts add-iam-policy-binding "keda-operator@$project.iam.gserviceaccount.com" \
  --member "serviceAccount:$project.svc.id.goog[keda/keda-operator]" --role roles/iam.workloadIdentityUser >/dev/null
if [[ "$(kubectl -n keda get serviceaccount keda-operator -o jsonpath='{.metadata.annotations.iam\.gke\.io/gcp-service-account}')" != "keda-operator@$project.iam.gserviceaccount.com" ]]; then
  kubectl -n keda annotate serviceaccount keda-operator --overwrite "iam.gke.io/gcp-service-account=keda-operator@$project.iam.gserviceaccount.com"
  kubectl -n keda rollout restart deployment/keda-operator
fi

step "Namespace $namespace and Secret provider-keys (from GEMINI_API_KEY, RUNWAYML_API_SECRET, REPLICATE_API_TOKEN)"
kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
keys=()
[[ -n "${GEMINI_API_KEY:-}" ]] && keys+=(--from-literal "gemini-api-key=$GEMINI_API_KEY")
[[ -n "${RUNWAYML_API_SECRET:-}" ]] && keys+=(--from-literal "runway-api-key=$RUNWAYML_API_SECRET")
[[ -n "${GOOGLE_TTS_API_KEY:-}" ]] && keys+=(--from-literal "text-to-speech-api-key=$GOOGLE_TTS_API_KEY")
[[ -n "${REPLICATE_API_TOKEN:-}" ]] && keys+=(--from-literal "replicate-api-token=$REPLICATE_API_TOKEN")
if [[ ${#keys[@]} -gt 0 ]]; then
  kubectl -n "$namespace" create secret generic provider-keys "${keys[@]}" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
else
  echo "No provider key in the environment: Secret provider-keys left as it is (the offline director and local renderer run without it)." >&2
fi

step "Pub/Sub topics and subscriptions, created upfront (aiprod topology --apply)"
dotnet run --project "$root/src/Cli" -c Release -- topology --project "$project" --prefix "$prefix" --apply

step "Static IP aiprod-gateway for the load balancer"
gc compute addresses describe aiprod-gateway --global >/dev/null 2>&1 || gc compute addresses create aiprod-gateway --global

step "Manifests: k8s/overlays/gke"
manifests="$(kubectl kustomize "$root/k8s/overlays/gke" | sed \
  -e "s|your-region-docker.pkg.dev/your-project-id/aiprod|$registry|g" \
  -e "s|your-project-id|$project|g" -e "s|your-assets-bucket|$bucket|g" \
  -e "s|your-image-tag|$tag|g" -e "s|aiprod\.example\.com|$host|g")"
if grep -qE 'your-(project-id|region|assets-bucket|image-tag)|aiprod\.example\.com' <<<"$manifests"; then
  echo "A placeholder is left in the rendered manifests; not applying." >&2
  exit 1
fi
kubectl apply -f - <<<"$manifests"
for role in gateway orchestrator creative-worker financial-worker delivery-worker; do
  kubectl -n "$namespace" rollout status "deployment/$role" --timeout 10m
done

cat >&2 <<MSG

AiProd is deployed. Point $host at $(gc compute addresses describe aiprod-gateway --global --format 'value(address)');
the managed certificate becomes Active once DNS resolves (kubectl -n $namespace describe managedcertificate gateway).
render-worker and qa-worker start at zero replicas and wake on their first message.
MSG
