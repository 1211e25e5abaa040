vcl 4.1;
# E-GoverNet's front cache: Debian's varnish (7.x) + varnish-modules (vmod xkey).
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,256m
#
# The app decides what may be kept and for how long (cms/caching/pages.py):
# only answers with `Cache-Control: public, …, s-maxage=N` are cached, for N
# seconds at most (never past the next go-live/expiry moment); everything else
# passes. Its `xkey` header names the answer's surrogate keys (cms/caching/keys.py);
# on every content change the app sends
#
#   PURGE /  with  xkey-purge: <keys>  and  Host: <its SITE_BASE_URL host>
#
# (FRONTEND_CACHE_PURGE_URL=http://<this varnish>/), which drops exactly the
# objects carrying those keys. Edit the backend and the purgers ACL below.

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header missing"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed in, a view-restriction password, an API token, a message, a
    # dismissed alert: answers made for this visitor are never cached.
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        # The CSRF cookie alone changes no answer (a page that prints a token
        # sets a cookie and so is never cached); any other cookie passes.
        set req.http.X-Other-Cookies = regsuball(req.http.Cookie, "(^|;\s*)csrftoken=[^;]*", "");
        set req.http.X-Other-Cookies = regsuball(req.http.X-Other-Cookies, "^[;\s]+|[;\s]+$", "");
        if (req.http.X-Other-Cookies != "") {
            unset req.http.X-Other-Cookies;
            return (pass);
        }
        unset req.http.X-Other-Cookies;
        unset req.http.Cookie;
    }
    # Never cached by the app either (same list as PAGE_CACHE_EXCLUDED_PATHS).
    if (req.url ~ "^/(admin|django-admin|documents|media|static)/" || req.url ~ "^/healthz"
        || req.url ~ "^/api/v2/page_preview/" || req.url ~ "/_util/") {
        return (pass);
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # Views negotiate only these formats; any other Accept gets the default
    # answer, so it needs no key of its own (cms.caching.pages.cache_key).
    if (req.http.Accept ~ "application/ld\+json|text/turtle|application/rdf\+xml|application/json") {
        hash_data(req.http.Accept);
    }
    # Unprefixed paths (the APIs) answer in the Accept-Language language: they
    # send Vary: Accept-Language, which Varnish honours on its own.
    return (lookup);
}

sub vcl_backend_response {
    # Only what the app marks shareable, for as long as it says (s-maxage).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)"
        || beresp.http.Cache-Control !~ "s-maxage=[0-9]+"
        || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # No grace: a stale object is never served while a fresh one is fetched.
    set beresp.grace = 0s;
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
    # The keys are for this cache only.
    unset resp.http.xkey;
    return (deliver);
}
