"""The Kubernetes path (Dockerfile, deploy/kubernetes), checked and validated.

(a) Every manifest is read with PyYAML and held to what docs/deploy.md promises:
replicas and an HPA for Rasa, probes, requests and limits (the memory requests
at least the RSS docs/benchmarks.md measured), non-root pods, secrets only
through secretKeyRef / envFrom secretRef, sticky sessions for /socket.io/, and
Rasa started as scripts/run.sh starts it, with the cluster's endpoints (SQL
tracker store, Redis lock store) filled from the pod's environment.
(b) `make deploy-check` runs kubernetes-validate (strict schemas) and checkov
(kubernetes, dockerfile, secrets) offline from .venv-deploy; it must pass.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "kubernetes"
SECRET_TEMPLATE = MANIFESTS / "secret-template" / "clinic-secrets.yaml"
DOCKERFILE = ROOT / "Dockerfile"
NAMESPACE = "harley-spine"
BASE_IMAGE = "python:3.10-slim"
APP_UID = 10001
RASA, ACTIONS, OUTBOX, REDIS = (
    "clinic-rasa",
    "clinic-actions",
    "clinic-outbox",
    "clinic-redis",
)
# Names of variables whose value is a secret: never a literal in a manifest.
SECRET_NAME = re.compile(
    r"TOKEN|PASSWORD|SECRET|AUTH|_SID$|_DB_URL$|SMTP_URL|KEY", re.IGNORECASE
)
PLACEHOLDERS = {"", "REPLACE-ME"}
DEPLOY_CHECK_SECONDS = 1200  # a first run installs .venv-deploy: about 1.5 min here


def documents(path: Path) -> list[dict[str, Any]]:
    """The YAML documents of one file, empty ones left out."""
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def applied_files() -> list[Path]:
    """What `kubectl apply -f deploy/kubernetes/` applies: the top level only."""
    return sorted([*MANIFESTS.glob("*.yaml"), *MANIFESTS.glob("*.yml")])


@pytest.fixture(scope="module")
def objects() -> dict[tuple[str, str], dict[str, Any]]:
    """Every object applied from deploy/kubernetes, by (kind, name)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path in applied_files():
        for doc in documents(path):
            key = (doc["kind"], doc["metadata"]["name"])
            assert key not in found, f"{key} defined twice ({path.name})"
            found[key] = doc
    return found


@pytest.fixture(scope="module")
def secret_keys() -> dict[str, set[str]]:
    """The template's Secrets: name -> keys."""
    return {
        doc["metadata"]["name"]: set(doc.get("stringData") or {})
        for doc in documents(SECRET_TEMPLATE)
    }


def deployments(objects: dict) -> Iterator[dict[str, Any]]:
    return (doc for (kind, _), doc in objects.items() if kind == "Deployment")


def pod_spec(objects: dict, name: str) -> dict[str, Any]:
    return objects[("Deployment", name)]["spec"]["template"]["spec"]


def container(objects: dict, name: str) -> dict[str, Any]:
    (only,) = pod_spec(objects, name)["containers"]
    return only


def quantity(value: str | int) -> float:
    """A Kubernetes quantity ('250m', '1', '576Mi', '2Gi') in cores or bytes."""
    text = str(value)
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
    for suffix, factor in units.items():
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)


def environment_names(objects: dict, spec: dict[str, Any]) -> set[str]:
    """Every variable a container gets from env and from envFrom ConfigMaps."""
    names = {entry["name"] for entry in spec.get("env", [])}
    for source in spec.get("envFrom", []):
        if "configMapRef" in source:
            names |= set(objects[("ConfigMap", source["configMapRef"]["name"])]["data"])
    return names


