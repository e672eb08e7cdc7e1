# Sourced by the bench scripts that start vid-raw, edges, the broker, vid-metadata or the cache index:
# their credentials, as `cdn up` makes them (docs/security.md). Every service refuses to start
# without a certificate, a key, the CA and the operator keys; vid-raw's HTTP, the index's HTTP and
# every control listener are HTTPS with mutual TLS, and their routes (/metrics, /status,
# /internal/...) want an operator's bearer token. Viewer listeners (what wrk loads) stay plain HTTP.
#
#   source "$repo/bench/credentials.sh"
#   bench_secrets DIR CLASSPATH ROLE/SITE/NAME...   # `cdn secrets` into DIR; sets SECRETS, ADMIN_TOKEN
#   "$JAVA" ... $(security NAME) ...                # the -Dsecurity.* options of service NAME
#   control_get URL                                 # an admin's GET on a control listener (body on stdout)
#   control_post URL JSON                           # an admin's POST of a JSON body
#   await_http URL WHAT                             # until URL answers 2xx (https: trusting the CA)
# CLASSPATH must hold the cli (org.telcocdn.cli.Cdn) and its dependencies.

bench_secrets() { # dir classpath service-spec...
  SECRETS="$1"
  local cp="$2" args=() spec
  shift 2
  for spec in "$@"; do args+=(--service "$spec"); done
  "$JAVA" -DCDN_LOG_LEVEL=WARN -cp "$cp" org.telcocdn.cli.Cdn secrets --dir "$SECRETS" "${args[@]}" >/dev/null
  ADMIN_TOKEN="$(cat "$SECRETS/operator.token")"
}

security() { # service name: its -Dsecurity.* options (the audit log beside the secrets)
  echo "-Dsecurity.tls.cert=$SECRETS/services/$1.pem -Dsecurity.tls.key=$SECRETS/services/$1.key" \
    "-Dsecurity.tls.ca=$SECRETS/ca.pem -Dsecurity.operator-keys=$SECRETS/operator-keys.json" \
    "-Dsecurity.audit-log.dir=$SECRETS-audit"
}

control_get() { # url; CONTROL_MAX_TIME (seconds, default 10) bounds the call
  curl -fsS --max-time "${CONTROL_MAX_TIME:-10}" --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $ADMIN_TOKEN" "$1"
}

control_post() { # url json
  curl -fsS --max-time 10 --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data "$2" "$1"
}

await_http() { # url what: /health is open on both listeners; https ones are checked against the CA
  local _
  for _ in $(seq 600); do
    curl -fsS -o /dev/null --max-time 1 --cacert "$SECRETS/ca.pem" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$2 did not come up at $1" >&2
  exit 1
}
