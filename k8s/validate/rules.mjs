// What the schemas and the TypeScript interfaces cannot see: KEDA trigger metadata (a free string map in the CRD),
// enum values typed as plain strings, and the references between the documents of one rendered bundle.

/** KEDA trigger types we use or document, with the metadata keys each takes (keda.sh/docs/scalers). */
const TRIGGERS = {
  prometheus: {
    required: ["serverAddress", "query", "threshold"],
    optional: ["activationThreshold", "namespace", "customHeaders", "ignoreNullValues", "queryParameters", "unsafeSsl", "timeout", "authModes"],
    numbers: ["threshold", "activationThreshold", "timeout"],
    booleans: ["ignoreNullValues", "unsafeSsl"],
  },
  "gcp-pubsub": {
    oneOf: ["subscriptionName", "subscriptionNameFromEnv", "topicName", "topicNameFromEnv"],
    optional: ["mode", "value", "activationValue", "aggregation", "timeHorizon", "valueIfNull", "credentialsFromEnv", "credentialsFromEnvFile"],
    numbers: ["value", "activationValue", "valueIfNull"],
    enums: { mode: ["SubscriptionSize", "OldestUnackedMessageAge", "MessageCount"] },
  },
  cpu: { required: ["value"], optional: ["containerName"], numbers: ["value"] },
  memory: { required: ["value"], optional: ["containerName"], numbers: ["value"] },
  cron: { required: ["timezone", "start", "end", "desiredReplicas"], optional: [], numbers: ["desiredReplicas"] },
};

const ENUMS = {
  metricTarget: ["Utilization", "Value", "AverageValue"],
  hpaMetric: ["Resource", "Pods", "Object", "External", "ContainerResource"],
  pullPolicy: ["Always", "IfNotPresent", "Never"],
  serviceType: ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
  protocol: ["TCP", "UDP", "SCTP"],
  podIdentity: ["none", "azure-workload", "aws", "aws-eks", "gcp"],
  policyType: ["Ingress", "Egress"],
  pathType: ["Exact", "Prefix", "ImplementationSpecific"],
};