def test_the_folder_holds_the_expected_objects(objects: dict) -> None:
    expected = {
        ("Namespace", NAMESPACE),
        ("ConfigMap", "clinic-config"),
        ("ConfigMap", "clinic-endpoints"),
        ("Deployment", RASA),
        ("Deployment", ACTIONS),
        ("Deployment", OUTBOX),
        ("Deployment", REDIS),
        ("HorizontalPodAutoscaler", RASA),
        ("Service", RASA),
        ("Service", ACTIONS),
        ("Service", REDIS),
        ("Ingress", "clinic-socketio"),
        ("Ingress", "clinic-webhooks"),
    }
    assert expected <= set(objects)
    for (kind, name), doc in objects.items():
        if kind != "Namespace":
            assert doc["metadata"].get("namespace") == NAMESPACE, (kind, name)


def test_no_secret_is_applied_from_the_folder(objects: dict) -> None:
    # `kubectl apply -f deploy/kubernetes/` must never overwrite the real Secrets
    assert not [key for key in objects if key[0] == "Secret"]


def test_the_secret_template_holds_placeholders_only() -> None:
    for doc in documents(SECRET_TEMPLATE):
        assert doc["kind"] == "Secret"
        assert "data" not in doc, (
            "base64 is not encryption: stringData placeholders only"
        )
        for key, value in doc["stringData"].items():
            assert value in PLACEHOLDERS, (
                f"{doc['metadata']['name']}.{key} holds a value"
            )


