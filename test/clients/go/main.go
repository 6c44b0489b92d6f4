// The official Go client's typed API (go-elasticsearch v9; built for v8 from the same source with the import
// paths rewritten, see test/e2e/clients.test.ts) against the gateway. Runs the steps of test/clients/README.md
// and prints one JSON object {client, steps} on stdout.
// Env: PROBE_URL, PROBE_CA (optional), PROBE_ADMIN_USER, PROBE_ADMIN_PASSWORD, PROBE_PREFIX.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	elasticsearch "github.com/elastic/go-elasticsearch/v9"
	"github.com/elastic/go-elasticsearch/v9/typedapi/indices/create"
	"github.com/elastic/go-elasticsearch/v9/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v9/typedapi/security/createapikey"
	"github.com/elastic/go-elasticsearch/v9/typedapi/security/gettoken"
	"github.com/elastic/go-elasticsearch/v9/typedapi/security/hasprivileges"
	"github.com/elastic/go-elasticsearch/v9/typedapi/security/invalidateapikey"
	"github.com/elastic/go-elasticsearch/v9/typedapi/security/putrole"
	"github.com/elastic/go-elasticsearch/v9/typedapi/security/putuser"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types/enums/accesstokengranttype"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types/enums/clusterprivilege"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types/enums/indexprivilege"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types/enums/refresh"
)

type result = map[string]any

var (
	ctx   = context.Background()
	p     = os.Getenv("PROBE_PREFIX")
	steps = map[string]any{}
	ca    []byte
)

const password = "probe-user-password"

func client(cfg elasticsearch.Config) *elasticsearch.TypedClient {
	cfg.Addresses = []string{os.Getenv("PROBE_URL")}
	cfg.CACert = ca
	c, err := elasticsearch.NewTypedClient(cfg)
	if err != nil {
		panic(err)
	}
	return c
}

func step(name string, fn func() (any, error)) {
	defer func() { // a step that needs an earlier one's result (an API key, a token) fails alone
		if r := recover(); r != nil {
			steps[name] = result{"error": result{"class": "panic", "message": fmt.Sprint(r)}}
		}
	}()
	out, err := fn()
	var esErr *types.ElasticsearchError
	switch {
	case errors.As(err, &esErr):
		reason := ""
		if esErr.ErrorCause.Reason != nil {
			reason = *esErr.ErrorCause.Reason
		}
		steps[name] = result{"error": result{"class": fmt.Sprintf("%T", err), "status": esErr.Status, "type": esErr.ErrorCause.Type, "reason": reason}}
	case err != nil: // a client-side failure (decoding, transport): the class and message say what broke
		steps[name] = result{"error": result{"class": fmt.Sprintf("%T", err), "message": err.Error()}}
	default:
		steps[name] = out
	}
}

func authenticate(c *elasticsearch.TypedClient) (any, error) {
	r, err := c.Security.Authenticate().Do(ctx)
	if err != nil {
		return nil, err
	}
	out := result{"username": r.Username, "roles": r.Roles, "authentication_type": r.AuthenticationType}
	if r.ApiKey != nil {
		out["api_key"] = result{"id": r.ApiKey.Id, "name": r.ApiKey.Name}
	}
	return out, nil
}