export function checkRules(documents) {
  const problems = [];
  const report = (d, message) => problems.push({ ...d, message });
  const all = documents.filter((d) => d.body && typeof d.body === "object");
  const byKind = (kind) => all.filter((d) => d.body.kind === kind);
  const named = (kind, name, namespace) =>
    byKind(kind).find((d) => d.body.metadata?.name === name && (d.body.metadata?.namespace ?? "") === (namespace ?? ""));
  const ns = (d) => d.body.metadata?.namespace ?? "";

  const seen = new Map();
  for (const d of all) {
    const key = `${d.body.apiVersion}/${d.body.kind}/${ns(d)}/${d.body.metadata?.name}`;
    if (seen.has(key)) report(d, `a second ${d.body.kind} named ${d.body.metadata?.name}`);
    seen.set(key, d);
  }

  const autoscaled = new Set();
  for (const d of byKind("ScaledObject")) {
    const spec = d.body.spec ?? {};
    const target = spec.scaleTargetRef ?? {};
    const kind = target.kind ?? "Deployment";
    if (!named(kind, target.name, ns(d))) report(d, `scaleTargetRef names ${kind} ${target.name}, which is not in the bundle`);
    const key = `${kind}/${ns(d)}/${target.name}`;
    if (autoscaled.has(key)) report(d, `${kind} ${target.name} already has an autoscaler: one ScaledObject or HPA per workload`);
    autoscaled.add(key);
    if (spec.minReplicaCount !== undefined && spec.maxReplicaCount !== undefined && spec.minReplicaCount > spec.maxReplicaCount)
      report(d, `minReplicaCount ${spec.minReplicaCount} is above maxReplicaCount ${spec.maxReplicaCount}`);
    for (const [i, trigger] of (spec.triggers ?? []).entries()) checkTrigger(d, i, trigger);
  }

  function checkTrigger(d, i, trigger) {
    const where = `triggers[${i}] (${trigger.type})`;
    const spec = TRIGGERS[trigger.type];
    if (!spec) return report(d, `${where}: unknown trigger type; known here: ${Object.keys(TRIGGERS).join(", ")}`);
    const metadata = trigger.metadata ?? {};
    const allowed = new Set([...(spec.required ?? []), ...(spec.optional ?? []), ...(spec.oneOf ?? [])]);
    for (const key of Object.keys(metadata))
      if (!allowed.has(key)) report(d, `${where}: unknown metadata key '${key}'; ${trigger.type} takes ${[...allowed].join(", ")}`);
    for (const key of spec.required ?? [])
      if (metadata[key] === undefined || metadata[key] === "") report(d, `${where}: metadata '${key}' is required`);
    if (spec.oneOf && !spec.oneOf.some((k) => metadata[k]))
      report(d, `${where}: metadata needs one of ${spec.oneOf.join(", ")}`);
    for (const key of spec.numbers ?? [])
      if (metadata[key] !== undefined && !/^-?\d+(\.\d+)?$/.test(String(metadata[key])))
        report(d, `${where}: metadata '${key}' must be a number, not '${metadata[key]}'`);
    for (const key of spec.booleans ?? [])
      if (metadata[key] !== undefined && !/^(true|false)$/.test(String(metadata[key])))
        report(d, `${where}: metadata '${key}' must be true or false, not '${metadata[key]}'`);
    for (const [key, values] of Object.entries(spec.enums ?? {}))
      if (metadata[key] !== undefined && !values.includes(metadata[key]))
        report(d, `${where}: metadata '${key}' must be one of ${values.join(", ")}, not '${metadata[key]}'`);
    if (trigger.metricType !== undefined && !ENUMS.metricTarget.includes(trigger.metricType))
      report(d, `${where}: metricType must be one of ${ENUMS.metricTarget.join(", ")}`);
    const auth = trigger.authenticationRef;
    if (auth) {
      const kind = auth.kind ?? "TriggerAuthentication";
      const found = kind === "ClusterTriggerAuthentication" ? named(kind, auth.name, "") : named(kind, auth.name, ns(d));
      if (!found) report(d, `${where}: authenticationRef names ${kind} ${auth.name}, which is not in the bundle`);
    }
  }

  for (const d of byKind("TriggerAuthentication").concat(byKind("ClusterTriggerAuthentication"))) {
    const provider = d.body.spec?.podIdentity?.provider;
    if (provider !== undefined && !ENUMS.podIdentity.includes(provider))
      report(d, `podIdentity.provider must be one of ${ENUMS.podIdentity.join(", ")}, not '${provider}'`);
  }

  for (const d of byKind("HorizontalPodAutoscaler")) {
    const spec = d.body.spec ?? {};
    const target = spec.scaleTargetRef ?? {};
    if (!named(target.kind, target.name, ns(d))) report(d, `scaleTargetRef names ${target.kind} ${target.name}, which is not in the bundle`);
    const key = `${target.kind}/${ns(d)}/${target.name}`;
    if (autoscaled.has(key)) report(d, `${target.kind} ${target.name} is also the target of a ScaledObject (KEDA makes its own HPA)`);
    autoscaled.add(key);
    for (const [i, metric] of (spec.metrics ?? []).entries()) {
      if (!ENUMS.hpaMetric.includes(metric.type)) report(d, `metrics[${i}].type must be one of ${ENUMS.hpaMetric.join(", ")}, not '${metric.type}'`);
      const source = metric.resource ?? metric.pods ?? metric.object ?? metric.external ?? metric.containerResource;
      const type = source?.target?.type;
      if (type !== undefined && !ENUMS.metricTarget.includes(type))
        report(d, `metrics[${i}] target.type must be one of ${ENUMS.metricTarget.join(", ")}, not '${type}'`);
    }
  }

  const workloads = byKind("Deployment").concat(byKind("StatefulSet"));
  for (const d of workloads) {
    const spec = d.body.spec ?? {};
    const template = spec.template ?? {};
    const labels = template.metadata?.labels ?? {};
    if (!matches(spec.selector, labels)) report(d, "spec.selector does not match the pod template's labels");
    if (autoscaled.has(`${d.body.kind}/${ns(d)}/${d.body.metadata?.name}`) && spec.replicas !== undefined)
      report(d, "sets spec.replicas although an autoscaler owns its replica count (every apply would reset it)");
    const pod = template.spec ?? {};
    if (pod.serviceAccountName && !named("ServiceAccount", pod.serviceAccountName, ns(d)))
      report(d, `serviceAccountName ${pod.serviceAccountName} is not in the bundle`);
    for (const volume of pod.volumes ?? []) {
      if (volume.configMap && !named("ConfigMap", volume.configMap.name, ns(d)) && !volume.configMap.optional)
        report(d, `volume ${volume.name}: ConfigMap ${volume.configMap.name} is not in the bundle`);
    }
    const volumeNames = new Set((pod.volumes ?? []).map((v) => v.name));
    for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const where = `container ${container.name}`;
      if (container.imagePullPolicy !== undefined && !ENUMS.pullPolicy.includes(container.imagePullPolicy))
        report(d, `${where}: imagePullPolicy must be one of ${ENUMS.pullPolicy.join(", ")}`);
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !from.configMapRef.optional && !named("ConfigMap", from.configMapRef.name, ns(d)))
          report(d, `${where}: envFrom ConfigMap ${from.configMapRef.name} is not in the bundle`);
        if (from.secretRef) report(d, `${where}: envFrom a Secret hides which keys it sets; name each key with env[].valueFrom.secretKeyRef`);
      }
      for (const env of container.env ?? []) {
        const cm = env.valueFrom?.configMapKeyRef;
        if (cm && !cm.optional && named("ConfigMap", cm.name, ns(d))?.body.data?.[cm.key] === undefined)
          report(d, `${where}: env ${env.name} reads key ${cm.key} of ConfigMap ${cm.name}, which is not in the bundle`);
        const secret = env.valueFrom?.secretKeyRef;
        if (secret && !secret.optional && !named("Secret", secret.name, ns(d)))
          report(d, `${where}: env ${env.name} needs Secret ${secret.name}, which is not in the bundle: mark it optional or add it`);
      }
      for (const mount of container.volumeMounts ?? [])
        if (!volumeNames.has(mount.name)) report(d, `${where}: volumeMount ${mount.name} names no volume of the pod`);
      const ports = new Set((container.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
      for (const [probeName, probe] of Object.entries({ livenessProbe: container.livenessProbe, readinessProbe: container.readinessProbe, startupProbe: container.startupProbe })) {
        const port = probe?.httpGet?.port;
        if (port !== undefined && !ports.has(port)) report(d, `${where}: ${probeName} port ${port} is not a port of the container`);
      }
      for (const p of container.ports ?? [])
        if (p.protocol !== undefined && !ENUMS.protocol.includes(p.protocol)) report(d, `${where}: port protocol must be one of ${ENUMS.protocol.join(", ")}`);
      checkResources(d, where, container.resources);
    }
  }

  function checkResources(d, where, resources) {
    for (const resource of ["cpu", "memory"]) {
      const request = resources?.requests?.[resource];
      const limit = resources?.limits?.[resource];
      if (request === undefined || limit === undefined) {
        report(d, `${where}: resources.requests and resources.limits must both set ${resource}`);
        continue;
      }
      const [r, l] = [quantity(request), quantity(limit)];
      if (Number.isNaN(r) || Number.isNaN(l)) report(d, `${where}: ${resource} quantity not understood (${request}, ${limit})`);
      else if (r > l) report(d, `${where}: ${resource} request ${request} is above its limit ${limit}`);
    }
  }

  const podsOf = (d, selector) => workloads.filter((w) => ns(w) === ns(d) && matchesLabels(selector, w.body.spec?.template?.metadata?.labels ?? {}));
  for (const d of byKind("Service")) {
    const spec = d.body.spec ?? {};
    if (spec.type !== undefined && !ENUMS.serviceType.includes(spec.type)) report(d, `spec.type must be one of ${ENUMS.serviceType.join(", ")}`);
    if (!spec.selector) continue;
    const pods = podsOf(d, spec.selector);
    if (pods.length === 0) {
      report(d, "spec.selector matches no Deployment's pods");
      continue;
    }
    const ports = new Set(pods.flatMap((w) => (w.body.spec.template.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).flatMap((p) => [p.name, p.containerPort]))));
    for (const p of spec.ports ?? [])
      if (p.targetPort !== undefined && !ports.has(p.targetPort)) report(d, `port ${p.name ?? p.port}: targetPort ${p.targetPort} is not a port of the selected pods`);
  }

  for (const d of byKind("Ingress")) {
    const backends = [d.body.spec?.defaultBackend, ...(d.body.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))].filter(Boolean);
    for (const path of (d.body.spec?.rules ?? []).flatMap((r) => r.http?.paths ?? []))
      if (!ENUMS.pathType.includes(path.pathType)) report(d, `path ${path.path}: pathType must be one of ${ENUMS.pathType.join(", ")}`);
    for (const backend of backends) {
      const service = backend.service;
      if (!service) continue;
      const found = named("Service", service.name, ns(d));
      if (!found) {
        report(d, `backend Service ${service.name} is not in the bundle`);
        continue;
      }
      const ok = (found.body.spec?.ports ?? []).some((p) => p.name === service.port?.name || p.port === service.port?.number);
      if (!ok) report(d, `backend Service ${service.name} has no port ${service.port?.name ?? service.port?.number}`);
    }
  }

  for (const d of byKind("PodDisruptionBudget")) {
    const spec = d.body.spec ?? {};
    if ((spec.minAvailable === undefined) === (spec.maxUnavailable === undefined))
      report(d, "set exactly one of minAvailable and maxUnavailable");
    if (podsOf(d, spec.selector?.matchLabels ?? {}).length === 0) report(d, "spec.selector matches no Deployment's pods");
  }

  for (const d of byKind("NetworkPolicy")) {
    for (const type of d.body.spec?.policyTypes ?? [])
      if (!ENUMS.policyType.includes(type)) report(d, `policyTypes must be Ingress or Egress, not '${type}'`);
    const selector = d.body.spec?.podSelector?.matchLabels;
    if (selector && Object.keys(selector).length > 0 && podsOf(d, selector).length === 0) report(d, "spec.podSelector matches no Deployment's pods");
  }

  for (const d of byKind("ServiceAccount")) {
    const account = d.body.metadata?.annotations?.["iam.gke.io/gcp-service-account"];
    if (account !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[A-Za-z0-9_.-]+\.iam\.gserviceaccount\.com$/.test(account))
      report(d, `iam.gke.io/gcp-service-account must be a Google service account's e-mail (name@project.iam.gserviceaccount.com), not '${account}'`);
  }

  return problems;
}

function matches(selector, labels) {
  if (!selector) return false;
  return matchesLabels(selector.matchLabels ?? {}, labels) && (selector.matchExpressions ?? []).length === 0;
}

function matchesLabels(wanted, labels) {
  const entries = Object.entries(wanted ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** A Kubernetes quantity ("250m", "1", "192Mi", "2Gi", "1e3") as a number, NaN when not understood. */
export function quantity(text) {
  const m = /^([0-9.]+(?:e[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(text));
  if (!m) return NaN;
  const scale = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }[m[2]] ?? 1;
  return Number(m[1]) * scale;
}
