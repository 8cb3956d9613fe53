#!/usr/bin/env python3
"""Checks the Kubernetes manifests in deploy/ without a cluster.

Every file parses as YAML; every resource kustomization.yaml lists exists
and has apiVersion, kind and metadata.name; selectors match the pod labels;
probes hit /readyz and /healthz on the named port; the HPA and PDB point at
the Deployment; the snapshot volume is shared by the Job and the replicas;
the Ingress routes to the Service's named port and does not expose
/metrics; the NetworkPolicy selects the pods, admits only listed peers on
the named port, and the ConfigMap's `trusted_proxies` is set (the header
it trusts is only safe with the policy in place).
With --json it prints every document as one JSON list (the integration test
`tests/it/replicas.rs` then checks the ConfigMap's config.toml loads and
every container's args parse as an oppepala command line).
Needs PyYAML (`apt-get install python3-yaml` or `pip install pyyaml`).
"""
import json
import pathlib
import sys
import tomllib

import yaml

HERE = pathlib.Path(__file__).resolve().parent


def fail(message):
    print(f"deploy: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    kustomization = yaml.safe_load((HERE / "kustomization.yaml").read_text())
    docs = []
    for name in kustomization["resources"]:
        path = HERE / name
        if not path.is_file():
            fail(f"{name} is listed in kustomization.yaml but missing")
        for doc in yaml.safe_load_all(path.read_text()):
            if doc is None:
                continue
            for key in ("apiVersion", "kind", "metadata"):
                if key not in doc:
                    fail(f"{name}: a document has no {key}")
            if not doc["metadata"].get("name"):
                fail(f"{name}: a {doc['kind']} has no metadata.name")
            doc["__file"] = name
            docs.append(doc)
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)
    for kind in ("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                 "ConfigMap", "Job", "PersistentVolumeClaim", "Ingress", "NetworkPolicy"):
        if kind not in by_kind:
            fail(f"no {kind}")
    deployment = by_kind["Deployment"][0]
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]

    def matches(selector, what):
        if not selector or any(labels.get(k) != v for k, v in selector.items()):
            fail(f"{what} selector {selector} does not match the pod labels {labels}")

    matches(deployment["spec"]["selector"]["matchLabels"], "Deployment")
    matches(by_kind["Service"][0]["spec"]["selector"], "Service")
    matches(by_kind["PodDisruptionBudget"][0]["spec"]["selector"]["matchLabels"], "PodDisruptionBudget")
    target = by_kind["HorizontalPodAutoscaler"][0]["spec"]["scaleTargetRef"]
    if (target["kind"], target["name"]) != ("Deployment", deployment["metadata"]["name"]):
        fail(f"the HPA scales {target}, not the Deployment")
    container = pod["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz"), ("startupProbe", "/readyz")):
        get = container.get(probe, {}).get("httpGet")
        if not get or get["path"] != path or get["port"] not in ports:
            fail(f"{probe} must GET {path} on a named container port, is {get}")
    if not container["resources"].get("requests", {}).get("cpu"):
        fail("the HPA needs a CPU request on the container")
    init = pod["spec"].get("initContainers", [])
    if not any(c["args"][:2] == ["index", "import"] for c in init):
        fail("no initContainer imports the snapshot")
    job = by_kind["Job"][0]["spec"]["template"]["spec"]
    job_containers = job.get("initContainers", []) + job["containers"]
    if not any(c["args"][:2] == ["index", "export"] for c in job_containers):
        fail("the Job does not export a snapshot")
    claim = by_kind["PersistentVolumeClaim"][0]["metadata"]["name"]
    for what, spec in (("Deployment", pod["spec"]), ("Job", job)):
        claims = [v["persistentVolumeClaim"]["claimName"] for v in spec["volumes"] if "persistentVolumeClaim" in v]
        if claim not in claims:
            fail(f"the {what} does not mount the snapshot volume {claim}")
    config_maps = {d["metadata"]["name"] for d in by_kind["ConfigMap"]}
    for volume in pod["spec"]["volumes"]:
        if "configMap" in volume and volume["configMap"]["name"] not in config_maps:
            fail(f"volume {volume['name']} names an unknown ConfigMap")
    service = by_kind["Service"][0]
    service_ports = {p["name"] for p in service["spec"]["ports"]}
    ingress = by_kind["Ingress"][0]["spec"]
    paths = [p for rule in ingress["rules"] for p in rule["http"]["paths"]]
    if not paths:
        fail("the Ingress routes nothing")
    for path in paths:
        backend = path["backend"]["service"]
        if backend["name"] != service["metadata"]["name"] or backend["port"].get("name") not in service_ports:
            fail(f"Ingress path {path['path']} goes to {backend}, not a named port of the Service")
        if path["path"] in ("/metrics", "/readyz") or (path["path"] == "/" and path["pathType"] != "Exact"):
            fail(f"Ingress path {path['path']} ({path['pathType']}) exposes /metrics or the probes")
    policy = by_kind["NetworkPolicy"][0]["spec"]
    matches(policy["podSelector"]["matchLabels"], "NetworkPolicy")
    if "Ingress" not in policy.get("policyTypes", []):
        fail("the NetworkPolicy does not restrict ingress")
    for rule in policy.get("ingress", []):
        if not rule.get("from"):
            fail("a NetworkPolicy rule admits every peer (no `from`)")
        if [p.get("port") for p in rule.get("ports", [])] != ["http"] or "http" not in ports:
            fail("a NetworkPolicy rule must admit only the named container port http")
    config = tomllib.loads(by_kind["ConfigMap"][0]["data"]["config.toml"])
    if not config.get("trusted_proxies"):
        fail("the ConfigMap's config.toml sets no trusted_proxies: behind the Ingress every client would share the controller's rate limit")
    if config.get("read_only") is not True:
        fail("the ConfigMap's config.toml must set read_only = true: the replicas' data folder is in the image")
    if "--json" in sys.argv:
        json.dump(docs, sys.stdout)
    else:
        print(f"deploy: {len(docs)} documents in {len(kustomization['resources'])} files are consistent")


main()