func main() {
	var err error
	if path := os.Getenv("PROBE_CA"); path != "" { // unset: plain http
		if ca, err = os.ReadFile(path); err != nil {
			panic(err)
		}
	}
	user, role, index := p+"-user", p+"-role", p+"-docs"
	admin := client(elasticsearch.Config{Username: os.Getenv("PROBE_ADMIN_USER"), Password: os.Getenv("PROBE_ADMIN_PASSWORD")})
	owner := client(elasticsearch.Config{Username: user, Password: password})
	var key *createapikey.Response
	var token string
	keyClient := func() *elasticsearch.TypedClient { return client(elasticsearch.Config{APIKey: key.Encoded}) }
	apiKeyRecord := func(c *elasticsearch.TypedClient, owned bool) (any, error) {
		req := c.Security.GetApiKey().Id(key.Id)
		if owned {
			req = req.Owner(true)
		}
		r, err := req.Do(ctx)
		if err != nil {
			return nil, err
		}
		keys := []result{}
		for _, k := range r.ApiKeys {
			keys = append(keys, result{"id": k.Id, "name": k.Name, "username": k.Username, "invalidated": k.Invalidated})
		}
		return result{"count": len(r.ApiKeys), "keys": keys}, nil
	}

	step("info", func() (any, error) {
		r, err := admin.Info().Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"number": r.Version.Int, "build_flavor": r.Version.BuildFlavor, "tagline": r.Tagline}, nil
	})
	step("authenticate_basic", func() (any, error) { return authenticate(admin) })
	step("put_role", func() (any, error) {
		r, err := admin.Security.PutRole(role).Request(&putrole.Request{
			Cluster: []clusterprivilege.ClusterPrivilege{clusterprivilege.Monitor, clusterprivilege.Manageownapikey},
			Indices: []types.IndicesPrivileges{{Names: []string{p + "-*"}, Privileges: []indexprivilege.IndexPrivilege{
				indexprivilege.Read, indexprivilege.Write, indexprivilege.Createindex, indexprivilege.Viewindexmetadata}}},
		}).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"created": r.Role.Created}, nil
	})
	step("put_user", func() (any, error) {
		pw, name := password, "Probe User"
		r, err := admin.Security.PutUser(user).Request(&putuser.Request{Password: &pw, Roles: []string{role}, FullName: &name}).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"created": r.Created}, nil
	})
	step("get_user", func() (any, error) {
		r, err := admin.Security.GetUser().Username(user).Do(ctx)
		if err != nil {
			return nil, err
		}
		u := r[user]
		return result{"username": u.Username, "roles": u.Roles, "full_name": u.FullName, "enabled": u.Enabled}, nil
	})
	step("authenticate_user", func() (any, error) { return authenticate(owner) })
	step("create_api_key", func() (any, error) {
		name := p + "-key"
		r, err := owner.Security.CreateApiKey().Request(&createapikey.Request{Name: &name}).Do(ctx)
		if err != nil {
			return nil, err
		}
		key = r
		return result{"id": r.Id, "name": r.Name, "encoded_present": r.Encoded != ""}, nil
	})
	step("authenticate_api_key", func() (any, error) { return authenticate(keyClient()) })
	step("get_api_key_owner", func() (any, error) { return apiKeyRecord(owner, true) })
	step("get_api_key_self", func() (any, error) { return apiKeyRecord(keyClient(), false) })
	step("get_token", func() (any, error) {
		pw, u := password, user
		r, err := admin.Security.GetToken().Request(&gettoken.Request{GrantType: &accesstokengranttype.Password, Username: &u, Password: &pw}).Do(ctx)
		if err != nil {
			return nil, err
		}
		token = r.AccessToken
		return result{"type": r.Type, "access_token_present": r.AccessToken != "", "refresh_token_present": r.RefreshToken != nil && *r.RefreshToken != "", "username": r.Authentication.Username}, nil
	})
	step("authenticate_token", func() (any, error) { return authenticate(client(elasticsearch.Config{ServiceToken: token})) })
	step("create_index", func() (any, error) {
		r, err := owner.Indices.Create(index).Request(&create.Request{Mappings: &types.TypeMapping{Properties: map[string]types.Property{"n": types.NewLongNumberProperty()}}}).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"acknowledged": r.Acknowledged, "index": r.Index}, nil
	})
	step("index", func() (any, error) {
		r, err := owner.Index(index).Id("1").Document(map[string]int{"n": 1}).Refresh(refresh.True).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"result": r.Result.String(), "id": r.Id_}, nil
	})
	step("bulk", func() (any, error) {
		b := owner.Bulk().Refresh(refresh.True)
		id2, id3 := "2", "3"
		if err := b.IndexOp(types.IndexOperation{Index_: &index, Id_: &id2}, map[string]int{"n": 2}); err != nil {
			return nil, err
		}
		if err := b.CreateOp(types.CreateOperation{Index_: &index, Id_: &id3}, map[string]int{"n": 3}); err != nil {
			return nil, err
		}
		r, err := b.Do(ctx)
		if err != nil {
			return nil, err
		}
		results := []string{}
		for _, item := range r.Items {
			for _, i := range item {
				results = append(results, *i.Result)
			}
		}
		return result{"errors": r.Errors, "results": results}, nil
	})
	step("search", func() (any, error) {
		r, err := owner.Search().Index(index).Request(&search.Request{Query: &types.Query{MatchAll: &types.MatchAllQuery{}}, Sort: []types.SortCombinations{"n"}}).Do(ctx)
		if err != nil {
			return nil, err
		}
		ids := []string{}
		for _, h := range r.Hits.Hits {
			ids = append(ids, *h.Id_)
		}
		return result{"total": r.Hits.Total.Value, "ids": ids}, nil
	})
	step("has_privileges", func() (any, error) {
		r, err := owner.Security.HasPrivileges().Request(&hasprivileges.Request{
			Cluster: []clusterprivilege.ClusterPrivilege{clusterprivilege.Monitor, clusterprivilege.Managesecurity},
			Index:   []types.IndexPrivilegesCheck{{Names: []string{index}, Privileges: []indexprivilege.IndexPrivilege{indexprivilege.Read, indexprivilege.Deleteindex}}},
		}).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"username": r.Username, "has_all_requested": r.HasAllRequested, "cluster": r.Cluster, "index": r.Index}, nil
	})
	step("error_401", func() (any, error) {
		return authenticate(client(elasticsearch.Config{Username: user, Password: "a-wrong-password"}))
	})
	step("error_403", func() (any, error) {
		pw := password
		return owner.Security.PutUser(p + "-other").Request(&putuser.Request{Password: &pw, Roles: []string{role}}).Do(ctx)
	})
	step("invalidate_api_key", func() (any, error) {
		yes := true
		r, err := owner.Security.InvalidateApiKey().Request(&invalidateapikey.Request{Ids: []string{key.Id}, Owner: &yes}).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"invalidated": r.InvalidatedApiKeys, "error_count": r.ErrorCount}, nil
	})
	step("authenticate_invalidated_key", func() (any, error) { return authenticate(keyClient()) })
	step("cleanup", func() (any, error) {
		i, err := admin.Indices.Delete(index).Do(ctx)
		if err != nil {
			return nil, err
		}
		u, err := admin.Security.DeleteUser(user).Do(ctx)
		if err != nil {
			return nil, err
		}
		r, err := admin.Security.DeleteRole(role).Do(ctx)
		if err != nil {
			return nil, err
		}
		return result{"index": i.Acknowledged, "user": u.Found, "role": r.Found}, nil
	})

	out, _ := json.Marshal(result{"client": "go go-elasticsearch " + elasticsearch.Version, "steps": steps})
	fmt.Println(string(out))
}