def test_rasa_runs_several_replicas_scaled_by_an_hpa(objects: dict) -> None:
    rasa = objects[("Deployment", RASA)]
    hpa = objects[("HorizontalPodAutoscaler", RASA)]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": RASA,
    }
    assert rasa["spec"]["replicas"] >= 2
    assert rasa["spec"]["replicas"] == hpa["spec"]["minReplicas"]
    assert hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert 0 < metric["resource"]["target"]["averageUtilization"] <= 80
    # a rolling update never takes a replica away before its successor answers
    assert rasa["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


def test_the_action_server_listens_on_the_pod_behind_a_private_service(
    objects: dict,
) -> None:
    actions = container(objects, ACTIONS)
    assert actions["command"] == ["python", "-m", "bot.server.actions"]
    assert actions["args"] == ["--host", "0.0.0.0", "--port", "5055"]
    assert objects[("Deployment", ACTIONS)]["spec"]["replicas"] >= 2
    assert objects[("Service", ACTIONS)]["spec"].get("type", "ClusterIP") == "ClusterIP"
    policy = objects[("NetworkPolicy", ACTIONS)]["spec"]
    (rule,) = policy["ingress"]
    assert rule["from"] == [
        {"podSelector": {"matchLabels": {"app.kubernetes.io/name": RASA}}}
    ]


@pytest.mark.parametrize(("name", "path"), [(RASA, "/"), (ACTIONS, "/health")])
def test_servers_have_startup_readiness_and_liveness_probes(
    objects: dict, name: str, path: str
) -> None:
    spec = container(objects, name)
    port = spec["ports"][0]["name"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert spec[probe]["httpGet"] == {"path": path, "port": port}, probe
    # loading the model or warming up may take minutes: the startup probe waits
    startup = spec["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 300


def test_every_pod_runs_as_non_root_with_requests_and_limits(objects: dict) -> None:
    for deployment in deployments(objects):
        name = deployment["metadata"]["name"]
        spec = deployment["spec"]["template"]["spec"]
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True, name
        assert pod["runAsUser"] >= 10000, name
        assert pod["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec["automountServiceAccountToken"] is False, name
        for each in spec["containers"]:
            context = each["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"]["drop"] == ["ALL"], name
            resources = each["resources"]
            for kind in ("cpu", "memory"):
                request = quantity(resources["requests"][kind])
                limit = quantity(resources["limits"][kind])
                assert 0 < request <= limit, (name, kind)


def test_the_apps_uid_is_the_images(objects: dict) -> None:
    for name in (RASA, ACTIONS, OUTBOX):
        assert pod_spec(objects, name)["securityContext"]["runAsUser"] == APP_UID
    assert (
        dockerfile_instructions()[-1 - last_user_index()][1] == f"{APP_UID}:{APP_UID}"
    )


def benchmark_rss_mib(process: str) -> float:
    """Peak RSS of a process from docs/benchmarks.md's memory table, in MiB."""
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    _, found, section = text.partition("### Memory")
    assert found, "docs/benchmarks.md has no '### Memory' section: was it renamed?"
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and cells[0].startswith(process) and len(cells) >= 3:
            return max(float(cell.split()[0]) for cell in cells[1:3])
    pytest.fail(f"no memory row for {process!r} in docs/benchmarks.md: was it renamed?")


@pytest.mark.parametrize(
    ("name", "process"),
    [(RASA, "Rasa serving the clinic assistant"), (ACTIONS, "action server")],
)
def test_memory_requests_cover_the_measured_rss(
    objects: dict, name: str, process: str
) -> None:
    request = quantity(container(objects, name)["resources"]["requests"]["memory"])
    assert request >= benchmark_rss_mib(process) * 2**20, (
        f"{name}'s memory request is below the RSS docs/benchmarks.md measured: "
        "raise it (and its comment)"
    )
    # the manifest says where its numbers come from
    (manifest,) = [
        path
        for path in applied_files()
        if any(doc["metadata"]["name"] == name for doc in documents(path))
        and "kind: Deployment" in path.read_text(encoding="utf-8")
    ]
    assert "docs/benchmarks.md" in manifest.read_text(encoding="utf-8")


def test_secrets_reach_pods_only_through_secret_references(
    objects: dict, secret_keys: dict[str, set[str]]
) -> None:
    for deployment in deployments(objects):
        name = deployment["metadata"]["name"]
        for each in deployment["spec"]["template"]["spec"]["containers"]:
            for entry in each.get("env", []):
                if "value" in entry:
                    assert not SECRET_NAME.search(entry["name"]), (name, entry["name"])
                    continue
                reference = entry["valueFrom"]["secretKeyRef"]
                assert reference["key"] in secret_keys[reference["name"]], (name, entry)
            for source in each.get("envFrom", []):
                assert set(source) <= {"configMapRef", "secretRef"}, (name, source)
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secret_keys, (name, source)
                else:
                    assert ("ConfigMap", source["configMapRef"]["name"]) in objects
    for (kind, name), doc in objects.items():
        if kind == "ConfigMap" and name != "clinic-endpoints":
            assert not [key for key in doc["data"] if SECRET_NAME.search(key)], name


def test_no_literal_looks_like_a_credential() -> None:
    credential = re.compile(
        r"://[^\s:/@]+:[^\s@<>{}$]+@|-----BEGIN|[0-9a-f]{32,}", re.IGNORECASE
    )
    for path in [*applied_files(), SECRET_TEMPLATE, DOCKERFILE]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not credential.search(line), f"{path.name}:{number}: {line.strip()}"


def test_the_socketio_ingress_is_sticky_and_only_the_channels_are_routed(
    objects: dict,
) -> None:
    ingresses = [doc for (kind, _), doc in objects.items() if kind == "Ingress"]
    routed: dict[str, dict[str, Any]] = {}
    for ingress in ingresses:
        assert ingress["spec"]["tls"], "patients' messages only over HTTPS"
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                assert path["backend"]["service"] == {
                    "name": RASA,
                    "port": {"name": "http"},
                }
                routed[path["path"]] = ingress
    # Rasa's HTTP API (/model, /conversations, /status) stays inside the cluster
    assert set(routed) == {"/socket.io/", "/webhooks/"}
    annotations = routed["/socket.io/"]["metadata"]["annotations"]
    sticky = annotations.get("nginx.ingress.kubernetes.io/upstream-hash-by") or (
        annotations.get("nginx.ingress.kubernetes.io/affinity") == "cookie"
    )
    assert sticky, "socket.io's handshake and its later requests must reach one replica"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 60


def rasa_script(objects: dict) -> str:
    rasa = container(objects, RASA)
    assert rasa["command"] == ["/bin/sh", "-c"]
    (script,) = rasa["args"]
    return " ".join(script.replace("\\\n", " ").split())


def test_rasa_starts_as_run_sh_starts_it(objects: dict) -> None:
    script = rasa_script(objects)
    for part in (
        (
            "python -m bot.channels.credentials --base /app/credentials.yml "
            "--out /tmp/clinic/credentials.yml"
        ),
        "exec python -m bot.server.serve run",
        "--model /app/models/current.tar.gz",
        "--interface 0.0.0.0 --port 5005",
        '--enable-api --auth-token "$RASA_API_TOKEN"',
        "--credentials /tmp/clinic/credentials.yml",
        "--endpoints /etc/clinic/endpoints.yml",
        "--cors",
    ):
        assert part in script
    # the credentials' base is the repository's: the guarded REST and socket.io channels
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert {
        "bot.channels.rest.RestInput",
        "bot.channels.socketio.SocketIOInput",
    } <= set(credentials)
    mounts = {m["name"]: m for m in container(objects, RASA)["volumeMounts"]}
    assert mounts["endpoints"]["mountPath"] == "/etc/clinic"
    volumes = {v["name"]: v for v in pod_spec(objects, RASA)["volumes"]}
    assert volumes["endpoints"]["configMap"]["name"] == "clinic-endpoints"
    assert "tmp" in mounts and "emptyDir" in volumes["tmp"]


def endpoints_text(objects: dict) -> str:
    return objects[("ConfigMap", "clinic-endpoints")]["data"]["endpoints.yml"]


def test_the_cluster_endpoints_share_conversations_and_locks(objects: dict) -> None:
    text = endpoints_text(objects)
    # Rasa fills in only a plain ${VAR}: a quoted one would stay as it is
    assert not re.search(r"[\"']\$\{", text)
    endpoints = yaml.safe_load(text)
    assert endpoints["tracker_store"] == {
        "type": "bot.server.tracker_store.ClinicTrackerStore"
    }
    lock = endpoints["lock_store"]
    assert lock["type"] == "redis"
    for key, variable in (
        ("url", "REDIS_HOST"),
        ("port", "REDIS_PORT"),
        ("password", "REDIS_PASSWORD"),
        ("db", "REDIS_DB"),
    ):
        assert lock[key] == f"${{{variable}}}"
    assert endpoints["action_endpoint"] == {
        "url": f"http://{ACTIONS}:5055/webhook",
        "token": "${ACTION_SERVER_TOKEN}",
    }
    # every ${VAR} of the file is in Rasa's environment, and the tracker store's URL too
    rasa = container(objects, RASA)
    given = environment_names(objects, rasa)
    values = yaml.safe_dump(endpoints)  # the values only, not the comments
    assert set(re.findall(r"\$\{(\w+)\}", values)) | {"CONVERSATIONS_DB_URL"} <= given
    secret_refs = {e["name"] for e in rasa["env"] if "valueFrom" in e}
    assert {
        "REDIS_PASSWORD",
        "ACTION_SERVER_TOKEN",
        "CONVERSATIONS_DB_URL",
    } <= secret_refs


def test_rasa_reads_the_cluster_endpoints(
    objects: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.utils import read_endpoints_from_path

    from bot.server.tracker_store import ClinicTrackerStore

    path = tmp_path / "endpoints.yml"
    path.write_text(endpoints_text(objects), encoding="utf-8")
    config = objects[("ConfigMap", "clinic-config")]["data"]
    for name in ("REDIS_HOST", "REDIS_PORT", "REDIS_DB"):
        monkeypatch.setenv(name, config[name])
    monkeypatch.setenv("REDIS_PASSWORD", "not-a-real-password")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "not-a-real-token")
    endpoints = read_endpoints_from_path(path)
    assert endpoints.lock_store.type == "redis"
    assert endpoints.lock_store.url == "clinic-redis"
    assert endpoints.lock_store.kwargs["password"] == "not-a-real-password"
    assert int(endpoints.lock_store.kwargs["port"]) == 6379
    assert endpoints.tracker_store.type == (
        f"{ClinicTrackerStore.__module__}.{ClinicTrackerStore.__name__}"
    )
    assert endpoints.action.token == "not-a-real-token"


# --- Dockerfile -------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        pending += " " + stripped
        if stripped.endswith("\\"):
            pending = pending[:-1]
            continue
        word, _, rest = pending.strip().partition(" ")
        instructions.append((word.upper(), rest.strip()))
        pending = ""
    return instructions


def last_user_index() -> int:
    """Index from the end of the last USER instruction."""
    reversed_words = [word for word, _ in reversed(dockerfile_instructions())]
    return reversed_words.index("USER")


def test_the_image_is_python_310_slim_and_runs_as_a_fixed_non_root_user() -> None:
    instructions = dockerfile_instructions()
    stages: set[str] = set()
    for word, rest in instructions:
        if word == "FROM":
            image, *alias = rest.split()
            assert image == BASE_IMAGE or image in stages, rest
            if alias:
                stages.add(alias[-1])
    users = [rest for word, rest in instructions if word == "USER"]
    assert users, "no USER: the container would run as root"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) >= 10000, "a fixed, numeric, high UID"
    assert any(word == "HEALTHCHECK" for word, _ in instructions)


def test_the_image_installs_the_pins_and_starts_rasa_with_the_endpoints() -> None:
    instructions = dockerfile_instructions()
    runs = " ".join(rest for word, rest in instructions if word == "RUN")
    assert "pip install -r /tmp/requirements.txt" in runs
    assert any(
        word == "COPY" and rest.startswith("requirements.txt ")
        for word, rest in instructions
    )
    (command,) = [rest for word, rest in instructions if word == "CMD"]
    for part in (
        "bot.server.serve run",
        "--model /app/models/current.tar.gz",
        "--endpoints",
        "--credentials",
        "--enable-api",
    ):
        assert part in command
    copies = [rest for word, rest in instructions if word == "COPY"]
    assert "models/current.tar.gz /app/models/current.tar.gz" in copies


def test_no_secret_is_built_into_the_image() -> None:
    for word, rest in dockerfile_instructions():
        if word in {"ENV", "ARG", "LABEL"}:
            names = re.findall(r"(\w+)=", rest) or rest.split()[:1]
            assert not [n for n in names if SECRET_NAME.search(n)], f"{word} {rest}"


def test_the_build_context_leaves_out_local_data() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (
        ".git",
        ".venv",
        "var",
        "*.db",
        "tests",
        "models/*",
        "!models/current.tar.gz",
    ):
        assert entry in ignored, entry


def test_the_deploy_guide_names_every_manifest() -> None:
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for path in [*applied_files(), SECRET_TEMPLATE]:
        assert path.name in guide, path.name


# --- the validators -----------------------------------------------------------


@pytest.mark.timeout(DEPLOY_CHECK_SECONDS)
def test_kubernetes_validate_and_checkov_pass() -> None:
    """`make deploy-check`: creates .venv-deploy if needed, then both tools, offline."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS"}
    }
    try:
        result = subprocess.run(
            ["make", "--no-print-directory", "deploy-check"],
            check=False,
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=DEPLOY_CHECK_SECONDS - 30,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"make deploy-check took over {error.timeout} s")
    output = (result.stdout + result.stderr)[-6000:]
    hint = ""
    if not (ROOT / ".venv-deploy" / ".installed").exists():
        hint = (
            "could not create .venv-deploy from requirements-deploy.txt (is PyPI "
            "reachable? does scripts/find-python310.sh find Python 3.10?); "
        )
    assert result.returncode == 0, (
        f"{hint}make deploy-check exited {result.returncode}:\n{output}"
    )
