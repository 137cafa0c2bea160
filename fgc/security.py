"""Response headers, CSRF protection and proxy handling."""

import secrets

from flask import current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()


def _nonce():
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce):
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def set_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    # Same-origin: nothing goes to other sites (a family link's page never tells them where it came from), and
    # this site's own forms carry the Referer that Flask-WTF checks on every POST over HTTPS.
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if current_app.config["HTTPS"]:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if request.endpoint != "static":
        # Pages may hold children's data: never keep them in a cache, and never share
        # one person's page with another.
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "Cookie")
    return response


def template_globals():
    return {"cspNonce": _nonce(), "signed_in": current_user.is_authenticated}


def init_app(app):
    csrf.init_app(app)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.after_request(set_headers)
    app.context_processor(template_globals)
