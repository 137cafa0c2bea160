"""GOV.UK-style error pages."""

import pytest

from conftest import check_page, make_app, text


@pytest.mark.parametrize("role, url, status, heading", [
    ("coordinator", "/no-such-page", 404, "Page not found"),
    ("social_worker", "/admin/users", 403, "You do not have permission to see this page"),
], ids=["404", "403"])
def test_404_and_403_pages(client, sign_in, role, url, status, heading):
    sign_in(role)
    page = client.page(url, status=status)
    assert page.h1.get_text(strip=True) == heading


def test_405_page(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "Sorry, there is a problem with the service" in text(check_page(response))


def test_400_page_for_a_missing_csrf_token(client):
    response = client.post("/sign-in", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert check_page(response).h1.get_text(strip=True) == "Sorry, this page has expired"


def test_413_page_for_a_huge_request(client):
    response = client.post("/sign-in", data={"email": "a" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    check_page(response)


@pytest.fixture
def failing_app(tmp_path):
    app = make_app(tmp_path, TESTING=False)

    @app.route("/explode")
    def explode():
        raise RuntimeError("a bug")

    @app.route("/too-many")
    def too_many():
        from flask import abort
        abort(429)

    return app


def test_500_page_hides_the_error(failing_app):
    response = failing_app.test_client().get("/explode")
    assert response.status_code == 500
    page = check_page(response)
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert "a bug" not in response.get_data(as_text=True)


def test_429_page(failing_app):
    response = failing_app.test_client().get("/too-many")
    assert response.status_code == 429
    assert check_page(response).h1.get_text(strip=True) == "You have made too many requests"


def test_other_http_errors_keep_their_status(client):
    response = client.get("/static/css/fgc.min.css", headers={"Range": "bytes=99999999-"})
    assert response.status_code == 416
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)


def test_ids_too_big_for_sqlite_are_not_found(client, sign_in):
    sign_in("admin")
    client.page("/admin/users/99999999999999999999", status=404)
    client.page("/admin/users/0", status=404)
    token = client.csrf_token("/")
    assert client.post("/admin/users/99999999999999999999/disable", data={"csrf_token": token}).status_code == 404
