"""Walk every route: none may be reached without signing in, except the allow-list."""

import pytest

from fgc.views.auth import PUBLIC_ENDPOINTS

from conftest import make_app

SAMPLE_VALUES = {"integer": 1, "recordid": 1, "float": 1.5, "path": "sample/path"}


def sample_value(kind, converter):
    if kind == "any":
        return sorted(converter.items)[0]
    return SAMPLE_VALUES.get(kind, "sample")


def concrete_urls(app):
    """Every (method, url, endpoint) in the URL map, with sample values for its variables."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            values = {}
            for name, converter in rule._converters.items():
                kind = type(converter).__name__.replace("Converter", "").lower()
                values[name] = sample_value(kind, converter)
            url = app.url_for(rule.endpoint, **values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, url, rule.endpoint


@pytest.fixture
def walk_app(tmp_path):
    # CSRF off, so that what refuses an anonymous POST is the sign-in check itself.
    return make_app(tmp_path, WTF_CSRF_ENABLED=False)


def test_public_endpoints_are_the_allow_list(walk_app):
    endpoints = {rule.endpoint for rule in walk_app.url_map.iter_rules()}
    assert PUBLIC_ENDPOINTS <= endpoints, "the allow-list names endpoints that no longer exist"
    family = {endpoint for endpoint in endpoints if endpoint.startswith("family.")}
    second_step = {"auth.enter_code", "auth.recovery_code", "auth.set_up"}
    assert PUBLIC_ENDPOINTS == {"auth.sign_in", "auth.set_password", "static", "main.healthz"} | second_step | family, \
        "only sign-in (with its second step), set-password, static files, the health check and the family's " \
        "private-link pages are public"


def test_every_other_route_needs_sign_in(walk_app):
    client = walk_app.test_client()
    checked = 0
    for method, url, endpoint in concrete_urls(walk_app):
        if endpoint in PUBLIC_ENDPOINTS:
            continue
        response = client.open(url, method=method)
        assert response.status_code == 303, f"{method} {url} answered {response.status_code} without sign-in"
        assert response.location.startswith("/sign-in"), f"{method} {url} did not send the visitor to sign in"
        checked += 1
    assert checked >= 10, "the walk found too few routes to be checking anything"


def test_sign_out_is_post_only(walk_app):
    assert walk_app.test_client().get("/sign-out").status_code == 405
