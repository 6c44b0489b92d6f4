# The official Python client (elasticsearch 8.x or 9.x, whichever the venv holds) against the gateway.
# Runs the steps of test/clients/README.md and prints one JSON object {client, steps} on stdout.
# Env: PROBE_URL, PROBE_CA (optional), PROBE_ADMIN_USER, PROBE_ADMIN_PASSWORD, PROBE_PREFIX.
import json
import os

import elasticsearch
from elasticsearch import Elasticsearch

URL = os.environ["PROBE_URL"]
CA = os.environ.get("PROBE_CA")  # unset: plain http
ADMIN = (os.environ["PROBE_ADMIN_USER"], os.environ["PROBE_ADMIN_PASSWORD"])
P = os.environ["PROBE_PREFIX"]
USER, PASSWORD, ROLE, INDEX = f"{P}-user", "probe-user-password", f"{P}-role", f"{P}-docs"

steps = {}
clients = []


def client(**auth):
    c = Elasticsearch(URL, **({"ca_certs": CA} if CA else {}), **auth)
    clients.append(c)
    return c


def step(name, fn):
    try:
        steps[name] = fn()
    except elasticsearch.ApiError as e:
        body = e.body if isinstance(e.body, dict) else {}
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        steps[name] = {"error": {"class": type(e).__name__, "status": e.meta.status, "type": error.get("type"), "reason": error.get("reason")}}
    except Exception as e:  # a client-side failure (parsing, transport): the class and message say what broke
        steps[name] = {"error": {"class": type(e).__name__, "message": str(e)[:500]}}


admin = client(basic_auth=ADMIN)
user = client(basic_auth=(USER, PASSWORD))
state = {}


def info():
    r = admin.info()
    return {"number": r["version"]["number"], "build_flavor": r["version"]["build_flavor"], "tagline": r["tagline"]}


def authenticate(c):
    r = c.security.authenticate()
    out = {"username": r["username"], "roles": r["roles"], "authentication_type": r["authentication_type"]}
    if "api_key" in r:
        out["api_key"] = {"id": r["api_key"]["id"], "name": r["api_key"]["name"]}
    return out


def create_api_key():
    r = user.security.create_api_key(name=f"{P}-key")
    state["key"] = r
    return {"id": r["id"], "name": r["name"], "encoded_present": bool(r.get("encoded"))}


def api_key_record(c, **owner):
    r = c.security.get_api_key(id=state["key"]["id"], **owner)
    return {"count": len(r["api_keys"]), "keys": [{"id": k["id"], "name": k["name"], "username": k["username"], "invalidated": k["invalidated"]} for k in r["api_keys"]]}


def get_token():
    r = admin.security.get_token(grant_type="password", username=USER, password=PASSWORD)
    state["token"] = r["access_token"]
    return {"type": r["type"], "access_token_present": bool(r["access_token"]), "refresh_token_present": bool(r.get("refresh_token")), "username": r["authentication"]["username"]}


def has_privileges():
    r = user.security.has_privileges(cluster=["monitor", "manage_security"], index=[{"names": [INDEX], "privileges": ["read", "delete_index"]}])
    return {"username": r["username"], "has_all_requested": r["has_all_requested"], "cluster": r["cluster"], "index": r["index"]}


def bulk():
    ops = [{"index": {"_index": INDEX, "_id": "2"}}, {"n": 2}, {"create": {"_index": INDEX, "_id": "3"}}, {"n": 3}]
    r = user.bulk(operations=ops, refresh=True)
    return {"errors": r["errors"], "results": [next(iter(i.values()))["result"] for i in r["items"]]}


def search():
    r = user.search(index=INDEX, query={"range": {"n": {"gte": 1}}}, sort=[{"n": "asc"}])
    return {"total": r["hits"]["total"]["value"], "ids": [h["_id"] for h in r["hits"]["hits"]]}


def invalidate():
    r = user.security.invalidate_api_key(ids=[state["key"]["id"]], owner=True)
    return {"invalidated": r["invalidated_api_keys"], "error_count": r["error_count"]}


step("info", info)
step("authenticate_basic", lambda: authenticate(admin))
step("put_role", lambda: {"created": admin.security.put_role(name=ROLE, cluster=["monitor", "manage_own_api_key"], indices=[{"names": [f"{P}-*"], "privileges": ["read", "write", "create_index", "view_index_metadata"]}])["role"]["created"]})
step("put_user", lambda: {"created": admin.security.put_user(username=USER, password=PASSWORD, roles=[ROLE], full_name="Probe User")["created"]})
step("get_user", lambda: (lambda u: {"username": u["username"], "roles": u["roles"], "full_name": u["full_name"], "enabled": u["enabled"]})(admin.security.get_user(username=USER)[USER]))
step("authenticate_user", lambda: authenticate(user))
step("create_api_key", create_api_key)
step("authenticate_api_key", lambda: authenticate(client(api_key=state["key"]["encoded"])))
step("get_api_key_owner", lambda: api_key_record(user, owner=True))
step("get_api_key_self", lambda: api_key_record(client(api_key=state["key"]["encoded"])))
step("get_token", get_token)
step("authenticate_token", lambda: authenticate(client(bearer_auth=state["token"])))
step("create_index", lambda: (lambda r: {"acknowledged": r["acknowledged"], "index": r["index"]})(user.indices.create(index=INDEX, mappings={"properties": {"n": {"type": "long"}}})))
step("index", lambda: (lambda r: {"result": r["result"], "id": r["_id"]})(user.index(index=INDEX, id="1", document={"n": 1}, refresh=True)))
step("bulk", bulk)
step("search", search)
step("has_privileges", has_privileges)
step("error_401", lambda: client(basic_auth=(USER, "a-wrong-password")).security.authenticate())
step("error_403", lambda: user.security.put_user(username=f"{P}-other", password="probe-user-password", roles=[ROLE]))
step("invalidate_api_key", invalidate)
step("authenticate_invalidated_key", lambda: authenticate(client(api_key=state["key"]["encoded"])))
step("cleanup", lambda: {
    "index": admin.indices.delete(index=INDEX)["acknowledged"],
    "user": admin.security.delete_user(username=USER)["found"],
    "role": admin.security.delete_role(name=ROLE)["found"],
})

for c in clients:
    c.close()
print(json.dumps({"client": f"python elasticsearch {elasticsearch.__versionstr__}", "steps": steps}))
