"""The client's address: the connection's, unless it comes from a proxy named in
KLOOF_TRUSTED_PROXIES; then the nearest address in X-Forwarded-For that is not a
trusted proxy. Behind a proxy each client is throttled on its own, and a client
cannot pick its address by sending the header itself."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import Client, RequestFactory, override_settings

from kloof.web import config, secret_throttle
from kloof.web.client import address, throttle_key
from kloof.web.config import SettingsError
from tests.web.factories import PASSWORD, make_user
from tests.web.test_api_world import build_api_world

PROXY = "10.0.0.5"
PROXIES = [ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("fd00::/8")]


def seen(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return address(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_the_header_is_ignored():
    assert seen("192.0.2.7", "198.51.100.1") == "192.0.2.7"


@override_settings(TRUSTED_PROXIES=PROXIES)
@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # One proxy: the address it added.
        (PROXY, "198.51.100.1", "198.51.100.1"),
        # The client sent its own header: its entries stand left and are not believed.
        (PROXY, "203.0.113.66, 198.51.100.1", "198.51.100.1"),
        # Two proxies of ours: the nearest address that is not one of them.
        (PROXY, "198.51.100.1, 10.0.0.9", "198.51.100.1"),
        # Ports and brackets, as some proxies write them; spaces and empty entries.
        (PROXY, " [2001:db8::1]:443 ,", "2001:db8::1"),
        (PROXY, "198.51.100.1:51234", "198.51.100.1"),
        # An IPv4 address in IPv6 form is that IPv4 address (a dual-stack socket).
        ("::ffff:10.0.0.5", "198.51.100.1", "198.51.100.1"),
        # Nothing usable: the last address believed.
        (PROXY, "", PROXY),
        (PROXY, "garbage", PROXY),
        (PROXY, "198.51.100.1, garbage, 10.0.0.9", "10.0.0.9"),
        (PROXY, "10.0.0.7, 10.0.0.9", "10.0.0.7"),
        # Not from a trusted proxy: the header is the client's own word, ignored.
        ("192.0.2.7", "198.51.100.1", "192.0.2.7"),
    ],
)
def test_behind_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(
    remote, forwarded, client
):
    assert seen(remote, forwarded) == client


def test_ipv6_clients_are_throttled_per_64_network_and_ipv4_per_address():
    assert throttle_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert throttle_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert throttle_key("198.51.100.1") == "198.51.100.1"
    assert throttle_key("") == ""


def test_the_setting_takes_addresses_and_networks():
    assert config.networks({}, "KLOOF_TRUSTED_PROXIES") == []  # the default: no proxy
    networks = config.networks(
        {"KLOOF_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,fd00::/8"}, "KLOOF_TRUSTED_PROXIES"
    )
    assert [str(network) for network in networks] == ["127.0.0.1/32", "10.0.0.0/8", "fd00::/8"]


def test_the_setting_refuses_what_is_no_address_in_one_line():
    with pytest.raises(SettingsError) as refused:
        config.networks({"KLOOF_TRUSTED_PROXIES": "10.0.0.1, proxy.local"}, "KLOOF_TRUSTED_PROXIES")
    assert str(refused.value) == (
        "KLOOF_TRUSTED_PROXIES: 'proxy.local' is not a network address — write addresses "
        "or networks separated by commas, such as 127.0.0.1,10.0.0.0/8"
    )


def via_proxy(client_address: str) -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


@pytest.mark.django_db
@override_settings(
    TRUSTED_PROXIES=PROXIES,
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
)
def test_behind_the_proxy_one_clients_guesses_do_not_lock_out_another():
    make_user("ann@example.com", PASSWORD)
    guesser, ann = Client(), Client()
    for _ in range(5):
        guesser.post(
            "/accounts/login/",
            {"username": "ann@example.com", "password": "wrong"},
            **via_proxy("203.0.113.66"),
        )
    locked = guesser.post(
        "/accounts/login/",
        {"username": "ann@example.com", "password": PASSWORD},
        **via_proxy("203.0.113.66"),
    )
    assert "Too many failed log-ins" in locked.content.decode()
    answer = ann.post(
        "/accounts/login/",
        {"username": "ann@example.com", "password": PASSWORD},
        **via_proxy("198.51.100.1"),
    )
    assert answer.status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=PROXIES)
def test_behind_the_proxy_api_guesses_are_counted_per_client():
    build_api_world()
    guesser, other = Client(**via_proxy("203.0.113.66")), Client(**via_proxy("198.51.100.1"))
    for _ in range(secret_throttle.LIMIT):
        guesser.get("/api/cases", HTTP_AUTHORIZATION="Bearer kloof_guess")
    assert guesser.get("/api/cases", HTTP_AUTHORIZATION="Bearer kloof_guess").status_code == 429
    assert other.get("/api/cases", HTTP_AUTHORIZATION="Bearer kloof_typo").status_code == 401
